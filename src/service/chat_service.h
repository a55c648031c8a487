// The customer-chat use cases: open a conversation, post a customer message, read the
// history, close. Validates domain rules, persists through the Store, and announces
// changes on the EventBus. Knows nothing of HTTP or JSON.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/conversation.h"
#include "core/customer.h"
#include "core/ids.h"
#include "core/message.h"
#include "core/result.h"
#include "service/bot_turns.h"
#include "store/store.h"

namespace aicc {

struct NewCustomer {
  std::string external_id, name, phone, email, language;
  std::optional<CustomerTier> tier;
};

struct OpenConversation {
  std::string channel;
  std::string language;                    // "ko" | "en" | empty (detected later)
  std::optional<std::string> customer_id;  // an existing customer…
  std::optional<NewCustomer> customer;     // …or one to create / find by external_id
  // The conversation's id when the caller derives it from an outside session (a Connect
  // contact, a Lex session), so that session maps to one conversation on every node; a
  // second open with the same id fails (kConflict) and the caller reads the first one.
  // Empty: a new UUIDv7.
  std::optional<std::string> id;
  // `channel` is an admin-registered inbound channel (core/channel.h), whose caller has
  // checked it, rather than one of the built-in channel names.
  bool registered_channel = false;
};

// Whether the bot took part, and if not, why (no_bot_configured, waiting_for_agent, …).
struct BotStatus {
  bool active = false;
  std::string reason;
};

struct OpenedConversation {
  Conversation conversation;
  Customer customer;
  std::vector<Message> messages;  // the bot's greeting, when a bot is configured
  BotStatus bot;
};

struct PostedMessage {
  Message message;
  bool created = true;           // false: an idempotent retry returned the original
  std::vector<Message> replies;  // the bot's reply, when the bot is handling the conversation
  BotStatus bot;
};

// Notified after a change is durable; the API layer turns these into stream events.
struct ChatEvents {
  std::function<void(const Conversation&)> conversation_created;
  std::function<void(const Message&)> message_created;
  std::function<void(const Conversation&)> conversation_updated;
};

class ChatService {
 public:
  // `bot` may be null: conversations then get no bot replies (and say so).
  ChatService(Store& store, const Clock& clock, IdGenerator& ids, ChatEvents events = {},
              BotTurns* bot = nullptr);

  Result<OpenedConversation> open(const OpenConversation& request);
  Result<Conversation> get(const std::string& conversation_id);
  // `text` must be valid UTF-8 of 1–1000 code points (after trimming surrounding spaces).
  Result<PostedMessage> post_customer_message(const std::string& conversation_id,
                                              const std::string& text,
                                              const std::optional<std::string>& client_msg_id);
  Result<MessagePage> history(const std::string& conversation_id, std::int64_t after_seq,
                              int limit);
  Result<Conversation> close(const std::string& conversation_id, const std::string& reason);

 private:
  Result<Customer> resolve_customer(const OpenConversation& request, TimePoint now);

  Store& store_;
  const Clock& clock_;
  IdGenerator& ids_;
  ChatEvents events_;
  BotTurns* bot_;
};

// Trims ASCII and Unicode ideographic spaces at both ends.
std::string trim_text(const std::string& text);

}  // namespace aicc
