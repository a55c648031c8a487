#include "core/channel.h"

#include "core/utf8.h"
#include "core/webhook.h"

namespace aicc {
namespace {

tl::unexpected<Error> field_error(std::string_view field, std::string message) {
  return make_error(ErrorCode::kInvalidArgument, std::move(message),
                    {{"field", std::string(field)}});
}

bool is_channel_name(std::string_view name) {
  if (name.empty() || name.size() > kMaxChannelNameBytes) return false;
  if (name[0] < 'a' || name[0] > 'z') return false;
  for (char c : name)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) return false;
  return true;
}

}  // namespace

Status validate_channel(const Channel& c) {
  if (!is_channel_name(c.name))
    return field_error("name",
                       "name must be 1–32 lowercase letters, digits, '-' or '_', starting "
                       "with a letter");
  // The callback is a webhook endpoint: the same URL and secret rules.
  WebhookSubscription as_hook;
  as_hook.url = c.callback_url;
  as_hook.secret = c.secret;
  as_hook.events = {"*"};
  if (auto st = validate_webhook(as_hook); !st) {
    const std::string field = st.error().details.count("field") ? st.error().details.at("field")
                                                                : std::string("callback_url");
    std::string message = st.error().message;
    if (field == "url") {
      if (message.rfind("url", 0) == 0) message = "callback_" + message;
      return field_error("callback_url", message);
    }
    return field_error(field, message);
  }
  if (c.api_key_id.empty() || c.api_key_id.size() > 64)
    return field_error("api_key_id", "api_key_id must name an API key");
  if (c.description.size() > 500 || !is_valid_utf8(c.description))
    return field_error("description", "description must be at most 500 bytes of UTF-8");
  return {};
}

bool is_valid_channel_external_id(std::string_view id) {
  if (id.empty() || id.size() > kMaxChannelExternalIdBytes || !is_valid_utf8(id)) return false;
  for (unsigned char c : id)
    if (c < 0x20 || c == 0x7f) return false;
  return true;
}

}  // namespace aicc
