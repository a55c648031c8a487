#include "nlu/intent/classifier.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "nlu/intent/calibration.h"

namespace aicc::nlu {
namespace {

struct FoldModel {
  Vectorizer vectorizer;
  DenseLinear weights;  // ModelKind::kLinear
  Mlp mlp;              // ModelKind::kMlp
};

std::vector<std::uint64_t> text_hashes(std::string_view text, const TrainOptions& options) {
  std::vector<std::uint64_t> out;
  extract_features(normalize_text(text, options.normalize), options.features, out);
  return out;
}

FoldModel fit_fold(const std::vector<std::vector<std::uint64_t>>& hashes, const std::vector<int>& y,
                   const std::vector<std::size_t>& rows, std::uint32_t classes,
                   const TrainOptions& options, const std::function<void(int)>& on_epoch) {
  std::vector<std::vector<std::uint64_t>> docs;
  std::vector<int> labels;
  docs.reserve(rows.size());
  labels.reserve(rows.size());
  for (const std::size_t i : rows) {
    docs.push_back(hashes[i]);
    labels.push_back(y[i]);
  }
  FoldModel m;
  m.vectorizer = Vectorizer::fit(docs, options.features, options.normalize, options.min_count,
                                 options.unknown_weight);
  std::vector<SparseRow> x;
  x.reserve(docs.size());
  for (auto& d : docs) x.push_back(m.vectorizer.transform(d));
  const auto features = static_cast<std::uint32_t>(m.vectorizer.vocabulary().size());
  if (options.model == ModelKind::kMlp) {
    MlpOptions mlp = options.mlp;
    mlp.seed = options.seed;
    m.mlp = train_mlp(x, labels, features, classes, mlp, on_epoch);
    return m;
  }
  SgdOptions sgd = options.sgd;
  sgd.seed = options.seed;
  m.weights = train_softmax(x, labels, features, classes, sgd, on_epoch);
  return m;
}

void fold_scores(const FoldModel& m, ModelKind kind, const SparseRow& x, float* out) {
  if (kind == ModelKind::kMlp) {
    m.mlp.scores(x, out);
  } else {
    dense_scores(m.weights, x, out);
  }
}

// In-scope accuracy and out-of-scope recall at a uniform threshold, averaged.
double balanced_score(const std::vector<std::vector<float>>& probs, const std::vector<int>& gold,
                      int oos, float threshold) {
  double in_total = 0, in_right = 0, oos_total = 0, oos_right = 0;
  for (std::size_t i = 0; i < probs.size(); ++i) {
    int best = -1;
    for (int c = 0; c < static_cast<int>(probs[i].size()); ++c) {
      if (c != oos && (best < 0 || probs[i][static_cast<std::size_t>(c)] >
                                       probs[i][static_cast<std::size_t>(best)])) {
        best = c;
      }
    }
    const float p_best = probs[i][static_cast<std::size_t>(best)];
    const bool says_oos = p_best < threshold || p_best < probs[i][static_cast<std::size_t>(oos)];
    if (gold[i] == oos) {
      oos_total += 1;
      oos_right += says_oos ? 1 : 0;
    } else {
      in_total += 1;
      in_right += (!says_oos && best == gold[i]) ? 1 : 0;
    }
  }
  if (in_total == 0 || oos_total == 0) return 0.0;
  return (in_right / in_total + oos_right / oos_total) / 2.0;
}

}  // namespace

float ThresholdPolicy::for_intent(std::string_view intent) const {
  const auto it = per_intent.find(intent);
  return it == per_intent.end() ? default_threshold : it->second;
}

ThresholdPolicy ThresholdPolicy::prototype_defaults() {
  ThresholdPolicy p;
  p.default_threshold = 0.7f;
  p.per_intent = {{"greeting", 0.7f},        {"product_inquiry", 0.8f}, {"complaint", 0.75f},
                  {"reservation", 0.85f},    {"cancel_request", 0.9f},  {"technical_support", 0.8f},
                  {"payment_inquiry", 0.85f}};
  return p;
}

std::uint64_t fingerprint(const Dataset& data) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  auto mix = [&h](std::string_view s) {
    for (const char c : s) {
      h ^= static_cast<unsigned char>(c);
      h *= 0x100000001b3ULL;
    }
    h ^= 0xff;  // separator that cannot occur in UTF-8
    h *= 0x100000001b3ULL;
  };
  for (const auto& e : data.examples) {
    mix(e.label);
    mix(e.text);
  }
  for (const auto& [k, v] : data.thresholds) {
    mix(k);
    mix(std::to_string(v));
  }
  return h;
}

Result<IntentClassifier> IntentClassifier::train(const Dataset& data, const TrainOptions& options) {
  const std::vector<std::string> labels = data.labels();
  const auto oos_it = std::find(labels.begin(), labels.end(), kOutOfScope);
  const int oos = oos_it == labels.end() ? -1 : static_cast<int>(oos_it - labels.begin());
  const std::size_t in_scope = labels.size() - (oos >= 0 ? 1 : 0);
  if (labels.size() < 2 || in_scope < 1) {
    return make_error(ErrorCode::kInvalidArgument,
                      "training needs at least two labels (intents, or one intent and "
                      "out_of_scope); found " +
                          std::to_string(labels.size()));
  }
  if (labels.size() > 65535) {
    return make_error(ErrorCode::kInvalidArgument, "too many intents (max 65535)");
  }
  auto say = [&](const std::string& line) {
    if (options.progress) options.progress(line);
  };
  const auto classes = static_cast<std::uint32_t>(labels.size());
  std::vector<int> y;
  std::vector<std::vector<std::uint64_t>> hashes;
  y.reserve(data.size());
  hashes.reserve(data.size());
  for (const auto& e : data.examples) {
    y.push_back(
        static_cast<int>(std::lower_bound(labels.begin(), labels.end(), e.label) - labels.begin()));
    hashes.push_back(text_hashes(e.text, options));
  }

  IntentClassifier clf;
  clf.labels_ = labels;
  clf.oos_index_ = oos;
  clf.report_.examples = static_cast<std::uint32_t>(data.size());
  clf.report_.seed = options.seed;
  clf.report_.data_fingerprint = fingerprint(data);
  const int epochs = options.model == ModelKind::kMlp ? options.mlp.epochs : options.sgd.epochs;

  // Held-out folds: every example is scored once by a model that did not see it.
  const int folds = std::min<int>(options.calibration_folds, static_cast<int>(data.size()));
  if (folds >= 2) {
    const std::vector<int> fold_of = stratified_folds(data, folds, options.seed);
    std::vector<HeldOutScores> heldout(data.size());
    for (int f = 0; f < folds; ++f) {
      std::vector<std::size_t> train_rows;
      for (std::size_t i = 0; i < data.size(); ++i) {
        if (fold_of[i] != f) train_rows.push_back(i);
      }
      const FoldModel m = fit_fold(hashes, y, train_rows, classes, options, [&](int e) {
        if (e == epochs || e % 10 == 0) {
          say("calibration fold " + std::to_string(f + 1) + "/" + std::to_string(folds) +
              ": epoch " + std::to_string(e) + "/" + std::to_string(epochs));
        }
      });
      for (std::size_t i = 0; i < data.size(); ++i) {
        if (fold_of[i] != f) continue;
        auto h = hashes[i];
        const SparseRow x = m.vectorizer.transform(h);
        heldout[i].scores.assign(classes, 0.0f);
        heldout[i].gold = y[i];
        fold_scores(m, options.model, x, heldout[i].scores.data());
      }
    }
    clf.temperature_ = fit_temperature(heldout);
    std::vector<float> conf_raw, conf_cal;
    std::vector<bool> correct;
    std::vector<std::vector<float>> probs;
    for (const auto& h : heldout) {
      const auto best = std::max_element(h.scores.begin(), h.scores.end()) - h.scores.begin();
      correct.push_back(best == h.gold);
      std::vector<float> p = h.scores;
      softmax(p, 1.0f);
      conf_raw.push_back(p[static_cast<std::size_t>(best)]);
      p = h.scores;
      softmax(p, clf.temperature_);
      conf_cal.push_back(p[static_cast<std::size_t>(best)]);
      probs.push_back(std::move(p));
    }
    clf.report_.heldout_accuracy =
        static_cast<float>(std::count(correct.begin(), correct.end(), true)) /
        static_cast<float>(correct.size());
    clf.report_.ece_before = static_cast<float>(expected_calibration_error(conf_raw, correct));
    clf.report_.ece_after = static_cast<float>(expected_calibration_error(conf_cal, correct));
    if (oos >= 0) {
      double best_score = -1.0;
      for (int t = 0; t < 100; ++t) {
        const float threshold = static_cast<float>(t) / 100.0f;
        const double s = balanced_score(probs, y, oos, threshold);
        if (s > best_score) {
          best_score = s;
          clf.report_.fitted_threshold = threshold;
        }
      }
    }
    say("calibration: temperature " + std::to_string(clf.temperature_) + ", held-out accuracy " +
        std::to_string(clf.report_.heldout_accuracy));
  }

  std::vector<std::size_t> all(data.size());
  std::iota(all.begin(), all.end(), 0);
  FoldModel final_model = fit_fold(hashes, y, all, classes, options, [&](int e) {
    if (e == epochs || e % 10 == 0) {
      say("final model: epoch " + std::to_string(e) + "/" + std::to_string(epochs));
    }
  });
  clf.vectorizer_ = std::move(final_model.vectorizer);
  clf.kind_ = options.model;
  if (options.model == ModelKind::kMlp) {
    clf.mlp_ = std::move(final_model.mlp);
    clf.report_.weights = clf.mlp_.parameters();
  } else {
    clf.model_ = SparseLinear::from_dense(final_model.weights, options.prune);
    clf.report_.weights = clf.model_.values().size();
  }
  clf.report_.features = static_cast<std::uint32_t>(clf.vectorizer_.vocabulary().size());

  clf.thresholds_ = options.thresholds;
  for (const auto& [k, v] : data.thresholds) clf.thresholds_.per_intent[k] = v;
  if (options.fit_default_threshold && clf.report_.fitted_threshold >= 0.0f) {
    clf.thresholds_.default_threshold = clf.report_.fitted_threshold;
  }
  for (const auto& [k, v] : options.threshold_overrides) {
    if (k == "default") {
      clf.thresholds_.default_threshold = v;
    } else {
      clf.thresholds_.per_intent[k] = v;
    }
  }
  return clf;
}

std::vector<float> IntentClassifier::probabilities(std::string_view text) const {
  auto hashes = vectorizer_.hashes(text);
  const SparseRow x = vectorizer_.transform(hashes);
  std::vector<float> z(labels_.size());
  if (kind_ == ModelKind::kMlp) {
    mlp_.scores(x, z.data());
  } else {
    model_.scores(x, z.data());
  }
  softmax(z, temperature_);
  for (auto& v : z) {
    if (!(v >= 0.0f && v <= 1.0f)) v = 0.0f;  // NaN from a damaged model must not reach sorting
  }
  return z;
}

IntentPrediction IntentClassifier::predict(std::string_view text, std::size_t top_k) const {
  const std::vector<float> p = probabilities(text);
  std::vector<std::uint32_t> order;
  order.reserve(p.size());
  for (std::uint32_t c = 0; c < p.size(); ++c) {
    if (static_cast<int>(c) != oos_index_) order.push_back(c);
  }
  const std::size_t k = std::min(std::max<std::size_t>(top_k, 1), order.size());
  std::partial_sort(
      order.begin(), order.begin() + static_cast<long>(k), order.end(),
      [&](std::uint32_t a, std::uint32_t b) { return p[a] > p[b] || (p[a] == p[b] && a < b); });
  IntentPrediction out;
  out.language = detect_language(text);
  for (std::size_t i = 0; i < k; ++i) out.top.push_back({labels_[order[i]], p[order[i]]});
  const std::string& best = out.top.front().intent;
  out.confidence = out.top.front().confidence;
  out.threshold = thresholds_.for_intent(best);
  out.out_of_scope_probability = oos_index_ >= 0 ? p[static_cast<std::size_t>(oos_index_)] : 0.0f;
  out.out_of_scope =
      out.confidence < out.threshold || out.out_of_scope_probability > out.confidence;
  out.intent = out.out_of_scope ? std::string(kOutOfScope) : best;
  return out;
}

}  // namespace aicc::nlu
