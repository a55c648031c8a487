// The meaning checks of a scenario definition, run by the loader on every file and available
// to the admin API for definitions edited in place. Every problem is reported, not just the
// first, each naming the scenario, the step and the field:
//   ids        missing, duplicate, reserved (complete/escalate/cancel), bad characters
//   texts      Korean name, prompts and messages present; templates well formed; every
//              {slot} filled on every path before it is shown (escalation/cancel messages
//              take no placeholders: they can be shown at any step)
//   types      validation keys that fit the input type; min ≤ max; regexes compile; choice
//              steps have 2+ options whose numbers, values, labels and synonyms do not collide
//   flow       every next/branch target exists; branch values are option values (choice) or
//              yes/no; escalate reasons are known; every step is reachable from the first one
//              and can reach an end (a cycle without an exit is an error); retry_limit ≥ 1
//   action     record/lookup name a kind; webhook has an http(s) URL
#pragma once

#include <vector>

#include "scenario/definition.h"
#include "scenario/load_error.h"

namespace aicc::scenario {

std::vector<LoadError> validate_scenario(const Scenario& scenario);

// Checks across scenarios: duplicate ids, one trigger intent claimed by two scenarios.
std::vector<LoadError> validate_catalog(const std::vector<Scenario>& scenarios);

}  // namespace aicc::scenario
