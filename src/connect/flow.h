// Amazon Connect flow language (the JSON a contact flow is exported and deployed as):
// the document model, its parser and the validator behind `aicc flow validate`.
//
// A flow is {Version, StartAction, Metadata?, Actions:[{Identifier, Type, Parameters,
// Transitions:{NextAction?, Conditions?, Errors?}}]}. Metadata (the console's layout) is
// ignored. The validator knows the action types the simulator runs (the table in
// flow.cc: required parameters and error branches per type); any other type is a
// problem, never silently skipped, because a flow that uses it cannot be tested here.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json.hpp>

namespace aicc::connect {

// One branch of a block: `Condition: {Operator, Operands}` leading to `next`.
struct FlowCondition {
  std::string op;  // Equals, NumberGreaterThan, TextContains, …
  std::vector<std::string> operands;
  std::string next;
};

// An error branch: `{ErrorType, NextAction}`.
struct FlowErrorBranch {
  std::string type;  // NoMatchingError, NoMatchingCondition, InputTimeLimitExceeded, …
  std::string next;
};

struct FlowAction {
  std::string id;
  std::string type;
  boost::json::object parameters;
  std::string next;  // Transitions.NextAction; empty when absent
  std::vector<FlowCondition> conditions;
  std::vector<FlowErrorBranch> errors;

  // The NextAction of the error branch `type`, or nullptr.
  const std::string* error_next(std::string_view type) const;
  // A parameter as text (strings as they are, numbers printed); nullopt when absent or
  // not a scalar.
  std::optional<std::string> text_parameter(std::string_view key) const;
};

struct Flow {
  std::string version;
  std::string start;
  std::vector<FlowAction> actions;

  const FlowAction* find(std::string_view id) const;
};

// A problem found in a flow. `block` is the action's Identifier ("" for the document).
struct FlowProblem {
  std::string block;
  std::string message;
};

struct ParsedFlow {
  std::optional<Flow> flow;  // nullopt when the document is not a flow at all
  std::vector<FlowProblem> problems;
};

// Parses a flow-language document. Structural problems (wrong JSON types, missing
// Identifier or Type, duplicate identifiers) are reported per block; the flow is still
// returned when its shape allows checking the rest.
ParsedFlow parse_flow(std::string_view json_text);

// Everything parse_flow() cannot see: start and transition targets exist, every block is
// reachable from the start, known types only, required parameters and error branches
// per type, condition shapes. Empty when the flow is valid.
std::vector<FlowProblem> validate_flow(const Flow& flow);

// parse_flow + validate_flow of a file's text, for the CLI and the tests.
std::vector<FlowProblem> check_flow_text(std::string_view json_text);

}  // namespace aicc::connect
