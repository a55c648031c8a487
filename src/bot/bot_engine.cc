#include "bot/bot_engine.h"

#include <algorithm>
#include <chrono>

#include <boost/json.hpp>

#include "dialogue/policy_config.h"
#include "faq/loader.h"
#include "nlu/intent/loader.h"
#include "nlu/llm/prompt.h"
#include "nlu/text/language.h"
#include "scenario/loader.h"
#include "scenario/state.h"

namespace aicc::bot {
namespace json = boost::json;

// The FAQ index, as the dialogue policy's FaqPort.
class BotEngine::FaqAdapter final : public dialogue::FaqPort {
 public:
  explicit FaqAdapter(const faq::FaqIndex& index) : index_(index) {}

  std::vector<dialogue::FaqHit> search(std::string_view text, nlu::Language language,
                                       std::string_view intent_hint, int k) const override {
    std::optional<faq::IntentHint> hint;
    if (!intent_hint.empty()) hint = faq::IntentHint{std::string(intent_hint), 1.0f};
    auto result = index_.search(text, language, static_cast<std::size_t>(k), hint);
    std::vector<dialogue::FaqHit> out;
    for (const auto& h : result.hits)
      out.push_back({h.entry->id, h.entry->question, h.entry->answer, h.confidence});
    return out;
  }
  double auto_answer_threshold() const override { return index_.options().auto_answer_threshold; }

 private:
  const faq::FaqIndex& index_;
};

// The scenario engine, as the dialogue policy's ScenarioPort.
class BotEngine::ScenarioAdapter final : public dialogue::ScenarioPort {
 public:
  explicit ScenarioAdapter(const BotEngine& bot) : bot_(bot) {}

  bool has_scenario(std::string_view id) const override {
    return bot_.scenarios()->find(id) != nullptr;
  }

  Result<dialogue::ScenarioStep> start(std::string_view id, nlu::Language language) const override {
    auto turn = bot_.scenarios()->start(id, language);
    if (!turn) return tl::unexpected(turn.error());
    return convert(*turn);
  }

  Result<dialogue::ScenarioStep> answer(std::string_view state_json, std::string_view input,
                                        nlu::Language language, TimePoint now) const override {
    const auto engine = bot_.scenarios();  // one set of scenarios for the whole answer
    auto state = engine->restore(state_json);
    if (!state) return tl::unexpected(state.error());
    auto turn = engine->answer(*state, input, language, now);
    if (!turn) return tl::unexpected(turn.error());
    return convert(*turn);
  }

 private:
  static dialogue::ScenarioStep convert(const scenario::Turn& turn) {
    using Outcome = dialogue::ScenarioStep::Outcome;
    dialogue::ScenarioStep s;
    switch (turn.kind) {
      case scenario::TurnKind::kPrompt:
        s.outcome = Outcome::kPrompt;
        break;
      case scenario::TurnKind::kRetry:
        s.outcome = Outcome::kRetry;
        break;
      case scenario::TurnKind::kCompleted:
        s.outcome = Outcome::kCompleted;
        break;
      case scenario::TurnKind::kEscalated:
        s.outcome = Outcome::kEscalate;
        break;
      case scenario::TurnKind::kCancelled:
        s.outcome = Outcome::kCancelled;
        break;
    }
    s.text = turn.text;
    for (const auto& q : turn.quick_replies) s.quick_replies.push_back(q.label);
    s.scenario_id = turn.state.scenario_id;
    s.step_id = turn.step_id;
    s.step = turn.progress.step;
    s.steps = turn.progress.total;
    s.percent = turn.progress.percent;
    if (!turn.state.finished()) s.state_json = scenario::state_to_json(turn.state);
    json::object slots;
    for (const auto& [k, v] : turn.slots) slots[k] = v;
    s.slots_json = json::serialize(slots);
    if (turn.action) {
      json::object a;
      a["type"] = turn.action->action.type;
      if (!turn.action->action.kind.empty()) a["kind"] = turn.action->action.kind;
      if (!turn.action->action.url.empty()) a["url"] = turn.action->action.url;
      json::object values;
      for (const auto& [k, v] : turn.action->slots) values[k] = v;
      a["slots"] = std::move(values);
      s.action_json = json::serialize(a);
    }
    s.escalation_reason = turn.escalation_reason;
    return s;
  }

  const BotEngine& bot_;
};

BotEngine::~BotEngine() = default;

Result<std::unique_ptr<BotEngine>> BotEngine::load(const BotOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  auto log = [&](const std::string& line) {
    if (options.log) options.log(line);
  };
  std::unique_ptr<BotEngine> bot(new BotEngine());
  const auto& dir = options.dir;
  if (!std::filesystem::is_directory(dir))
    return make_error(ErrorCode::kNotFound, "bot directory " + dir.string() + " not found");

  nlu::LoadOrTrainOptions nlu_options;
  nlu_options.write_model = !options.model_path.empty();
  nlu_options.log = [&](std::string_view line) { log(std::string(line)); };
  nlu_options.extra = options.extra_examples;
  const auto model_path = options.model_path.empty() ? std::filesystem::path() : options.model_path;
  if (!model_path.empty() && model_path.has_parent_path()) {
    std::error_code ec;
    std::filesystem::create_directories(model_path.parent_path(), ec);
  }
  auto classifier = nlu::load_or_train(model_path, dir / "intents", nlu_options);
  if (!classifier) return tl::unexpected(classifier.error());
  bot->info_.intents = classifier->labels().size();
  bot->classifier_.store(std::make_shared<const nlu::IntentClassifier>(std::move(*classifier)));

  if (options.llm.provider != nlu::LlmProvider::kNone) {
    const nlu::LlmConfig llm = nlu::with_environment(options.llm, options.environment);
    if (auto st = nlu::validate(llm); !st) return tl::unexpected(st.error());
    auto catalog = nlu::load_intent_catalog(dir / "intents");
    if (!catalog) return tl::unexpected(catalog.error());
    auto backend =
        nlu::make_llm_backend(llm, std::make_shared<const nlu::IntentCatalog>(std::move(*catalog)),
                              std::make_shared<const SystemClock>());
    if (!backend) return tl::unexpected(backend.error());
    bot->llm_ = std::make_unique<nlu::LlmWithFallback>(std::move(*backend));
    log(std::string("LLM second opinion: ") + std::string(nlu::to_string(llm.provider)));
  }

  nlu::EntityOptions entity_options;
  entity_options.timezone = options.timezone;
  if (const auto products = dir / "products.txt"; std::filesystem::exists(products)) {
    auto gazetteer = nlu::load_gazetteer_file(products.string());
    if (!gazetteer) return tl::unexpected(gazetteer.error());
    entity_options.product_gazetteer = std::move(*gazetteer);
  }
  auto extractor = nlu::EntityExtractor::create(entity_options);
  if (!extractor) return tl::unexpected(extractor.error());
  bot->entities_ = std::make_unique<nlu::EntityExtractor>(*extractor);

  if (options.faq_index) {
    bot->faq_ = options.faq_index;
  } else {
    auto faq_data = faq::load_faq_directory(dir / "faq", SystemClock().now());
    if (!faq_data) return tl::unexpected(faq_data.error());
    auto index = faq::FaqIndex::create(faq_data->entries);
    if (!index) return tl::unexpected(index.error());
    bot->faq_ = std::move(*index);
  }
  bot->info_.faq_entries = bot->faq_->stats().entries;

  auto scenarios = scenario::load_scenarios((dir / "scenarios").string());
  if (!scenarios) return tl::unexpected(scenarios.error());
  if (const auto& up = options.uploaded_scenarios_dir;
      !up.empty() && std::filesystem::is_directory(up)) {
    auto uploaded = scenario::load_scenarios(up.string());
    if (!uploaded) return tl::unexpected(uploaded.error());
    for (auto& u : *uploaded) {
      auto same = std::find_if(scenarios->begin(), scenarios->end(),
                               [&](const auto& s) { return s.id == u.id; });
      if (same != scenarios->end()) {
        *same = std::move(u);
      } else {
        scenarios->push_back(std::move(u));
      }
    }
    log("uploaded scenarios from " + up.string() + ": " + std::to_string(uploaded->size()));
  }
  auto engine = bot->build_scenarios(std::move(*scenarios));
  if (!engine) return tl::unexpected(engine.error());
  bot->info_.scenarios = (*engine)->scenarios().size();
  bot->scenarios_.store(std::move(*engine));

  auto config = dialogue::load_policy_config(dir / "policy.json");
  if (!config) return tl::unexpected(config.error());
  auto responses = dialogue::load_responses(dir / "responses.json");
  if (!responses) return tl::unexpected(responses.error());
  bot->faq_port_ = std::make_unique<FaqAdapter>(*bot->faq_);
  bot->scenario_port_ = std::make_unique<ScenarioAdapter>(*bot);
  auto policy = dialogue::DialoguePolicy::create(std::move(*config), std::move(*responses),
                                                 *bot->faq_port_, *bot->scenario_port_);
  if (!policy) return tl::unexpected(policy.error());
  bot->policy_ = std::make_unique<dialogue::DialoguePolicy>(std::move(*policy));

  bot->info_.load_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  log("bot loaded from " + dir.string() + ": " + std::to_string(bot->info_.intents) + " intents, " +
      std::to_string(bot->info_.faq_entries) + " FAQ entries, " +
      std::to_string(bot->info_.scenarios) + " scenarios");
  return bot;
}

Result<std::shared_ptr<const scenario::ScenarioEngine>> BotEngine::build_scenarios(
    std::vector<scenario::Scenario> scenarios) const {
  auto engine = scenario::ScenarioEngine::create(std::move(scenarios), *entities_);
  if (!engine) return tl::unexpected(engine.error());
  return std::make_shared<const scenario::ScenarioEngine>(std::move(*engine));
}

void BotEngine::replace_scenarios(std::shared_ptr<const scenario::ScenarioEngine> engine) {
  scenarios_.store(std::move(engine));
}

void BotEngine::replace_classifier(std::shared_ptr<const nlu::IntentClassifier> model) {
  classifier_.store(std::move(model));
}

dialogue::Understanding BotEngine::understand(std::string_view text, TimePoint now) const {
  dialogue::Understanding u;
  const auto classifier = classifier_.load();  // one model for the whole turn
  u.intent = classifier->predict(text);
  if (llm_ != nullptr) {
    // Blocking, bounded by the LLM's timeout; turns run on worker threads.
    const nlu::NluDecision d = llm_->decide(u.intent, nlu::LlmRequest{std::string(text), {}});
    if (d.source == nlu::NluSource::kLlm) {
      u.intent_source = "llm";
      u.intent.intent = d.intent;
      u.intent.confidence = static_cast<float>(d.confidence);
      u.intent.threshold = classifier->thresholds().for_intent(d.intent);
      u.intent.out_of_scope = d.out_of_scope || u.intent.confidence < u.intent.threshold;
    } else {
      u.llm_fallback_reason = d.fallback_reason;
    }
  }
  u.entities = entities_->extract(text, now);
  u.sentiment = nlu::analyze_sentiment(text);
  return u;
}

nlu::Language BotEngine::detect_language(std::string_view text) const {
  return nlu::detect_language(text);
}

dialogue::TurnDecision BotEngine::welcome(nlu::Language language) const {
  return policy_->welcome(language);
}

dialogue::TurnDecision BotEngine::decide(const dialogue::TurnInput& input) const {
  return policy_->decide(input);
}

}  // namespace aicc::bot
