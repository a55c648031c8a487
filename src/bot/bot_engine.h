// The bot, assembled from its data directory (bot/ by default; PRODUCT.md §10): the intent
// model (bot/intents, trained at first start and cached as a model file), entities and
// sentiment, the FAQ knowledge base (bot/faq), the guided scenarios (bot/scenarios), and
// the dialogue policy with its rules and texts (bot/policy.json, bot/responses.json).
//
// A BotEngine is immutable after load() except for its FAQ index, which follows admin
// changes through faq_index(), and its intent model, which a retrain replaces
// (replace_classifier: an atomic shared_ptr swap, so a turn in flight finishes on the model
// it started with and the next turn uses the new one), and its scenarios, which an upload
// replaces the same way (replace_scenarios); every method is thread-safe. It keeps no conversation
// state: the caller passes the stored DialogueState in and persists the one that comes out.
//
// The FAQ index: a served bot shares the one the FAQ service builds from the store
// (BotOptions::faq_index), so what the bot answers is what the store holds; standalone
// uses (`aicc chat`, conversation tests) let the engine index bot/faq itself.
#pragma once

#include <atomic>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/result.h"
#include "dialogue/policy.h"
#include "faq/faq_index.h"
#include "nlu/entities/entities.h"
#include "nlu/intent/classifier.h"
#include "nlu/llm/fallback.h"
#include "nlu/llm/llm_config.h"
#include "nlu/sentiment/sentiment.h"
#include "scenario/engine.h"

namespace aicc::bot {

struct BotOptions {
  std::filesystem::path dir = "bot";
  // Where the trained intent model is cached; retrained when the intent data changes.
  // Empty: train in memory at every start.
  std::filesystem::path model_path = "data/intent.model";
  // Scenario definitions uploaded by admins: they join bot/scenarios, and one with the id
  // of a bot scenario replaces it. Missing or empty: none.
  std::filesystem::path uploaded_scenarios_dir;
  // Examples added by admins (bot/intent_examples.h), trained on with bot/intents.
  nlu::Dataset extra_examples;
  std::string timezone = "Asia/Seoul";        // for relative dates (내일, next Monday)
  std::function<void(std::string_view)> log;  // one line per loading step; may be empty
  // The optional LLM second opinion (provider none: off), and the environment its empty
  // credentials are filled from (AWS_ACCESS_KEY_ID …).
  nlu::LlmConfig llm;
  std::map<std::string, std::string> environment;
  // The FAQ index to answer from, shared with whoever keeps it current (the FAQ service).
  // Null: the engine builds its own from dir/faq.
  std::shared_ptr<faq::FaqIndex> faq_index;
};

struct BotInfo {
  std::size_t intents = 0;
  std::size_t faq_entries = 0;  // language variants indexed at load
  std::size_t scenarios = 0;
  double load_ms = 0;
};

class BotEngine {
 public:
  // Loads and validates everything; the first problem stops the load with an error that
  // names the file (and line, step or key) at fault.
  static Result<std::unique_ptr<BotEngine>> load(const BotOptions& options);
  ~BotEngine();

  // Intent (with out-of-scope), entities and sentiment of one customer message.
  dialogue::Understanding understand(std::string_view text, TimePoint now) const;
  nlu::Language detect_language(std::string_view text) const;

  dialogue::TurnDecision welcome(nlu::Language language) const;
  dialogue::TurnDecision decide(const dialogue::TurnInput& input) const;

  faq::FaqIndex& faq_index() const { return *faq_; }
  // The scenarios now; hold the pointer for as long as it is used.
  std::shared_ptr<const scenario::ScenarioEngine> scenarios() const { return scenarios_.load(); }
  // An engine over `scenarios` with this bot's entity extractor (the cross-scenario checks
  // of ScenarioEngine::create apply); replace_scenarios makes it the one turns use.
  Result<std::shared_ptr<const scenario::ScenarioEngine>> build_scenarios(
      std::vector<scenario::Scenario> scenarios) const;
  void replace_scenarios(std::shared_ptr<const scenario::ScenarioEngine> engine);
  // The intent model now; hold the pointer for as long as it is used.
  std::shared_ptr<const nlu::IntentClassifier> classifier() const { return classifier_.load(); }
  // Makes `model` the intent model for every turn that starts from now on.
  void replace_classifier(std::shared_ptr<const nlu::IntentClassifier> model);
  const BotInfo& info() const { return info_; }
  // The policy's rules (escalation limits …), for services that apply the same ones.
  const dialogue::PolicyConfig& policy_config() const { return policy_->config(); }

 private:
  BotEngine() = default;
  class FaqAdapter;
  class ScenarioAdapter;

  std::atomic<std::shared_ptr<const nlu::IntentClassifier>> classifier_;
  std::unique_ptr<nlu::LlmWithFallback> llm_;  // null when no LLM is configured
  std::unique_ptr<nlu::EntityExtractor> entities_;
  std::shared_ptr<faq::FaqIndex> faq_;
  std::atomic<std::shared_ptr<const scenario::ScenarioEngine>> scenarios_;
  std::unique_ptr<FaqAdapter> faq_port_;
  std::unique_ptr<ScenarioAdapter> scenario_port_;
  std::unique_ptr<dialogue::DialoguePolicy> policy_;
  BotInfo info_;
};

}  // namespace aicc::bot
