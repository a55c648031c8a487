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
