// Inbound channels (PRODUCT.md §9 "Webhook in"): another channel — a messenger, an SMS
// gateway — posts its customers' messages to AICC with an API key, and gets the bot's
// replies, and later the agents', POSTed to its callback URL.
//
// A channel's callback is delivered by the outbound-webhook machinery: the store keeps it
// as a webhook subscription with the channel's id (url = callback_url, secret = the
// signing secret) that only ever receives "channel.message" events addressed to it; it
// never appears among the admin's webhook subscriptions.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/result.h"

namespace aicc {

// The event type of a callback (the "type" of its payload, X-AICC-Event).
inline constexpr std::string_view kChannelMessageEvent = "channel.message";

// The longest external id: "<channel name>:<external id>" names the customer (at most 128
// bytes, like any customer external id).
inline constexpr std::size_t kMaxChannelNameBytes = 32;
inline constexpr std::size_t kMaxChannelExternalIdBytes = 95;

struct Channel {
  std::string id;
  // Lowercase letters, digits, '-' and '_', starting with a letter, 1–32 bytes; unique and
  // fixed for life: it is the channel of the channel's conversations (analytics by channel).
  std::string name;
  std::string callback_url;  // http:// or https://, no user info (as webhook URLs)
  std::string secret;        // HMAC-SHA256 key of the callbacks, 16–256 bytes; shown once
  // The one API key that may post to this channel (any role; agent is enough).
  std::string api_key_id;
  std::string description;
  bool enabled = true;
  TimePoint created_at{};
  TimePoint updated_at{};
};

// Checks name, callback_url, secret, api_key_id and description; the first problem names
// its field in details {"field": …}.
Status validate_channel(const Channel& channel);

// Whether `external_id` can name a contact of a channel: 1–95 bytes of UTF-8 without
// control characters.
bool is_valid_channel_external_id(std::string_view external_id);

// Where a conversation came from, for the callbacks of its replies.
struct ChannelContact {
  std::string channel_id;
  std::string external_id;
  std::string conversation_id;
};

}  // namespace aicc
