// ScenarioEngine: resolving states against the definitions, and the turn logic (start,
// answer, cancel). Building the reply of a turn is in turn_builder.cc.
#include "scenario/engine.h"

#include <charconv>
#include <regex>

#include "scenario/flow.h"
#include "scenario/input.h"
#include "scenario/validate.h"

namespace aicc::scenario {

struct ScenarioEngine::Context {
  const Scenario* scenario = nullptr;
  const Step* step = nullptr;
};

namespace {

constexpr std::string_view kRetryLimitReason = "bot_limitation";
constexpr std::string_view kDefaultBranchReason = "complex_inquiry";

bool condition_holds(const Condition& c, const std::string& value) {
  switch (c.kind) {
    case Condition::Kind::kEquals:
    case Condition::Kind::kIn: {
      const std::string key = match_key(value);
      for (const auto& v : c.values) {
        if (match_key(v) == key) return true;
      }
      return false;
    }
    case Condition::Kind::kRange: {
      double x = 0;
      const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), x);
      if (ec != std::errc{} || end != value.data() + value.size()) return false;
      return (!c.min || x >= *c.min) && (!c.max || x <= *c.max);
    }
    case Condition::Kind::kMatches:
      try {
        return std::regex_search(value, std::regex(c.pattern, std::regex::ECMAScript));
      } catch (const std::regex_error&) {
        return false;  // validated on load; never taken
      }
  }
  return false;
}

}  // namespace

std::string_view to_string(TurnKind kind) {
  switch (kind) {
    case TurnKind::kPrompt:
      return "prompt";
    case TurnKind::kRetry:
      return "retry";
    case TurnKind::kCompleted:
      return "completed";
    case TurnKind::kEscalated:
      return "escalated";
    case TurnKind::kCancelled:
      return "cancelled";
  }
  return "prompt";
}

ScenarioEngine::ScenarioEngine(std::vector<Scenario> scenarios, nlu::EntityExtractor extractor,
                               EngineOptions options)
    : scenarios_(std::move(scenarios)),
      extractor_(std::move(extractor)),
      options_(std::move(options)) {
  for (const auto& s : scenarios_) steps_to_end_.push_back(steps_to_end(s));
}

Result<ScenarioEngine> ScenarioEngine::create(std::vector<Scenario> scenarios,
                                              nlu::EntityExtractor extractor,
                                              EngineOptions options) {
  std::vector<LoadError> errors;
  for (const auto& s : scenarios) {
    auto problems = validate_scenario(s);
    errors.insert(errors.end(), problems.begin(), problems.end());
  }
  auto across = validate_catalog(scenarios);
  errors.insert(errors.end(), across.begin(), across.end());
  if (options.cancel_words.empty()) {
    errors.push_back({{}, {}, {}, "engine options: cancel_words is empty"});
  }
  if (!errors.empty()) return tl::unexpected(to_error(errors));
  return ScenarioEngine(std::move(scenarios), std::move(extractor), std::move(options));
}

const Scenario* ScenarioEngine::find(std::string_view scenario_id) const {
  for (const auto& s : scenarios_) {
    if (s.id == scenario_id) return &s;
  }
  return nullptr;
}

const Scenario* ScenarioEngine::find_by_intent(std::string_view intent) const {
  for (const auto& s : scenarios_) {
    for (const auto& i : s.trigger_intents) {
      if (i == intent) return &s;
    }
  }
  return nullptr;
}

Result<ScenarioEngine::Context> ScenarioEngine::resolve(const ScenarioState& state) const {
  const Scenario* scenario = find(state.scenario_id);
  if (!scenario) {
    return make_error(ErrorCode::kNotFound,
                      "scenario '" + state.scenario_id + "' is not in the loaded bot",
                      {{"scenario", state.scenario_id}});
  }
  const Step* step = scenario->find_step(state.step_id);
  if (!step) {
    return make_error(ErrorCode::kNotFound,
                      "scenario '" + state.scenario_id + "' has no step '" + state.step_id + "'",
                      {{"scenario", state.scenario_id}, {"step", state.step_id}});
  }
  return Context{scenario, step};
}

const std::vector<std::string>& ScenarioEngine::cancel_words(const Scenario& scenario) const {
  return scenario.cancel_words.empty() ? options_.cancel_words : scenario.cancel_words;
}

Result<Turn> ScenarioEngine::start(std::string_view scenario_id, Language language) const {
  const Scenario* scenario = find(scenario_id);
  if (!scenario) {
    return make_error(ErrorCode::kNotFound,
                      "scenario '" + std::string(scenario_id) + "' is not in the loaded bot",
                      {{"scenario", std::string(scenario_id)}});
  }
  ScenarioState state;
  state.scenario_id = scenario->id;
  state.step_id = scenario->steps.front().id;
  return prompt_turn(TurnKind::kPrompt, *scenario, scenario->steps.front(), std::move(state),
                     language);
}

Result<Turn> ScenarioEngine::answer(const ScenarioState& state, std::string_view input,
                                    Language language, TimePoint now) const {
  if (state.finished()) {
    return make_error(
        ErrorCode::kFailedPrecondition,
        "scenario '" + state.scenario_id + "' is already " + std::string(to_string(state.status)) +
            "; it takes no more input",
        {{"scenario", state.scenario_id}, {"status", std::string(to_string(state.status))}});
  }
  auto ctx = resolve(state);
  if (!ctx) return tl::unexpected(ctx.error());
  const Scenario& scenario = *ctx->scenario;
  const Step& step = *ctx->step;

  if (!step_claims_answer(step, input) && is_cancel_input(input, cancel_words(scenario))) {
    ScenarioState next = state;
    next.status = RunStatus::kCancelled;
    return end_turn(TurnKind::kCancelled, scenario, std::move(next), language);
  }

  const AnswerCheck check = check_answer(step, input, extractor_, now, language);
  ScenarioState next = state;
  if (!check.valid()) {
    next.retries += 1;
    next.invalid_in_row += 1;
    if (next.retries >= step.retry_limit) {
      next.status = RunStatus::kEscalated;
      Turn turn = end_turn(TurnKind::kEscalated, scenario, std::move(next), language);
      turn.escalation_reason = std::string(kRetryLimitReason);
      turn.validation_message = check.message;
      return turn;
    }
    Turn turn = prompt_turn(TurnKind::kRetry, scenario, step, std::move(next), language);
    turn.validation_message = check.message;
    turn.text = check.message + "\n" + turn.text;
    return turn;
  }

  next.slots[step.slot] = *check.value;
  next.path.push_back(step.id);
  next.retries = 0;
  next.invalid_in_row = 0;
  for (const auto& branch : step.branches) {
    if (condition_holds(branch.when, *check.value)) {
      return go_to(scenario, step, branch.next,
                   branch.reason.empty() ? std::string(kDefaultBranchReason) : branch.reason,
                   std::move(next), language);
    }
  }
  return go_to(scenario, step, default_next(scenario, step), std::string(kDefaultBranchReason),
               std::move(next), language);
}

Turn ScenarioEngine::go_to(const Scenario& scenario, const Step& from, const std::string& target,
                           const std::string& reason, ScenarioState state,
                           Language language) const {
  if (target == target::kComplete) {
    state.status = RunStatus::kCompleted;
    return end_turn(TurnKind::kCompleted, scenario, std::move(state), language);
  }
  if (target == target::kEscalate) {
    state.status = RunStatus::kEscalated;
    Turn turn = end_turn(TurnKind::kEscalated, scenario, std::move(state), language);
    turn.escalation_reason = reason;
    return turn;
  }
  if (target == target::kCancel) {
    state.status = RunStatus::kCancelled;
    return end_turn(TurnKind::kCancelled, scenario, std::move(state), language);
  }
  // Validated on load: a target that is not an end is a step of this scenario.
  const Step* next = scenario.find_step(target);
  if (!next) next = &from;
  state.step_id = next->id;
  return prompt_turn(TurnKind::kPrompt, scenario, *next, std::move(state), language);
}

Result<Turn> ScenarioEngine::repeat(const ScenarioState& state, Language language) const {
  if (state.finished()) {
    return make_error(ErrorCode::kFailedPrecondition,
                      "scenario '" + state.scenario_id + "' is already finished",
                      {{"scenario", state.scenario_id}});
  }
  auto ctx = resolve(state);
  if (!ctx) return tl::unexpected(ctx.error());
  return prompt_turn(TurnKind::kPrompt, *ctx->scenario, *ctx->step, state, language);
}

Result<Turn> ScenarioEngine::cancel(const ScenarioState& state, Language language) const {
  if (state.finished()) {
    return make_error(ErrorCode::kFailedPrecondition,
                      "scenario '" + state.scenario_id + "' is already finished",
                      {{"scenario", state.scenario_id}});
  }
  auto ctx = resolve(state);
  if (!ctx) return tl::unexpected(ctx.error());
  ScenarioState next = state;
  next.status = RunStatus::kCancelled;
  return end_turn(TurnKind::kCancelled, *ctx->scenario, std::move(next), language);
}

bool ScenarioEngine::is_cancel(std::string_view input) const {
  return is_cancel_input(input, options_.cancel_words);
}

bool ScenarioEngine::is_cancel(const ScenarioState& state, std::string_view input) const {
  auto ctx = resolve(state);
  if (!ctx || state.finished()) return is_cancel(input);
  return !step_claims_answer(*ctx->step, input) &&
         is_cancel_input(input, cancel_words(*ctx->scenario));
}

Result<ScenarioState> ScenarioEngine::restore(std::string_view json) const {
  auto state = state_from_json(json);
  if (!state) return state;
  auto ctx = resolve(*state);
  if (!ctx) return tl::unexpected(ctx.error());
  for (const auto& step_id : state->path) {
    if (!ctx->scenario->find_step(step_id)) {
      return make_error(ErrorCode::kNotFound,
                        "scenario '" + state->scenario_id + "' has no step '" + step_id + "'",
                        {{"scenario", state->scenario_id}, {"step", step_id}});
    }
  }
  for (const auto& [slot, value] : state->slots) {
    if (!ctx->scenario->step_for_slot(slot)) {
      return make_error(ErrorCode::kNotFound,
                        "scenario '" + state->scenario_id + "' has no slot '" + slot + "'",
                        {{"scenario", state->scenario_id}, {"slot", slot}});
    }
  }
  return state;
}

}  // namespace aicc::scenario
