// One problem found while loading scenario definitions, located as precisely as possible so
// that a bot author can fix it without guessing: the file, the scenario, the step, the field.
#pragma once

#include <string>
#include <vector>

#include "core/result.h"

namespace aicc::scenario {

struct LoadError {
  std::string file;      // path or other origin ("admin API"); may be empty
  std::string scenario;  // scenario id, when known
  std::string step;      // step id, when the problem is in a step
  std::string message;   // the problem, naming the field ("next: unknown step 'ask_dat'")

  // "bot/scenarios/reservation.yaml: scenario 'reservation': step 'ask_date': next: …"
  std::string to_string() const;
};

// All errors as one ErrorCode::kInvalidArgument: one line per error in the message, and the
// count in details["errors"].
Error to_error(const std::vector<LoadError>& errors);

}  // namespace aicc::scenario
