// The intent classifier: a trainable, in-process model that maps a customer message to the
// bot's intents with calibrated confidences and an out-of-scope decision.
//
//   auto model = aicc::nlu::load_or_train("data/intent.model", "bot/intents");  // loader.h
//   auto p = model->predict("영업시간이 어떻게 되나요?");
//   if (p.out_of_scope) { /* FAQ search, then clarification */ } else { act on p.intent }
//
// Model: character n-grams (inside and across tokens) + word uni/bigrams, TF-IDF weighted,
// multinomial logistic regression (or a one-hidden-layer network, ModelKind::kMlp) trained by
// seeded SGD, temperature-scaled on held-out folds.
// Out of scope: the data's `out_of_scope` examples form an extra class, and a message whose
// best intent's confidence is below that intent's threshold is out of scope too.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "nlu/intent/dataset.h"
#include "nlu/intent/linear_model.h"
#include "nlu/intent/mlp_model.h"
#include "nlu/intent/vectorizer.h"
#include "nlu/text/language.h"

namespace aicc::nlu {

// Per-intent confidence thresholds. The seed values are the prototype's.
struct ThresholdPolicy {
  float default_threshold = 0.7f;
  std::map<std::string, float, std::less<>> per_intent;

  float for_intent(std::string_view intent) const;
  // greeting 0.7, product_inquiry 0.8, complaint 0.75, reservation 0.85,
  // cancel_request 0.9, technical_support 0.8, payment_inquiry 0.85, default 0.7.
  static ThresholdPolicy prototype_defaults();
};

// Which model reads the vectors: the sparse linear softmax, or the one-hidden-layer network.
enum class ModelKind : std::uint8_t { kLinear = 0, kMlp = 1 };

struct TrainOptions {
  std::uint64_t seed = 42;
  ModelKind model = ModelKind::kLinear;
  MlpOptions mlp;  // used with ModelKind::kMlp; its seed is replaced by `seed`
  FeatureConfig features;
  NormalizeOptions normalize;
  SgdOptions sgd;     // its seed is replaced by `seed`
  int min_count = 1;  // drop grams seen in fewer training texts
  // Weight of grams unknown to the vocabulary in a text's norm, relative to the rarest known
  // gram (0: ignored). Above 0, a text made of unseen grams scores low for every intent.
  float unknown_weight = 1.0f;
  float prune = 0.02f;  // drop |weight| below this from the inference model
  // Held-out folds for temperature scaling and the threshold fit (< 2: no calibration).
  int calibration_folds = 5;
  // Thresholds: `thresholds`, then those declared by the data, then `threshold_overrides`.
  ThresholdPolicy thresholds = ThresholdPolicy::prototype_defaults();
  std::map<std::string, float> threshold_overrides;
  // With out_of_scope examples in the data, replace the default threshold by the one that
  // maximises (in-scope accuracy + out-of-scope recall) / 2 on the held-out folds.
  bool fit_default_threshold = false;
  // Progress lines ("fold 2/5 epoch 10/30"); called from the training thread.
  std::function<void(std::string_view)> progress;
};

// What training measured on its held-out folds (zeros when calibration_folds < 2).
struct TrainingReport {
  std::uint32_t examples = 0;
  std::uint32_t features = 0;          // vocabulary size
  std::uint64_t weights = 0;           // non-zero weights kept after pruning (MLP: all)
  float heldout_accuracy = 0.0f;       // top-1 over all classes, out_of_scope included
  float ece_before = 0.0f;             // expected calibration error at T = 1
  float ece_after = 0.0f;              // … at the fitted temperature
  float fitted_threshold = -1.0f;      // best held-out default threshold (-1: no OOS data)
  std::uint64_t data_fingerprint = 0;  // hash of the training data (staleness check)
  std::uint64_t seed = 0;
};

struct ScoredIntent {
  std::string intent;
  float confidence = 0.0f;
};

struct IntentPrediction {
  std::string intent;         // the best in-scope intent, or "out_of_scope"
  float confidence = 0.0f;    // calibrated probability of the best in-scope intent
  float threshold = 0.0f;     // threshold that intent had to reach
  bool out_of_scope = false;  // no intent applies: below threshold, or out_of_scope class won
  float out_of_scope_probability = 0.0f;  // of the out_of_scope class (0 if none trained)
  std::vector<ScoredIntent> top;          // best in-scope intents, most likely first
  Language language = Language::kKorean;
};

class IntentClassifier {
 public:
  // Trains on `data`. Fails (kInvalidArgument) with fewer than two labels or one intent
  // without examples. Deterministic: the same data and options give the same model bytes.
  static Result<IntentClassifier> train(const Dataset& data, const TrainOptions& options);

  // Reads a model file. Fails with kNotFound if it is missing, kInvalidArgument if it is not
  // a model, truncated or corrupt (checksum), kFailedPrecondition if its format version is
  // not one this build reads (2 or 3; model_io.cc). Never crashes on bad bytes.
  static Result<IntentClassifier> load(const std::filesystem::path& path);
  static Result<IntentClassifier> deserialize(std::string_view bytes, std::string_view name);

  // Writes atomically (temp file + rename).
  Status save(const std::filesystem::path& path) const;
  std::string serialize() const;

  IntentPrediction predict(std::string_view text, std::size_t top_k = 3) const;
  // Calibrated probabilities over labels(), out_of_scope included if trained.
  std::vector<float> probabilities(std::string_view text) const;

  // Sorted labels; out_of_scope among them if it was in the data.
  const std::vector<std::string>& labels() const { return labels_; }
  bool has_out_of_scope_class() const { return oos_index_ >= 0; }
  const ThresholdPolicy& thresholds() const { return thresholds_; }
  void set_thresholds(ThresholdPolicy thresholds) { thresholds_ = std::move(thresholds); }
  float temperature() const { return temperature_; }
  ModelKind model_kind() const { return kind_; }
  const TrainingReport& report() const { return report_; }

 private:
  friend class ModelCodec;
  IntentClassifier() = default;

  Vectorizer vectorizer_;
  ModelKind kind_ = ModelKind::kLinear;
  SparseLinear model_;  // kind_ == kLinear
  Mlp mlp_;             // kind_ == kMlp
  std::vector<std::string> labels_;
  int oos_index_ = -1;
  float temperature_ = 1.0f;
  ThresholdPolicy thresholds_;
  TrainingReport report_;
};

// Stable 64-bit fingerprint of a data set (texts, labels, declared thresholds).
std::uint64_t fingerprint(const Dataset& data);

}  // namespace aicc::nlu
