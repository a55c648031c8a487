// The per-conversation progress through one scenario. The engine never stores it: each turn
// takes a state and returns the next one, and the caller persists it (as JSON, below) with the
// conversation's bot state.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace aicc::scenario {

enum class RunStatus { kActive, kCompleted, kEscalated, kCancelled };

std::string_view to_string(RunStatus status);
std::optional<RunStatus> parse_run_status(std::string_view text);

struct ScenarioState {
  std::string scenario_id;
  std::string step_id;  // the step waiting for an answer (the last one asked, once finished)
  RunStatus status = RunStatus::kActive;
  std::map<std::string, std::string> slots;  // slot → normalised value
  std::vector<std::string> path;             // steps answered so far, in order
  int retries = 0;                           // invalid answers to the current step
  int invalid_in_row = 0;  // invalid answers in a row; the dialogue policy's escalation trigger

  bool finished() const { return status != RunStatus::kActive; }
  friend bool operator==(const ScenarioState&, const ScenarioState&) = default;
};

// {"version":1,"scenario":…,"step":…,"status":"active","slots":{…},"path":[…],"retries":0,
//  "invalid_in_row":0}
std::string state_to_json(const ScenarioState& state);

// Strict: malformed JSON, a missing or mistyped field, an unknown field or an unknown version
// is ErrorCode::kInvalidArgument naming the field. Whether the scenario and step still exist is
// checked by ScenarioEngine::restore(), which knows the loaded definitions.
Result<ScenarioState> state_from_json(std::string_view json);

}  // namespace aicc::scenario
