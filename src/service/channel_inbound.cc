#include "service/channel_inbound.h"

#include "core/utf8.h"

namespace aicc {
namespace {

// Remembered conversations before the memory starts over (a route costs ~200 bytes).
constexpr std::size_t kMaxRemembered = 100'000;
// Rounds of "the link moved under us" before giving up (each needs another request to
// have linked the contact in between).
constexpr int kMaxLinkRounds = 4;

tl::unexpected<Error> invalid(const std::string& field, const std::string& message) {
  return make_error(ErrorCode::kInvalidArgument, message, {{"field", field}});
}

// Everything a message could be refused for is checked before a contact is linked or a
// conversation opened, so bad input leaves nothing behind.
Status check(const InboundMessage& m) {
  const auto chars = utf8_length(m.text);
  if (!chars) return invalid("text", "text is not valid UTF-8");
  const auto trimmed = *utf8_length(trim_text(m.text));
  if (trimmed < kMinMessageChars) return invalid("text", "text is empty");
  if (trimmed > kMaxMessageChars)
    return invalid("text",
                   "text is longer than " + std::to_string(kMaxMessageChars) + " characters");
  if (!is_valid_channel_external_id(m.external_id))
    return invalid("external_id",
                   "external_id must be 1–95 bytes of UTF-8 without control characters");
  if (m.client_msg_id.empty() || m.client_msg_id.size() > kMaxClientMsgIdBytes ||
      !is_valid_utf8(m.client_msg_id))
    return invalid("client_msg_id", "client_msg_id must be 1–128 bytes of UTF-8");
  const auto name_chars = utf8_length(m.customer_name);
  if (!name_chars || *name_chars > 200)
    return invalid("customer_name", "customer_name must be at most 200 characters of UTF-8");
  if (!m.language.empty() && !is_supported_language(m.language))
    return invalid("language", "language must be \"ko\" or \"en\"");
  return {};
}

}  // namespace

ChannelInbound::ChannelInbound(Store& store, ChatService& chat, ChannelRoutes& routes,
                               const Clock& clock, IdGenerator& ids)
    : store_(store), chat_(chat), routes_(routes), clock_(clock), ids_(ids) {}

Result<InboundResult> ChannelInbound::receive(const Channel& channel, const InboundMessage& m) {
  if (auto st = check(m); !st) return tl::unexpected(st.error());
  const std::optional<std::string> client_msg_id = m.client_msg_id;
  for (int round = 0; round < kMaxLinkRounds; ++round) {
    auto linked = store_.channel_conversation(channel.id, m.external_id);
    if (!linked) return tl::unexpected(linked.error());
    if (*linked) {
      // The key is checked before the state, so a retry of a message stored before the
      // conversation closed still gets its original answer.
      auto posted = chat_.post_customer_message(**linked, m.text, client_msg_id);
      if (posted) {
        auto conv = store_.get_conversation(**linked);
        if (!conv) return tl::unexpected(conv.error());
        return InboundResult{std::move(*conv), false, {}, std::move(*posted)};
      }
      const ErrorCode code = posted.error().code;
      if (code != ErrorCode::kNotFound && code != ErrorCode::kConflict)
        return tl::unexpected(posted.error());
      if (code == ErrorCode::kConflict) {
        auto conv = store_.get_conversation(**linked);
        if (!conv) return tl::unexpected(conv.error());
        if (!is_terminal(conv->state)) return tl::unexpected(posted.error());
      }
      // Gone (purged, or never opened) or ended: the contact starts a new conversation.
    }
    ChannelContact contact{channel.id, m.external_id, ids_.uuid()};
    // Linked before it exists, so every message of the conversation — the greeting
    // included — finds its way to the callback.
    auto won = store_.link_channel_conversation(contact, *linked, clock_.now());
    if (!won) return tl::unexpected(won.error());
    if (!*won) continue;  // another request linked the contact meanwhile: use theirs
    routes_.remember(contact.conversation_id, ChannelRoute{contact, channel.name});
    OpenConversation open;
    open.channel = channel.name;
    open.registered_channel = true;
    open.language = m.language;
    open.id = contact.conversation_id;
    NewCustomer customer;
    customer.external_id = channel.name + ":" + m.external_id;
    customer.name = m.customer_name;
    customer.language = m.language;
    open.customer = customer;
    auto opened = chat_.open(open);
    if (!opened) return tl::unexpected(opened.error());
    auto posted = chat_.post_customer_message(contact.conversation_id, m.text, client_msg_id);
    if (!posted) return tl::unexpected(posted.error());
    auto conv = store_.get_conversation(contact.conversation_id);
    if (!conv) return tl::unexpected(conv.error());
    return InboundResult{std::move(*conv), true, std::move(opened->messages), std::move(*posted)};
  }
  return make_error(ErrorCode::kUnavailable,
                    "the contact's conversation kept changing; retry with the same client_msg_id");
}

ChannelRoutes::ChannelRoutes(Store& store) : store_(store) {}

Result<std::optional<ChannelRoute>> ChannelRoutes::route_of(const std::string& conversation_id) {
  {
    std::lock_guard lock(mu_);
    if (auto it = routes_.find(conversation_id); it != routes_.end()) return it->second;
  }
  auto contact = store_.channel_contact_of(conversation_id);
  if (!contact) return tl::unexpected(contact.error());
  std::optional<ChannelRoute> route;
  if (*contact) {
    auto channel = store_.get_channel((*contact)->channel_id);
    if (!channel && channel.error().code != ErrorCode::kNotFound)
      return tl::unexpected(channel.error());
    if (channel) route = ChannelRoute{**contact, channel->name};
  }
  remember(conversation_id, route);
  return route;
}

void ChannelRoutes::remember(const std::string& conversation_id,
                             std::optional<ChannelRoute> route) {
  std::lock_guard lock(mu_);
  if (routes_.size() >= kMaxRemembered) routes_.clear();
  routes_[conversation_id] = std::move(route);
}

void ChannelRoutes::forget(const std::string& conversation_id) {
  std::lock_guard lock(mu_);
  routes_.erase(conversation_id);
}

std::size_t ChannelRoutes::remembered() const {
  std::lock_guard lock(mu_);
  return routes_.size();
}

}  // namespace aicc
