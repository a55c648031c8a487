#include "nlu/cli/fasttext_baseline.h"

#include <unistd.h>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fasttext/fasttext.h>

#include "nlu/text/normalize.h"

namespace aicc::nlu {
namespace {

constexpr std::string_view kLabelPrefix = "__label__";

// fastText splits on whitespace only: give punctuation its own tokens.
std::string tokenize(std::string_view text) {
  std::string out;
  for (const char c : normalize_text(text)) {
    if (std::string_view("?!.,;:()[]{}\"~").find(c) != std::string_view::npos) {
      out += ' ';
      out += c;
      out += ' ';
    } else if (c == '\n' || c == '\t') {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

std::string label_token(std::string_view label) {
  std::string l(label);
  for (auto& c : l) {
    if (c == ' ') c = '_';
  }
  return std::string(kLabelPrefix) + l;
}

}  // namespace

Result<FastTextRun> run_fasttext(const Dataset& train, const Dataset& test,
                                 const FastTextOptions& options) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("aicc-fasttext-" + std::to_string(::getpid()));
  std::error_code ec;
  fs::create_directories(dir, ec);
  const fs::path input = dir / "train.txt";
  {
    std::ofstream out(input);
    for (const auto& e : train.examples)
      out << label_token(e.label) << ' ' << tokenize(e.text) << '\n';
    if (!out) {
      return make_error(ErrorCode::kUnavailable, "cannot write fastText input " + input.string());
    }
  }
  FastTextRun run;
  try {
    fasttext::Args args;
    args.input = input.string();
    args.model = fasttext::model_name::sup;
    args.loss = fasttext::loss_name::softmax;
    args.minCount = 1;
    args.epoch = options.epoch;
    args.lr = options.lr;
    args.wordNgrams = options.word_ngrams;
    args.dim = options.dim;
    args.bucket = options.bucket;
    args.minn = options.minn;
    args.maxn = options.maxn;
    args.thread = 1;
    args.seed = options.seed;
    args.verbose = 0;
    fasttext::FastText ft;
    const auto t0 = std::chrono::steady_clock::now();
    ft.train(args);
    const auto t1 = std::chrono::steady_clock::now();
    run.train_seconds = std::chrono::duration<double>(t1 - t0).count();

    const std::string oos_label = label_token(kOutOfScope);
    std::vector<std::pair<fasttext::real, std::string>> preds;
    double total_us = 0;
    for (const auto& e : test.examples) {
      const auto p0 = std::chrono::steady_clock::now();
      std::istringstream line(tokenize(e.text) + "\n");
      preds.clear();
      ft.predictLine(line, preds, -1, 0.0f);  // every label, most likely first
      total_us +=
          std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - p0).count();
      ScoredExample s;
      s.text = e.text;
      s.gold = e.label;
      float oos_p = 0;
      auto& probs = run.probabilities.emplace_back();
      for (const auto& [prob, label] : preds) {
        probs.emplace_back(label.substr(kLabelPrefix.size()), static_cast<float>(prob));
        if (label == oos_label) {
          oos_p = std::max(oos_p, static_cast<float>(prob));
        } else if (s.best.empty()) {
          s.best = label.substr(kLabelPrefix.size());
          s.best_confidence = static_cast<float>(prob);
        }
      }
      s.oos_class_wins = oos_p > s.best_confidence;
      run.scored.push_back(std::move(s));
    }
    run.predict_us = test.examples.empty() ? 0 : total_us / static_cast<double>(test.size());
  } catch (const std::exception& ex) {
    fs::remove_all(dir, ec);
    return make_error(ErrorCode::kInternal, std::string("fastText failed: ") + ex.what());
  }
  fs::remove_all(dir, ec);
  return run;
}

}  // namespace aicc::nlu
