// JSON Schemas of the agent desk's reading resources — the hand-over context, a
// customer's history — and canned responses (merged into the document's components by
// component_schemas()).
#include "api/schemas.h"

namespace aicc::api {

const boost::json::object& desk_schemas() {
  static const boost::json::object schemas = boost::json::parse(R"json({
  "CannedResponseRequest": {
    "type": "object", "additionalProperties": false, "required": ["title", "text", "language"],
    "properties": {
      "title": {"type": "string", "minLength": 1, "maxLength": 100, "example": "환불 절차 안내"},
      "text": {"type": "string", "minLength": 1, "maxLength": 1000},
      "language": {"type": "string", "enum": ["ko", "en"]},
      "queue": {"type": "string", "nullable": true, "example": "payment-queue"},
      "shortcut": {"type": "string", "nullable": true, "pattern": "^/[a-z0-9_-]{1,32}$",
                   "example": "/refund"}}
  },
  "CannedResponse": {
    "type": "object",
    "properties": {
      "id": {"type": "string"},
      "title": {"type": "string"},
      "text": {"type": "string"},
      "language": {"type": "string", "enum": ["ko", "en"]},
      "queue": {"type": "string", "nullable": true},
      "shortcut": {"type": "string", "nullable": true},
      "created_at": {"type": "string", "format": "date-time"},
      "updated_at": {"type": "string", "format": "date-time"}}
  },
  "CannedResponseList": {
    "type": "object",
    "properties": {"canned_responses": {"type": "array",
                   "items": {"$ref": "#/components/schemas/CannedResponse"}}}
  },
  "ContextCustomer": {
    "allOf": [{"$ref": "#/components/schemas/Customer"}, {
      "type": "object",
      "properties": {
        "vip": {"type": "boolean", "description": "tier vip or premium"},
        "conversation_count": {"type": "integer", "description": "this one included (at most 500 counted)"},
        "earlier_conversation_count": {"type": "integer"}}}]
  },
  "HandoverSummary": {
    "type": "object",
    "description": "Extractive: the customer's most informative sentences, no language model.",
    "properties": {
      "sentences": {"type": "array", "maxItems": 3, "items": {"type": "object", "properties": {
        "seq": {"type": "integer"}, "text": {"type": "string"}}}},
      "intents": {"type": "array", "items": {"type": "object", "properties": {
        "intent": {"type": "string"}, "count": {"type": "integer"}}}},
      "entities": {"type": "array", "items": {"type": "object", "properties": {
        "type": {"type": "string"}, "text": {"type": "string", "description": "masked when sensitive"},
        "seq": {"type": "integer"}}}},
      "sentiment": {"type": "object", "additionalProperties": {"type": "integer"},
                    "example": {"negative": 2, "neutral": 1}},
      "customer_turns": {"type": "integer"}}
  },
  "EscalationContext": {
    "type": "object",
    "properties": {
      "escalation": {"$ref": "#/components/schemas/AgentWork"},
      "conversation": {"$ref": "#/components/schemas/Conversation"},
      "customer": {"$ref": "#/components/schemas/ContextCustomer"},
      "transcript": {"type": "array", "items": {"$ref": "#/components/schemas/Message"},
                     "description": "Oldest first; customer turns carry intent, confidence, entities and sentiment"},
      "earlier_conversations": {"type": "array", "maxItems": 20,
                                "items": {"$ref": "#/components/schemas/Conversation"}},
      "summary": {"$ref": "#/components/schemas/HandoverSummary"},
      "queues": {"type": "array", "description": "Transfer targets",
                 "items": {"type": "object", "properties": {
                   "id": {"type": "string"},
                   "name": {"type": "object", "additionalProperties": {"type": "string"}}}}}}
  },
  "CustomerHistory": {
    "type": "object",
    "properties": {
      "customer": {"$ref": "#/components/schemas/ContextCustomer"},
      "conversations": {"type": "array", "items": {"$ref": "#/components/schemas/Conversation"}}}
  },
  "CustomerConversationTranscript": {
    "type": "object",
    "properties": {
      "conversation": {"$ref": "#/components/schemas/Conversation"},
      "escalation": {"allOf": [{"$ref": "#/components/schemas/AgentWork"}], "nullable": true},
      "transcript": {"type": "array", "items": {"$ref": "#/components/schemas/Message"}},
      "summary": {"$ref": "#/components/schemas/HandoverSummary"}}
  }
})json")
                                                 .as_object();
  return schemas;
}

}  // namespace aicc::api
