// One message of a conversation, as stored. Messages are append-only and ordered by
// `seq` (1, 2, 3 … within a conversation).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.h"

namespace aicc {

enum class Sender { kCustomer, kBot, kAgent, kSystem };

std::string_view to_string(Sender s);
std::optional<Sender> parse_sender(std::string_view s);

// Limits on a customer-visible message text, counted in Unicode code points.
inline constexpr std::size_t kMinMessageChars = 1;
inline constexpr std::size_t kMaxMessageChars = 1000;
// Longest accepted client_msg_id, in bytes.
inline constexpr std::size_t kMaxClientMsgIdBytes = 128;

struct Message {
  std::string id;
  std::string conversation_id;
  std::int64_t seq = 0;  // assigned by the store on append
  Sender sender = Sender::kCustomer;
  std::string sender_id;  // agent id for agent messages; empty otherwise
  std::string text;
  std::optional<std::string> client_msg_id;  // idempotency key chosen by the client
  // Understanding and decision, filled for bot turns by the NLU/dialogue modules.
  std::string intent;
  std::optional<double> confidence;
  std::string entities_json;  // JSON array produced by the NLU adapter; opaque to the core
  std::string sentiment;      // negative | neutral | positive; empty if not analysed
  std::string decision;       // what the bot decided (e.g. faq_answer, escalate)
  std::string reason;         // why
  // Everything else the client or an operator needs about a bot turn, as a JSON object
  // (quick replies, FAQ id, scenario step and progress, escalation); opaque to the core.
  std::string details_json;
  TimePoint created_at{};
};

}  // namespace aicc
