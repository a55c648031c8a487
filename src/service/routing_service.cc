#include "service/routing_service.h"

#include <algorithm>
#include <cctype>

#include "core/utf8.h"
#include "platform/log.h"
#include "routing/scoring.h"
#include "service/escalation_service.h"

namespace aicc {

namespace {

bool valid_disposition(std::string_view d) {
  return !d.empty() && d.size() <= 64 && std::all_of(d.begin(), d.end(), [](char c) {
    return std::islower(static_cast<unsigned char>(c)) ||
           std::isdigit(static_cast<unsigned char>(c)) || c == '_' || c == '-';
  });
}

}  // namespace

RoutingService::RoutingService(Store& store, const routing::LiveQueueSet& queues,
                               const Clock& clock, IdGenerator& ids, RoutingSettings settings)
    : store_(store), queues_(queues), clock_(clock), ids_(ids), settings_(settings) {}

RoutingService::~RoutingService() {
  stop();
}

void RoutingService::start() {
  thread_ = std::thread([this] {
    std::unique_lock lock(run_mu_);
    while (!stopping_) {
      lock.unlock();
      if (auto r = route_once(); !r)
        log::warn("routing pass failed", {{"error", r.error().message}});
      lock.lock();
      run_cv_.wait_for(lock, settings_.interval, [this] { return stopping_; });
    }
  });
}

void RoutingService::stop() {
  {
    std::lock_guard lock(run_mu_);
    stopping_ = true;
  }
  run_cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void RoutingService::changed(const Escalation& e) const {
  if (on_change) on_change(e);
}

bool RoutingService::declined(const std::string& escalation_id, const std::string& agent_id) {
  std::lock_guard lock(declines_mu_);
  auto it = declines_.find(escalation_id);
  return it != declines_.end() && it->second.contains(agent_id);
}

void RoutingService::remember_decline(const std::string& escalation_id,
                                      const std::string& agent_id) {
  std::lock_guard lock(declines_mu_);
  if (declines_.size() > 100000) declines_.clear();  // bounded: it only steers offers
  declines_[escalation_id].insert(agent_id);
}

void RoutingService::watch_sla(const std::vector<Escalation>& queued,
                               const std::vector<Escalation>& offered, TimePoint now) {
  if (!on_sla_breach) return;
  std::set<std::string> still_waiting;
  for (const auto* list : {&queued, &offered})
    for (const auto& e : *list) still_waiting.insert(e.id);
  {
    // Forget the ones no longer waiting, so the set stays as small as the queues.
    std::lock_guard lock(sla_mu_);
    std::erase_if(sla_told_, [&](const std::string& id) { return !still_waiting.count(id); });
  }
  const auto queues = queues_.current();
  for (const auto* list : {&queued, &offered})
    for (const auto& e : *list) {
      const routing::QueueDef* queue = queues->find(e.queue_id);
      if (queue == nullptr) queue = &queues->default_queue();
      const int sla =
          queue->sla_for(static_cast<dialogue::Priority>(std::clamp(e.priority_rank, 1, 4)));
      if (now - e.created_at <= std::chrono::seconds(sla)) continue;
      {
        std::lock_guard lock(sla_mu_);
        if (!sla_told_.insert(e.id).second) continue;
      }
      on_sla_breach(e, sla);
    }
}

Result<int> RoutingService::route_once() {
  const TimePoint now = clock_.now();
  // Offers nobody accepted in time go back to the queue, for another agent.
  auto offered = store_.list_escalations(EscalationState::kOffered, 1000);
  if (!offered) return tl::unexpected(offered.error());
  for (auto& e : *offered) {
    if (!e.offered_at || now - *e.offered_at < settings_.offer_timeout) continue;
    Escalation next = e;
    next.state = EscalationState::kQueued;
    next.agent_id.clear();
    next.offered_at.reset();
    next.updated_at = now;
    auto back =
        store_.update_agent_escalation(next, e.agent_id, {EscalationState::kOffered}, std::nullopt);
    if (!back) continue;  // accepted or moved meanwhile
    remember_decline(e.id, e.agent_id);
    log::info("offer timed out", {{"escalation_id", e.id}, {"agent_id", e.agent_id}});
    changed(*back);
  }

  auto waiting = store_.list_escalations(EscalationState::kQueued, 500);
  if (!waiting) return tl::unexpected(waiting.error());
  watch_sla(*waiting, *offered, now);
  if (waiting->empty()) return 0;
  auto agents = store_.list_agents();
  if (!agents) return tl::unexpected(agents.error());
  auto loads = store_.agent_loads();
  if (!loads) return tl::unexpected(loads.error());
  std::map<std::string, int> load(loads->begin(), loads->end());

  // Measured performance, read once per agent and queue in a pass.
  std::map<std::string, AgentPerformance> measured;
  std::map<std::string, std::optional<int>> queue_handle;
  auto performance_of = [&](const std::string& agent_id, const std::string& queue_id) {
    auto m = measured.find(agent_id);
    if (m == measured.end())
      m = measured
              .emplace(agent_id, store_.agent_performance(agent_id).value_or(AgentPerformance{}))
              .first;
    auto q = queue_handle.find(queue_id);
    if (q == queue_handle.end())
      q = queue_handle
              .emplace(queue_id, store_.average_handle_seconds(queue_id).value_or(std::nullopt))
              .first;
    return routing::performance(
        {m->second.rated, m->second.average_csat, m->second.average_handle_s, q->second});
  };

  int offers = 0;
  const auto queues = queues_.current();
  for (const auto& e : *waiting) {
    const routing::QueueDef* queue = queues->find(e.queue_id);
    if (queue == nullptr) queue = &queues->default_queue();
    std::vector<routing::AgentCandidate> candidates;
    for (const auto& a : *agents) {
      if (!a.user.active || a.profile.state != AgentState::kAvailable ||
          !agent_serves_queue(a, *queue) || declined(e.id, a.user.id))
        continue;
      routing::AgentCandidate c;
      c.user_id = a.user.id;
      c.skills = a.profile.skills;
      c.languages = a.profile.languages;
      c.capacity = a.profile.chat_capacity;
      c.active = load[a.user.id];
      c.idle_since = a.profile.state_since;
      c.performance = performance_of(a.user.id, queue->id);
      candidates.push_back(std::move(c));
    }
    routing::ContactNeeds needs{queue->skills, e.language, e.priority_rank >= 3};
    if (auto customer = store_.get_customer(e.customer_id))
      needs.vip = customer->tier == CustomerTier::kVip || customer->tier == CustomerTier::kPremium;
    auto best = routing::pick(candidates, needs);
    if (!best) continue;
    const auto& agent = candidates[*best];
    auto made = store_.offer_escalation(e.id, agent.user_id, agent.capacity, now);
    if (!made) continue;  // taken by another node, or the agent filled up there
    ++load[agent.user_id];
    ++offers;
    log::info("escalation offered", {{"escalation_id", e.id}, {"agent_id", agent.user_id}});
    changed(*made);
  }
  return offers;
}

Result<std::vector<Escalation>> RoutingService::inbox(const std::string& agent_id) {
  return store_.list_agent_escalations(agent_id);
}

Result<Escalation> RoutingService::own(const std::string& agent_id,
                                       const std::string& escalation_id) {
  auto e = store_.get_escalation(escalation_id);
  if (!e) return tl::unexpected(e.error());
  if (e->agent_id != agent_id)
    return make_error(ErrorCode::kNotFound, "escalation " + escalation_id + " is not yours");
  return e;
}

Result<Escalation> RoutingService::accept(const std::string& agent_id,
                                          const std::string& escalation_id) {
  auto e = own(agent_id, escalation_id);
  if (!e) return tl::unexpected(e.error());
  Escalation next = *e;
  next.state = EscalationState::kAssigned;
  next.assigned_at = clock_.now();
  next.updated_at = *next.assigned_at;
  auto saved = store_.update_agent_escalation(next, agent_id, {EscalationState::kOffered},
                                              ConversationMove{ConversationState::kAssigned, ""});
  if (!saved) return tl::unexpected(saved.error());
  changed(*saved);
  if (on_conversation)
    if (auto conv = store_.get_conversation(saved->conversation_id)) on_conversation(*conv);
  refresh_agent_state(agent_id);
  return saved;
}

Result<Escalation> RoutingService::decline(const std::string& agent_id,
                                           const std::string& escalation_id) {
  auto e = own(agent_id, escalation_id);
  if (!e) return tl::unexpected(e.error());
  Escalation next = *e;
  next.state = EscalationState::kQueued;
  next.agent_id.clear();
  next.offered_at.reset();
  next.updated_at = clock_.now();
  auto saved =
      store_.update_agent_escalation(next, agent_id, {EscalationState::kOffered}, std::nullopt);
  if (!saved) return tl::unexpected(saved.error());
  remember_decline(escalation_id, agent_id);
  changed(*saved);
  return saved;
}

Result<AppendResult> RoutingService::send_message(const std::string& agent_id,
                                                  const std::string& conversation_id,
                                                  const std::string& text,
                                                  const std::optional<std::string>& client_msg_id) {
  const auto length = utf8_length(text);
  if (!length || *length < 1 || *length > 1000)
    return make_error(ErrorCode::kInvalidArgument, "text must be 1–1000 characters of UTF-8",
                      {{"field", "text"}});
  auto latest = store_.latest_escalation(conversation_id);
  if (!latest) return tl::unexpected(latest.error());
  if (!*latest || (*latest)->agent_id != agent_id ||
      ((*latest)->state != EscalationState::kAssigned &&
       (*latest)->state != EscalationState::kWrapUp))
    return make_error(ErrorCode::kConflict,
                      "conversation " + conversation_id + " is not assigned to you",
                      {{"reason", "not_yours"}});
  Message m;
  m.id = ids_.uuid();
  m.conversation_id = conversation_id;
  m.sender = Sender::kAgent;
  m.sender_id = agent_id;
  m.text = text;
  m.client_msg_id = client_msg_id;
  m.created_at = clock_.now();
  auto appended = store_.append_message(m);
  if (!appended) return tl::unexpected(appended.error());
  if (appended->created && on_message) on_message(appended->message);
  return appended;
}

Result<Escalation> RoutingService::wrap_up(const std::string& agent_id,
                                           const std::string& escalation_id,
                                           const std::string& disposition,
                                           const std::string& notes) {
  if (!valid_disposition(disposition))
    return make_error(ErrorCode::kInvalidArgument,
                      "disposition must be 1–64 characters of a-z, 0-9, _ and -",
                      {{"field", "disposition"}});
  const auto length = utf8_length(notes);
  if (!length || *length > 2000)
    return make_error(ErrorCode::kInvalidArgument, "notes must be at most 2000 characters",
                      {{"field", "notes"}});
  auto e = own(agent_id, escalation_id);
  if (!e) return tl::unexpected(e.error());
  Escalation next = *e;
  next.state = EscalationState::kDone;
  next.disposition = disposition;
  next.wrap_up_notes = notes;
  const TimePoint now = clock_.now();
  // From wrap_up the chat had ended already (the conversation is closed).
  const bool chatting = e->state != EscalationState::kWrapUp;
  if (chatting || !next.ended_at) next.ended_at = now;
  next.updated_at = now;
  auto saved = store_.update_agent_escalation(
      next, agent_id, {chatting ? EscalationState::kAssigned : EscalationState::kWrapUp},
      chatting
          ? std::optional<ConversationMove>(ConversationMove{ConversationState::kClosed, "agent"})
          : std::nullopt);
  if (!saved) return tl::unexpected(saved.error());
  changed(*saved);
  if (chatting && on_conversation)
    if (auto conv = store_.get_conversation(saved->conversation_id)) on_conversation(*conv);
  refresh_agent_state(agent_id);
  return saved;
}

Result<Escalation> RoutingService::end_chat(const std::string& agent_id,
                                            const std::string& escalation_id) {
  auto e = own(agent_id, escalation_id);
  if (!e) return tl::unexpected(e.error());
  Escalation next = *e;
  next.state = EscalationState::kWrapUp;
  // The handle time ends with the chat; the wrap-up that follows is after-call work.
  next.ended_at = clock_.now();
  next.updated_at = *next.ended_at;
  auto saved =
      store_.update_agent_escalation(next, agent_id, {EscalationState::kAssigned},
                                     ConversationMove{ConversationState::kClosed, "agent"});
  if (!saved) return tl::unexpected(saved.error());
  changed(*saved);
  if (on_conversation)
    if (auto conv = store_.get_conversation(saved->conversation_id)) on_conversation(*conv);
  refresh_agent_state(agent_id);
  return saved;
}

void RoutingService::refresh_agent_state(const std::string& agent_id) {
  auto agent = store_.get_agent(agent_id);
  if (!agent) return;
  auto work = store_.list_agent_escalations(agent_id);
  if (!work) return;
  int in_hand = 0, wrapping = 0;
  for (const auto& e : *work) {
    if (e.state == EscalationState::kAssigned) ++in_hand;
    if (e.state == EscalationState::kWrapUp) ++wrapping, ++in_hand;
  }
  const auto& p = agent->profile;
  const bool automatic = p.state == AgentState::kAvailable ||
                         (p.state == AgentState::kBusy && p.state_reason == kAtCapacityReason) ||
                         (p.state == AgentState::kAfterCallWork && p.state_reason == kWrapUpReason);
  if (!automatic) return;
  AgentState target = AgentState::kAvailable;
  std::string_view reason = "";
  if (wrapping > 0) {
    target = AgentState::kAfterCallWork;
    reason = kWrapUpReason;
  } else if (in_hand >= p.chat_capacity) {
    target = AgentState::kBusy;
    reason = kAtCapacityReason;
  }
  if (target == p.state && reason == p.state_reason) return;
  auto saved = store_.set_agent_state(agent_id, target, reason, clock_.now());
  if (!saved) {
    log::warn("agent state not updated",
              {{"agent_id", agent_id}, {"error", saved.error().message}});
    return;
  }
  log::info("agent state", {{"agent_id", agent_id},
                            {"state", std::string(to_string(target))},
                            {"reason", std::string(reason)}});
  if (on_agent_state) on_agent_state(*saved);
}

Result<Escalation> RoutingService::transfer(const std::string& agent_id,
                                            const std::string& escalation_id,
                                            const std::string& to_queue,
                                            const std::string& to_agent) {
  if (to_queue.empty() == to_agent.empty())
    return make_error(ErrorCode::kInvalidArgument, "give exactly one of queue and agent",
                      {{"field", to_queue.empty() ? "queue" : "agent"}});
  if (!to_queue.empty() && queues_.current()->find(to_queue) == nullptr)
    return make_error(ErrorCode::kInvalidArgument, "no queue " + to_queue, {{"field", "queue"}});
  std::optional<Agent> target;
  if (!to_agent.empty()) {
    auto a = store_.get_agent(to_agent);
    if (!a) return tl::unexpected(a.error());
    if (to_agent == agent_id)
      return make_error(ErrorCode::kInvalidArgument, "a transfer goes to someone else",
                        {{"field", "agent"}});
    target = std::move(*a);
  }
  auto e = own(agent_id, escalation_id);
  if (!e) return tl::unexpected(e.error());
  Escalation next = *e;
  next.state = EscalationState::kQueued;
  if (!to_queue.empty()) next.queue_id = to_queue;
  next.agent_id.clear();
  next.offered_at.reset();
  next.assigned_at.reset();
  next.updated_at = clock_.now();
  auto queued = store_.update_agent_escalation(next, agent_id, {EscalationState::kAssigned},
                                               ConversationMove{ConversationState::kQueued, ""});
  if (!queued) return tl::unexpected(queued.error());
  remember_decline(escalation_id, agent_id);  // routing does not hand it straight back
  log::info("escalation transferred", {{"escalation_id", escalation_id},
                                       {"from_agent", agent_id},
                                       {"to_queue", queued->queue_id},
                                       {"to_agent", to_agent}});
  changed(*queued);
  if (on_conversation)
    if (auto conv = store_.get_conversation(queued->conversation_id)) on_conversation(*conv);
  refresh_agent_state(agent_id);
  if (!target) return queued;
  auto offered =
      store_.offer_escalation(escalation_id, to_agent, target->profile.chat_capacity, clock_.now());
  if (!offered) return queued;  // full (or routing was faster): it waits in its queue
  changed(*offered);
  return offered;
}

}  // namespace aicc
