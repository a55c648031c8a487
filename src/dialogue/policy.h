// The dialogue policy (PRODUCT.md §4): decides the bot's turn from what the NLU
// understood, the conversation's dialogue state and the bot's data. Deterministic and
// explainable: the same inputs give the same decision, and every decision says why.
//
// Order of a turn (first match wins):
//   1. an explicit agent request (also in the middle of a scenario) → escalate;
//   2. an active scenario takes the message as the answer to its step (cancel words end
//      it; the retry limit escalates with bot_limitation);
//   3. the escalation triggers: complaint intent, anger in the last N messages, urgency,
//      the same intent N times in a row, too many turns without resolution, a VIP with N
//      turns, a payment error;
//   4. a confident intent → its action (greet, goodbye, start a scenario, FAQ, reply);
//   5. otherwise the FAQ; a confident entry answers;
//   6. otherwise a clarification with suggestion chips; the Nth miss in a row offers an
//      agent.
// Replies adapt to sentiment: an apology first when the customer is negative, thanks
// when positive.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "dialogue/dialogue_state.h"
#include "dialogue/policy_config.h"
#include "dialogue/ports.h"
#include "nlu/entities/entities.h"
#include "nlu/intent/classifier.h"
#include "nlu/sentiment/sentiment.h"
#include "nlu/text/language.h"

namespace aicc::dialogue {

// What the NLU made of one customer message.
struct Understanding {
  nlu::IntentPrediction intent;
  // Who chose the intent: "local" (the classifier) or "llm" (the optional LLM); when an LLM
  // is configured but its answer was not used, why ("timeout", "invalid_json", …).
  std::string intent_source = "local";
  std::string llm_fallback_reason;
  std::vector<nlu::Entity> entities;
  nlu::Sentiment sentiment;
};

struct TurnInput {
  std::string text;  // the customer's message (trimmed)
  Understanding nlu;
  nlu::Language language = nlu::Language::kKorean;  // the conversation's language
  DialogueState state;                              // before this turn
  bool vip = false;                                 // VIP or premium customer
  std::int64_t message_count = 0;  // messages in the conversation, this one included
  TimePoint now{};
};

struct EscalationDecision {
  std::string reason;       // one of the 8 reasons
  std::string priority;     // low | medium | high | critical
  std::string description;  // why, for the agent ("anger in the last 3 messages: 짜증")
};

// Values of TurnDecision::decision.
namespace decision {
inline constexpr std::string_view kWelcome = "welcome";
inline constexpr std::string_view kGreet = "greet";
inline constexpr std::string_view kGoodbye = "goodbye";
inline constexpr std::string_view kScenarioStart = "scenario_start";
inline constexpr std::string_view kScenarioStep = "scenario_step";
inline constexpr std::string_view kScenarioRetry = "scenario_retry";
inline constexpr std::string_view kScenarioComplete = "scenario_complete";
inline constexpr std::string_view kScenarioCancel = "scenario_cancel";
inline constexpr std::string_view kFaqAnswer = "faq_answer";
inline constexpr std::string_view kIntentReply = "intent_reply";
inline constexpr std::string_view kClarify = "clarify";
inline constexpr std::string_view kOfferAgent = "offer_agent";
inline constexpr std::string_view kEscalate = "escalate";
}  // namespace decision

// The FAQ was searched in a turn and had no confident answer.
struct FaqMiss {
  std::string best_id;                    // the best candidate below the threshold; empty if none
  std::optional<double> best_confidence;  // its confidence
};

struct TurnDecision {
  std::string decision;  // one of decision::*
  std::string reason;    // why, in words an operator understands
  std::string text;      // the bot's reply
  std::vector<std::string> quick_replies;
  std::optional<EscalationDecision> escalation;
  bool close = false;  // the bot ends the conversation (goodbye)
  // Scenario completion action with its parameters (JSON), to be carried out by the caller.
  std::string action_json;
  std::string scenario_id;   // the scenario this turn belongs to, if any
  std::string slots_json;    // its answers so far
  std::string details_json;  // everything above and the turn's evidence, for the message
  // Set when the turn searched the FAQ and could not answer from it (clarify, offer_agent,
  // an FAQ intent falling back to its reply): the question belongs on the knowledge base's
  // list of unanswered queries. Not part of details_json.
  std::optional<FaqMiss> faq_miss;
  DialogueState next;  // the state after this turn
};

class DialoguePolicy {
 public:
  // `faq` and `scenarios` must outlive the policy. Fails with kInvalidArgument when the
  // configuration names a scenario the port does not have or a reply key responses lack.
  static Result<DialoguePolicy> create(PolicyConfig config, Responses responses, const FaqPort& faq,
                                       const ScenarioPort& scenarios);

  // The first message of a conversation.
  TurnDecision welcome(nlu::Language language) const;
  TurnDecision decide(const TurnInput& input) const;

  const Responses& responses() const { return responses_; }
  const PolicyConfig& config() const { return config_; }

 private:
  DialoguePolicy(PolicyConfig config, Responses responses, const FaqPort& faq,
                 const ScenarioPort& scenarios);

  struct Turn;  // the working state of one decide() call
  bool scenario_turn(Turn& t) const;
  bool trigger_escalation(Turn& t) const;
  bool intent_action(Turn& t) const;
  bool faq_answer(Turn& t, bool require_confident) const;
  void clarify(Turn& t) const;
  void escalate(Turn& t, std::string reason, std::string description) const;
  void start_scenario(Turn& t, const std::string& scenario_id) const;
  void apply_scenario_step(Turn& t, const ScenarioStep& step, std::string_view decision_name) const;
  void finish(Turn& t) const;

  PolicyConfig config_;
  Responses responses_;
  const FaqPort* faq_;
  const ScenarioPort* scenarios_;
};

}  // namespace aicc::dialogue
