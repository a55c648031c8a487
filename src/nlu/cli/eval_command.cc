// `aicc nlu eval`: held-out or k-fold evaluation, optionally side by side with fastText.
#include <chrono>
#include <cstdio>
#include <map>
#include <memory>
#include <numeric>

#include <boost/json.hpp>

#include "nlu/cli/command_common.h"
#include "nlu/cli/fasttext_baseline.h"
#include "nlu/cli/json_text.h"
#include "nlu/intent/metrics.h"

namespace aicc::nlu::cli {
namespace {

namespace json = boost::json;
using Clock = std::chrono::steady_clock;

struct EvalArgs {
  std::vector<std::string> train, test, data;
  std::string model, tune, baseline;
  int folds = 0;
  int show_errors = 0;
  double tune_min_oos_recall = -1;
  double tune_confidence = 0;  // > 0: the recall floor must hold at this confidence
  std::string dump;            // JSONL of every test message's probabilities (AICC)
  std::string baseline_dump;   // the same for the baseline
  bool json = false;
  TrainFlags flags;
  FastTextOptions ft;
};

// Everything measured for one system (AICC or the baseline).
struct SystemRun {
  std::string name;
  std::vector<ScoredExample> scored;
  ThresholdPolicy thresholds;
  double train_seconds = 0;
  double predict_us = 0;
  EvalReport report;
};

std::vector<float> sweep_points() {
  std::vector<float> t;
  for (int i = 0; i <= 19; ++i) t.push_back(static_cast<float>(i) * 0.05f);
  return t;
}

Dataset subset(const Dataset& d, const std::vector<int>& fold, int f, bool in_fold) {
  Dataset out;
  out.thresholds = d.thresholds;
  for (std::size_t i = 0; i < d.size(); ++i) {
    if ((fold[i] == f) == in_fold) out.examples.push_back(d.examples[i]);
  }
  return out;
}

// Appends one JSON line per message: text, gold label and every label's probability.
void dump_probabilities(const IntentClassifier& model, const Dataset& data,
                        const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "a");
  if (f == nullptr) fail(Error(ErrorCode::kUnavailable, "cannot write " + path));
  for (const auto& e : data.examples) {
    const auto p = model.probabilities(e.text);
    json::object probs;
    for (std::size_t i = 0; i < p.size(); ++i) probs[model.labels()[i]] = p[i];
    const json::object line{{"text", e.text}, {"gold", e.label}, {"probabilities", probs}};
    std::fprintf(f, "%s\n", to_readable_json(line, 6).c_str());
  }
  std::fclose(f);
}

// Trains AICC on `train`, scores `test` (and `tune`, if not empty).
void run_aicc(const Dataset& train, const Dataset& test, const Dataset& tune,
              const TrainOptions& options, SystemRun& run, std::vector<ScoredExample>& tune_scored,
              std::vector<float>& fitted, const std::string& dump) {
  const auto t0 = Clock::now();
  auto model = IntentClassifier::train(train, options);
  if (!model) fail(model.error(), 2);
  if (!dump.empty()) dump_probabilities(*model, test, dump);
  run.train_seconds += std::chrono::duration<double>(Clock::now() - t0).count();
  const auto p0 = Clock::now();
  auto scored = score_dataset(*model, test);
  run.predict_us += std::chrono::duration<double, std::micro>(Clock::now() - p0).count();
  run.scored.insert(run.scored.end(), scored.begin(), scored.end());
  run.thresholds = model->thresholds();
  if (model->report().fitted_threshold >= 0) fitted.push_back(model->report().fitted_threshold);
  if (!tune.examples.empty()) tune_scored = score_dataset(*model, tune);
}

// The baseline's counterpart of dump_probabilities (the first data.size() messages).
void dump_baseline_probabilities(const FastTextRun& run, const Dataset& data,
                                 const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "a");
  if (f == nullptr) fail(Error(ErrorCode::kUnavailable, "cannot write " + path));
  for (std::size_t i = 0; i < data.size(); ++i) {
    json::object probs;
    for (const auto& [label, p] : run.probabilities[i]) probs[label] = p;
    const json::object line{{"text", data.examples[i].text},
                            {"gold", data.examples[i].label},
                            {"probabilities", probs}};
    std::fprintf(f, "%s\n", to_readable_json(line, 6).c_str());
  }
  std::fclose(f);
}

void run_fasttext_on(const Dataset& train, const Dataset& test, const Dataset& tune,
                     const FastTextOptions& options, SystemRun& run,
                     std::vector<ScoredExample>& tune_scored, const std::string& dump) {
  Dataset both = test;
  both.examples.insert(both.examples.end(), tune.examples.begin(), tune.examples.end());
  auto ft = run_fasttext(train, both, options);
  if (!ft) fail(ft.error());
  if (!dump.empty()) dump_baseline_probabilities(*ft, test, dump);
  run.train_seconds += ft->train_seconds;
  run.predict_us += ft->predict_us * static_cast<double>(both.size());
  run.scored.insert(run.scored.end(), ft->scored.begin(),
                    ft->scored.begin() + static_cast<long>(test.size()));
  tune_scored.assign(ft->scored.begin() + static_cast<long>(test.size()), ft->scored.end());
}

json::object report_json(const SystemRun& run) {
  const EvalReport& r = run.report;
  json::object per_intent;
  for (const auto& c : r.per_class) {
    per_intent[c.label] = json::object{
        {"precision", c.precision}, {"recall", c.recall}, {"f1", c.f1}, {"support", c.support}};
  }
  json::array confused;
  for (std::size_t i = 0; i < r.confused.size() && i < 20; ++i) {
    confused.push_back(json::object{{"gold", r.confused[i].first.first},
                                    {"predicted", r.confused[i].first.second},
                                    {"count", r.confused[i].second}});
  }
  json::array sweep;
  for (const auto& p : r.sweep) {
    sweep.push_back(json::object{{"threshold", p.threshold},
                                 {"in_scope_accuracy", p.in_scope_accuracy},
                                 {"oos_recall", p.oos_recall},
                                 {"oos_precision", p.oos_precision},
                                 {"accepted_precision", p.accepted_precision},
                                 {"coverage", p.coverage},
                                 {"accuracy", p.accuracy}});
  }
  json::object thresholds{{"default", run.thresholds.default_threshold}};
  json::object per;
  for (const auto& [k, v] : run.thresholds.per_intent) per[k] = v;
  thresholds["per_intent"] = std::move(per);
  return json::object{{"name", run.name},
                      {"accuracy", r.accuracy},
                      {"in_scope_accuracy", r.in_scope_accuracy},
                      {"macro_f1", r.macro_f1},
                      {"oos_recall", r.oos_recall},
                      {"oos_precision", r.oos_precision},
                      {"ece", r.ece},
                      {"n_test", r.n_test},
                      {"n_in_scope", r.n_in_scope},
                      {"n_oos", r.n_oos},
                      {"threshold", std::move(thresholds)},
                      {"train_seconds", run.train_seconds},
                      {"predict_us", run.predict_us},
                      {"per_intent", std::move(per_intent)},
                      {"confused", std::move(confused)},
                      {"sweep", std::move(sweep)}};
}

void print_errors(const SystemRun& run, int limit) {
  std::printf("\nmisclassified (%s, first %d): gold → predicted (confidence) text\n",
              run.name.c_str(), limit);
  int shown = 0;
  for (const auto& s : run.scored) {
    const std::string pred = decide(s, run.thresholds);
    if (pred == s.gold) continue;
    if (shown++ >= limit) break;
    std::printf("  %s → %s (%.2f %s) %s\n", s.gold.c_str(), pred.c_str(),
                static_cast<double>(s.best_confidence), s.best.c_str(), s.text.c_str());
  }
}

void print_text(const std::vector<SystemRun>& runs) {
  const SystemRun& a = runs.front();
  const EvalReport& r = a.report;
  std::printf("test messages: %d (%d in scope, %d out of scope)\n\n", r.n_test, r.n_in_scope,
              r.n_oos);
  std::printf("%-28s", "");
  for (const auto& run : runs) std::printf("%12s", run.name.c_str());
  std::printf("\n");
  auto row = [&](const char* label, auto get, const char* fmt) {
    std::printf("%-28s", label);
    for (const auto& run : runs) std::printf(fmt, get(run));
    std::printf("\n");
  };
  row(
      "default threshold",
      [](const SystemRun& s) { return static_cast<double>(s.thresholds.default_threshold); },
      "%12.2f");
  row(
      "accuracy (oos as a class)", [](const SystemRun& s) { return s.report.accuracy; }, "%12.4f");
  row(
      "in-scope accuracy", [](const SystemRun& s) { return s.report.in_scope_accuracy; }, "%12.4f");
  row(
      "macro-F1", [](const SystemRun& s) { return s.report.macro_f1; }, "%12.4f");
  row(
      "out-of-scope recall", [](const SystemRun& s) { return s.report.oos_recall; }, "%12.4f");
  row(
      "out-of-scope precision", [](const SystemRun& s) { return s.report.oos_precision; },
      "%12.4f");
  row(
      "calibration error (ECE)", [](const SystemRun& s) { return s.report.ece; }, "%12.4f");
  row(
      "train seconds", [](const SystemRun& s) { return s.train_seconds; }, "%12.2f");
  row(
      "predict µs / message", [](const SystemRun& s) { return s.predict_us; }, "%12.1f");

  std::printf("\nper intent (%s):\n  %-28s %9s %9s %9s %8s\n", a.name.c_str(), "intent",
              "precision", "recall", "F1", "support");
  for (const auto& c : r.per_class) {
    std::printf("  %-28s %9.3f %9.3f %9.3f %8d\n", c.label.c_str(), c.precision, c.recall, c.f1,
                c.support);
  }
  std::printf("\nmost confused (%s): gold → predicted\n", a.name.c_str());
  for (std::size_t i = 0; i < r.confused.size() && i < 15; ++i) {
    std::printf("  %4d  %s → %s\n", r.confused[i].second, r.confused[i].first.first.c_str(),
                r.confused[i].first.second.c_str());
  }
  std::printf(
      "\nuniform threshold sweep: in-scope accuracy / out-of-scope recall / accepted "
      "precision\n  %9s",
      "threshold");
  for (const auto& run : runs) std::printf("  %26s", run.name.c_str());
  std::printf("\n");
  for (std::size_t i = 0; i < r.sweep.size(); ++i) {
    std::printf("  %9.2f", static_cast<double>(r.sweep[i].threshold));
    for (const auto& run : runs) {
      const auto& p = run.report.sweep[i];
      std::printf("  %8.4f %8.4f %8.4f", p.in_scope_accuracy, p.oos_recall, p.accepted_precision);
    }
    std::printf("\n");
  }
}

void execute(const EvalArgs& args) {
  auto options = args.flags.to_options();
  if (!options) fail(options.error(), 2);
  const bool with_ft = args.baseline == "fasttext";
  if (!args.baseline.empty() && !with_ft) {
    fail(Error(ErrorCode::kInvalidArgument, "unknown baseline " + args.baseline + " (fasttext)"),
         2);
  }
  if (!args.baseline_dump.empty() && !with_ft) {
    fail(Error(ErrorCode::kInvalidArgument, "--baseline-dump needs --baseline"), 2);
  }
  Dataset tune;
  if (!args.tune.empty()) {
    auto t = load_all({args.tune}, args.flags.quiet);
    if (!t) fail(t.error(), 2);
    tune = std::move(*t);
  }
  SystemRun aicc{"aicc"};
  SystemRun ft{"fasttext"};
  std::vector<ScoredExample> aicc_tune, ft_tune;
  std::vector<float> fitted;
  const bool quiet = args.flags.quiet;

  if (!args.model.empty()) {
    if (args.test.empty()) fail(Error(ErrorCode::kInvalidArgument, "--model needs --test"), 2);
    auto model = IntentClassifier::load(args.model);
    if (!model) fail(model.error(), 2);
    auto test = load_all(args.test, quiet);
    if (!test) fail(test.error(), 2);
    const auto p0 = Clock::now();
    aicc.scored = score_dataset(*model, *test);
    aicc.predict_us = std::chrono::duration<double, std::micro>(Clock::now() - p0).count();
    aicc.thresholds = model->thresholds();
    if (!tune.examples.empty()) aicc_tune = score_dataset(*model, tune);
  } else if (args.folds >= 2) {
    const auto& specs = args.data.empty() ? args.train : args.data;
    if (specs.empty()) fail(Error(ErrorCode::kInvalidArgument, "--folds needs --data"), 2);
    auto data = load_all(specs, quiet);
    if (!data) fail(data.error(), 2);
    const std::vector<int> fold = stratified_folds(*data, args.folds, args.flags.seed);
    for (int f = 0; f < args.folds; ++f) {
      if (!quiet) std::fprintf(stderr, "fold %d/%d\n", f + 1, args.folds);
      const Dataset tr = subset(*data, fold, f, false);
      const Dataset te = subset(*data, fold, f, true);
      std::vector<ScoredExample> unused;
      run_aicc(tr, te, Dataset{}, *options, aicc, unused, fitted, args.dump);
      if (with_ft) run_fasttext_on(tr, te, Dataset{}, args.ft, ft, unused, args.baseline_dump);
    }
  } else {
    if (args.train.empty() || args.test.empty()) {
      fail(Error(ErrorCode::kInvalidArgument,
                 "give --train and --test, --data with --folds K, or --model with --test"),
           2);
    }
    auto train = load_all(args.train, quiet);
    if (!train) fail(train.error(), 2);
    auto test = load_all(args.test, quiet);
    if (!test) fail(test.error(), 2);
    run_aicc(*train, *test, tune, *options, aicc, aicc_tune, fitted, args.dump);
    if (with_ft) {
      if (!quiet) std::fprintf(stderr, "training fastText baseline\n");
      run_fasttext_on(*train, *test, tune, args.ft, ft, ft_tune, args.baseline_dump);
    }
  }

  aicc.predict_us /= std::max<double>(1.0, static_cast<double>(aicc.scored.size()));
  if (with_ft) ft.predict_us /= std::max<double>(1.0, static_cast<double>(ft.scored.size()));
  if (options->fit_default_threshold && !fitted.empty()) {  // k folds: mean of the fold fits
    aicc.thresholds.default_threshold =
        std::accumulate(fitted.begin(), fitted.end(), 0.0f) / static_cast<float>(fitted.size());
  }
  for (const auto& [k, v] : options->threshold_overrides) {  // also for --model
    if (k == "default") {
      aicc.thresholds.default_threshold = v;
    } else {
      aicc.thresholds.per_intent[k] = v;
    }
  }
  ft.thresholds = aicc.thresholds;  // same thresholds unless tuned separately below
  if (!tune.examples.empty()) {
    // Each system gets the default threshold that is best for it on the tuning set.
    std::vector<float> grid;
    for (int i = 0; i < 100; ++i) grid.push_back(static_cast<float>(i) / 100.0f);
    auto pick = [&](const std::vector<ScoredExample>& s) {
      return args.tune_min_oos_recall >= 0
                 ? best_threshold_for_recall(s, grid, args.tune_min_oos_recall,
                                             args.tune_confidence)
                 : best_balanced_threshold(s, grid);
    };
    aicc.thresholds.default_threshold = pick(aicc_tune);
    if (with_ft) ft.thresholds.default_threshold = pick(ft_tune);
    // The rule measures uniform thresholds, so the test set is scored with a uniform one too:
    // the per-intent thresholds a model carries (the prototype's, e.g. greeting 0.7, which
    // CLINC150's own `greeting` intent would otherwise inherit) are dropped; explicit
    // --intent-threshold flags still apply.
    std::map<std::string, float, std::less<>> explicit_only;
    for (const auto& [k, v] : options->threshold_overrides) {
      if (k != "default") explicit_only[k] = v;
    }
    aicc.thresholds.per_intent = explicit_only;
    ft.thresholds.per_intent = explicit_only;
  }
  std::vector<SystemRun> runs{std::move(aicc)};
  if (with_ft) runs.push_back(std::move(ft));
  for (auto& run : runs) run.report = evaluate(run.scored, run.thresholds, sweep_points());

  if (args.json) {
    json::object out = report_json(runs.front());
    if (runs.size() > 1) out["baseline"] = report_json(runs[1]);
    std::printf("%s\n", to_readable_json(out, 6).c_str());
  } else {
    print_text(runs);
    if (args.show_errors > 0) print_errors(runs.front(), args.show_errors);
  }
}

}  // namespace

void add_eval_command(CLI::App& nlu) {
  auto args = std::make_shared<EvalArgs>();
  CLI::App* eval = nlu.add_subcommand("eval", "Evaluate on a held-out set or by k-fold CV");
  eval->add_option("--train", args->train, "training data spec(s)");
  eval->add_option("--test", args->test, "test data spec(s)");
  eval->add_option("--data", args->data, "data spec(s) for --folds");
  eval->add_option("--folds", args->folds, "k-fold cross-validation on --data");
  eval->add_option("-m,--model", args->model, "evaluate this model file instead of training");
  eval->add_option("--tune", args->tune,
                   "choose each system's default threshold on this data (e.g. a val split)");
  eval->add_option("--tune-min-oos-recall", args->tune_min_oos_recall,
                   "with --tune: best in-scope accuracy at this out-of-scope recall (default: "
                   "maximise the mean of the two)");
  eval->add_option("--tune-confidence", args->tune_confidence,
                   "with --tune-min-oos-recall: require the recall's one-sided Wilson lower "
                   "bound at this confidence (e.g. 0.95) to reach the floor, not the measured "
                   "recall itself")
      ->check(CLI::Range(0.0, 0.9999));
  eval->add_option("--baseline", args->baseline, "also train and score a baseline: fasttext");
  eval->add_flag("--json", args->json, "print one JSON object");
  eval->add_option("--dump", args->dump,
                   "append every test message's probabilities to this JSONL file");
  eval->add_option("--baseline-dump", args->baseline_dump,
                   "append every test message's baseline probabilities to this JSONL file");
  eval->add_option("--errors", args->show_errors, "list up to N misclassified messages");
  eval->add_option("--ft-epoch", args->ft.epoch, "fastText epochs (25)");
  eval->add_option("--ft-lr", args->ft.lr, "fastText learning rate (0.5)");
  eval->add_option("--ft-word-ngrams", args->ft.word_ngrams, "fastText word n-grams (2)");
  eval->add_option("--ft-dim", args->ft.dim, "fastText dimension (100)");
  eval->add_option("--ft-bucket", args->ft.bucket, "fastText hash buckets (2000000)");
  eval->add_option("--ft-minn", args->ft.minn, "fastText shortest char n-gram (0 = off)");
  eval->add_option("--ft-maxn", args->ft.maxn, "fastText longest char n-gram (0 = off)");
  args->flags.add_to(eval);
  eval->callback([args] {
    args->ft.seed = static_cast<int>(args->flags.seed);
    execute(*args);
  });
}

}  // namespace aicc::nlu::cli
