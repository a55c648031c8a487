// JSON Schemas of inbound channels: the admin resource, the message another channel posts
// and its answer (merged into the document's components by component_schemas()).
#include "api/schemas.h"

namespace aicc::api {

const boost::json::object& channel_schemas() {
  static const boost::json::object schemas = boost::json::parse(R"json({
  "ChannelRequest": {
    "type": "object", "additionalProperties": false,
    "properties": {
      "name": {"type": "string", "pattern": "^[a-z][a-z0-9_-]{0,31}$", "example": "kakao",
               "description": "Required at creation; never changes"},
      "callback_url": {"type": "string", "format": "uri",
                       "example": "https://messenger-bridge.example.com/aicc/callback"},
      "api_key_id": {"type": "string",
                     "description": "The API key that may post to the channel (required at creation)"},
      "description": {"type": "string", "maxLength": 500},
      "enabled": {"type": "boolean", "default": true},
      "secret": {"type": "string", "minLength": 16, "maxLength": 256,
                 "description": "HMAC-SHA256 key of the callbacks; generated when left out (creation only)"}}
  },
  "Channel": {
    "type": "object",
    "properties": {
      "id": {"type": "string", "format": "uuid"},
      "name": {"type": "string"},
      "callback_url": {"type": "string"},
      "api_key_id": {"type": "string"},
      "description": {"type": "string"},
      "enabled": {"type": "boolean"},
      "secret": {"type": "string", "description": "Only in the answers of creation and rotation"},
      "created_at": {"type": "string", "format": "date-time"},
      "updated_at": {"type": "string", "format": "date-time"}}
  },
  "ChannelList": {
    "type": "object",
    "properties": {"channels": {"type": "array", "items": {"$ref": "#/components/schemas/Channel"}}}
  },
  "ChannelDelivery": {
    "type": "object",
    "description": "One callback and its attempts (the webhook delivery log).",
    "properties": {
      "id": {"type": "string", "format": "uuid"},
      "channel_id": {"type": "string", "format": "uuid"},
      "event_id": {"type": "string", "format": "uuid"},
      "event_type": {"type": "string", "enum": ["channel.message"]},
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
  "ChannelDeliveryList": {
    "type": "object",
    "properties": {"deliveries": {"type": "array",
                                  "items": {"$ref": "#/components/schemas/ChannelDelivery"}}}
  },
  "ChannelMessageRequest": {
    "type": "object", "additionalProperties": false,
    "required": ["external_id", "text", "client_msg_id"],
    "properties": {
      "external_id": {"type": "string", "minLength": 1, "maxLength": 95,
                      "description": "The channel's id of the contact (user, chat or thread)"},
      "text": {"type": "string", "minLength": 1, "maxLength": 1000},
      "client_msg_id": {"type": "string", "minLength": 1, "maxLength": 128,
                        "description": "Idempotency key: a retry returns the original answer"},
      "customer_name": {"type": "string", "maxLength": 200},
      "language": {"type": "string", "enum": ["ko", "en"]}}
  },
  "ChannelMessageResult": {
    "type": "object",
    "properties": {
      "conversation_id": {"type": "string", "format": "uuid"},
      "conversation": {"$ref": "#/components/schemas/Conversation"},
      "conversation_created": {"type": "boolean"},
      "message": {"$ref": "#/components/schemas/Message"},
      "duplicate": {"type": "boolean"},
      "greeting": {"type": "array", "items": {"$ref": "#/components/schemas/Message"},
                   "description": "The bot's greeting, when this message opened the conversation"},
      "replies": {"type": "array", "items": {"$ref": "#/components/schemas/Message"}},
      "bot": {"type": "object", "properties": {"active": {"type": "boolean"},
                                               "reason": {"type": "string", "nullable": true}}}}
  }
})json")
                                                 .as_object();
  return schemas;
}

}  // namespace aicc::api
