// Applies a ConversationPatch to a conversation in memory, with every check the
// contract promises (optimistic bot_version lock, guarded transition). Both backends
// call it inside their transaction, on the row they have just read (and locked), then
// write the whole row back — so SQLite and PostgreSQL apply the same rules.
#pragma once

#include "core/clock.h"
#include "core/conversation.h"
#include "core/result.h"
#include "store/store.h"

namespace aicc::store {

// Changes `conversation` in place; on error it may be partly changed and must be dropped.
Status apply_patch(Conversation& conversation, const ConversationPatch& patch, TimePoint at);

}  // namespace aicc::store
