// A conversation handed to people (PRODUCT.md §7): why, how urgent, which queue, where it
// is in its life, and how it ended. The reason and priority come from the dialogue rules
// (dialogue/escalation.h), the queue from routing/queues.h; this is the record.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/clock.h"

namespace aicc {

// queued → offered (to one agent) → assigned → wrap_up → done; offered → queued when the
// offer is declined or times out; queued/offered → cancelled (by the customer);
// callback_offered (outside hours or a full queue) → callback (number recorded) or
// cancelled; queued → callback when the customer prefers to be called.
enum class EscalationState {
  kQueued,
  kOffered,
  kAssigned,
  kWrapUp,
  kDone,
  kCancelled,
  kCallbackOffered,
  kCallback,
};

std::string_view to_string(EscalationState s);
std::optional<EscalationState> parse_escalation_state(std::string_view s);
// Open: the conversation has at most one escalation in these states at a time.
bool is_open(EscalationState s);
// An agent works on it (assigned, wrap_up, done): the customer can no longer cancel.
bool agent_has_it(EscalationState s);

struct Escalation {
  std::string id;         // UUIDv7
  std::string reference;  // "ESC-" + 8 hex digits (IdGenerator), shown to the customer
  std::string conversation_id;
  std::string customer_id;
  std::string reason;     // one of the 8 reasons
  std::string priority;   // low | medium | high | critical
  int priority_rank = 2;  // 1 … 4, for ordering
  std::string queue_id;
  std::string language;  // "ko" | "en"
  EscalationState state = EscalationState::kQueued;
  std::string note;            // the customer's or the bot's words on why, may be empty
  std::string agent_id;        // offered to or assigned to; empty before
  std::string callback_phone;  // normalised, when a callback was asked for
  std::string disposition;     // wrap-up code
  std::string wrap_up_notes;
  std::optional<int> csat;  // 1 … 5
  TimePoint created_at{};
  TimePoint updated_at{};
  std::optional<TimePoint> offered_at;
  std::optional<TimePoint> assigned_at;
  std::optional<TimePoint> ended_at;  // done, cancelled or callback
};

}  // namespace aicc
