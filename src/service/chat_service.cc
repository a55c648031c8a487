#include "service/chat_service.h"

#include <tuple>

#include "core/utf8.h"

namespace aicc {
namespace {

std::string request_id_or(const std::optional<std::string>& id, IdGenerator& ids) {
  return id && !id->empty() ? *id : ids.uuid();
}

tl::unexpected<Error> invalid(const std::string& field, const std::string& message) {
  return make_error(ErrorCode::kInvalidArgument, message, {{"field", field}});
}

Status check_optional_text(const std::string& field, const std::string& value,
                           std::size_t max_chars) {
  const auto len = utf8_length(value);
  if (!len) return invalid(field, field + " is not valid UTF-8");
  if (*len > max_chars)
    return invalid(field, field + " is longer than " + std::to_string(max_chars) + " characters");
  return {};
}

}  // namespace

std::string trim_text(const std::string& text) {
  auto is_space_at = [&](std::size_t i, std::size_t& len) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      len = 1;
      return true;
    }
    if (text.compare(i, 3, "\xE3\x80\x80") == 0) {  // U+3000 IDEOGRAPHIC SPACE
      len = 3;
      return true;
    }
    return false;
  };
  std::size_t b = 0, len = 0;
  while (b < text.size() && is_space_at(b, len)) b += len;
  std::size_t e = text.size();
  while (e > b) {
    if (e >= 3 && e - 3 >= b && text.compare(e - 3, 3, "\xE3\x80\x80") == 0) {
      e -= 3;
      continue;
    }
    const char c = text[e - 1];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      --e;
      continue;
    }
    break;
  }
  return text.substr(b, e - b);
}

ChatService::ChatService(Store& store, const Clock& clock, IdGenerator& ids, ChatEvents events,
                         BotTurns* bot)
    : store_(store), clock_(clock), ids_(ids), events_(std::move(events)), bot_(bot) {}

Result<Customer> ChatService::resolve_customer(const OpenConversation& req, TimePoint now) {
  if (req.customer_id) {
    if (req.customer) return invalid("customer", "give either customer_id or customer, not both");
    return store_.get_customer(*req.customer_id);
  }
  Customer c;
  if (req.customer) {
    const auto& n = *req.customer;
    for (const auto& [field, value, max] :
         {std::tuple{"customer.external_id", &n.external_id, 128},
          std::tuple{"customer.name", &n.name, 200}, std::tuple{"customer.phone", &n.phone, 40},
          std::tuple{"customer.email", &n.email, 254}}) {
      if (auto st = check_optional_text(field, *value, static_cast<std::size_t>(max)); !st)
        return tl::unexpected(st.error());
    }
    if (!n.language.empty() && !is_supported_language(n.language))
      return invalid("customer.language", "customer.language must be \"ko\" or \"en\"");
    if (!n.external_id.empty()) {
      auto existing = store_.find_customer_by_external_id(n.external_id);
      if (existing) return existing;
      if (existing.error().code != ErrorCode::kNotFound) return existing;
    }
    c.external_id = n.external_id;
    c.name = n.name;
    c.phone = n.phone;
    c.email = n.email;
    c.language = n.language;
    if (n.tier) c.tier = *n.tier;
  }
  c.id = ids_.uuid();
  c.created_at = c.updated_at = now;
  auto created = store_.create_customer(c);
  if (!created && created.error().code == ErrorCode::kConflict && !c.external_id.empty())
    return store_.find_customer_by_external_id(c.external_id);  // lost a creation race
  return created;
}

Result<OpenedConversation> ChatService::open(const OpenConversation& req) {
  if (req.channel.empty()) return invalid("channel", "channel is required");
  if (!req.registered_channel && !is_known_channel(req.channel))
    return invalid("channel", "unknown channel \"" + req.channel +
                                  "\" (web, voice, api, chat, sms, email, "
                                  "messenger, kakao)");
  if (!req.language.empty() && !is_supported_language(req.language))
    return invalid("language", "language must be \"ko\" or \"en\"");
  const auto now = clock_.now();
  auto customer = resolve_customer(req, now);
  if (!customer) return tl::unexpected(customer.error());
  Conversation conv;
  conv.id = request_id_or(req.id, ids_);
  conv.customer_id = customer->id;
  conv.channel = req.channel;
  conv.language = !req.language.empty() ? req.language : customer->language;
  conv.created_at = conv.updated_at = conv.last_activity_at = now;
  auto stored = store_.create_conversation(conv);
  if (!stored) return tl::unexpected(stored.error());
  OpenedConversation opened{*stored, *customer, {}, {false, "no_bot_configured"}};
  if (events_.conversation_created) events_.conversation_created(*stored);
  if (bot_ != nullptr) {
    auto welcome = bot_->welcome(*stored);
    if (!welcome) return tl::unexpected(welcome.error());
    if (events_.message_created) events_.message_created(*welcome);
    opened.messages.push_back(std::move(*welcome));
    opened.bot = {true, ""};
    if (auto fresh = store_.get_conversation(stored->id)) opened.conversation = std::move(*fresh);
  }
  return opened;
}

Result<Conversation> ChatService::get(const std::string& id) {
  return store_.get_conversation(id);
}

Result<PostedMessage> ChatService::post_customer_message(
    const std::string& conversation_id, const std::string& raw_text,
    const std::optional<std::string>& client_msg_id) {
  const auto chars = utf8_length(raw_text);
  if (!chars) return invalid("text", "text is not valid UTF-8");
  const std::string text = trim_text(raw_text);
  const auto n = *utf8_length(text);
  if (n < kMinMessageChars) return invalid("text", "text is empty");
  if (n > kMaxMessageChars)
    return invalid("text",
                   "text is longer than " + std::to_string(kMaxMessageChars) + " characters");
  if (client_msg_id) {
    if (client_msg_id->empty() || client_msg_id->size() > kMaxClientMsgIdBytes ||
        !is_valid_utf8(*client_msg_id))
      return invalid("client_msg_id", "client_msg_id must be 1–128 bytes of UTF-8");
  }
  Message m;
  m.id = ids_.uuid();
  m.conversation_id = conversation_id;
  m.sender = Sender::kCustomer;
  m.text = text;
  m.client_msg_id = client_msg_id;
  m.created_at = clock_.now();
  if (bot_ == nullptr) {
    auto appended = store_.append_message(m);
    if (!appended) return tl::unexpected(appended.error());
    if (appended->created && events_.message_created) events_.message_created(appended->message);
    return PostedMessage{appended->message, appended->created, {}, {false, "no_bot_configured"}};
  }
  const dialogue::Understanding understanding = bot_->analyze(m);  // before storing: it masks
  // The message and the reply in one transaction (or, for a retry, the reply stored the
  // first time, or — after a crash in between — a new one from the original message).
  auto turn = bot_->turn(m, understanding);
  if (!turn) return tl::unexpected(turn.error());
  const bool created = turn->customer.created;
  if (created && events_.message_created) events_.message_created(turn->customer.message);
  PostedMessage posted{std::move(turn->customer.message),
                       created,
                       std::move(turn->reply.replies),
                       {turn->reply.bot_active, turn->reply.reason}};
  if (events_.message_created && created)
    for (const auto& r : posted.replies) events_.message_created(r);
  if (turn->reply.conversation_changed && events_.conversation_updated)
    events_.conversation_updated(*turn->reply.conversation_changed);
  return posted;
}

Result<MessagePage> ChatService::history(const std::string& id, std::int64_t after_seq, int limit) {
  if (limit < 1 || limit > 500) return invalid("limit", "limit must be between 1 and 500");
  if (after_seq < 0) return invalid("cursor", "cursor must not be negative");
  auto conv = store_.get_conversation(id);
  if (!conv) return tl::unexpected(conv.error());
  return store_.list_messages(id, after_seq, limit);
}

Result<Conversation> ChatService::close(const std::string& id, const std::string& reason) {
  auto conv = store_.transition_conversation(id, ConversationState::kClosed, clock_.now(),
                                             reason.empty() ? "customer" : reason);
  if (conv && events_.conversation_updated) events_.conversation_updated(*conv);
  return conv;
}

}  // namespace aicc
