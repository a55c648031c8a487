#include "scenario/load_error.h"

namespace aicc::scenario {

std::string LoadError::to_string() const {
  std::string out;
  if (!file.empty()) out += file + ": ";
  if (!scenario.empty()) out += "scenario '" + scenario + "': ";
  if (!step.empty()) out += "step '" + step + "': ";
  out += message;
  return out;
}

Error to_error(const std::vector<LoadError>& errors) {
  std::string message = std::to_string(errors.size()) + " error(s) in scenario definitions";
  for (const auto& e : errors) message += "\n  " + e.to_string();
  return Error(ErrorCode::kInvalidArgument, std::move(message),
               {{"errors", std::to_string(errors.size())}});
}

}  // namespace aicc::scenario
