// A conversation between one customer and the contact center, and its life cycle.
//
//   bot ──► queued ──► assigned ──► closed
//    │  ◄──┘ (escalation cancelled)  │
//    │        ◄──────────────────────┘ (transfer back to a queue)
//    └──► closed / abandoned  (from bot, queued or assigned)
//
// closed and abandoned are terminal. An illegal transition is an error, never a silent change.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/result.h"

namespace aicc {

enum class ConversationState { kBot, kQueued, kAssigned, kClosed, kAbandoned };

std::string_view to_string(ConversationState s);
std::optional<ConversationState> parse_conversation_state(std::string_view s);

inline bool is_terminal(ConversationState s) {
  return s == ConversationState::kClosed || s == ConversationState::kAbandoned;
}

// True if the life cycle allows moving from `from` to `to`.
bool can_transition(ConversationState from, ConversationState to);

// Channels a conversation can arrive on.
bool is_known_channel(std::string_view channel);
// Languages the bot speaks ("ko", "en").
bool is_supported_language(std::string_view language);

struct Conversation {
  std::string id;
  std::string customer_id;
  std::string channel;   // web | voice | api | chat | sms | email | messenger | kakao
  std::string language;  // "ko" | "en"; empty until known
  ConversationState state = ConversationState::kBot;
  std::string close_reason;  // set when terminal: customer | agent | inactivity | ...
  std::int64_t message_count = 0;
  TimePoint created_at{};
  TimePoint updated_at{};
  TimePoint last_activity_at{};
  std::optional<TimePoint> closed_at;
  // The bot's dialogue context (active scenario, misses in a row, recent intents …) as an
  // opaque JSON document owned by the dialogue module; empty before the first bot turn.
  std::string bot_state;
  // Bumped by the store each time bot_state is written: an optimistic lock, so two turns
  // computed from the same context cannot both be saved.
  std::int64_t bot_version = 0;
  // Set when the bot hands the conversation to people (PRODUCT.md §7).
  std::string escalation_reason;    // customer_request | complaint | bot_limitation | …
  std::string escalation_priority;  // low | medium | high | urgent | critical
};

// Applies a guarded transition in place: updates state, timestamps and close reason.
// Returns kConflict (with details from/to) when the life cycle forbids it.
Status transition(Conversation& conversation, ConversationState to, TimePoint at,
                  std::string_view reason = {});

}  // namespace aicc
