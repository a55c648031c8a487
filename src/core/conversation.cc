#include "core/conversation.h"

#include <array>

namespace aicc {

std::string_view to_string(ConversationState s) {
  switch (s) {
    case ConversationState::kBot:
      return "bot";
    case ConversationState::kQueued:
      return "queued";
    case ConversationState::kAssigned:
      return "assigned";
    case ConversationState::kClosed:
      return "closed";
    case ConversationState::kAbandoned:
      return "abandoned";
  }
  return "bot";
}

std::optional<ConversationState> parse_conversation_state(std::string_view s) {
  for (auto st : {ConversationState::kBot, ConversationState::kQueued, ConversationState::kAssigned,
                  ConversationState::kClosed, ConversationState::kAbandoned})
    if (to_string(st) == s) return st;
  return std::nullopt;
}

bool can_transition(ConversationState from, ConversationState to) {
  using S = ConversationState;
  if (is_terminal(from) || from == to) return false;
  switch (to) {
    case S::kBot:
      return from == S::kQueued;
    case S::kQueued:
      return from == S::kBot || from == S::kAssigned;
    case S::kAssigned:
      return from == S::kQueued;
    case S::kClosed:
    case S::kAbandoned:
      return true;
  }
  return false;
}

bool is_known_channel(std::string_view c) {
  static constexpr std::array<std::string_view, 8> kChannels = {
      "web", "voice", "api", "chat", "sms", "email", "messenger", "kakao"};
  for (auto k : kChannels)
    if (k == c) return true;
  return false;
}

bool is_supported_language(std::string_view l) {
  return l == "ko" || l == "en";
}

Status transition(Conversation& c, ConversationState to, TimePoint at, std::string_view reason) {
  if (!can_transition(c.state, to)) {
    return make_error(
        ErrorCode::kConflict,
        "conversation cannot move from " + std::string(to_string(c.state)) + " to " +
            std::string(to_string(to)),
        {{"from", std::string(to_string(c.state))}, {"to", std::string(to_string(to))}});
  }
  c.state = to;
  c.updated_at = at;
  if (is_terminal(to)) {
    c.closed_at = at;
    c.close_reason = std::string(reason);
  }
  return {};
}

}  // namespace aicc
