#include "api/schemas.h"

namespace aicc::api {

const boost::json::object& core_schemas();

const boost::json::object& component_schemas() {
  static const boost::json::object schemas = [] {
    boost::json::object all = core_schemas();
    for (const auto& item : people_schemas()) all.insert(item);
    for (const auto& item : escalation_schemas()) all.insert(item);
    for (const auto& item : desk_schemas()) all.insert(item);
    for (const auto& item : admin_schemas()) all.insert(item);
    for (const auto& item : channel_schemas()) all.insert(item);
    return all;
  }();
  return schemas;
}

const boost::json::object& core_schemas() {
  static const boost::json::object schemas = boost::json::parse(R"json({
  "ConnectLambdaEvent": {
    "type": "object", "required": ["Details"],
    "description": "The event Amazon Connect sends from an Invoke AWS Lambda function block.",
    "properties": {
      "Name": {"type": "string", "enum": ["ContactFlowEvent"]},
      "Details": {"type": "object", "required": ["ContactData"], "properties": {
        "ContactData": {"type": "object", "required": ["ContactId"], "properties": {
          "ContactId": {"type": "string"},
          "Channel": {"type": "string", "enum": ["VOICE", "CHAT", "TASK", "EMAIL"]},
          "CustomerEndpoint": {"type": "object", "properties": {"Address": {"type": "string"}}},
          "Attributes": {"type": "object", "additionalProperties": {"type": "string"}}}},
        "Parameters": {"type": "object", "additionalProperties": {"type": "string"},
          "example": {"requestType": "chat", "userInput": "배송 조회하고 싶어요"}}}}}
  },
  "ConnectLambdaResult": {
    "type": "object", "additionalProperties": {"type": "string"},
    "description": "Flat string map (Connect refuses nesting): responseText, nextAction (continue | clarify | escalate | end | retry | transfer_to_agent | confirm_wait | queue_wait | offer_alternatives), intent, confidence, decision, conversationId, isBusinessHours, businessHours, availableAgents, ValidationResult, …",
    "example": {"responseText": "…", "nextAction": "continue", "intent": "order_status", "confidence": "0.9100"}
  },
  "LexCodeHookEvent": {
    "type": "object", "required": ["sessionId", "invocationSource", "bot", "sessionState"],
    "description": "The Amazon Lex V2 Lambda input event (messageVersion 1.0).",
    "properties": {
      "messageVersion": {"type": "string", "enum": ["1.0"]},
      "invocationSource": {"type": "string", "enum": ["DialogCodeHook", "FulfillmentCodeHook"]},
      "inputMode": {"type": "string"},
      "sessionId": {"type": "string"},
      "inputTranscript": {"type": "string"},
      "bot": {"type": "object", "required": ["localeId"], "properties": {"localeId": {"type": "string"}, "name": {"type": "string"}}},
      "sessionState": {"type": "object", "required": ["intent"], "properties": {
        "intent": {"type": "object", "required": ["name"], "properties": {"name": {"type": "string"}, "slots": {"type": "object"}, "state": {"type": "string"}}},
        "sessionAttributes": {"type": "object", "additionalProperties": {"type": "string"}}}}}
  },
  "LexCodeHookResponse": {
    "type": "object", "required": ["sessionState"],
    "properties": {
      "sessionState": {"type": "object", "properties": {
        "dialogAction": {"type": "object", "properties": {
          "type": {"type": "string", "enum": ["Close", "ElicitSlot", "ElicitIntent", "ConfirmIntent", "Delegate"]},
          "slotToElicit": {"type": "string"}}},
        "intent": {"type": "object", "properties": {"name": {"type": "string"}, "state": {"type": "string", "enum": ["Fulfilled", "Failed", "InProgress", "ReadyForFulfillment"]}, "slots": {"type": "object"}, "confirmationState": {"type": "string"}}},
        "sessionAttributes": {"type": "object", "additionalProperties": {"type": "string"}}}},
      "messages": {"type": "array", "items": {"type": "object", "properties": {"contentType": {"type": "string", "enum": ["PlainText"]}, "content": {"type": "string"}}}}}
  },
  "Error": {
    "type": "object", "required": ["error"],
    "properties": {"error": {"type": "object", "required": ["code", "message", "details"],
      "properties": {
        "code": {"type": "string", "example": "invalid_request"},
        "message": {"type": "string"},
        "details": {"type": "object", "additionalProperties": {"type": "string"}}}}}
  },
  "Customer": {
    "type": "object",
    "properties": {
      "id": {"type": "string", "format": "uuid"},
      "external_id": {"type": "string", "nullable": true},
      "name": {"type": "string", "nullable": true},
      "phone": {"type": "string", "nullable": true},
      "email": {"type": "string", "nullable": true},
      "tier": {"type": "string", "enum": ["regular", "vip", "premium", "corporate"]},
      "language": {"type": "string", "nullable": true, "enum": ["ko", "en", null]},
      "tags": {"type": "array", "items": {"type": "string"}},
      "escalation_count": {"type": "integer"},
      "satisfaction": {"type": "number", "nullable": true},
      "created_at": {"type": "string", "format": "date-time"},
      "updated_at": {"type": "string", "format": "date-time"}}
  },
  "NewCustomer": {
    "type": "object", "additionalProperties": false,
    "properties": {
      "external_id": {"type": "string", "maxLength": 128,
                      "description": "Your own id for the customer; an existing customer with it is reused."},
      "name": {"type": "string", "maxLength": 200},
      "phone": {"type": "string", "maxLength": 40},
      "email": {"type": "string", "maxLength": 254},
      "tier": {"type": "string", "enum": ["regular", "vip", "premium", "corporate"]},
      "language": {"type": "string", "enum": ["ko", "en"]}}
  },
  "Conversation": {
    "type": "object",
    "properties": {
      "id": {"type": "string", "format": "uuid"},
      "customer_id": {"type": "string", "format": "uuid"},
      "channel": {"type": "string", "enum": ["web", "voice", "api", "chat", "sms", "email", "messenger", "kakao"]},
      "language": {"type": "string", "nullable": true},
      "state": {"type": "string", "enum": ["bot", "queued", "assigned", "closed", "abandoned"]},
      "close_reason": {"type": "string", "nullable": true},
      "message_count": {"type": "integer"},
      "created_at": {"type": "string", "format": "date-time"},
      "updated_at": {"type": "string", "format": "date-time"},
      "last_activity_at": {"type": "string", "format": "date-time"},
      "closed_at": {"type": "string", "format": "date-time", "nullable": true},
      "escalation": {"type": "object", "nullable": true,
                     "description": "Set when the bot handed the conversation to people.",
                     "properties": {
                       "reason": {"type": "string", "enum": ["customer_request", "complaint", "technical_support", "payment_issue", "urgent_matter", "bot_limitation", "complex_inquiry", "system_error"]},
                       "priority": {"type": "string", "enum": ["low", "medium", "high", "critical"]}}}}
  },
  "Message": {
    "type": "object",
    "properties": {
      "id": {"type": "string", "format": "uuid"},
      "conversation_id": {"type": "string", "format": "uuid"},
      "seq": {"type": "integer", "description": "1, 2, 3 … within the conversation"},
      "sender": {"type": "string", "enum": ["customer", "bot", "agent", "system"]},
      "sender_id": {"type": "string", "nullable": true},
      "text": {"type": "string"},
      "client_msg_id": {"type": "string", "nullable": true},
      "intent": {"type": "string", "nullable": true},
      "confidence": {"type": "number", "nullable": true},
      "entities": {"type": "array", "items": {"type": "object"}},
      "sentiment": {"type": "string", "nullable": true},
      "decision": {"type": "string", "nullable": true},
      "reason": {"type": "string", "nullable": true},
      "details": {"type": "object", "nullable": true,
                  "description": "Bot turns: quick_replies, intent, sentiment, faq (id, confidence), scenario (id, step, step_number, steps, percent, slots), escalation (reason, priority, description), action."},
      "created_at": {"type": "string", "format": "date-time"}}
  },
  "OpenConversationRequest": {
    "type": "object", "additionalProperties": false, "required": ["channel"],
    "properties": {
      "channel": {"type": "string", "enum": ["web", "voice", "api", "chat", "sms", "email", "messenger", "kakao"]},
      "language": {"type": "string", "enum": ["ko", "en"], "description": "Detected from the first message when omitted."},
      "customer_id": {"type": "string", "format": "uuid", "description": "An existing customer."},
      "customer": {"$ref": "#/components/schemas/NewCustomer"}}
  },
  "OpenedConversation": {
    "type": "object",
    "properties": {
      "conversation": {"$ref": "#/components/schemas/Conversation"},
      "customer": {"$ref": "#/components/schemas/Customer"},
      "messages": {"type": "array", "items": {"$ref": "#/components/schemas/Message"},
                   "description": "The bot's greeting, when a bot is configured."},
      "bot": {"$ref": "#/components/schemas/BotStatus"}}
  },
  "BotStatus": {
    "type": "object",
    "properties": {
      "active": {"type": "boolean"},
      "reason": {"type": "string", "nullable": true,
                 "description": "Why no reply was produced: no_bot_configured, waiting_for_agent, agent_handling, conversation_closed."}}
  },
  "PostMessageRequest": {
    "type": "object", "additionalProperties": false, "required": ["text"],
    "properties": {
      "text": {"type": "string", "minLength": 1, "maxLength": 1000,
               "description": "1–1000 characters after trimming surrounding spaces."},
      "client_msg_id": {"type": "string", "maxLength": 128,
                        "description": "Idempotency key: a retry with the same id returns the original message."}}
  },
  "PostedMessage": {
    "type": "object",
    "properties": {
      "message": {"$ref": "#/components/schemas/Message"},
      "duplicate": {"type": "boolean", "description": "True when client_msg_id was seen before."},
      "replies": {"type": "array", "items": {"$ref": "#/components/schemas/Message"}},
      "bot": {"$ref": "#/components/schemas/BotStatus"}}
  },
  "MessagePage": {
    "type": "object",
    "properties": {
      "messages": {"type": "array", "items": {"$ref": "#/components/schemas/Message"}},
      "next_cursor": {"type": "string", "nullable": true,
                      "description": "Pass as ?cursor= for the next page; null at the end."}}
  },
  "CloseRequest": {
    "type": "object", "additionalProperties": false,
    "properties": {"reason": {"type": "string", "maxLength": 64, "example": "customer"}}
  },
  "StreamEvent": {
    "type": "object",
    "properties": {
      "event_id": {"type": "string", "description": "pass as ?last_event_id= to resume"},
      "type": {"type": "string", "enum": ["conversation.snapshot", "message.created",
               "conversation.updated", "escalation.updated", "escalation.callback_offered",
               "resync_required"]},
      "reason": {"type": "string", "enum": ["other_node", "gap_older_than_ring"],
                 "description": "resync_required: why the events could not be replayed"},
      "message": {"$ref": "#/components/schemas/Message"},
      "conversation": {"$ref": "#/components/schemas/Conversation"}}
  },
  "FaqEntry": {
    "type": "object",
    "properties": {
      "id": {"type": "string", "example": "faq_business_hours"},
      "language": {"type": "string", "enum": ["ko", "en"]},
      "category": {"type": "string", "example": "일반"},
      "question": {"type": "string"},
      "answer": {"type": "string"},
      "keywords": {"type": "array", "items": {"type": "string"}},
      "priority": {"type": "integer"},
      "active": {"type": "boolean"},
      "view_count": {"type": "integer"},
      "helpful_count": {"type": "integer"},
      "not_helpful_count": {"type": "integer"},
      "updated_at": {"type": "string", "format": "date-time"}}
  },
  "FaqHit": {
    "type": "object",
    "properties": {
      "id": {"type": "string"},
      "question": {"type": "string"},
      "answer": {"type": "string"},
      "category": {"type": "string"},
      "confidence": {"type": "number", "minimum": 0, "maximum": 1}}
  },
  "FaqSearchResult": {
    "type": "object", "required": ["hits", "auto_answer"],
    "properties": {
      "query": {"type": "string"},
      "language": {"type": "string", "enum": ["ko", "en"]},
      "auto_answer": {"type": "boolean",
                      "description": "The best hit's confidence reached the threshold: answer with it without asking."},
      "threshold": {"type": "number"},
      "hits": {"type": "array", "items": {"$ref": "#/components/schemas/FaqHit"}}}
  },
  "FaqList": {
    "type": "object", "required": ["entries"],
    "properties": {"entries": {"type": "array", "items": {"$ref": "#/components/schemas/FaqEntry"}}}
  },
  "FaqSearchOrList": {
    "oneOf": [{"$ref": "#/components/schemas/FaqSearchResult"},
              {"$ref": "#/components/schemas/FaqList"}]
  },
  "FaqFeedbackRequest": {
    "type": "object", "additionalProperties": false, "required": ["helpful"],
    "properties": {
      "helpful": {"type": "boolean"},
      "language": {"type": "string", "enum": ["ko", "en"], "default": "ko"}}
  },
  "UnansweredFaqQueries": {
    "type": "object",
    "properties": {"queries": {"type": "array", "items": {
      "type": "object",
      "properties": {
        "text": {"type": "string", "description": "The group's most recent question, as typed."},
        "key": {"type": "string", "description": "The normalised text the group shares."},
        "language": {"type": "string", "enum": ["ko", "en"]},
        "count": {"type": "integer"},
        "last_seen": {"type": "string", "format": "date-time"},
        "best_candidate": {"type": "object", "nullable": true,
                           "properties": {"id": {"type": "string"},
                                          "confidence": {"type": "number", "nullable": true}}}}}}}
  },
  "Health": {
    "type": "object",
    "properties": {"status": {"type": "string"}, "version": {"type": "string"},
                   "checks": {"type": "object", "additionalProperties": {"type": "string"}}}
  }
})json")
                                                 .as_object();
  return schemas;
}

std::string schema_ref(const std::string& name) {
  return R"({"$ref":"#/components/schemas/)" + name + R"("})";
}

std::vector<net::ResponseDoc> with_error_docs(std::vector<net::ResponseDoc> ok,
                                              std::initializer_list<int> codes,
                                              const std::map<int, std::string>& texts) {
  for (int c : codes) ok.push_back({c, texts.at(c), schema_ref("Error")});
  return ok;
}

}  // namespace aicc::api
