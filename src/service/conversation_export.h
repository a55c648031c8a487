// Conversations exported for analysis or archiving (JSON Lines, see api/export_api.cc and
// `aicc export`): each conversation with its customer, messages and latest escalation —
// with personal data masked unless raw is asked for (and audited by the caller).
#pragma once

#include <functional>
#include <optional>
#include <vector>

#include "store/store.h"

namespace aicc {

struct ConversationRecord {
  Conversation conversation;
  std::optional<Customer> customer;
  std::vector<Message> messages;         // in order
  std::optional<Escalation> escalation;  // the latest, if any
};

// Masks every personal datum of a record in place: phone numbers, e-mail addresses, card
// and resident registration numbers in every text (messages, their entities and details,
// escalation notes) with core/pii.h's masks; the customer's name (profile, and where a
// text repeats it) down to its first character; the profile's phone, e-mail and the
// callback number.
void mask_personal_data(ConversationRecord& record);

// "김민수" → "김**", "Kim Minsu" → "K********".
std::string mask_name(std::string_view name);

// Reads the conversations created in [from, to) in creation order, a page at a time, and
// hands each record (masked unless `raw`) to `sink`; stops at the first error (the sink's
// included). Returns how many records were handed over.
Result<std::int64_t> export_conversations(
    Store& store, TimePoint from, TimePoint to, bool raw,
    const std::function<Status(const ConversationRecord&)>& sink);

}  // namespace aicc
