// A guided scenario as data: the definition the loader builds from a JSON/YAML file and the
// engine walks one step at a time (PRODUCT.md §5). Definitions are plain values, immutable once
// loaded; everything that changes during a conversation lives in ScenarioState (state.h).
//
// A definition that reaches the engine has passed validate_scenario() (validate.h): every
// target exists, every step is reachable and can reach an end, every `{slot}` in a prompt is
// filled on every path to it, regexes compile, options do not collide. The engine relies on it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "nlu/text/language.h"

namespace aicc::scenario {

using nlu::Language;

// A user-visible text in Korean (required) and English (optional: falls back to Korean).
struct LocalizedText {
  std::string ko;
  std::string en;

  const std::string& in(Language language) const {
    return language == Language::kEnglish && !en.empty() ? en : ko;
  }
  bool empty() const { return ko.empty() && en.empty(); }
};

// Words in both languages (synonyms). Matching ignores case, width and spaces (matching.h).
struct LocalizedWords {
  std::vector<std::string> ko;
  std::vector<std::string> en;
};

enum class InputType { kText, kChoice, kNumber, kDate, kPhone, kEmail, kOrderNumber, kYesNo };

std::string_view to_string(InputType type);
std::optional<InputType> parse_input_type(std::string_view text);

// One answer of a `choice` step. The slot stores `value` (stable, language-neutral, what
// branches test); the customer may type the label, a synonym (either language) or its
// 1-based position ("1", "1번").
struct ChoiceOption {
  std::string value;
  LocalizedText label;
  LocalizedWords synonyms;
};

// Checks on an answer, by input type. Unset fields do not apply.
struct Validation {
  // text: length in Unicode characters (default 1..1000), ECMAScript regex on the whole answer.
  std::optional<std::int64_t> min_length;
  std::optional<std::int64_t> max_length;
  std::string pattern;
  // number: inclusive bounds; integer_only refuses "2.5".
  std::optional<double> min;
  std::optional<double> max;
  bool integer_only = false;
  // date: strictly after today (in the extractor's zone); at most this many days ahead.
  bool future_only = false;
  std::optional<std::int64_t> max_days_ahead;
  // phone: Korean mobile numbers (01X) only.
  bool mobile_only = false;
};

// Reserved targets of `next`/branches; no step may use these ids.
namespace target {
inline constexpr std::string_view kComplete = "complete";
inline constexpr std::string_view kEscalate = "escalate";
inline constexpr std::string_view kCancel = "cancel";
}  // namespace target

bool is_reserved_target(std::string_view id);

// The escalation reasons of PRODUCT.md §7; a branch to `escalate` names one of them.
bool is_escalation_reason(std::string_view reason);

// A condition on the (normalised) answer. Exactly one kind is set by the loader.
struct Condition {
  enum class Kind { kEquals, kIn, kRange, kMatches };
  Kind kind = Kind::kEquals;
  std::vector<std::string> values;  // kEquals (one value) and kIn; compared case-insensitively
  std::optional<double> min;        // kRange, inclusive; for number answers
  std::optional<double> max;
  std::string pattern;  // kMatches: ECMAScript regex searched in the answer
};

struct Branch {
  Condition when;
  std::string next;    // a step id, or target::k*
  std::string reason;  // for `escalate`: an escalation reason (default complex_inquiry)
};

struct Step {
  std::string id;
  LocalizedText prompt;  // may hold {slot} placeholders of earlier answers
  InputType type = InputType::kText;
  std::string slot;  // where the answer is stored; defaults to the step id
  Validation validation;
  std::vector<ChoiceOption> options;  // choice steps
  LocalizedText error;                // replaces the default "wrong format" message
  std::vector<Branch> branches;       // tested in order; the first match wins
  std::string next;                   // when no branch matches; default: the following step
  int retry_limit = 3;                // invalid answers on this step before escalating
};

// What to do with the slots when the scenario completes.
struct CompletionAction {
  std::string type;  // "record" (store a record), "webhook" (POST the slots), "lookup"
  std::string kind;  // record/lookup: what ("reservation", "ticket", "order")
  std::string url;   // webhook: http(s) URL
};

struct Scenario {
  std::string id;
  LocalizedText name;
  LocalizedText description;
  std::vector<std::string> trigger_intents;
  std::vector<Step> steps;           // the first step is the entry point
  LocalizedText completion_message;  // {slot} placeholders allowed
  LocalizedText escalation_message;
  LocalizedText cancel_message;
  std::optional<CompletionAction> completion_action;
  // Words that cancel the scenario at any step; empty = the engine's defaults.
  std::vector<std::string> cancel_words;
  std::string origin;  // the file it came from, for messages

  const Step* find_step(std::string_view step_id) const;
  // The step after `step_id` in file order, or nullptr for the last one.
  const Step* following_step(std::string_view step_id) const;
  // The step whose slot is `slot` (the first one in file order), or nullptr.
  const Step* step_for_slot(std::string_view slot) const;
};

// The effective default target of a step: `next`, else the following step, else complete.
std::string default_next(const Scenario& scenario, const Step& step);

}  // namespace aicc::scenario
