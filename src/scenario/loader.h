// Loading scenario definitions from bot data: one scenario per file, JSON (*.json) or YAML
// (*.yaml, *.yml), in a directory such as bot/scenarios/. Every file is parsed and validated
// (validate.h) and ALL problems are collected, so an author sees the full list at once; a
// definition with any error is left out of `scenarios`. Format: docs/bot-authoring.md.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "scenario/definition.h"
#include "scenario/load_error.h"

namespace aicc::scenario {

struct LoadReport {
  std::vector<Scenario> scenarios;  // the valid ones, in file-name order
  std::vector<LoadError> errors;

  bool ok() const { return errors.empty(); }
};

enum class SourceFormat { kJson, kYaml };

// One definition from text (the admin API's path); `origin` names it in errors.
LoadReport parse_scenario_text(std::string_view text, SourceFormat format,
                               const std::string& origin);

// One file; the format comes from the extension.
LoadReport load_scenario_file(const std::string& path);

// Every *.json, *.yaml and *.yml file directly in `dir`, plus the cross-file checks (duplicate
// ids, an intent claimed twice). A missing directory is one error.
LoadReport load_scenario_dir(const std::string& dir);

// load_scenario_dir() for callers that refuse to start on any error: the scenarios, or one
// kInvalidArgument listing every problem (to_error in load_error.h).
Result<std::vector<Scenario>> load_scenarios(const std::string& dir);

}  // namespace aicc::scenario
