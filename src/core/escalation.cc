#include "core/escalation.h"

#include <array>

namespace aicc {

namespace {
constexpr std::array<std::pair<EscalationState, std::string_view>, 8> kNames = {{
    {EscalationState::kQueued, "queued"},
    {EscalationState::kOffered, "offered"},
    {EscalationState::kAssigned, "assigned"},
    {EscalationState::kWrapUp, "wrap_up"},
    {EscalationState::kDone, "done"},
    {EscalationState::kCancelled, "cancelled"},
    {EscalationState::kCallbackOffered, "callback_offered"},
    {EscalationState::kCallback, "callback"},
}};
}  // namespace

std::string_view to_string(EscalationState s) {
  for (const auto& [state, name] : kNames)
    if (state == s) return name;
  return "queued";
}

std::optional<EscalationState> parse_escalation_state(std::string_view s) {
  for (const auto& [state, name] : kNames)
    if (name == s) return state;
  return std::nullopt;
}

bool is_open(EscalationState s) {
  return s == EscalationState::kQueued || s == EscalationState::kOffered ||
         s == EscalationState::kAssigned || s == EscalationState::kWrapUp ||
         s == EscalationState::kCallbackOffered;
}

bool agent_has_it(EscalationState s) {
  return s == EscalationState::kAssigned || s == EscalationState::kWrapUp ||
         s == EscalationState::kDone;
}

}  // namespace aicc
