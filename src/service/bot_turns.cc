#include "service/bot_turns.h"

#include <functional>

#include <boost/json.hpp>

#include "nlu/entities/entities.h"
#include "platform/log.h"

namespace aicc {
namespace json = boost::json;

namespace {

constexpr int kMaxAttempts = 4;  // recomputations after a stale-state conflict

bool is_stale_state(const Error& e) {
  if (e.code != ErrorCode::kConflict) return false;
  const auto reason = e.details.find("reason");
  return reason != e.details.end() && reason->second == "stale_bot_state";
}

nlu::Language language_of(const Conversation& c, const bot::BotEngine& bot, std::string_view text) {
  if (c.language == "en") return nlu::Language::kEnglish;
  if (c.language == "ko") return nlu::Language::kKorean;
  return bot.detect_language(text);
}

std::string no_reply_reason(ConversationState state) {
  switch (state) {
    case ConversationState::kQueued:
      return "waiting_for_agent";
    case ConversationState::kAssigned:
      return "agent_handling";
    default:
      return "conversation_" + std::string(to_string(state));
  }
}

}  // namespace

BotTurns::BotTurns(Store& store, const bot::BotEngine& bot, const Clock& clock, IdGenerator& ids,
                   FaqService* faq, ActionSender* actions)
    : store_(store), bot_(bot), clock_(clock), ids_(ids), faq_(faq), actions_(actions) {}

std::mutex& BotTurns::lock_for(const std::string& conversation_id) {
  return stripes_[std::hash<std::string>{}(conversation_id) % stripes_.size()];
}

dialogue::Understanding BotTurns::analyze(Message& m) const {
  dialogue::Understanding u = bot_.understand(m.text, m.created_at);
  m.intent = u.intent.intent;
  m.confidence = u.intent.confidence;
  m.entities_json = nlu::entities_to_json(u.entities);
  m.sentiment = u.sentiment.label;
  // Card and resident registration numbers are never stored in clear (PRODUCT.md §3).
  std::vector<nlu::Entity> sensitive;
  for (const auto& e : u.entities)
    if (e.sensitive) sensitive.push_back(e);
  if (!sensitive.empty()) m.text = nlu::mask_sensitive(m.text, sensitive);
  return u;
}

Result<Message> BotTurns::welcome(const Conversation& conversation) {
  const auto language =
      conversation.language == "en" ? nlu::Language::kEnglish : nlu::Language::kKorean;
  const auto d = bot_.welcome(language);
  Message m;
  m.id = ids_.uuid();
  m.conversation_id = conversation.id;
  m.sender = Sender::kBot;
  m.text = d.text;
  m.client_msg_id = "aicc:welcome";
  m.decision = d.decision;
  m.reason = d.reason;
  m.details_json = d.details_json;
  m.created_at = clock_.now();
  auto appended = store_.append_message(m);
  if (!appended) return tl::unexpected(appended.error());
  return appended->message;
}

// The bot's reply to `customer` from the conversation as it is stored: the decision, the
// reply message and the patch that saves the new dialogue state with it.
BotTurns::Plan BotTurns::plan(const Conversation& conv, const Customer& customer_record,
                              const Message& customer, const dialogue::Understanding& u) const {
  dialogue::TurnInput in;
  in.text = customer.text;
  in.nlu = u;
  in.language = language_of(conv, bot_, customer.text);
  auto state = dialogue::dialogue_state_from_json(conv.bot_state);
  if (!state) {
    log::warn("bot state unreadable; starting over",
              {{"conversation_id", conv.id}, {"error", state.error().message}});
    state = dialogue::DialogueState{};
  }
  in.state = std::move(*state);
  in.vip =
      customer_record.tier == CustomerTier::kVip || customer_record.tier == CustomerTier::kPremium;
  in.message_count = conv.message_count;
  in.now = clock_.now();
  Plan p{bot_.decide(in), {}, {}, in.language};
  const dialogue::TurnDecision& d = p.decision;

  Message& m = p.reply;
  m.id = ids_.uuid();
  m.conversation_id = conv.id;
  m.sender = Sender::kBot;
  m.text = d.text;
  m.client_msg_id = reply_key(customer);
  m.intent = u.intent.intent;
  m.confidence = u.intent.confidence;
  m.sentiment = u.sentiment.label;
  m.decision = d.decision;
  m.reason = d.reason;
  m.details_json = d.details_json;
  m.created_at = in.now;

  ConversationPatch& patch = p.patch;
  patch.expected_bot_version = conv.bot_version;
  patch.bot_state = dialogue::to_json(d.next);
  if (conv.language.empty()) patch.language = std::string(nlu::language_code(in.language));
  if (d.escalation) {
    patch.state = ConversationState::kQueued;
    patch.escalation_reason = d.escalation->reason;
    patch.escalation_priority = d.escalation->priority;
  } else if (d.close) {
    patch.state = ConversationState::kClosed;
    patch.close_reason = "bot_goodbye";
  }
  return p;
}

// What follows a stored reply: the FAQ miss, the scenario's completion action, the
// changed conversation and the bot's escalation record.
void BotTurns::after_reply(const Message& customer, const Conversation& conv, const Plan& p,
                           AppendResult appended, BotReplyOutcome& out) {
  const dialogue::TurnDecision& d = p.decision;
  out.bot_active = true;
  out.replies.push_back(std::move(appended.message));
  if (!appended.created) return;
  if (d.faq_miss) record_faq_miss(customer, p.language, *d.faq_miss);
  if (auto st = carry_out(conv, d); !st)
    log::error("scenario completion action failed",
               {{"conversation_id", conv.id}, {"error", st.error().message}});
  if (p.patch.state) {
    auto changed = store_.get_conversation(conv.id);
    if (changed) out.conversation_changed = std::move(*changed);
  }
  // The reply and the queued state are durable; the record follows (idempotent: a
  // retry or another node finds the open one). A failure leaves the conversation
  // queued with its reason, and the customer's escalate call creates the record.
  if (d.escalation && escalations_ != nullptr && out.conversation_changed) {
    auto e = escalations_->record_bot_escalation(*out.conversation_changed);
    if (!e)
      log::error("escalation record not created",
                 {{"conversation_id", conv.id}, {"error", e.error().message}});
    else if (e->callback_offered && !e->message.empty())
      tell_callback(conv, p.reply.client_msg_id.value_or(""), *e, out);
  }
}

Result<BotReplyOutcome> BotTurns::reply(const Message& customer, bool created,
                                        const dialogue::Understanding& u) {
  BotReplyOutcome out;
  std::lock_guard lock(lock_for(customer.conversation_id));
  if (!created) {
    auto existing =
        store_.find_message_by_client_msg_id(customer.conversation_id, reply_key(customer));
    if (!existing) return tl::unexpected(existing.error());
    if (*existing) {
      out.bot_active = true;
      out.replies.push_back(std::move(**existing));
      return out;
    }
  }
  for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
    auto conv = store_.get_conversation(customer.conversation_id);
    if (!conv) return tl::unexpected(conv.error());
    if (conv->state != ConversationState::kBot) {
      out.reason = no_reply_reason(conv->state);
      return out;
    }
    auto customer_record = store_.get_customer(conv->customer_id);
    if (!customer_record) return tl::unexpected(customer_record.error());
    const Plan p = plan(*conv, *customer_record, customer, u);
    auto appended = store_.append_message_and_update(p.reply, p.patch);
    if (!appended) {
      if (is_stale_state(appended.error()))
        continue;  // another turn (another node) moved
                   // the state: decide again
      return tl::unexpected(appended.error());
    }
    after_reply(customer, *conv, p, std::move(*appended), out);
    return out;
  }
  return make_error(ErrorCode::kUnavailable,
                    "the conversation changed too often to answer; retry the message",
                    {{"reason", "turn_contention"}});
}

Result<BotTurnOutcome> BotTurns::turn(const Message& customer, const dialogue::Understanding& u) {
  std::unique_lock lock(lock_for(customer.conversation_id));
  // Decided from the conversation as it will be once the customer's message is appended
  // (the turns of a conversation are serialised here, so only another node can move it
  // meanwhile — the reply's optimistic lock catches that).
  std::optional<Plan> p;
  std::optional<Conversation> conv;
  if (one_commit_) {
    if (auto c = store_.get_conversation(customer.conversation_id);
        c && c->state == ConversationState::kBot) {
      if (auto who = store_.get_customer(c->customer_id)) {
        conv = std::move(*c);
        conv->message_count += 1;  // the customer's message comes first
        p = plan(*conv, *who, customer, u);
      }
    }
  }
  BotTurnOutcome out;
  if (p) {
    auto stored = store_.append_turn(customer, p->reply, p->patch);
    if (!stored) return tl::unexpected(stored.error());
    out.customer = std::move(stored->customer);
    if (stored->reply) {
      after_reply(out.customer.message, *conv, *p, std::move(*stored->reply), out.reply);
      return out;
    }
  } else {
    // Not the bot's conversation (or not readable): the message alone; reply() below
    // says why there is no answer, or reports the error.
    auto stored = store_.append_message(customer);
    if (!stored) return tl::unexpected(stored.error());
    out.customer = std::move(*stored);
  }
  lock.unlock();
  // The customer's message is stored but the reply is not: a retry of an earlier message
  // (answered by its stored reply), a state another node moved, or no bot turn at all.
  const Message& stored_customer = out.customer.message;
  dialogue::Understanding understanding = u;
  if (!out.customer.created) {
    Message original = stored_customer;
    understanding = analyze(original);
  }
  auto r = reply(stored_customer, out.customer.created, understanding);
  if (!r) return tl::unexpected(r.error());
  out.reply = std::move(*r);
  return out;
}

// Outside the queue's hours, or with the queue full, nobody will pick the conversation up
// soon: the customer is told so and offered a callback, right after the bot's hand-over
// reply (idempotent by its own key, so a retried turn does not say it twice).
void BotTurns::tell_callback(const Conversation& conversation, const std::string& reply_key,
                             const EscalationView& view, BotReplyOutcome& out) {
  Message m;
  m.id = ids_.uuid();
  m.conversation_id = conversation.id;
  m.sender = Sender::kBot;
  m.text = view.message;
  m.client_msg_id = reply_key + ":callback";
  m.decision = "callback_offer";
  m.reason = view.escalation.state == EscalationState::kCallbackOffered ? "no_agent_soon" : "";
  m.details_json = json::serialize(json::object{{"escalation",
                                                 {{"reference", view.escalation.reference},
                                                  {"queue", view.queue_name},
                                                  {"callback_offered", true}}}});
  m.created_at = clock_.now();
  auto appended = store_.append_message(m);
  if (!appended) {
    log::error("callback offer not stored",
               {{"conversation_id", conversation.id}, {"error", appended.error().message}});
    return;
  }
  out.replies.push_back(appended->message);
}

// The reply is stored whatever happens here: the log is analytics, not part of the turn.
void BotTurns::record_faq_miss(const Message& customer, nlu::Language language,
                               const dialogue::FaqMiss& miss) {
  if (faq_ == nullptr) return;
  if (auto st = faq_->record_unanswered(customer.text, language, customer.conversation_id,
                                        miss.best_id, miss.best_confidence);
      !st)
    log::warn("unanswered FAQ query not recorded",
              {{"conversation_id", customer.conversation_id}, {"error", st.error().message}});
}

// The completion action of a finished scenario: "record" stores the answers as a scenario
// record; "webhook" queues a POST of them (ActionSender, off the request path); "lookup" is
// for a shop's own order system and is not used by the default bot.
Status BotTurns::carry_out(const Conversation& conversation, const dialogue::TurnDecision& d) {
  if (d.action_json.empty()) return {};
  boost::system::error_code ec;
  json::value action = json::parse(d.action_json, ec);
  if (ec || !action.is_object()) return make_error(ErrorCode::kInternal, "bad action JSON");
  const auto& o = action.as_object();
  const auto* type = o.if_contains("type");
  if (type && type->is_string() && type->as_string() == "webhook") {
    const auto* url = o.if_contains("url");
    if (!url || !url->is_string()) return make_error(ErrorCode::kInternal, "webhook without url");
    json::object body;
    body["event"] = "scenario.completed";
    body["conversation_id"] = conversation.id;
    body["scenario_id"] = d.scenario_id;
    body["slots"] = o.contains("slots") ? o.at("slots") : json::object();
    body["completed_at"] = format_iso8601(clock_.now());
    if (actions_ == nullptr)
      return make_error(ErrorCode::kUnavailable, "no action sender: webhook not delivered");
    if (!actions_->post(std::string(url->as_string()), json::serialize(body)))
      return make_error(ErrorCode::kUnavailable, "webhook queue full");
    return {};
  }
  if (!type || !type->is_string() || type->as_string() != "record") return {};
  ScenarioRecord record;
  record.id = ids_.uuid();
  record.conversation_id = conversation.id;
  record.scenario_id = d.scenario_id;
  const auto* kind = o.if_contains("kind");
  record.kind = kind && kind->is_string() ? std::string(kind->as_string()) : d.scenario_id;
  const auto* slots = o.if_contains("slots");
  record.slots_json = slots ? json::serialize(*slots) : "{}";
  record.created_at = clock_.now();
  auto created = store_.create_scenario_record(record);
  if (!created) return tl::unexpected(created.error());
  return {};
}

}  // namespace aicc
