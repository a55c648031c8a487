// Evaluation of intent predictions: the numbers `aicc nlu eval` prints.
//
// Conventions (those of the CLINC150 paper): in-scope accuracy counts an in-scope message
// as right only if it gets its own intent (rejecting it as out of scope is wrong);
// out-of-scope recall is the share of out-of-scope messages rejected.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "nlu/intent/classifier.h"

namespace aicc::nlu {

// One scored test message, independent of any threshold.
struct ScoredExample {
  std::string text;
  std::string gold;             // label, kOutOfScope for out-of-scope messages
  std::string best;             // best in-scope intent
  float best_confidence = 0;    // its calibrated probability
  bool oos_class_wins = false;  // the out_of_scope class outscored every intent
};

// Applies thresholds: returns the predicted label (best, or kOutOfScope).
std::string decide(const ScoredExample& s, const ThresholdPolicy& thresholds);

struct ClassMetrics {
  std::string label;
  int support = 0;    // gold examples
  int predicted = 0;  // predictions of this label
  double precision = 0, recall = 0, f1 = 0;
};

struct ThresholdPoint {
  float threshold = 0;
  double in_scope_accuracy = 0;
  double oos_recall = 0;
  double oos_precision = 0;
  double accepted_precision = 0;  // of messages given an intent, share given the right one
  double coverage = 0;            // share of in-scope messages given some intent
  double accuracy = 0;            // over all messages, out_of_scope counted as a class
};

struct EvalReport {
  int n_test = 0;
  int n_in_scope = 0;
  int n_oos = 0;
  double accuracy = 0;  // all messages, out_of_scope a class
  double in_scope_accuracy = 0;
  double macro_f1 = 0;  // over the gold labels, out_of_scope included
  double oos_recall = 0;
  double oos_precision = 0;
  double ece = 0;  // top-1 calibration error on in-scope messages
  std::vector<ClassMetrics> per_class;
  std::vector<std::pair<std::pair<std::string, std::string>, int>> confused;  // (gold, pred)
  std::vector<ThresholdPoint> sweep;
};

// Scores a whole test set with `thresholds`; `sweep` lists the uniform thresholds to tabulate.
EvalReport evaluate(const std::vector<ScoredExample>& scored, const ThresholdPolicy& thresholds,
                    const std::vector<float>& sweep);

// The candidate threshold maximising (in-scope accuracy + OOS recall) / 2.
float best_balanced_threshold(const std::vector<ScoredExample>& scored,
                              const std::vector<float>& candidates);

// The candidate threshold with the best in-scope accuracy among those whose OOS recall is at
// least `min_oos_recall`; the one with the highest OOS recall if none reaches it.
// With `confidence` in (0, 1), "recall" means the one-sided Wilson lower bound of the measured
// recall at that confidence: a tuning set has few out-of-scope messages (CLINC150's val: 100),
// so a threshold that just reaches 60 % on it reaches less on new data about half the time.
float best_threshold_for_recall(const std::vector<ScoredExample>& scored,
                                const std::vector<float>& candidates, double min_oos_recall,
                                double confidence = 0.0);

// Lower end of the one-sided Wilson score interval for `successes` out of `trials` at
// `confidence` (e.g. 0.95); the plain ratio when confidence is 0; 0 when trials is 0.
double wilson_lower_bound(double successes, double trials, double confidence);

// Scores `data` with `model` (no thresholds applied).
std::vector<ScoredExample> score_dataset(const IntentClassifier& model, const Dataset& data);

}  // namespace aicc::nlu
