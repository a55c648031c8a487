// The agent profile of a user who takes contacts (role agent or supervisor): what they
// can handle (skills, languages, queues, capacity) and what they are doing now (state).
// PRODUCT.md §7; the prototype's model is in reference/spec-B.md §4.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "core/user.h"

namespace aicc {

enum class AgentState { kAvailable, kBusy, kBreak, kTraining, kMeeting, kAfterCallWork, kOffline };

std::string_view to_string(AgentState s);
std::optional<AgentState> parse_agent_state(std::string_view s);
// States an agent may choose. `busy` is not one: routing sets it when capacity is full.
bool agent_may_choose(AgentState s);

struct AgentSkill {
  std::string name;  // e.g. "billing"; compared case-insensitively by routing
  int level = 1;     // 1 (beginner) … 5 (expert)
  bool operator==(const AgentSkill&) const = default;
};

inline constexpr int kDefaultChatCapacity = 3;
inline constexpr int kDefaultVoiceCapacity = 1;

struct AgentProfile {
  std::string user_id;
  std::vector<AgentSkill> skills;
  std::vector<std::string> languages;          // "ko", "en", …
  std::vector<std::string> queues;             // queue ids the agent serves
  int chat_capacity = kDefaultChatCapacity;    // concurrent chats
  int voice_capacity = kDefaultVoiceCapacity;  // concurrent calls
  AgentState state = AgentState::kOffline;
  std::string state_reason;
  TimePoint state_since{};  // when the current state began
  TimePoint updated_at{};
};

// A user with their agent profile, as listed to supervisors.
struct Agent {
  User user;
  AgentProfile profile;
};

// One period in a state, for time-in-state reporting; ended_at is unset while it lasts.
struct AgentStateRecord {
  std::string user_id;
  AgentState state = AgentState::kOffline;
  std::string reason;
  TimePoint started_at{};
  std::optional<TimePoint> ended_at;
};

// Skills: 1–50, names 1–64 bytes of [a-z0-9_-] (lower case, so matching is exact),
// unique, levels 1–5. Languages and queues: at most 20 each, 1–64 bytes of
// [A-Za-z0-9_-], unique. Capacities: chat 0–20, voice 0–5.
// Errors name the field in details.field.
Status validate_profile(const AgentProfile& p);
// At most 200 bytes of UTF-8 without control characters.
Status validate_state_reason(std::string_view reason);

}  // namespace aicc
