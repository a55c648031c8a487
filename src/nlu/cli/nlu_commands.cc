#include <chrono>
#include <cstdio>
#include <filesystem>

#include <boost/json.hpp>

#include "nlu/cli/command_common.h"
#include "nlu/cli/json_text.h"
#include "nlu/cli/nlu_cli.h"

namespace aicc::nlu {
namespace cli {

void TrainFlags::add_to(CLI::App* cmd) {
  cmd->add_option("--seed", seed, "random seed (training is deterministic for a seed)");
  cmd->add_option("--arch", arch, "linear (sparse softmax, the default) or mlp (one hidden layer)");
  cmd->add_option("--epochs", epochs, "training epochs (default: linear 20, mlp 10)");
  cmd->add_option("--lr", lr, "initial learning rate (default: linear 1.0, mlp 0.001)");
  cmd->add_option("--hidden", hidden, "mlp: hidden units (default 256)");
  cmd->add_option("--optimizer", optimizer, "mlp: sgd or adam (default adam)");
  cmd->add_option("--init-scale", init_scale,
                  "mlp: first-layer weights start uniform in ±this (default 0.01)");
  cmd->add_option("--dropout", dropout, "mlp: dropout of hidden units in training (default 0.5)");
  cmd->add_option("--input-dropout", input_dropout,
                  "mlp: dropout of a text's n-grams in training (default 0)");
  cmd->add_option("--l2", l2, "L2 weight decay (default 1e-6)");
  cmd->add_option("--loss", loss, "SGD loss: softmax or hinge");
  cmd->add_option("--calib-folds", calib_folds,
                  "held-out folds for temperature scaling and threshold fit (0: none)");
  cmd->add_option("--min-count", min_count, "ignore n-grams seen in fewer training texts");
  cmd->add_option("--prune", prune, "drop weights smaller than this (default 0.02)");
  cmd->add_option("--char-max-n", char_max_n, "longest character n-gram (default 5)");
  cmd->add_option("--joined-max-n", joined_max_n,
                  "longest cross-space character n-gram, 0 = off (default 4)");
  cmd->add_option("--jamo-max-n", jamo_max_n, "longest Hangul jamo n-gram, 0 = off");
  cmd->add_option("--word-weight", word_weight, "weight of word unigrams vs. char grams");
  cmd->add_option("--bigram-weight", bigram_weight, "weight of word bigrams vs. char grams");
  cmd->add_option("--unknown-weight", unknown_weight,
                  "weight of unseen n-grams in a text's norm, 0 = ignore (default 1)");
  cmd->add_option("--threshold", threshold,
                  "default confidence threshold: a number, or 'auto' to fit it on held-out "
                  "out_of_scope examples");
  cmd->add_option("--intent-threshold", intent_thresholds, "per-intent threshold NAME=VALUE");
  cmd->add_flag("-q,--quiet", quiet, "no progress on stderr");
}

Result<TrainOptions> TrainFlags::to_options() const {
  TrainOptions o;
  o.seed = seed;
  if (arch == "mlp") {
    o.model = ModelKind::kMlp;
  } else if (!arch.empty() && arch != "linear") {
    return make_error(ErrorCode::kInvalidArgument, "--arch must be linear or mlp, got " + arch);
  }
  if (epochs > 0) o.sgd.epochs = o.mlp.epochs = epochs;
  if (lr > 0) o.sgd.learning_rate = o.mlp.learning_rate = lr;
  if (hidden < 0 || hidden > 65536) {
    return make_error(ErrorCode::kInvalidArgument,
                      "--hidden must be in 1..65536, got " + std::to_string(hidden));
  }
  if (hidden > 0) o.mlp.hidden = hidden;
  if (optimizer == "adam") {
    o.mlp.optimizer = Optimizer::kAdam;
  } else if (!optimizer.empty() && optimizer != "sgd") {
    return make_error(ErrorCode::kInvalidArgument,
                      "--optimizer must be sgd or adam, got " + optimizer);
  }
  if (dropout >= 1.0f || input_dropout >= 1.0f) {
    return make_error(ErrorCode::kInvalidArgument, "--dropout and --input-dropout must be < 1");
  }
  if (dropout >= 0) o.mlp.dropout = dropout;
  if (init_scale >= 0) o.mlp.init_scale = init_scale;
  if (input_dropout >= 0) o.mlp.input_dropout = input_dropout;
  if (l2 >= 0) o.sgd.l2 = l2;
  if (loss == "hinge") {
    o.sgd.loss = Loss::kHinge;
  } else if (!loss.empty() && loss != "softmax") {
    return make_error(ErrorCode::kInvalidArgument, "--loss must be softmax or hinge, got " + loss);
  }
  o.calibration_folds = calib_folds;
  o.min_count = std::max(1, min_count);
  if (prune >= 0) o.prune = prune;
  if (unknown_weight >= 0) o.unknown_weight = unknown_weight;
  if (char_max_n > 0) o.features.char_max_n = char_max_n;
  if (word_weight >= 0) o.features.word_weight = word_weight;
  if (bigram_weight >= 0) o.features.bigram_weight = bigram_weight;
  if (jamo_max_n >= 0) o.features.jamo_max_n = jamo_max_n;
  if (joined_max_n >= 0) o.features.joined_max_n = joined_max_n;
  auto parse_prob = [](const std::string& s, float& out) {
    try {
      std::size_t used = 0;
      out = std::stof(s, &used);
      return used == s.size() && out >= 0.0f && out <= 1.0f;
    } catch (const std::exception&) {
      return false;
    }
  };
  if (threshold == "auto") {
    o.fit_default_threshold = true;
  } else if (!threshold.empty()) {
    float v = 0;
    if (!parse_prob(threshold, v)) {
      return make_error(ErrorCode::kInvalidArgument,
                        "--threshold must be 'auto' or a number in [0, 1], got " + threshold);
    }
    o.threshold_overrides["default"] = v;
  }
  for (const auto& item : intent_thresholds) {
    const auto eq = item.find('=');
    float v = 0;
    if (eq == std::string::npos || eq == 0 || !parse_prob(item.substr(eq + 1), v)) {
      return make_error(ErrorCode::kInvalidArgument,
                        "--intent-threshold expects NAME=VALUE with VALUE in [0, 1], got " + item);
    }
    o.threshold_overrides[item.substr(0, eq)] = v;
  }
  if (!quiet) {
    o.progress = [](std::string_view line) {
      std::fprintf(stderr, "  %.*s\n", static_cast<int>(line.size()), line.data());
    };
  }
  return o;
}

Result<Dataset> load_all(const std::vector<std::string>& specs, bool quiet) {
  Dataset all;
  for (const auto& spec : specs) {
    auto d = load_dataset(spec);
    if (!d) return d;
    if (!quiet) std::fprintf(stderr, "loaded %zu examples from %s\n", d->size(), spec.c_str());
    all.append(*d);
  }
  return all;
}

void fail(const Error& error, int exit_code) {
  std::fprintf(stderr, "aicc nlu: %s\n", error.message.c_str());
  throw CLI::RuntimeError(exit_code);
}

}  // namespace cli

namespace {

namespace json = boost::json;

void print_training_summary(const IntentClassifier& m, double seconds,
                            const std::filesystem::path& out) {
  const TrainingReport& r = m.report();
  std::printf("trained on %u examples, %zu labels%s in %.2f s\n", r.examples, m.labels().size(),
              m.has_out_of_scope_class() ? " (out_of_scope included)" : "", seconds);
  std::printf("model: %s   features: %u   weights kept: %llu   temperature: %.3f\n",
              m.model_kind() == ModelKind::kMlp ? "mlp" : "linear", r.features,
              static_cast<unsigned long long>(r.weights), static_cast<double>(m.temperature()));
  if (r.heldout_accuracy > 0) {
    std::printf("held-out accuracy: %.4f   calibration error (ECE): %.4f before, %.4f after\n",
                static_cast<double>(r.heldout_accuracy), static_cast<double>(r.ece_before),
                static_cast<double>(r.ece_after));
  }
  if (r.fitted_threshold >= 0) {
    std::printf("held-out best default threshold: %.2f\n", static_cast<double>(r.fitted_threshold));
  }
  std::printf("default threshold: %.2f\n", static_cast<double>(m.thresholds().default_threshold));
  std::error_code ec;
  std::printf("model written to %s (%ju bytes)\n", out.string().c_str(),
              static_cast<std::uintmax_t>(std::filesystem::file_size(out, ec)));
}

json::value hook_value(const std::function<std::string(std::string_view, std::string_view)>& hook,
                       std::string_view text, std::string_view language, json::value fallback) {
  if (!hook) return fallback;
  boost::system::error_code ec;
  json::value v = json::parse(hook(text, language), ec);
  return ec ? fallback : v;
}

}  // namespace

void add_nlu_commands(CLI::App& app) {
  add_nlu_commands(app, PredictHooks{});
}

void add_nlu_commands(CLI::App& app, PredictHooks hooks) {
  CLI::App* nlu = app.add_subcommand("nlu", "Train, evaluate and try the intent classifier");
  nlu->require_subcommand(1);

  // nlu train
  struct TrainArgs {
    std::vector<std::string> data;
    std::string output;
    cli::TrainFlags flags;
  };
  auto targs = std::make_shared<TrainArgs>();
  CLI::App* train = nlu->add_subcommand("train", "Train an intent model from data files");
  train
      ->add_option("data", targs->data,
                   "data: bot intent dir, .csv/.tsv/.jsonl, clinc150:FILE:SPLITS")
      ->required();
  train->add_option("-o,--output", targs->output, "model file to write")->required();
  targs->flags.add_to(train);
  train->callback([targs] {
    auto options = targs->flags.to_options();
    if (!options) cli::fail(options.error(), 2);
    auto data = cli::load_all(targs->data, targs->flags.quiet);
    if (!data) cli::fail(data.error(), 2);
    const auto t0 = std::chrono::steady_clock::now();
    auto model = IntentClassifier::train(*data, *options);
    if (!model) cli::fail(model.error(), 2);
    const double secs =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (auto st = model->save(targs->output); !st) cli::fail(st.error());
    print_training_summary(*model, secs, targs->output);
  });

  // nlu predict
  struct PredictArgs {
    std::string text;
    std::string model;
    std::string bot = "bot/intents";
    std::size_t top_k = 3;
  };
  auto pargs = std::make_shared<PredictArgs>();
  CLI::App* predict = nlu->add_subcommand("predict", "Classify one message and print JSON");
  predict->add_option("text", pargs->text, "the message")->required();
  predict->add_option("-m,--model", pargs->model, "model file (default: train from --bot)");
  predict->add_option("--bot", pargs->bot, "bot intent directory used without --model");
  predict->add_option("-k,--top", pargs->top_k, "number of candidate intents to list");
  predict->callback([pargs, hooks] {
    Result<IntentClassifier> model = pargs->model.empty() ? [&]() -> Result<IntentClassifier> {
      auto data = load_dataset(pargs->bot);
      if (!data) return tl::unexpected(data.error());
      return IntentClassifier::train(*data, TrainOptions{});
    }()
        : IntentClassifier::load(pargs->model);
    if (!model) cli::fail(model.error(), 2);
    const IntentPrediction p = model->predict(pargs->text, pargs->top_k);
    const std::string_view lang = language_code(p.language);
    json::array top;
    for (const auto& s : p.top) {
      top.push_back(json::object{{"intent", s.intent}, {"confidence", s.confidence}});
    }
    json::object out{{"text", hooks.mask ? hooks.mask(pargs->text) : pargs->text},
                     {"language", lang},
                     {"intent", p.intent},
                     {"confidence", p.confidence},
                     {"threshold", p.threshold},
                     {"out_of_scope", p.out_of_scope},
                     {"out_of_scope_probability", p.out_of_scope_probability},
                     {"top", std::move(top)}};
    // Filled by src/nlu/entities and src/nlu/sentiment through PredictHooks when linked.
    out["entities"] = hook_value(hooks.entities, pargs->text, lang, json::array{});
    out["sentiment"] = hook_value(hooks.sentiment, pargs->text, lang, nullptr);
    std::printf("%s\n", cli::to_readable_json(out).c_str());
  });

  cli::add_eval_command(*nlu);
}

}  // namespace aicc::nlu
