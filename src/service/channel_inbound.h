// Inbound channels' use cases (core/channel.h): a customer message posted by another
// channel goes into the conversation of its contact — the first message of a contact, or
// the first after its conversation ended, opens a new one on the channel — and the
// conversation a message belongs to is traced back to its channel contact so replies can
// be sent to the channel's callback.
#pragma once

#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/channel.h"
#include "core/clock.h"
#include "core/ids.h"
#include "service/chat_service.h"
#include "store/store.h"

namespace aicc {

struct InboundMessage {
  std::string external_id;    // the channel's id of the contact (core/channel.h limits)
  std::string text;           // as ChatService::post_customer_message
  std::string client_msg_id;  // idempotency key, 1–128 bytes (required)
  std::string customer_name;  // optional, ≤ 200 characters; used when the customer is new
  std::string language;       // "ko" | "en" | empty (detected)
};

struct InboundResult {
  Conversation conversation;
  bool conversation_created = false;  // this message opened it
  std::vector<Message> greeting;      // the bot's greeting of a new conversation
  PostedMessage posted;               // the stored message (or the original) and the replies
};

// Where a conversation's replies go: its contact and the contact's channel.
struct ChannelRoute {
  ChannelContact contact;
  std::string channel_name;
};

// The conversation → channel contact lookup behind the callbacks, remembered per
// conversation (a conversation's channel never changes, and conversations are linked
// before they are opened), so a chat turn pays a store read at most once. An ended
// conversation is forgotten, so memory follows the conversations in progress.
class ChannelRoutes {
 public:
  explicit ChannelRoutes(Store& store);
  // The route of a conversation, or nullopt for a conversation of no channel.
  Result<std::optional<ChannelRoute>> route_of(const std::string& conversation_id);
  void remember(const std::string& conversation_id, std::optional<ChannelRoute> route);
  // The conversation ended: a later message (an agent's note, say) reads the store again.
  void forget(const std::string& conversation_id);
  std::size_t remembered() const;

 private:
  Store& store_;
  mutable std::mutex mu_;
  std::unordered_map<std::string, std::optional<ChannelRoute>> routes_;
};

class ChannelInbound {
 public:
  ChannelInbound(Store& store, ChatService& chat, ChannelRoutes& routes, const Clock& clock,
                 IdGenerator& ids);

  // Stores the message in the contact's current conversation (opening one when there is
  // none, or it is closed) and runs the bot's turn. The channel must be enabled (the
  // caller checked who may post). kInvalidArgument (details.field) for bad input; a retry
  // with the same client_msg_id returns the original message and reply, writing nothing.
  Result<InboundResult> receive(const Channel& channel, const InboundMessage& message);

 private:
  Store& store_;
  ChatService& chat_;
  ChannelRoutes& routes_;
  const Clock& clock_;
  IdGenerator& ids_;
};

}  // namespace aicc
