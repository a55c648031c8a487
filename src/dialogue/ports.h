// What the dialogue policy needs from the FAQ knowledge base and the scenario engine,
// stated as narrow interfaces so that the policy is a pure function of its inputs.
// src/bot/ adapts the real modules (src/faq, src/scenario) to these ports.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "nlu/text/language.h"

namespace aicc::dialogue {

struct FaqHit {
  std::string id;
  std::string question;
  std::string answer;
  double confidence = 0.0;  // 0…1, comparable with auto_answer_threshold()
};

class FaqPort {
 public:
  virtual ~FaqPort() = default;
  // The best entries for `text`, best first. `intent_hint` is the intent model's best
  // guess (may be empty); entries tied to that intent rank higher.
  virtual std::vector<FaqHit> search(std::string_view text, nlu::Language language,
                                     std::string_view intent_hint, int k) const = 0;
  // At or above this confidence the bot answers with the entry by itself.
  virtual double auto_answer_threshold() const = 0;
};

// One step of a guided scenario, as the policy sees it.
struct ScenarioStep {
  enum class Outcome {
    kPrompt,     // the next question (or the first one)
    kRetry,      // the answer was invalid: the validation message and the question again
    kCompleted,  // all answers collected: completion text; `action_json` says what to do
    kEscalate,   // retry limit reached, or a branch to a person
    kCancelled,  // the customer cancelled
  };
  Outcome outcome = Outcome::kPrompt;
  std::string text;  // what the bot says
  std::vector<std::string> quick_replies;
  std::string scenario_id;
  std::string step_id;
  int step = 0;   // 1-based number of the current step
  int steps = 0;  // number of steps on the customer's path
  int percent = 0;
  std::string state_json;         // the state to keep; empty when the scenario is over
  std::string slots_json;         // the answers so far, as a JSON object
  std::string action_json;        // completion action with its parameters; empty if none
  std::string escalation_reason;  // for kEscalate
};

class ScenarioPort {
 public:
  virtual ~ScenarioPort() = default;
  virtual bool has_scenario(std::string_view scenario_id) const = 0;
  virtual Result<ScenarioStep> start(std::string_view scenario_id,
                                     nlu::Language language) const = 0;
  // kFailedPrecondition if the stored state no longer fits the bot's scenarios.
  virtual Result<ScenarioStep> answer(std::string_view state_json, std::string_view input,
                                      nlu::Language language, TimePoint now) const = 0;
};

}  // namespace aicc::dialogue
