#include "scenario/validate.h"

#include <algorithm>
#include <iterator>
#include <map>
#include <optional>
#include <regex>
#include <set>

#include "scenario/flow.h"
#include "scenario/matching.h"
#include "scenario/template.h"

namespace aicc::scenario {

namespace {

class Checker {
 public:
  explicit Checker(const Scenario& s) : s_(s) {}

  std::vector<LoadError> run() {
    check_scenario_fields();
    if (s_.steps.empty()) {
      error({}, "steps: a scenario needs at least one step");
      return std::move(errors_);
    }
    check_step_ids();
    for (const auto& step : s_.steps) check_step(step);
    check_flow();
    check_templates();
    return std::move(errors_);
  }

 private:
  void error(const std::string& step, std::string message) {
    errors_.push_back(LoadError{s_.origin, s_.id, step, std::move(message)});
  }

  static bool valid_id(std::string_view id) {
    return !id.empty() && std::all_of(id.begin(), id.end(), [](char c) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
             c == '_' || c == '-';
    });
  }

  static std::string regex_problem(const std::string& pattern) {
    try {
      std::regex re(pattern, std::regex::ECMAScript);
      return {};
    } catch (const std::regex_error& e) {
      return e.what();
    }
  }

  void check_scenario_fields() {
    if (s_.id.empty()) {
      error({}, "id: missing");
    } else if (!valid_id(s_.id)) {
      error({}, "id: use letters, digits, '_' and '-'");
    }
    if (s_.name.ko.empty()) error({}, "name: the Korean name (name.ko) is missing");
    for (const auto* text : {&s_.completion_message, &s_.escalation_message, &s_.cancel_message}) {
      if (text->ko.empty()) error({}, "messages: a Korean text (ko) is missing");
    }
    for (const auto* text : {&s_.escalation_message, &s_.cancel_message}) {
      for (const auto& t : {text->ko, text->en}) {
        if (!parse_template(t).placeholders.empty()) {
          error({},
                "escalation_message/cancel_message: no {slot} placeholders (they can be "
                "shown at any step, before the slot is filled)");
        }
      }
    }
    for (const auto& word : s_.cancel_words) {
      if (match_key(word).empty()) error({}, "cancel_words: empty word");
    }
    if (const auto& a = s_.completion_action) {
      if (a->type == "record" || a->type == "lookup") {
        if (a->kind.empty()) error({}, "completion_action: '" + a->type + "' needs a kind");
        if (!a->url.empty()) error({}, "completion_action: 'url' is for webhooks only");
      } else if (a->type == "webhook") {
        if (a->url.rfind("http://", 0) != 0 && a->url.rfind("https://", 0) != 0) {
          error({}, "completion_action: a webhook needs an http(s) url");
        }
      } else {
        error({}, "completion_action: unknown type '" + a->type + "' (record, webhook, lookup)");
      }
    }
  }

  void check_step_ids() {
    std::set<std::string> seen;
    for (const auto& step : s_.steps) {
      if (step.id.empty()) {
        error({}, "steps: a step has no id");
      } else if (is_reserved_target(step.id)) {
        error(step.id, "id: '" + step.id + "' is reserved (complete, escalate, cancel)");
      } else if (!valid_id(step.id)) {
        error(step.id, "id: use letters, digits, '_' and '-'");
      } else if (!seen.insert(step.id).second) {
        error(step.id, "id: duplicate step id");
      }
    }
  }

  void check_step(const Step& step) {
    const std::string& id = step.id;
    if (step.prompt.ko.empty()) error(id, "prompt: the Korean prompt (prompt.ko) is missing");
    if (step.retry_limit < 1) error(id, "retry_limit: must be at least 1");
    if (!valid_id(step.slot)) error(id, "slot: use letters, digits, '_' and '-'");
    check_validation(step);
    check_options(step);
    check_branches(step);
  }

  void check_validation(const Step& step) {
    const Validation& v = step.validation;
    const InputType t = step.type;
    const auto only_for = [&](bool present, std::string_view key, InputType type) {
      if (present && t != type) {
        error(step.id, "validation: '" + std::string(key) + "' does not apply to a " +
                           std::string(to_string(t)) + " step (only " +
                           std::string(to_string(type)) + ")");
      }
    };
    only_for(v.min_length.has_value(), "min_length", InputType::kText);
    only_for(v.max_length.has_value(), "max_length", InputType::kText);
    only_for(!v.pattern.empty(), "pattern", InputType::kText);
    only_for(v.min.has_value(), "min", InputType::kNumber);
    only_for(v.max.has_value(), "max", InputType::kNumber);
    only_for(v.integer_only, "integer_only", InputType::kNumber);
    only_for(v.future_only, "future_only", InputType::kDate);
    only_for(v.max_days_ahead.has_value(), "max_days_ahead", InputType::kDate);
    only_for(v.mobile_only, "mobile_only", InputType::kPhone);
    if (v.min_length && *v.min_length < 0) error(step.id, "validation: min_length < 0");
    if (v.min_length && v.max_length && *v.min_length > *v.max_length) {
      error(step.id, "validation: min_length is greater than max_length");
    }
    if (v.min && v.max && *v.min > *v.max) error(step.id, "validation: min is greater than max");
    if (v.max_days_ahead && *v.max_days_ahead < 1) {
      error(step.id, "validation: max_days_ahead must be at least 1");
    }
    if (!v.pattern.empty()) {
      if (auto problem = regex_problem(v.pattern); !problem.empty()) {
        error(step.id, "validation: pattern does not compile: " + problem);
      }
    }
  }

  void check_options(const Step& step) {
    if (step.type != InputType::kChoice && step.type != InputType::kYesNo) {
      if (!step.options.empty())
        error(step.id, "options: only choice and yes_no steps have options");
      return;
    }
    if (step.type == InputType::kChoice && step.options.size() < 2) {
      error(step.id, "options: a choice step needs at least 2 options");
    }
    // Every word that selects an option, to find words that would select two.
    std::map<std::string, std::string> owner;
    for (std::size_t i = 0; i < step.options.size(); ++i) {
      const ChoiceOption& o = step.options[i];
      if (o.value.empty()) {
        error(step.id, "options: option " + std::to_string(i + 1) + " has no value");
        continue;
      }
      if (step.type == InputType::kYesNo && o.value != "yes" && o.value != "no") {
        error(step.id, "options: a yes_no option's value is 'yes' or 'no', not '" + o.value + "'");
      }
      if (step.type == InputType::kChoice && o.label.ko.empty()) {
        error(step.id, "options: option '" + o.value + "' has no Korean label");
      }
      std::vector<std::string> words{o.value, o.label.ko, o.label.en};
      words.insert(words.end(), o.synonyms.ko.begin(), o.synonyms.ko.end());
      words.insert(words.end(), o.synonyms.en.begin(), o.synonyms.en.end());
      if (step.type == InputType::kChoice) words.push_back(std::to_string(i + 1));
      std::set<std::string> own;
      for (const auto& w : words) {
        const std::string key = match_key(w);
        if (key.empty() || !own.insert(key).second) continue;
        auto [it, inserted] = owner.emplace(key, o.value);
        if (!inserted && it->second != o.value) {
          error(step.id,
                "options: '" + w + "' selects both '" + it->second + "' and '" + o.value + "'");
        }
      }
    }
  }

  void check_target(const Step& step, const std::string& target, std::string_view field) {
    if (is_reserved_target(target)) return;
    if (!s_.find_step(target)) {
      error(step.id, std::string(field) + ": unknown step '" + target + "'");
    }
  }

  void check_branches(const Step& step) {
    if (!step.next.empty()) check_target(step, step.next, "next");
    for (const auto& b : step.branches) {
      check_target(step, b.next, "branches.next");
      if (!b.reason.empty() && b.next != target::kEscalate) {
        error(step.id, "branches: 'reason' only goes with next: escalate");
      }
      if (!b.reason.empty() && !is_escalation_reason(b.reason)) {
        error(step.id, "branches: unknown escalation reason '" + b.reason + "'");
      }
      const Condition& c = b.when;
      switch (c.kind) {
        case Condition::Kind::kEquals:
        case Condition::Kind::kIn:
          if (c.values.empty()) error(step.id, "branches: 'when' lists no value");
          for (const auto& value : c.values) check_branch_value(step, value);
          break;
        case Condition::Kind::kRange:
          if (step.type != InputType::kNumber) {
            error(step.id, "branches: min/max conditions need a number step");
          }
          if (c.min && c.max && *c.min > *c.max)
            error(step.id, "branches: min is greater than max");
          break;
        case Condition::Kind::kMatches:
          if (auto problem = regex_problem(c.pattern); !problem.empty()) {
            error(step.id, "branches: 'matches' does not compile: " + problem);
          }
          break;
      }
    }
  }

  // A choice slot holds option values, a yes_no slot "yes"/"no": a branch on anything else
  // could never fire (the prototype's "4" vs "기타" bug, spec-A §2.6).
  void check_branch_value(const Step& step, const std::string& value) {
    if (step.type == InputType::kChoice) {
      const bool known = std::any_of(step.options.begin(), step.options.end(),
                                     [&](const ChoiceOption& o) { return o.value == value; });
      if (!known) error(step.id, "branches: '" + value + "' is not the value of an option");
    } else if (step.type == InputType::kYesNo && value != "yes" && value != "no") {
      error(step.id, "branches: a yes_no step's answer is 'yes' or 'no', not '" + value + "'");
    }
  }

  void check_flow() {
    // Reachability from the first step.
    std::set<std::string> reached;
    std::vector<const Step*> todo{&s_.steps.front()};
    while (!todo.empty()) {
      const Step* step = todo.back();
      todo.pop_back();
      if (!reached.insert(step->id).second) continue;
      for (const auto& t : step_targets(s_, *step)) {
        if (const Step* next = s_.find_step(t)) todo.push_back(next);
      }
    }
    for (const auto& step : s_.steps) {
      if (!step.id.empty() && !reached.count(step.id)) {
        error(step.id, "unreachable: no path from the first step leads here");
      }
    }
    // Steps from which an end (complete, escalate, cancel) can be reached, by fixpoint. An
    // unknown target counts as an end here: it is reported already, and a second error about
    // the same line would only confuse.
    std::set<std::string> exits;
    for (bool changed = true; changed;) {
      changed = false;
      for (const auto& step : s_.steps) {
        if (exits.count(step.id)) continue;
        for (const auto& t : step_targets(s_, step)) {
          if (is_reserved_target(t) || exits.count(t) || !s_.find_step(t)) {
            exits.insert(step.id);
            changed = true;
            break;
          }
        }
      }
    }
    for (const auto& step : s_.steps) {
      if (reached.count(step.id) && !exits.count(step.id)) {
        error(step.id,
              "cycle without exit: every answer leads back into a loop that never "
              "reaches complete, escalate or cancel");
      }
    }
  }

  // Slots surely filled when each step is asked (and at completion): the intersection over
  // all paths, by a forward data-flow fixpoint.
  void check_templates() {
    std::set<std::string> all_slots;
    for (const auto& step : s_.steps) all_slots.insert(step.slot);
    std::map<std::string, std::set<std::string>> filled_before;  // unset = not reached yet
    std::optional<std::set<std::string>> filled_at_completion;
    filled_before[s_.steps.front().id] = {};
    for (bool changed = true; changed;) {
      changed = false;
      for (const auto& step : s_.steps) {
        auto it = filled_before.find(step.id);
        if (it == filled_before.end()) continue;
        std::set<std::string> after = it->second;
        after.insert(step.slot);
        for (const auto& t : step_targets(s_, step)) {
          if (t == target::kComplete) {
            changed |= meet(filled_at_completion, after);
          } else if (s_.find_step(t)) {
            std::optional<std::set<std::string>> current;
            if (auto f = filled_before.find(t); f != filled_before.end()) current = f->second;
            if (meet(current, after)) {
              filled_before[t] = *current;
              changed = true;
            }
          }
        }
      }
    }
    for (const auto& step : s_.steps) {
      // Unreachable steps were reported already; their templates have no paths to check.
      const auto it = filled_before.find(step.id);
      if (it == filled_before.end()) continue;
      check_text(step.id, "prompt", step.prompt, it->second, all_slots);
      check_text(step.id, "error", step.error, it->second, all_slots);
    }
    if (filled_at_completion) {
      check_text({}, "completion_message", s_.completion_message, *filled_at_completion, all_slots);
    }
  }

  // Intersects `into` with `with` (or sets it when unset); true if `into` changed.
  static bool meet(std::optional<std::set<std::string>>& into, const std::set<std::string>& with) {
    if (!into) {
      into = with;
      return true;
    }
    std::set<std::string> both;
    std::set_intersection(into->begin(), into->end(), with.begin(), with.end(),
                          std::inserter(both, both.end()));
    if (both.size() == into->size()) return false;
    into = std::move(both);
    return true;
  }

  void check_text(const std::string& step, std::string_view field, const LocalizedText& text,
                  const std::set<std::string>& filled, const std::set<std::string>& all_slots) {
    for (const auto& [lang, t] : {std::pair{"ko", &text.ko}, std::pair{"en", &text.en}}) {
      const auto parse = parse_template(*t);
      const std::string where = std::string(field) + "." + lang + ": ";
      if (!parse.error.empty()) {
        error(step, where + parse.error);
        continue;
      }
      for (const auto& name : parse.placeholders) {
        if (!all_slots.count(name)) {
          error(step, where + "{" + name + "} is not the slot of any step");
        } else if (!filled.count(name)) {
          error(step, where + "{" + name + "} may not be filled yet when this is shown");
        }
      }
    }
  }

  const Scenario& s_;
  std::vector<LoadError> errors_;
};

}  // namespace

std::vector<LoadError> validate_scenario(const Scenario& scenario) {
  return Checker(scenario).run();
}

std::vector<LoadError> validate_catalog(const std::vector<Scenario>& scenarios) {
  std::vector<LoadError> errors;
  std::map<std::string, const Scenario*> ids;
  std::map<std::string, const Scenario*> intents;
  for (const auto& s : scenarios) {
    if (s.id.empty()) continue;
    if (auto [it, inserted] = ids.emplace(s.id, &s); !inserted) {
      errors.push_back(
          {s.origin, s.id, {}, "id: duplicate scenario id (also in " + it->second->origin + ")"});
    }
    for (const auto& intent : s.trigger_intents) {
      if (auto [it, inserted] = intents.emplace(intent, &s); !inserted && it->second->id != s.id) {
        errors.push_back(
            {s.origin,
             s.id,
             {},
             "trigger_intents: '" + intent + "' already starts scenario '" + it->second->id + "'"});
      }
    }
  }
  return errors;
}

}  // namespace aicc::scenario
