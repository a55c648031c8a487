// Scenario definitions as the bot directory and the admin upload accept them, JSON or YAML
// (the first byte picks): any bytes give scenarios or load errors, never a crash.
#include <cstddef>
#include <cstdint>

#include "fuzz/fuzz_input.h"
#include "scenario/loader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto [selector, text] = aicc::fuzz::split_selector(data, size);
  const auto format =
      selector % 2 == 0 ? aicc::scenario::SourceFormat::kJson : aicc::scenario::SourceFormat::kYaml;
  const auto report = aicc::scenario::parse_scenario_text(text, format, "fuzz");
  // A definition that passed validation must not also carry errors, and vice versa.
  if (!report.scenarios.empty() && !report.errors.empty()) __builtin_trap();
  return 0;
}
