// The scenario engine: walks a customer through a guided form one answer at a time.
//
// Pure and deterministic. The engine keeps no per-conversation data: every call takes the
// ScenarioState the caller stored and returns the next one inside a Turn, together with
// everything the reply needs (text, quick replies, progress, slots, the completion action).
// Time comes in as `now` (dates such as 내일 are resolved against it). An engine is immutable
// after create() and safe to share between threads.
//
// Typical use by the dialogue policy:
//   auto turn = engine.start("reservation", Language::kKorean);        // first prompt
//   save(state_to_json(turn->state));
//   …next customer message…
//   auto state = engine.restore(saved_json);   // kNotFound if the bot data changed under it
//   auto turn = engine.answer(*state, text, language, clock.now());
//   switch (turn->kind) { case TurnKind::kEscalated: mark for escalation(turn->escalation_reason) …
//   }
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "nlu/entities/entities.h"
#include "scenario/definition.h"
#include "scenario/matching.h"
#include "scenario/state.h"

namespace aicc::scenario {

enum class TurnKind {
  kPrompt,     // a step is asked (the first one, or the next one after a valid answer)
  kRetry,      // the answer was refused: the validation message, then the same prompt again
  kCompleted,  // the last answer completed the form
  kEscalated,  // hand over to people: escalation_reason says why
  kCancelled,  // the customer cancelled, or answered "no" where that ends the form
};

std::string_view to_string(TurnKind kind);

// Step k of n. n is what is known now: the answers given so far plus the longest way still
// ahead from the current step (branches can only shorten it). percent is the part already
// answered: 0 on the first prompt, 100 only on completion.
struct Progress {
  int step = 0;
  int total = 0;
  int percent = 0;
};

// A chip the client shows; sending `value` back as the answer selects it.
struct QuickReply {
  std::string label;
  std::string value;
};

// The completion action with the values to act on. The engine performs nothing itself: the
// caller stores the record, runs the lookup or POSTs the slots to the webhook.
struct ActionRequest {
  CompletionAction action;
  std::map<std::string, std::string> slots;
};

struct Turn {
  TurnKind kind = TurnKind::kPrompt;
  ScenarioState state;  // persist this; finished() once completed, escalated or cancelled
  std::string text;     // the bot's reply, in the requested language, slots filled in
  std::string step_id;  // the step asked now (prompt, retry) or where the form ended
  std::string validation_message;  // kRetry, and kEscalated after too many invalid answers
  Progress progress;
  std::vector<QuickReply> quick_replies;     // options of a choice or yes_no step
  std::map<std::string, std::string> slots;  // all values collected so far
  std::optional<ActionRequest> action;       // kCompleted, when the scenario has one
  std::string escalation_reason;             // kEscalated: bot_limitation, complex_inquiry …
};

struct EngineOptions {
  // Cancel words for scenarios that do not set their own (matching.h explains the matching).
  std::vector<std::string> cancel_words = default_cancel_words();
};

class ScenarioEngine {
 public:
  // Validates the definitions again (validate.h) so that the engine can rely on them; any
  // problem is kInvalidArgument listing all of them.
  static Result<ScenarioEngine> create(std::vector<Scenario> scenarios,
                                       nlu::EntityExtractor extractor, EngineOptions options = {});

  const std::vector<Scenario>& scenarios() const { return scenarios_; }
  const Scenario* find(std::string_view scenario_id) const;
  // The scenario an intent starts, or nullptr.
  const Scenario* find_by_intent(std::string_view intent) const;

  // The first prompt of a new run. kNotFound for an unknown scenario id.
  Result<Turn> start(std::string_view scenario_id, Language language) const;

  // The customer's answer to the current step. Errors (the state is then unchanged):
  //   kFailedPrecondition  the run is finished (completed, escalated or cancelled)
  //   kNotFound            the state names a scenario or step the loaded bot no longer has
  Result<Turn> answer(const ScenarioState& state, std::string_view input, Language language,
                      TimePoint now) const;

  // The current prompt again, e.g. after the customer asked something else in between, or
  // in the other language. Same errors as answer().
  Result<Turn> repeat(const ScenarioState& state, Language language) const;

  // Ends the run as cancelled on the caller's initiative (a "cancel" button). Same errors.
  Result<Turn> cancel(const ScenarioState& state, Language language) const;

  // True when `input` is a cancel command by the engine's words ("취소", "그만할게요", "stop").
  bool is_cancel(std::string_view input) const;
  // The same for a running scenario: its own cancel words, and never an answer that the
  // current step accepts ("취소해 주세요" on a yes/no "주문을 취소할까요?" is a yes).
  bool is_cancel(const ScenarioState& state, std::string_view input) const;

  // Reads a stored state (state_from_json) and checks that its scenario and step still exist
  // and that every slot in it belongs to a step: kInvalidArgument for corrupt JSON, kNotFound
  // after a bot data change. The caller then drops the run and tells the customer.
  Result<ScenarioState> restore(std::string_view json) const;

 private:
  struct Context;  // a state resolved against the definitions

  ScenarioEngine(std::vector<Scenario> scenarios, nlu::EntityExtractor extractor,
                 EngineOptions options);
  Result<Context> resolve(const ScenarioState& state) const;
  const std::vector<std::string>& cancel_words(const Scenario& scenario) const;
  Progress progress(const Scenario& scenario, const ScenarioState& state) const;
  std::string render(const Scenario& scenario, const LocalizedText& text,
                     const ScenarioState& state, Language language) const;
  Turn prompt_turn(TurnKind kind, const Scenario& scenario, const Step& step, ScenarioState state,
                   Language language) const;
  Turn end_turn(TurnKind kind, const Scenario& scenario, ScenarioState state,
                Language language) const;
  Turn go_to(const Scenario& scenario, const Step& from, const std::string& target,
             const std::string& reason, ScenarioState state, Language language) const;

  std::vector<Scenario> scenarios_;
  std::vector<std::map<std::string, int, std::less<>>> steps_to_end_;  // parallel to scenarios_
  nlu::EntityExtractor extractor_;
  EngineOptions options_;
};

}  // namespace aicc::scenario
