#include "nlu/intent/metrics.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "nlu/intent/calibration.h"

namespace aicc::nlu {
namespace {

bool is_oos(const std::string& label) {
  return label == kOutOfScope;
}

ThresholdPoint point_at(const std::vector<ScoredExample>& scored, const ThresholdPolicy& policy,
                        float threshold) {
  ThresholdPoint p;
  p.threshold = threshold;
  double in = 0, in_right = 0, in_accepted = 0, oos = 0, oos_right = 0, said_oos = 0, right = 0;
  for (const auto& s : scored) {
    const std::string pred = decide(s, policy);
    if (pred == s.gold) right += 1;
    if (is_oos(pred)) said_oos += 1;
    if (is_oos(s.gold)) {
      oos += 1;
      if (is_oos(pred)) oos_right += 1;
    } else {
      in += 1;
      if (!is_oos(pred)) in_accepted += 1;
      if (pred == s.gold) in_right += 1;
    }
  }
  const double accepted = static_cast<double>(scored.size()) - said_oos;
  const double accepted_right = in_right;
  p.in_scope_accuracy = in > 0 ? in_right / in : 0;
  p.oos_recall = oos > 0 ? oos_right / oos : 0;
  p.oos_precision = said_oos > 0 ? oos_right / said_oos : 0;
  p.accepted_precision = accepted > 0 ? accepted_right / accepted : 0;
  p.coverage = in > 0 ? in_accepted / in : 0;
  p.accuracy = scored.empty() ? 0 : right / static_cast<double>(scored.size());
  return p;
}

ThresholdPolicy uniform(float t) {
  ThresholdPolicy p;
  p.default_threshold = t;
  return p;
}

}  // namespace

std::string decide(const ScoredExample& s, const ThresholdPolicy& thresholds) {
  if (s.oos_class_wins || s.best_confidence < thresholds.for_intent(s.best)) {
    return std::string(kOutOfScope);
  }
  return s.best;
}

std::vector<ScoredExample> score_dataset(const IntentClassifier& model, const Dataset& data) {
  std::vector<ScoredExample> out;
  out.reserve(data.size());
  for (const auto& e : data.examples) {
    const IntentPrediction p = model.predict(e.text, 1);
    out.push_back({e.text, e.label, p.top.front().intent, p.confidence,
                   p.out_of_scope_probability > p.confidence});
  }
  return out;
}

EvalReport evaluate(const std::vector<ScoredExample>& scored, const ThresholdPolicy& thresholds,
                    const std::vector<float>& sweep) {
  EvalReport r;
  r.n_test = static_cast<int>(scored.size());
  std::map<std::string, ClassMetrics> per;
  std::map<std::pair<std::string, std::string>, int> confusion;
  std::set<std::string> gold_labels;
  std::vector<float> conf;
  std::vector<bool> correct;
  for (const auto& s : scored) {
    const std::string pred = decide(s, thresholds);
    gold_labels.insert(s.gold);
    per[s.gold].support += 1;
    per[pred].predicted += 1;
    if (pred == s.gold) {
      per[s.gold].recall += 1;  // counts for now, ratios below
    } else {
      confusion[{s.gold, pred}] += 1;
    }
    if (is_oos(s.gold)) {
      r.n_oos += 1;
    } else {
      r.n_in_scope += 1;
      conf.push_back(s.best_confidence);
      correct.push_back(s.best == s.gold);
    }
  }
  double f1_sum = 0;
  for (auto& [label, m] : per) {
    m.label = label;
    const double hits = m.recall;
    m.precision = m.predicted > 0 ? hits / m.predicted : 0;
    m.recall = m.support > 0 ? hits / m.support : 0;
    m.f1 = m.precision + m.recall > 0 ? 2 * m.precision * m.recall / (m.precision + m.recall) : 0;
    if (gold_labels.count(label) > 0) {
      f1_sum += m.f1;
      r.per_class.push_back(m);
    }
  }
  r.macro_f1 = gold_labels.empty() ? 0 : f1_sum / static_cast<double>(gold_labels.size());
  const ThresholdPoint at = point_at(scored, thresholds, thresholds.default_threshold);
  r.accuracy = at.accuracy;
  r.in_scope_accuracy = at.in_scope_accuracy;
  r.oos_recall = at.oos_recall;
  r.oos_precision = at.oos_precision;
  r.ece = expected_calibration_error(conf, correct);
  for (const auto& [pair, n] : confusion) r.confused.push_back({pair, n});
  std::stable_sort(r.confused.begin(), r.confused.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  for (const float t : sweep) r.sweep.push_back(point_at(scored, uniform(t), t));
  return r;
}

float best_balanced_threshold(const std::vector<ScoredExample>& scored,
                              const std::vector<float>& candidates) {
  float best = candidates.empty() ? 0.0f : candidates.front();
  double best_score = -1;
  for (const float t : candidates) {
    const ThresholdPoint p = point_at(scored, uniform(t), t);
    const double s = (p.in_scope_accuracy + p.oos_recall) / 2;
    if (s > best_score) {
      best_score = s;
      best = t;
    }
  }
  return best;
}

double wilson_lower_bound(double successes, double trials, double confidence) {
  if (trials <= 0) return 0.0;
  const double p = successes / trials;
  if (confidence <= 0.0) return p;
  // z with Φ(z) = confidence, by bisection on the normal CDF (erfc is exact enough).
  double lo = 0.0, hi = 10.0;
  for (int i = 0; i < 100; ++i) {
    const double mid = (lo + hi) / 2;
    (0.5 * std::erfc(-mid / std::sqrt(2.0)) < confidence ? lo : hi) = mid;
  }
  const double z = (lo + hi) / 2, z2 = z * z;
  const double centre = p + z2 / (2 * trials);
  const double spread = z * std::sqrt(p * (1 - p) / trials + z2 / (4 * trials * trials));
  return std::max(0.0, (centre - spread) / (1 + z2 / trials));
}

float best_threshold_for_recall(const std::vector<ScoredExample>& scored,
                                const std::vector<float>& candidates, double min_oos_recall,
                                double confidence) {
  double n_oos = 0;
  for (const auto& s : scored) n_oos += s.gold == kOutOfScope ? 1 : 0;
  float best = -1.0f;
  double best_acc = -1;
  float fallback = candidates.empty() ? 0.0f : candidates.front();
  double fallback_recall = -1;
  for (const float t : candidates) {
    const ThresholdPoint p = point_at(scored, uniform(t), t);
    const double recall = wilson_lower_bound(p.oos_recall * n_oos, n_oos, confidence);
    if (recall >= min_oos_recall && p.in_scope_accuracy > best_acc) {
      best_acc = p.in_scope_accuracy;
      best = t;
    }
    if (p.oos_recall > fallback_recall) {
      fallback_recall = p.oos_recall;
      fallback = t;
    }
  }
  return best >= 0.0f ? best : fallback;
}

}  // namespace aicc::nlu
