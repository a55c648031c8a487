#include "connect/escalation_contact_center.h"

#include <algorithm>

#include "dialogue/escalation.h"

namespace aicc::connect {

routing::QueueDef EscalationContactCenter::queue_for(std::string_view id_or_arn) const {
  const auto slash = id_or_arn.rfind('/');
  const std::string_view id =
      slash == std::string_view::npos ? id_or_arn : id_or_arn.substr(slash + 1);
  const auto queues = queues_.current();
  if (const auto* q = queues->find(id)) return *q;
  return queues->default_queue();
}

Result<HoursCheck> EscalationContactCenter::is_open(std::string_view hours, TimePoint at) {
  const auto q = queue_for(hours);
  return HoursCheck{q.hours.is_open(at), q.hours.describe("ko")};
}

Result<QueueStatus> EscalationContactCenter::queue_status(std::string_view queue) {
  const auto q = queue_for(queue);
  auto agents = store_.list_agents();
  if (!agents) return tl::unexpected(agents.error());
  QueueStatus s;
  s.available_agents =
      static_cast<int>(std::count_if(agents->begin(), agents->end(), [&](const Agent& a) {
        return a.user.active && a.profile.state == AgentState::kAvailable &&
               agent_serves_queue(a, q);
      }));
  auto waiting = store_.count_waiting(q.id);
  if (!waiting) return tl::unexpected(waiting.error());
  s.waiting = *waiting;
  auto handle = store_.average_handle_seconds(q.id);
  if (!handle) return tl::unexpected(handle.error());
  const int per_contact = handle->value_or(EscalationSettings{}.default_handle_s);
  const int servers = std::max(1, s.available_agents);
  s.estimated_wait_s = ((*waiting + servers) / servers) * per_contact;  // behind those waiting
  return s;
}

Result<TransferOutcome> EscalationContactCenter::transfer(const TransferRequest& r) {
  const std::string reason =
      dialogue::is_escalation_reason(r.reason) ? r.reason : std::string("customer_request");
  std::string note = "Amazon Connect";
  if (!r.queue.empty()) note += ": " + r.queue;
  auto view = escalations_.escalate(r.conversation_id, reason, note);
  if (!view) {
    // Already with an agent: the contact is where it should be.
    auto conv = store_.get_conversation(r.conversation_id);
    if (conv && conv->state == ConversationState::kAssigned)
      return TransferOutcome{true, queue_for(r.queue).id};
    return tl::unexpected(view.error());
  }
  return TransferOutcome{!view->callback_offered, view->escalation.queue_id};
}

}  // namespace aicc::connect
