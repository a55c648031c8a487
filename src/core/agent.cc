#include "core/agent.h"

#include <algorithm>
#include <set>

#include "core/utf8.h"

namespace aicc {
namespace {

constexpr std::pair<AgentState, std::string_view> kStateNames[] = {
    {AgentState::kAvailable, "available"}, {AgentState::kBusy, "busy"},
    {AgentState::kBreak, "break"},         {AgentState::kTraining, "training"},
    {AgentState::kMeeting, "meeting"},     {AgentState::kAfterCallWork, "after_call_work"},
    {AgentState::kOffline, "offline"},
};

Status invalid(std::string field, std::string message) {
  return make_error(ErrorCode::kInvalidArgument, std::move(message), {{"field", std::move(field)}});
}

bool word_char(char c, bool allow_upper) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
         (allow_upper && c >= 'A' && c <= 'Z');
}

Status validate_names(const std::vector<std::string>& names, const std::string& field,
                      std::size_t max_count) {
  if (names.size() > max_count)
    return invalid(field, field + " may have at most " + std::to_string(max_count) + " entries");
  std::set<std::string_view> seen;
  for (std::size_t i = 0; i < names.size(); ++i) {
    const std::string at = field + "[" + std::to_string(i) + "]";
    const auto& n = names[i];
    if (n.empty() || n.size() > 64 ||
        !std::all_of(n.begin(), n.end(), [](char c) { return word_char(c, true); }))
      return invalid(at, at + " must be 1–64 characters of letters, digits, _ and -");
    if (!seen.insert(n).second) return invalid(at, at + " repeats \"" + n + "\"");
  }
  return {};
}

}  // namespace

std::string_view to_string(AgentState s) {
  for (const auto& [state, name] : kStateNames)
    if (state == s) return name;
  return "offline";
}

std::optional<AgentState> parse_agent_state(std::string_view s) {
  for (const auto& [state, name] : kStateNames)
    if (name == s) return state;
  return std::nullopt;
}

bool agent_may_choose(AgentState s) {
  return s != AgentState::kBusy;
}

Status validate_profile(const AgentProfile& p) {
  if (p.skills.size() > 50) return invalid("skills", "skills may have at most 50 entries");
  std::set<std::string_view> seen;
  for (std::size_t i = 0; i < p.skills.size(); ++i) {
    const std::string at = "skills[" + std::to_string(i) + "]";
    const auto& s = p.skills[i];
    if (s.name.empty() || s.name.size() > 64 ||
        !std::all_of(s.name.begin(), s.name.end(), [](char c) { return word_char(c, false); }))
      return invalid(at + ".name", at + ".name must be 1–64 characters of a-z, 0-9, _ and -");
    if (!seen.insert(s.name).second)
      return invalid(at + ".name", at + ".name repeats \"" + s.name + "\"");
    if (s.level < 1 || s.level > 5)
      return invalid(at + ".level", at + ".level must be between 1 and 5");
  }
  if (auto st = validate_names(p.languages, "languages", 20); !st) return st;
  if (auto st = validate_names(p.queues, "queues", 20); !st) return st;
  if (p.chat_capacity < 0 || p.chat_capacity > 20)
    return invalid("chat_capacity", "chat_capacity must be between 0 and 20");
  if (p.voice_capacity < 0 || p.voice_capacity > 5)
    return invalid("voice_capacity", "voice_capacity must be between 0 and 5");
  return {};
}

Status validate_state_reason(std::string_view reason) {
  const bool control = std::any_of(reason.begin(), reason.end(), [](char c) {
    return static_cast<unsigned char>(c) < 0x20 || c == 0x7f;
  });
  if (reason.size() > 200 || !is_valid_utf8(reason) || control)
    return invalid("reason",
                   "reason must be at most 200 bytes of UTF-8 without control characters");
  return {};
}

}  // namespace aicc
