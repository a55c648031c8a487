#include "connect/store_contact_center.h"

#include <chrono>

namespace aicc::connect {

HoursCheck default_business_hours(TimePoint at) {
  using namespace std::chrono;
  const auto korea = time_point_cast<seconds>(at) + hours(9);
  const auto day = floor<days>(korea);
  const weekday wd{day};
  const auto hour = duration_cast<hours>(korea - day).count();
  const bool weekend = wd == Saturday || wd == Sunday;
  if (weekend) return {hour >= 10 && hour < 17, "주말 오전 10시부터 오후 5시까지"};
  return {hour >= 9 && hour < 18, "평일 오전 9시부터 오후 6시까지"};
}

Result<HoursCheck> StoreContactCenter::is_open(std::string_view, TimePoint at) {
  return default_business_hours(at);
}

Result<QueueStatus> StoreContactCenter::queue_status(std::string_view) {
  auto agents = store_.list_agents();
  if (!agents) return tl::unexpected(agents.error());
  QueueStatus s;
  for (const auto& a : *agents)
    if (a.profile.state == AgentState::kAvailable) ++s.available_agents;
  return s;
}

Result<TransferOutcome> StoreContactCenter::transfer(const TransferRequest& r) {
  auto conv = store_.get_conversation(r.conversation_id);
  if (!conv) return tl::unexpected(conv.error());
  const std::string queue = r.queue.empty() ? "default" : r.queue;
  if (conv->state == ConversationState::kQueued || conv->state == ConversationState::kAssigned)
    return TransferOutcome{true, queue};
  auto moved =
      store_.transition_conversation(r.conversation_id, ConversationState::kQueued, clock_.now(),
                                     r.reason.empty() ? "customer_request" : r.reason);
  if (!moved) return tl::unexpected(moved.error());
  return TransferOutcome{true, queue};
}

}  // namespace aicc::connect
