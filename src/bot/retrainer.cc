#include "bot/retrainer.h"

#include <algorithm>

namespace aicc::bot {

std::string_view to_string(JobState s) {
  switch (s) {
    case JobState::kRunning:
      return "running";
    case JobState::kSucceeded:
      return "succeeded";
    case JobState::kFailed:
      return "failed";
  }
  return "unknown";
}

Retrainer::Retrainer(BotEngine& bot, IntentExamples& examples, const Clock& clock,
                     RetrainOptions options, std::function<std::string()> new_id)
    : bot_(bot),
      examples_(examples),
      clock_(clock),
      options_(std::move(options)),
      new_id_(std::move(new_id)) {}

Retrainer::~Retrainer() {
  if (worker_.joinable()) {
    worker_.request_stop();
    worker_.join();
  }
}

Result<RetrainJob> Retrainer::start() {
  std::lock_guard lock(mutex_);
  if (running_)
    return make_error(ErrorCode::kConflict, "a retrain is running", {{"job_id", jobs_.back().id}});
  // The previous job's thread has finished its work (running_ is false); reap it.
  if (worker_.joinable()) worker_.join();
  RetrainJob job;
  job.id = new_id_();
  job.started_at = clock_.now();
  job.step = "loading data";
  jobs_.push_back(job);
  if (jobs_.size() > kKeptJobs) jobs_.erase(jobs_.begin());
  running_ = true;
  worker_ = std::jthread([this, id = job.id](std::stop_token stop) { run(id, stop); });
  return job;
}

Result<RetrainJob> Retrainer::job(std::string_view id) const {
  std::lock_guard lock(mutex_);
  for (const auto& j : jobs_)
    if (j.id == id) return j;
  return make_error(ErrorCode::kNotFound, "no retrain job " + std::string(id));
}

std::optional<RetrainJob> Retrainer::last_report() const {
  std::lock_guard lock(mutex_);
  for (auto it = jobs_.rbegin(); it != jobs_.rend(); ++it)
    if (it->state == JobState::kSucceeded) return *it;
  return std::nullopt;
}

void Retrainer::update(const std::string& id, const std::function<void(RetrainJob&)>& change) {
  std::lock_guard lock(mutex_);
  for (auto& j : jobs_)
    if (j.id == id) change(j);
}

namespace {

nlu::Dataset subset(const nlu::Dataset& d, const std::vector<int>& fold, int f, bool in_fold) {
  nlu::Dataset out;
  out.thresholds = d.thresholds;
  for (std::size_t i = 0; i < d.examples.size(); ++i)
    if ((fold[i] == f) == in_fold) out.examples.push_back(d.examples[i]);
  return out;
}

}  // namespace

void Retrainer::run(std::string id, std::stop_token stop) {
  auto fail = [&](const std::string& message) {
    update(id, [&](RetrainJob& j) {
      j.state = JobState::kFailed;
      j.error = message;
      j.finished_at = clock_.now();
    });
    std::lock_guard lock(mutex_);
    running_ = false;
  };
  auto data = nlu::load_dataset(options_.intents_dir.string());
  if (!data) return fail(data.error().message);
  const nlu::Dataset added = examples_.dataset();
  data->append(added);
  const int folds = std::max(2, options_.folds);
  update(id, [&](RetrainJob& j) {
    j.folds = folds;
    j.examples = data->size();
    j.added_examples = added.size();
    j.percent = 5;
  });

  // The same training options as the model loaded at start (nlu::load_or_train).
  const nlu::TrainOptions train_options;
  std::vector<nlu::ScoredExample> scored;
  const std::vector<int> fold = nlu::stratified_folds(*data, folds, train_options.seed);
  for (int f = 0; f < folds; ++f) {
    if (stop.stop_requested()) return fail("stopped: the server is shutting down");
    update(id, [&](RetrainJob& j) {
      j.step = "evaluating: fold " + std::to_string(f + 1) + "/" + std::to_string(folds);
    });
    auto model = nlu::IntentClassifier::train(subset(*data, fold, f, false), train_options);
    if (!model) return fail("fold " + std::to_string(f + 1) + ": " + model.error().message);
    auto part = nlu::score_dataset(*model, subset(*data, fold, f, true));
    scored.insert(scored.end(), part.begin(), part.end());
    update(id, [&](RetrainJob& j) { j.percent = 5 + 75 * (f + 1) / folds; });
  }
  if (stop.stop_requested()) return fail("stopped: the server is shutting down");
  update(id, [&](RetrainJob& j) { j.step = "training the new model"; });
  auto model = nlu::IntentClassifier::train(*data, train_options);
  if (!model) return fail(model.error().message);
  nlu::EvalReport report = nlu::evaluate(scored, model->thresholds(), {});
  update(id, [&](RetrainJob& j) {
    j.percent = 90;
    j.step = "saving the model";
  });
  if (!options_.model_path.empty()) {
    if (auto st = model->save(options_.model_path); !st) return fail(st.error().message);
  }
  const std::size_t intents = model->labels().size();
  bot_.replace_classifier(std::make_shared<const nlu::IntentClassifier>(std::move(*model)));
  update(id, [&](RetrainJob& j) {
    j.state = JobState::kSucceeded;
    j.percent = 100;
    j.step = "done: the new model answers";
    j.intents = intents;
    j.report = std::move(report);
    j.finished_at = clock_.now();
  });
  std::lock_guard lock(mutex_);
  running_ = false;
}

}  // namespace aicc::bot
