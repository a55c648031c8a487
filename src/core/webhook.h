// Outbound webhooks: subscriptions of an integrator's endpoint to AICC's events, and the
// deliveries made for them. A delivery is durable from the moment it is recorded: it is
// retried with exponential backoff until the endpoint answers 2xx or the attempts run
// out, when it becomes dead (a dead letter an admin can retry).
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/result.h"

namespace aicc {

// The events a subscription can name (PRODUCT.md §9). "*" subscribes to all of them.
inline constexpr std::array<std::string_view, 7> kWebhookEvents = {
    "conversation.created",  "message.created",     "conversation.escalated",
    "conversation.assigned", "conversation.closed", "csat.submitted",
    "sla.breached"};

bool is_webhook_event(std::string_view event);

struct WebhookSubscription {
  std::string id;
  std::string url;     // http:// or https://, no user info
  std::string secret;  // HMAC-SHA256 key, 16–256 bytes; shown to admins once, at creation
  std::vector<std::string> events;  // kWebhookEvents names, or {"*"}
  std::string description;
  bool active = true;
  TimePoint created_at{};
  TimePoint updated_at{};

  bool wants(std::string_view event) const;
};

// Checks url, secret, events and description; the first problem names its field in
// details {"field": …}.
Status validate_webhook(const WebhookSubscription& subscription);

enum class DeliveryState { kPending, kDelivered, kDead };
std::string_view to_string(DeliveryState s);
std::optional<DeliveryState> parse_delivery_state(std::string_view s);

struct WebhookDelivery {
  std::string id;
  std::string subscription_id;
  std::string event_id;    // the same for every subscription of one event (receivers dedupe)
  std::string event_type;  // a kWebhookEvents name, or "webhook.test"
  std::string payload;     // the JSON body, exactly as signed and sent
  DeliveryState state = DeliveryState::kPending;
  int attempts = 0;
  TimePoint next_attempt_at{};
  std::optional<int> last_status;  // HTTP status of the last attempt, if it got one
  std::string last_error;          // why the last attempt failed (timeout, 500 …)
  TimePoint created_at{};
  TimePoint updated_at{};
  std::optional<TimePoint> delivered_at;
};

}  // namespace aicc
