#include "core/webhook.h"

#include <algorithm>
#include <cctype>

#include "core/utf8.h"

namespace aicc {

bool is_webhook_event(std::string_view event) {
  return std::find(kWebhookEvents.begin(), kWebhookEvents.end(), event) != kWebhookEvents.end();
}

bool WebhookSubscription::wants(std::string_view event) const {
  return std::any_of(events.begin(), events.end(),
                     [&](const std::string& e) { return e == "*" || e == event; });
}

namespace {

tl::unexpected<Error> field_error(std::string_view field, std::string message) {
  return make_error(ErrorCode::kInvalidArgument, std::move(message),
                    {{"field", std::string(field)}});
}

bool starts_with_ci(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(s[i])) != prefix[i]) return false;
  return true;
}

}  // namespace

Status validate_webhook(const WebhookSubscription& s) {
  std::string_view url = s.url;
  std::size_t scheme = 0;
  if (starts_with_ci(url, "https://"))
    scheme = 8;
  else if (starts_with_ci(url, "http://"))
    scheme = 7;
  if (scheme == 0 || url.size() > 2000)
    return field_error("url", "url must be an http:// or https:// URL of at most 2000 characters");
  const std::string_view rest = url.substr(scheme);
  const std::string_view authority = rest.substr(0, rest.find_first_of("/?#"));
  if (authority.empty() || authority.find('@') != std::string_view::npos)
    return field_error("url", "url needs a host and must not carry user info");
  for (unsigned char c : url)
    if (c <= 0x20 || c >= 0x7f)
      return field_error("url", "url must not contain spaces or non-ASCII");
  if (s.secret.size() < 16 || s.secret.size() > 256)
    return field_error("secret", "secret must be 16–256 bytes");
  if (s.events.empty()) return field_error("events", "events must name at least one event");
  for (const auto& e : s.events)
    if (e != "*" && !is_webhook_event(e))
      return field_error("events", "unknown event \"" + e + "\"");
  if (s.description.size() > 500 || !is_valid_utf8(s.description))
    return field_error("description", "description must be at most 500 bytes of UTF-8");
  return {};
}

std::string_view to_string(DeliveryState s) {
  switch (s) {
    case DeliveryState::kPending:
      return "pending";
    case DeliveryState::kDelivered:
      return "delivered";
    case DeliveryState::kDead:
      return "dead";
  }
  return "pending";
}

std::optional<DeliveryState> parse_delivery_state(std::string_view s) {
  if (s == "pending") return DeliveryState::kPending;
  if (s == "delivered") return DeliveryState::kDelivered;
  if (s == "dead") return DeliveryState::kDead;
  return std::nullopt;
}

}  // namespace aicc
