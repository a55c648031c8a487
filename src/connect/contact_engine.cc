#include "connect/contact_engine.h"

#include <algorithm>
#include <cctype>
#include <cstdio>

#include <boost/json.hpp>

#include "dialogue/policy.h"
#include "platform/session_token.h"

namespace aicc::connect {

namespace {

// The prototype's texts (spec-D §6.4).
constexpr const char* kVoiceRetry =
    "죄송합니다. 음성을 인식하지 못했습니다. 다시 말씀해 주시겠어요?";
constexpr const char* kGreeting = "안녕하세요! AICC 고객센터입니다. 무엇을 도와드릴까요?";
constexpr const char* kTransfer = "상담원에게 연결해드리겠습니다. 잠시만 기다려 주세요.";
constexpr const char* kAgentsAvailable = "상담원이 대기 중입니다. 바로 연결해드리겠습니다.";
constexpr const char* kAllBusy = "현재 모든 상담원이 통화 중입니다.";
constexpr const char* kOpenNow = "현재 영업시간입니다. 상담원 연결이 가능합니다.";

// Connect's channels, as the conversation channels the chat engine knows.
std::string conversation_channel(const std::string& connect_channel) {
  if (connect_channel == "CHAT") return "chat";
  if (connect_channel == "EMAIL") return "email";
  if (connect_channel == "TASK") return "api";
  return "voice";
}

std::string language_of_locale(const std::string& locale) {
  if (locale.rfind("ko", 0) == 0) return "ko";
  if (locale.rfind("en", 0) == 0) return "en";
  return "";
}

std::string param(const ContactEvent& e, const std::string& key) {
  auto it = e.parameters.find(key);
  return it == e.parameters.end() ? std::string() : it->second;
}

// The prototype's nextAction for AICC's decision (spec-D §6.4, §4.5).
std::string next_action_for(const std::string& decision) {
  if (decision == dialogue::decision::kEscalate) return "escalate";
  if (decision == dialogue::decision::kClarify || decision == dialogue::decision::kOfferAgent)
    return "clarify";
  if (decision == dialogue::decision::kGoodbye) return "end";
  return "continue";
}

// Whether a bot turn finished what the customer came for (the flow may say goodbye).
bool completes(const std::string& decision) {
  return decision == dialogue::decision::kFaqAnswer ||
         decision == dialogue::decision::kIntentReply ||
         decision == dialogue::decision::kScenarioComplete ||
         decision == dialogue::decision::kScenarioCancel ||
         decision == dialogue::decision::kGoodbye;
}

std::string confidence_text(const std::optional<double>& c) {
  if (!c) return "";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4f", *c);
  return buf;
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

// One customer turn through the chat engine: its stored message and the bot's replies.
struct Turn {
  PostedMessage posted;
  Conversation conversation;
  std::string text;      // the replies joined
  std::string decision;  // of the last reply; "" when people handle the conversation
};

Result<Turn> take_turn(ChatService& chat, const Conversation& conv, const std::string& text) {
  auto posted = chat.post_customer_message(conv.id, text, std::nullopt);
  if (!posted) return tl::unexpected(posted.error());
  Turn t{std::move(*posted), conv, "", ""};
  for (const auto& m : t.posted.replies) {
    t.text += (t.text.empty() ? "" : "\n") + m.text;
    t.decision = m.decision;
  }
  if (auto fresh = chat.get(conv.id)) t.conversation = std::move(*fresh);
  return t;
}

// The scenario step a bot message asks for ("" when none): details_json.scenario.step.
std::string scenario_step(const Message& m) {
  boost::system::error_code ec;
  const auto details = boost::json::parse(m.details_json, ec);
  if (ec || !details.is_object()) return "";
  const auto* scenario = details.get_object().if_contains("scenario");
  if (!scenario || !scenario->is_object()) return "";
  const auto* step = scenario->get_object().if_contains("step");
  return step && step->is_string() ? std::string(step->get_string()) : "";
}

}  // namespace

std::string conversation_id_for(const std::string& key) {
  std::string h = session_token_hash("aicc-connect:" + key);    // 64 hex characters
  h[12] = '8';                                                  // version 8
  h[16] = "89ab"[std::stoi(h.substr(16, 1), nullptr, 16) & 3];  // RFC 9562 variant
  return h.substr(0, 8) + "-" + h.substr(8, 4) + "-" + h.substr(12, 4) + "-" + h.substr(16, 4) +
         "-" + h.substr(20, 12);
}

std::string escalation_priority_for(const std::string& intent) {
  if (intent == "complaint" || intent == "payment_inquiry") return "HIGH";
  if (intent == "product_inquiry" || intent == "general_inquiry") return "LOW";
  return "MEDIUM";
}

ContactEngine::ContactEngine(ChatService& chat, ContactCenterPort& center, const Clock& clock)
    : chat_(chat), center_(center), clock_(clock) {}

Result<Conversation> ContactEngine::conversation_for(const std::string& key,
                                                     const std::string& channel,
                                                     const std::string& address,
                                                     const std::string& language) {
  const std::string id = conversation_id_for(key);
  if (auto existing = chat_.get(id)) return existing;
  OpenConversation open;
  open.id = id;
  open.channel = channel;
  open.language = language;
  NewCustomer customer;
  // A caller is one customer across contacts; without a number the contact stands alone.
  customer.external_id = "connect:" + (address.empty() ? key : address);
  customer.phone = address;
  open.customer = customer;
  auto opened = chat_.open(open);
  if (opened) return opened->conversation;
  // Another invocation for the same contact opened it first.
  if (auto existing = chat_.get(id)) return existing;
  return tl::unexpected(opened.error());
}

Result<StringMap> ContactEngine::lambda(const ContactEvent& e) {
  std::string type = param(e, "requestType");
  if (type.empty()) type = "chat";  // the prototype's default
  if (type == "chat") return converse(e, false);
  if (type == "voice") return converse(e, true);
  if (type == "escalation") return escalate(e);
  if (type == "business_hours") return business_hours(e);
  if (type == "queue_status") return queue_status(e);
  if (type == "verify_customer") return verify_customer(e);
  // The prototype answers any other request type with its greeting.
  return StringMap{{"responseText", kGreeting}, {"nextAction", "continue"}};
}

Result<StringMap> ContactEngine::converse(const ContactEvent& e, bool voice) {
  const std::string input = trim_text(param(e, "userInput"));
  if (input.empty())
    return StringMap{{"responseText", voice ? kVoiceRetry : kGreeting},
                     {"nextAction", voice ? "retry" : "continue"}};
  auto conv = conversation_for(e.contact_id, voice ? "voice" : conversation_channel(e.channel),
                               e.customer_address, param(e, "language"));
  if (!conv) return tl::unexpected(conv.error());
  auto turn = take_turn(chat_, *conv, input);
  if (!turn) return tl::unexpected(turn.error());
  const Message& said = turn->posted.message;
  StringMap out{{"conversationId", conv->id},
                {"intent", said.intent},
                {"confidence", confidence_text(said.confidence)},
                {"sentiment", said.sentiment},
                {"decision", turn->decision}};
  const bool queued = turn->conversation.state == ConversationState::kQueued ||
                      turn->conversation.state == ConversationState::kAssigned;
  if (turn->posted.replies.empty() && queued) {
    // People handle the conversation now; the flow should be in the queue.
    out["responseText"] = kTransfer;
    out["nextAction"] = "transfer_to_agent";
    out["botResult"] = "TransferToAgent";
    return out;
  }
  out["responseText"] = turn->text;
  out["nextAction"] = next_action_for(turn->decision);
  if (out["nextAction"] == "escalate") {
    out["escalationReason"] = turn->conversation.escalation_reason;
    out["escalationPriority"] = escalation_priority_for(said.intent);
  }
  out["botResult"] = queued ? "TransferToAgent" : completes(turn->decision) ? "Completed" : "";
  return out;
}

Result<StringMap> ContactEngine::escalate(const ContactEvent& e) {
  auto conv = conversation_for(e.contact_id, conversation_channel(e.channel), e.customer_address);
  if (!conv) return tl::unexpected(conv.error());
  const std::string queue = param(e, "queue");
  auto status = center_.queue_status(queue);
  if (!status) return tl::unexpected(status.error());
  std::string reason = param(e, "escalationReason");
  auto moved = center_.transfer({conv->id, queue, reason.empty() ? "customer_request" : reason,
                                 lower(param(e, "escalationPriority"))});
  if (!moved) return tl::unexpected(moved.error());
  StringMap out{{"conversationId", conv->id},
                {"queue", moved->queue},
                {"queued", moved->accepted ? "true" : "false"},
                {"availableAgents", std::to_string(status->available_agents)}};
  if (status->waiting) out["queueLength"] = std::to_string(*status->waiting);
  if (status->estimated_wait_s)
    out["estimatedWaitSeconds"] = std::to_string(*status->estimated_wait_s);
  if (status->estimated_wait_s && *status->estimated_wait_s > 300) {
    out["responseText"] = "현재 상담 대기 고객이 많아 약 " +
                          std::to_string(*status->estimated_wait_s / 60) +
                          "분 정도 기다리셔야 합니다. 계속 기다리시겠습니까?";
    out["nextAction"] = "confirm_wait";
  } else {
    out["responseText"] = kTransfer;
    out["nextAction"] = "transfer_to_agent";
  }
  return out;
}

Result<StringMap> ContactEngine::business_hours(const ContactEvent& e) {
  auto hours = center_.is_open(param(e, "hours"), clock_.now());
  if (!hours) return tl::unexpected(hours.error());
  if (hours->open)
    return StringMap{{"isBusinessHours", "true"},
                     {"responseText", kOpenNow},
                     {"nextAction", "transfer_to_agent"},
                     {"businessHours", hours->schedule}};
  return StringMap{{"isBusinessHours", "false"},
                   {"responseText", "현재 영업시간이 아닙니다. 영업시간은 " + hours->schedule +
                                        "입니다. 챗봇으로 도움을 드리거나 콜백 예약을 "
                                        "하시겠습니까?"},
                   {"nextAction", "offer_alternatives"},
                   {"businessHours", hours->schedule}};
}

Result<StringMap> ContactEngine::queue_status(const ContactEvent& e) {
  auto status = center_.queue_status(param(e, "queue"));
  if (!status) return tl::unexpected(status.error());
  StringMap out{{"availableAgents", std::to_string(status->available_agents)}};
  if (status->waiting) out["queueLength"] = std::to_string(*status->waiting);
  if (status->estimated_wait_s)
    out["estimatedWaitSeconds"] = std::to_string(*status->estimated_wait_s);
  if (status->available_agents > 0) {
    out["responseText"] = kAgentsAvailable;
    out["nextAction"] = "transfer_to_agent";
  } else {
    out["responseText"] = kAllBusy;
    if (status->estimated_wait_s)
      out["responseText"] +=
          " 예상 대기시간은 약 " + std::to_string(*status->estimated_wait_s / 60) + "분입니다.";
    out["nextAction"] = "queue_wait";
  }
  return out;
}

// The flow's account check (spec-D §4.3): the digits the caller typed must be the last
// four of the number they call from.
StringMap ContactEngine::verify_customer(const ContactEvent& e) const {
  const std::string typed = trim_text(param(e, "customerInput"));
  std::string digits;
  for (char c : e.customer_address)
    if (c >= '0' && c <= '9') digits += c;
  const bool ok =
      typed.size() == 4 && digits.size() >= 4 && digits.compare(digits.size() - 4, 4, typed) == 0;
  return {{"ValidationResult", ok ? "Success" : "Failed"}};
}

Result<LexOutcome> ContactEngine::lex(const LexEvent& e) {
  LexOutcome out;
  out.intent_name = e.intent_name;
  out.session_attributes = e.session_attributes;
  const std::string input = trim_text(e.input_transcript);
  if (input.empty()) {
    // Nothing to understand: let Lex go on with its own dialog.
    out.dialog_action = "Delegate";
    out.intent_state = "InProgress";
    return out;
  }
  // Connect starts a Lex session with the contact id as its session id, so the Lex turns
  // and the Lambda turns of one contact share its conversation.
  auto conv = conversation_for(e.session_id, "voice", "", language_of_locale(e.locale_id));
  if (!conv) return tl::unexpected(conv.error());
  out.session_attributes["aiccConversationId"] = conv->id;
  auto turn = take_turn(chat_, *conv, input);
  if (!turn) return tl::unexpected(turn.error());
  const Message& said = turn->posted.message;
  out.aicc_intent = said.intent;
  out.decision = turn->decision;
  out.message = turn->text;
  if (!out.aicc_intent.empty()) out.session_attributes["aiccIntent"] = out.aicc_intent;
  const bool queued = turn->conversation.state == ConversationState::kQueued ||
                      turn->conversation.state == ConversationState::kAssigned;
  if (queued) {
    out.dialog_action = "Close";
    out.intent_state = "Failed";  // the bot could not finish it: an agent takes over
    out.session_attributes["BotResult"] = "TransferToAgent";
    if (out.message.empty()) out.message = kTransfer;
    return out;
  }
  if (completes(turn->decision) || e.invocation_source == "FulfillmentCodeHook") {
    out.dialog_action = "Close";
    out.intent_state = "Fulfilled";
    out.session_attributes["BotResult"] = "Completed";
    return out;
  }
  out.intent_state = "InProgress";
  if (turn->decision == dialogue::decision::kOfferAgent) {
    out.dialog_action = "ConfirmIntent";  // "shall I connect you to an agent?"
    return out;
  }
  // A scenario asks for its next field: elicit the Lex slot of the same name when the
  // intent has one, else take the answer as a new utterance.
  std::string step;
  if (!turn->posted.replies.empty()) step = scenario_step(turn->posted.replies.back());
  if (!step.empty() &&
      std::find(e.slot_names.begin(), e.slot_names.end(), step) != e.slot_names.end()) {
    out.dialog_action = "ElicitSlot";
    out.slot_to_elicit = step;
  } else {
    out.dialog_action = "ElicitIntent";
  }
  return out;
}

}  // namespace aicc::connect
