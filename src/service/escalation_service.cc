#include "service/escalation_service.h"

#include <algorithm>

#include "core/utf8.h"
#include "dialogue/escalation.h"
#include "platform/log.h"

namespace aicc {

namespace {

constexpr std::size_t kMaxNote = 500;  // code points

const std::vector<EscalationState> kWaiting = {EscalationState::kQueued, EscalationState::kOffered,
                                               EscalationState::kCallbackOffered};

std::string language_of(const Conversation& c) {
  return c.language == "en" ? "en" : "ko";
}

int rank_of(std::string_view priority) {
  for (auto p : {dialogue::Priority::kLow, dialogue::Priority::kMedium, dialogue::Priority::kHigh,
                 dialogue::Priority::kCritical})
    if (dialogue::to_string(p) == priority) return static_cast<int>(p);
  return static_cast<int>(dialogue::Priority::kMedium);
}

}  // namespace

bool agent_serves_queue(const Agent& a, const routing::QueueDef& q) {
  const auto& p = a.profile;
  if (!p.queues.empty() && std::find(p.queues.begin(), p.queues.end(), q.id) == p.queues.end())
    return false;
  if (q.skills.empty()) return true;
  return std::any_of(p.skills.begin(), p.skills.end(), [&](const AgentSkill& s) {
    return std::find(q.skills.begin(), q.skills.end(), s.name) != q.skills.end();
  });
}

EscalationService::EscalationService(Store& store, const routing::LiveQueueSet& queues,
                                     const Clock& clock, IdGenerator& ids,
                                     EscalationSettings settings)
    : store_(store), queues_(queues), clock_(clock), ids_(ids), settings_(settings) {}

void EscalationService::changed(const Escalation& e) const {
  if (on_change) on_change(e);
}

Result<EscalationView> EscalationService::escalate(const std::string& conversation_id,
                                                   const std::string& reason,
                                                   const std::string& note) {
  if (!dialogue::is_escalation_reason(reason))
    return make_error(ErrorCode::kInvalidArgument,
                      "reason must be one of complex_inquiry, complaint, technical_support, "
                      "payment_issue, urgent_matter, bot_limitation, customer_request, "
                      "system_error",
                      {{"field", "reason"}});
  const auto length = utf8_length(note);
  if (!length || *length > kMaxNote || note.find('\0') != std::string::npos)
    return make_error(ErrorCode::kInvalidArgument,
                      "note must be valid UTF-8 of at most 500 characters", {{"field", "note"}});
  auto conv = store_.get_conversation(conversation_id);
  if (!conv) return tl::unexpected(conv.error());
  auto customer = store_.get_customer(conv->customer_id);
  if (!customer) return tl::unexpected(customer.error());
  const bool vip = customer->tier == CustomerTier::kVip || customer->tier == CustomerTier::kPremium;
  const auto priority = dialogue::priority_for(reason, vip, conv->message_count,
                                               settings_.long_conversation_messages);
  return create(*conv, reason, std::string(dialogue::to_string(priority)), note);
}

Result<EscalationView> EscalationService::record_bot_escalation(const Conversation& conversation) {
  if (conversation.escalation_reason.empty())
    return make_error(ErrorCode::kFailedPrecondition, "the bot did not escalate this conversation");
  return create(
      conversation, conversation.escalation_reason,
      conversation.escalation_priority.empty() ? "medium" : conversation.escalation_priority, "");
}

Result<EscalationView> EscalationService::create(const Conversation& conversation,
                                                 const std::string& reason,
                                                 const std::string& priority,
                                                 const std::string& note) {
  // An open escalation is the answer to a repeated request (or a retry after a crash).
  if (auto latest = store_.latest_escalation(conversation.id); !latest) {
    return tl::unexpected(latest.error());
  } else if (*latest && is_open((*latest)->state)) {
    return view(std::move(**latest), false, *queues_.current());
  }
  std::optional<ConversationMove> move;
  if (conversation.state == ConversationState::kBot) {
    move = ConversationMove{ConversationState::kQueued, ""};
  } else if (conversation.state != ConversationState::kQueued) {
    const std::string state(to_string(conversation.state));
    return make_error(ErrorCode::kConflict,
                      "conversation " + conversation.id + " is " + state + ": nothing to escalate",
                      {{"state", state}});
  }
  const TimePoint now = clock_.now();
  const int rank = rank_of(priority);
  const auto queues = queues_.current();
  const auto& queue = queues->select(reason, static_cast<dialogue::Priority>(rank));
  Escalation e;
  e.id = ids_.uuid();
  e.reference = ids_.escalation_reference();
  e.conversation_id = conversation.id;
  e.customer_id = conversation.customer_id;
  e.reason = reason;
  e.priority = priority;
  e.priority_rank = rank;
  e.queue_id = queue.id;
  e.language = language_of(conversation);
  e.note = note;
  e.created_at = now;
  e.updated_at = now;
  // Outside the queue's hours, or with the queue full, the customer is offered a
  // callback instead of a wait that would not end.
  bool offer_callback = !queue.hours.is_open(now);
  if (!offer_callback) {
    auto waiting = store_.count_waiting(queue.id);
    if (!waiting) return tl::unexpected(waiting.error());
    offer_callback = *waiting >= queue.max_size;
  }
  if (offer_callback) e.state = EscalationState::kCallbackOffered;
  auto created = store_.create_escalation(e, move);
  if (!created) {
    // Another request (another node) opened one first: answer with that one.
    if (created.error().code == ErrorCode::kConflict && created.error().details.count("reason") &&
        created.error().details.at("reason") == "open_escalation") {
      auto latest = store_.latest_escalation(conversation.id);
      if (latest && *latest) return view(std::move(**latest), false, *queues);
    }
    return tl::unexpected(created.error());
  }
  log::info("escalation created", {{"conversation_id", e.conversation_id},
                                   {"escalation_id", e.id},
                                   {"reason", e.reason},
                                   {"priority", e.priority},
                                   {"queue", e.queue_id},
                                   {"state", std::string(to_string(e.state))}});
  changed(*created);
  return view(std::move(*created), true, *queues);
}

Result<Escalation> EscalationService::open_or_latest(const std::string& conversation_id) {
  auto latest = store_.latest_escalation(conversation_id);
  if (!latest) return tl::unexpected(latest.error());
  if (!*latest) {
    if (auto conv = store_.get_conversation(conversation_id); !conv)
      return tl::unexpected(conv.error());
    return make_error(ErrorCode::kNotFound,
                      "conversation " + conversation_id + " has no escalation");
  }
  return std::move(**latest);
}

Result<EscalationView> EscalationService::status(const std::string& conversation_id) {
  auto e = open_or_latest(conversation_id);
  if (!e) return tl::unexpected(e.error());
  return view(std::move(*e), false, *queues_.current());
}

Result<EscalationView> EscalationService::cancel(const std::string& conversation_id) {
  auto e = open_or_latest(conversation_id);
  if (!e) return tl::unexpected(e.error());
  const auto queues = queues_.current();
  auto refuse = [&](const Escalation& current) -> Result<EscalationView> {
    const std::string state(to_string(current.state));
    return make_error(ErrorCode::kConflict, queues->text("cannot_cancel", current.language),
                      {{"reason", agent_has_it(current.state) ? "agent_working" : "not_pending"},
                       {"state", state}});
  };
  if (std::find(kWaiting.begin(), kWaiting.end(), e->state) == kWaiting.end()) return refuse(*e);
  Escalation next = *e;
  next.state = EscalationState::kCancelled;
  next.updated_at = clock_.now();
  next.ended_at = next.updated_at;
  auto saved =
      store_.update_escalation(next, kWaiting, ConversationMove{ConversationState::kBot, ""});
  if (!saved) {
    // An agent took it in the meantime: the same refusal, with the state it has now.
    if (saved.error().code == ErrorCode::kConflict && saved.error().details.count("state")) {
      auto now = store_.get_escalation(e->id);
      if (now) return refuse(*now);
    }
    return tl::unexpected(saved.error());
  }
  changed(*saved);
  auto v = view(std::move(*saved), false, *queues);
  if (v) v->message = queues->text("cancelled", v->escalation.language);
  return v;
}

Result<EscalationView> EscalationService::request_callback(const std::string& conversation_id,
                                                           const std::string& phone) {
  const auto normalized = routing::normalize_callback_phone(phone);
  if (!normalized)
    return make_error(ErrorCode::kInvalidArgument,
                      "phone must be a Korean phone number such as 010-1234-5678",
                      {{"field", "phone"}});
  auto e = open_or_latest(conversation_id);
  if (!e) return tl::unexpected(e.error());
  if (std::find(kWaiting.begin(), kWaiting.end(), e->state) == kWaiting.end()) {
    const std::string state(to_string(e->state));
    return make_error(ErrorCode::kConflict,
                      "escalation " + e->reference + " is " + state + ": no callback to arrange",
                      {{"state", state}});
  }
  Escalation next = *e;
  next.state = EscalationState::kCallback;
  next.callback_phone = *normalized;
  next.updated_at = clock_.now();
  next.ended_at = next.updated_at;
  auto saved =
      store_.update_escalation(next, kWaiting, ConversationMove{ConversationState::kBot, ""});
  if (!saved) return tl::unexpected(saved.error());
  changed(*saved);
  const auto queues = queues_.current();
  auto v = view(std::move(*saved), false, *queues);
  if (v)
    v->message = queues->text("callback_recorded", v->escalation.language,
                              {{"phone", *normalized}, {"reference", v->escalation.reference}});
  return v;
}

Result<EscalationView> EscalationService::rate(const std::string& conversation_id, int score) {
  if (score < 1 || score > 5)
    return make_error(ErrorCode::kInvalidArgument, "score must be a whole number from 1 to 5",
                      {{"field", "score"}});
  auto e = open_or_latest(conversation_id);
  if (!e) return tl::unexpected(e.error());
  if (e->state != EscalationState::kDone || e->csat) {
    const std::string state(to_string(e->state));
    return make_error(ErrorCode::kConflict,
                      e->csat ? "this conversation has been rated already"
                              : "the agent has not finished: nothing to rate yet",
                      {{"reason", e->csat ? "already_rated" : "not_done"}, {"state", state}});
  }
  Escalation next = *e;
  next.csat = score;
  next.updated_at = clock_.now();
  auto saved = store_.update_escalation(next, {EscalationState::kDone}, std::nullopt);
  if (!saved) return tl::unexpected(saved.error());
  changed(*saved);
  return view(std::move(*saved), false, *queues_.current());
}

Result<EscalationView> EscalationService::view(Escalation e, bool created,
                                               const routing::QueueSet& queues) {
  EscalationView v;
  v.created = created;
  const routing::QueueDef* queue = queues.find(e.queue_id);
  if (queue == nullptr) queue = &queues.default_queue();  // a queue removed since
  v.queue_name = queue->name.at(e.language == "en" ? "en" : "ko");
  auto standing = store_.queue_standing(e.id);
  if (!standing) return tl::unexpected(standing.error());
  v.standing = *standing;
  auto agents = store_.list_agents();
  if (!agents) return tl::unexpected(agents.error());
  v.available_agents =
      static_cast<int>(std::count_if(agents->begin(), agents->end(), [&](const Agent& a) {
        return a.user.active && a.profile.state == AgentState::kAvailable &&
               agent_serves_queue(a, *queue);
      }));
  auto measured = store_.average_handle_seconds(queue->id);
  if (!measured) return tl::unexpected(measured.error());
  v.average_handle_s = measured->value_or(settings_.default_handle_s);
  // Each available agent takes one waiting customer per handle time; with nobody
  // available the line moves at one agent's pace at best.
  if (v.standing.position > 0) {
    const int servers = std::max(1, v.available_agents);
    v.estimated_wait_s = ((v.standing.position + servers - 1) / servers) * v.average_handle_s;
  }
  v.callback_offered = e.state == EscalationState::kCallbackOffered;
  const std::string lang = e.language == "en" ? "en" : "ko";
  if (v.callback_offered) {
    const bool closed = !queue->hours.is_open(e.created_at);
    v.message =
        closed ? queues.text("after_hours", lang,
                             {{"hours", queue->hours.describe(lang)}, {"reference", e.reference}})
               : queues.text("queue_full", lang, {{"reference", e.reference}});
  } else if (e.state == EscalationState::kQueued || e.state == EscalationState::kOffered) {
    const char* line = e.priority_rank >= 4   ? "priority_critical"
                       : e.priority_rank == 3 ? "priority_high"
                                              : "priority_other";
    v.message =
        queues.text("received", lang,
                    {{"reference", e.reference},
                     {"wait_minutes", std::to_string(std::max(1, (v.estimated_wait_s + 59) / 60))},
                     {"priority_line", queues.text(line, lang)}});
  }
  v.escalation = std::move(e);
  return v;
}

}  // namespace aicc
