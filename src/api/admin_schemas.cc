// JSON Schemas of the admin resources: users, intents and retraining, scenarios, API
// keys (merged into the document's components by component_schemas()).
#include "api/schemas.h"

namespace aicc::api {

const boost::json::object& admin_schemas() {
  static const boost::json::object schemas = boost::json::parse(R"json({
  "UserList": {
    "type": "object",
    "properties": {"users": {"type": "array", "items": {"$ref": "#/components/schemas/User"}}}
  },
  "NewUserRequest": {
    "type": "object", "additionalProperties": false,
    "required": ["username", "password", "role"],
    "properties": {
      "username": {"type": "string", "example": "lee"},
      "password": {"type": "string", "format": "password", "minLength": 10},
      "display_name": {"type": "string", "maxLength": 200},
      "role": {"type": "string", "enum": ["agent", "supervisor", "admin"]}}
  },
  "UserChangeRequest": {
    "type": "object", "additionalProperties": false,
    "properties": {
      "role": {"type": "string", "enum": ["agent", "supervisor", "admin"]},
      "active": {"type": "boolean"},
      "display_name": {"type": "string", "maxLength": 200}}
  },
  "IntentExample": {
    "type": "object",
    "properties": {
      "id": {"type": "string", "description": "Added examples only"},
      "intent": {"type": "string"},
      "text": {"type": "string"},
      "source": {"type": "string", "enum": ["bot", "added"]}}
  },
  "IntentExampleRequest": {
    "type": "object", "additionalProperties": false, "required": ["text"],
    "properties": {"text": {"type": "string", "maxLength": 500}}
  },
  "IntentList": {
    "type": "object",
    "properties": {
      "examples_file": {"type": "string"},
      "intents": {"type": "array", "items": {"type": "object", "properties": {
        "intent": {"type": "string"},
        "examples_count": {"type": "integer"},
        "added_count": {"type": "integer"},
        "threshold": {"type": "number", "nullable": true},
        "in_model": {"type": "boolean"},
        "examples": {"type": "array",
                     "items": {"$ref": "#/components/schemas/IntentExample"}}}}}}
  },
  "RetrainJob": {
    "type": "object",
    "properties": {
      "id": {"type": "string"},
      "state": {"type": "string", "enum": ["running", "succeeded", "failed"]},
      "percent": {"type": "integer", "minimum": 0, "maximum": 100},
      "step": {"type": "string"},
      "started_at": {"type": "string", "format": "date-time"},
      "finished_at": {"type": "string", "format": "date-time", "nullable": true},
      "error": {"type": "string", "nullable": true},
      "folds": {"type": "integer"},
      "examples": {"type": "integer"},
      "added_examples": {"type": "integer"},
      "report": {"type": "object", "nullable": true, "properties": {
        "examples": {"type": "integer"},
        "accuracy": {"type": "number"},
        "in_scope_accuracy": {"type": "number"},
        "macro_f1": {"type": "number"},
        "oos_recall": {"type": "number"},
        "oos_precision": {"type": "number"},
        "per_intent": {"type": "array", "items": {"type": "object", "properties": {
          "intent": {"type": "string"}, "support": {"type": "integer"},
          "predicted": {"type": "integer"}, "precision": {"type": "number"},
          "recall": {"type": "number"}, "f1": {"type": "number"}}}},
        "confused": {"type": "array", "items": {"type": "object", "properties": {
          "gold": {"type": "string"}, "predicted": {"type": "string"},
          "count": {"type": "integer"}}}}}}}
  },
  "Scenario": {
    "type": "object",
    "properties": {
      "id": {"type": "string"},
      "name": {"type": "object", "properties": {"ko": {"type": "string"}, "en": {"type": "string"}}},
      "description": {"type": "object"},
      "trigger_intents": {"type": "array", "items": {"type": "string"}},
      "steps": {"type": "array", "items": {"type": "object", "properties": {
        "id": {"type": "string"}, "type": {"type": "string"}, "slot": {"type": "string"},
        "prompt": {"type": "object"}}}},
      "completion_action": {"type": "string", "nullable": true},
      "origin": {"type": "string", "description": "The file it was loaded from"},
      "source": {"type": "string", "enum": ["bot", "uploaded"]},
      "format": {"type": "string", "enum": ["json", "yaml"], "description": "GET one only"},
      "definition": {"type": "string", "nullable": true, "description": "GET one only"}}
  },
  "ScenarioList": {
    "type": "object",
    "properties": {
      "scenarios": {"type": "array", "items": {"$ref": "#/components/schemas/Scenario"}}}
  },
  "ScenarioUpload": {
    "type": "object", "additionalProperties": false, "required": ["definition"],
    "properties": {
      "definition": {"type": "string", "description": "The file's text, as in bot/scenarios"},
      "format": {"type": "string", "enum": ["json", "yaml"], "default": "yaml"}}
  },
  "ScenarioValidation": {
    "type": "object",
    "properties": {
      "valid": {"type": "boolean"},
      "id": {"type": "string", "nullable": true},
      "errors": {"type": "array", "items": {"type": "object", "properties": {
        "scenario": {"type": "string", "nullable": true},
        "step": {"type": "string", "nullable": true},
        "message": {"type": "string"},
        "text": {"type": "string"}}}}}
  },
  "ApiKey": {
    "type": "object",
    "properties": {
      "id": {"type": "string", "format": "uuid"},
      "name": {"type": "string"},
      "prefix": {"type": "string", "description": "The secret's first characters"},
      "role": {"type": "string", "enum": ["agent", "supervisor", "admin"]},
      "created_by": {"type": "string"},
      "created_at": {"type": "string", "format": "date-time"},
      "expires_at": {"type": "string", "format": "date-time", "nullable": true},
      "revoked_at": {"type": "string", "format": "date-time", "nullable": true},
      "active": {"type": "boolean"},
      "secret": {"type": "string", "description": "Only in the answer to its creation"}}
  },
  "ApiKeyList": {
    "type": "object",
    "properties": {"api_keys": {"type": "array", "items": {"$ref": "#/components/schemas/ApiKey"}}}
  },
  "NewApiKeyRequest": {
    "type": "object", "additionalProperties": false, "required": ["name", "role"],
    "properties": {
      "name": {"type": "string", "maxLength": 100},
      "role": {"type": "string", "enum": ["agent", "supervisor", "admin"]},
      "expires_at": {"type": "string", "format": "date-time"}}
  },
  "TimeRange": {
    "type": "object", "additionalProperties": false, "required": ["open", "close"],
    "properties": {"open": {"type": "string", "example": "09:00"},
                   "close": {"type": "string", "example": "18:00", "description": "Up to 24:00"}}
  },
  "BusinessHours": {
    "type": "object",
    "description": "A weekly schedule in a fixed-offset zone (Asia/Seoul, Asia/Tokyo, UTC). A day left out of week is closed; its ranges must not overlap. The file's short form weekdays/weekends ({open, close}) is accepted too.",
    "properties": {
      "timezone": {"type": "string", "default": "Asia/Seoul"},
      "week": {"type": "object", "properties": {
        "mon": {"type": "array", "items": {"$ref": "#/components/schemas/TimeRange"}},
        "tue": {"type": "array", "items": {"$ref": "#/components/schemas/TimeRange"}},
        "wed": {"type": "array", "items": {"$ref": "#/components/schemas/TimeRange"}},
        "thu": {"type": "array", "items": {"$ref": "#/components/schemas/TimeRange"}},
        "fri": {"type": "array", "items": {"$ref": "#/components/schemas/TimeRange"}},
        "sat": {"type": "array", "items": {"$ref": "#/components/schemas/TimeRange"}},
        "sun": {"type": "array", "items": {"$ref": "#/components/schemas/TimeRange"}}}}}
  },
  "QueueDefinition": {
    "type": "object", "required": ["id"],
    "properties": {
      "id": {"type": "string", "pattern": "^[A-Za-z0-9_-]{1,64}$"},
      "name": {"type": "object", "properties": {"ko": {"type": "string"}, "en": {"type": "string"}}},
      "skills": {"type": "array", "items": {"type": "string"}, "description": "An agent needs one (none: anybody)"},
      "reasons": {"type": "array", "items": {"type": "string"}, "description": "Escalation reasons routed here (each to one queue)"},
      "hours": {"nullable": true, "allOf": [{"$ref": "#/components/schemas/BusinessHours"}], "description": "null: the global business hours"},
      "max_size": {"type": "integer", "minimum": 1, "maximum": 100000},
      "sla_minutes": {"type": "object", "properties": {
        "critical": {"type": "integer"}, "high": {"type": "integer"},
        "medium": {"type": "integer"}, "low": {"type": "integer"}}},
      "open_now": {"type": "boolean", "readOnly": true}}
  },
  "QueueList": {
    "type": "object",
    "properties": {
      "queues": {"type": "array", "items": {"$ref": "#/components/schemas/QueueDefinition"}},
      "default_queue": {"type": "string"},
      "critical_queue": {"type": "string"},
      "version": {"type": "integer", "description": "Of the stored configuration"}}
  },
  "Holiday": {
    "type": "object", "required": ["date"],
    "properties": {
      "date": {"type": "string", "format": "date"},
      "name": {"type": "string", "maxLength": 100},
      "queue": {"type": "string", "nullable": true, "description": "null: every queue"}}
  },
  "HolidayList": {
    "type": "object",
    "properties": {"holidays": {"type": "array", "items": {"$ref": "#/components/schemas/Holiday"}}}
  },
  "PasswordResetRequest": {
    "type": "object", "additionalProperties": false, "required": ["password"],
    "properties": {"password": {"type": "string", "format": "password", "minLength": 10}}
  }
})json")
                                                 .as_object();
  return schemas;
}

}  // namespace aicc::api
