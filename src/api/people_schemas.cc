// JSON Schemas of the authentication and agent resources (merged into the document's
// components by component_schemas()).
#include "api/schemas.h"

namespace aicc::api {

const boost::json::object& people_schemas() {
  static const boost::json::object schemas = boost::json::parse(R"json({
  "LoginRequest": {
    "type": "object", "additionalProperties": false, "required": ["username", "password"],
    "properties": {"username": {"type": "string", "example": "kim"},
                   "password": {"type": "string", "format": "password"}}
  },
  "LoginResponse": {
    "type": "object",
    "properties": {
      "token": {"type": "string", "description": "Send as Authorization: Bearer <token>"},
      "token_type": {"type": "string", "enum": ["Bearer"]},
      "expires_at": {"type": "string", "format": "date-time"},
      "user": {"$ref": "#/components/schemas/User"}}
  },
  "User": {
    "type": "object",
    "properties": {
      "id": {"type": "string", "format": "uuid"},
      "username": {"type": "string"},
      "display_name": {"type": "string"},
      "role": {"type": "string", "enum": ["agent", "supervisor", "admin"]},
      "active": {"type": "boolean"},
      "created_at": {"type": "string", "format": "date-time"},
      "updated_at": {"type": "string", "format": "date-time"}}
  },
  "Me": {
    "type": "object",
    "properties": {
      "user": {"$ref": "#/components/schemas/User"},
      "session": {"type": "object", "properties": {
        "created_at": {"type": "string", "format": "date-time"},
        "expires_at": {"type": "string", "format": "date-time"}}}}
  },
  "AgentSkill": {
    "type": "object", "additionalProperties": false, "required": ["name", "level"],
    "properties": {"name": {"type": "string", "pattern": "^[a-z0-9_-]{1,64}$", "example": "billing"},
                   "level": {"type": "integer", "minimum": 1, "maximum": 5}}
  },
  "AgentCapacity": {
    "type": "object", "additionalProperties": false,
    "properties": {"chat": {"type": "integer", "minimum": 0, "maximum": 20, "default": 3},
                   "voice": {"type": "integer", "minimum": 0, "maximum": 5, "default": 1}}
  },
  "Agent": {
    "allOf": [{"$ref": "#/components/schemas/User"}, {
      "type": "object",
      "properties": {
        "skills": {"type": "array", "items": {"$ref": "#/components/schemas/AgentSkill"}},
        "languages": {"type": "array", "items": {"type": "string"}},
        "queues": {"type": "array", "items": {"type": "string"}},
        "capacity": {"$ref": "#/components/schemas/AgentCapacity"},
        "state": {"type": "object", "properties": {
          "state": {"type": "string", "enum": ["available", "busy", "break", "training", "meeting", "after_call_work", "offline"]},
          "reason": {"type": "string", "nullable": true},
          "since": {"type": "string", "format": "date-time"},
          "seconds_in_state": {"type": "integer"}}}}}]
  },
  "AgentList": {
    "type": "object",
    "properties": {"agents": {"type": "array", "items": {"$ref": "#/components/schemas/Agent"}}}
  },
  "AgentStateRequest": {
    "type": "object", "additionalProperties": false, "required": ["state"],
    "properties": {
      "state": {"type": "string", "enum": ["available", "break", "training", "meeting", "after_call_work", "offline"]},
      "reason": {"type": "string", "maxLength": 200, "example": "lunch"}}
  },
  "NewAgentRequest": {
    "type": "object", "additionalProperties": false, "required": ["username", "password"],
    "properties": {
      "username": {"type": "string", "pattern": "^[A-Za-z0-9][A-Za-z0-9._@-]{2,63}$"},
      "password": {"type": "string", "format": "password", "minLength": 10},
      "display_name": {"type": "string", "maxLength": 200},
      "role": {"type": "string", "enum": ["agent", "supervisor"], "default": "agent"},
      "skills": {"type": "array", "items": {"$ref": "#/components/schemas/AgentSkill"}},
      "languages": {"type": "array", "items": {"type": "string"}},
      "queues": {"type": "array", "items": {"type": "string"}},
      "capacity": {"$ref": "#/components/schemas/AgentCapacity"}}
  },
  "WebhookRequest": {
    "type": "object", "additionalProperties": false,
    "properties": {
      "url": {"type": "string", "format": "uri", "example": "https://crm.example.com/hooks/aicc"},
      "events": {"type": "array", "minItems": 1, "items": {"type": "string", "enum": [
        "*", "conversation.created", "message.created", "conversation.escalated",
        "conversation.assigned", "conversation.closed", "csat.submitted", "sla.breached"]}},
      "description": {"type": "string", "maxLength": 500},
      "active": {"type": "boolean", "default": true},
      "secret": {"type": "string", "minLength": 16, "maxLength": 256,
                 "description": "HMAC-SHA256 key; generated when left out"}}
  },
  "Webhook": {
    "type": "object",
    "properties": {
      "id": {"type": "string", "format": "uuid"},
      "url": {"type": "string"},
      "events": {"type": "array", "items": {"type": "string"}},
      "description": {"type": "string"},
      "active": {"type": "boolean"},
      "secret": {"type": "string", "description": "Only in the answer that set it"},
      "created_at": {"type": "string", "format": "date-time"},
      "updated_at": {"type": "string", "format": "date-time"}}
  },
  "WebhookList": {
    "type": "object",
    "properties": {"webhooks": {"type": "array", "items": {"$ref": "#/components/schemas/Webhook"}}}
  },
  "WebhookDelivery": {
    "type": "object",
    "properties": {
      "id": {"type": "string", "format": "uuid"},
      "subscription_id": {"type": "string", "format": "uuid"},
      "event_id": {"type": "string", "format": "uuid",
                   "description": "The same for every subscription of one event: dedupe on it"},
      "event_type": {"type": "string"},
      "state": {"type": "string", "enum": ["pending", "delivered", "dead"]},
      "attempts": {"type": "integer"},
      "next_attempt_at": {"type": "string", "format": "date-time"},
      "last_status": {"type": "integer", "nullable": true},
      "last_error": {"type": "string"},
      "payload": {"type": "object", "description": "The body as sent: id, type, created_at, data"},
      "created_at": {"type": "string", "format": "date-time"},
      "updated_at": {"type": "string", "format": "date-time"},
      "delivered_at": {"type": "string", "format": "date-time", "nullable": true}}
  },
  "WebhookDeliveryList": {
    "type": "object",
    "properties": {"deliveries": {"type": "array",
                                  "items": {"$ref": "#/components/schemas/WebhookDelivery"}}}
  },
  "FaqAdminEntry": {
    "type": "object",
    "required": ["category", "question", "answer"],
    "properties": {
      "id": {"type": "string", "pattern": "^[a-z0-9_-]{1,64}$", "description": "in import only"},
      "language": {"type": "string", "enum": ["ko", "en"], "description": "in import only"},
      "category": {"type": "string", "example": "결제"},
      "question": {"type": "string", "maxLength": 300},
      "alternatives": {"type": "array", "items": {"type": "string"}},
      "answer": {"type": "string", "maxLength": 4000},
      "keywords": {"type": "array", "items": {"type": "string"}},
      "priority": {"type": "integer", "minimum": -1000, "maximum": 1000, "default": 0},
      "active": {"type": "boolean", "default": true},
      "intent": {"type": "string", "example": "payment_inquiry"},
      "view_count": {"type": "integer", "readOnly": true},
      "helpful_count": {"type": "integer", "readOnly": true},
      "not_helpful_count": {"type": "integer", "readOnly": true},
      "updated_at": {"type": "string", "format": "date-time", "readOnly": true}}
  },
  "FaqAdminList": {
    "type": "object",
    "properties": {"entries": {"type": "array",
                               "items": {"$ref": "#/components/schemas/FaqAdminEntry"}}}
  },
  "AuditEntry": {
    "type": "object",
    "properties": {
      "id": {"type": "string", "format": "uuid"},
      "at": {"type": "string", "format": "date-time"},
      "actor": {"type": "object", "properties": {"user_id": {"type": "string"},
                                                  "username": {"type": "string"}}},
      "action": {"type": "string", "example": "webhook.update"},
      "resource_type": {"type": "string", "example": "webhook"},
      "resource_id": {"type": "string"},
      "before": {"description": "The resource before the change (null when created)"},
      "after": {"description": "The resource after the change (null when deleted)"},
      "request_id": {"type": "string"},
      "client_address": {"type": "string"}}
  },
  "AuditList": {
    "type": "object",
    "properties": {
      "entries": {"type": "array", "items": {"$ref": "#/components/schemas/AuditEntry"}},
      "next_cursor": {"type": "string", "nullable": true}}
  },
  "AgentChangeRequest": {
    "type": "object", "additionalProperties": false,
    "properties": {
      "display_name": {"type": "string", "maxLength": 200},
      "skills": {"type": "array", "items": {"$ref": "#/components/schemas/AgentSkill"}},
      "languages": {"type": "array", "items": {"type": "string"}},
      "queues": {"type": "array", "items": {"type": "string"}},
      "capacity": {"$ref": "#/components/schemas/AgentCapacity"}}
  }
})json")
                                                 .as_object();
  return schemas;
}

}  // namespace aicc::api
