// The brain behind Amazon Connect: the contact-flow Lambda request types of the prototype
// (spec-D §6) and the Lex V2 code hook, both answered by the same conversation engine as
// the chat API. A Connect contact id (or a Lex session id) maps to exactly one
// conversation: its id is derived from the contact id, so a retried or parallel
// invocation on any node finds the same conversation instead of opening a second one.
//
// Used by POST /api/v1/connect/lambda, POST /api/v1/lex/codehook and the flow simulator
// (in-process), so a flow tested with `aicc flow run` meets the code that serves it.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "connect/contact_center_port.h"
#include "core/clock.h"
#include "core/result.h"
#include "service/chat_service.h"

namespace aicc::connect {

using StringMap = std::map<std::string, std::string>;

// The parts of Connect's Lambda event the handler reads (Details.ContactData and
// Details.Parameters), already checked for shape by the caller.
struct ContactEvent {
  std::string contact_id;
  std::string channel;           // VOICE | CHAT | TASK | EMAIL (empty: VOICE)
  std::string customer_address;  // CustomerEndpoint.Address, e.g. +821012345678
  StringMap attributes;          // ContactData.Attributes
  StringMap parameters;          // Details.Parameters (requestType, userInput, …)
};

// One Lex V2 code-hook invocation, as far as AICC needs it.
struct LexEvent {
  std::string session_id;
  std::string input_transcript;
  std::string invocation_source;        // DialogCodeHook | FulfillmentCodeHook
  std::string locale_id;                // ko_KR, en_US, …
  std::string intent_name;              // sessionState.intent.name
  std::vector<std::string> slot_names;  // the intent's slots (filled or not)
  StringMap session_attributes;
};

// What AICC answers to a Lex turn, before it is written as a Lex V2 response.
struct LexOutcome {
  std::string dialog_action;     // Close | ElicitSlot | ElicitIntent | ConfirmIntent | Delegate
  std::string slot_to_elicit;    // for ElicitSlot
  std::string intent_state;      // Fulfilled | Failed | InProgress | ReadyForFulfillment
  std::string intent_name;       // the Lex intent, unchanged
  std::string message;           // the bot's words; empty for Delegate
  StringMap session_attributes;  // the caller's plus BotResult, aiccConversationId, …
  std::string aicc_intent;       // what AICC's NLU understood
  std::string decision;          // AICC's decision (faq_answer, escalate, …)
};

class ContactEngine {
 public:
  // `chat` is the chat API's service (with its bot); all must outlive the engine.
  ContactEngine(ChatService& chat, ContactCenterPort& center, const Clock& clock);

  // One contact-flow Lambda invocation → the flat string map Connect requires.
  // kInvalidArgument for input no flow can produce (e.g. an over-long message).
  Result<StringMap> lambda(const ContactEvent& event);

  // One Lex V2 code-hook invocation.
  Result<LexOutcome> lex(const LexEvent& event);

  // The conversation of a contact, opened on first use (idempotent per contact id).
  Result<Conversation> conversation_for(const std::string& key, const std::string& channel,
                                        const std::string& customer_address,
                                        const std::string& language = "");

  ContactCenterPort& center() { return center_; }

 private:
  Result<StringMap> converse(const ContactEvent& event, bool voice);
  Result<StringMap> escalate(const ContactEvent& event);
  Result<StringMap> business_hours(const ContactEvent& event);
  Result<StringMap> queue_status(const ContactEvent& event);
  StringMap verify_customer(const ContactEvent& event) const;

  ChatService& chat_;
  ContactCenterPort& center_;
  const Clock& clock_;
};

// The conversation id of an outside session: a UUID (version 8, RFC 9562) made of the
// SHA-256 of `key`, so the same key always names the same conversation.
std::string conversation_id_for(const std::string& key);

// The prototype's escalation priority per intent (spec-D §6.4): HIGH | MEDIUM | LOW.
std::string escalation_priority_for(const std::string& intent);

}  // namespace aicc::connect
