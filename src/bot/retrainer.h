// Retraining the intent model while the bot serves: a background job (one at a time) that
// trains on bot/intents plus the examples admins added, evaluates by stratified k-fold
// cross-validation (accuracy, macro-F1, per-intent precision/recall, confused pairs,
// out-of-scope recall; nlu/intent/metrics.h), writes the model file (so a restart loads it)
// and swaps the new model into the running BotEngine (BotEngine::replace_classifier).
//
// Jobs and their reports live in memory (the last kKeptJobs); the model they produce is the
// model file. Thread-safe; the destructor stops a running job at its next step and joins.
#pragma once

#include <atomic>
#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "bot/bot_engine.h"
#include "bot/intent_examples.h"
#include "core/clock.h"
#include "nlu/intent/metrics.h"

namespace aicc::bot {

enum class JobState { kRunning, kSucceeded, kFailed };
std::string_view to_string(JobState s);

struct RetrainJob {
  std::string id;
  JobState state = JobState::kRunning;
  int percent = 0;
  std::string step;  // what it does now ("fold 2/5", "training", "swapping")
  TimePoint started_at{};
  std::optional<TimePoint> finished_at;
  std::string error;
  // Set on success: the cross-validated evaluation and the new model's numbers.
  std::optional<nlu::EvalReport> report;
  int folds = 0;
  std::size_t examples = 0;
  std::size_t added_examples = 0;
  std::size_t intents = 0;
};

struct RetrainOptions {
  std::filesystem::path intents_dir;  // bot/intents
  std::filesystem::path model_path;   // empty: the new model is not written
  int folds = 5;
};

class Retrainer {
 public:
  static constexpr std::size_t kKeptJobs = 20;

  Retrainer(BotEngine& bot, IntentExamples& examples, const Clock& clock, RetrainOptions options,
            std::function<std::string()> new_id);
  ~Retrainer();
  Retrainer(const Retrainer&) = delete;
  Retrainer& operator=(const Retrainer&) = delete;

  // Starts a job; kConflict (with details.job_id) while one runs.
  Result<RetrainJob> start();
  // kNotFound for an unknown (or forgotten) id.
  Result<RetrainJob> job(std::string_view id) const;
  // The newest job that succeeded, if any.
  std::optional<RetrainJob> last_report() const;

 private:
  void run(std::string id, std::stop_token stop);
  void update(const std::string& id, const std::function<void(RetrainJob&)>& change);

  BotEngine& bot_;
  IntentExamples& examples_;
  const Clock& clock_;
  const RetrainOptions options_;
  std::function<std::string()> new_id_;
  mutable std::mutex mutex_;
  std::vector<RetrainJob> jobs_;  // oldest first
  bool running_ = false;
  std::jthread worker_;
};

}  // namespace aicc::bot
