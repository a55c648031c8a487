// The step graph of a scenario: which step an answer can lead to, and how far each step is
// from the end. Used by the validator (reachability, exits) and by the engine (progress).
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "scenario/definition.h"

namespace aicc::scenario {

// Every target `step` can lead to — branch targets in order, then the default — without
// repeats. Targets are step ids or the reserved complete/escalate/cancel.
std::vector<std::string> step_targets(const Scenario& scenario, const Step& step);

// For each step reachable from the first one: the most steps still to answer on a path to an
// end, counting the step itself. Loops count once: edges that go back to a step already on the
// path from the first step (back edges of a depth-first walk) are ignored, so a loop that
// asks "another one?" does not make the form look endless.
std::map<std::string, int, std::less<>> steps_to_end(const Scenario& scenario);

}  // namespace aicc::scenario
