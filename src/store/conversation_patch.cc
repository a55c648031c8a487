#include "store/conversation_patch.h"

#include <string>

namespace aicc::store {

Status apply_patch(Conversation& c, const ConversationPatch& patch, TimePoint at) {
  if (patch.expected_bot_version && *patch.expected_bot_version != c.bot_version)
    return make_error(ErrorCode::kConflict,
                      "the bot state of conversation " + c.id + " changed meanwhile",
                      {{"reason", "stale_bot_state"},
                       {"expected_bot_version", std::to_string(*patch.expected_bot_version)},
                       {"bot_version", std::to_string(c.bot_version)}});
  if (patch.state && *patch.state != c.state) {
    if (auto st = transition(c, *patch.state, at, patch.close_reason); !st) return st;
  }
  if (patch.bot_state) {
    c.bot_state = *patch.bot_state;
    ++c.bot_version;
  }
  if (patch.language) c.language = *patch.language;
  if (patch.escalation_reason) c.escalation_reason = *patch.escalation_reason;
  if (patch.escalation_priority) c.escalation_priority = *patch.escalation_priority;
  c.updated_at = at;
  return {};
}

}  // namespace aicc::store
