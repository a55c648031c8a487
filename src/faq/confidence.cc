#include "faq/confidence.h"

#include <algorithm>

namespace aicc::faq {

double coverage(const std::vector<double>& idf, const std::vector<double>& scale,
                const std::vector<std::size_t>& matched) {
  double total = 0.0;
  for (std::size_t i = 0; i < idf.size(); ++i) total += idf[i] * scale[i];
  if (total <= 0.0) return 0.0;
  double hit = 0.0;
  for (std::size_t i : matched) {
    if (i < idf.size()) hit += idf[i] * scale[i];
  }
  return std::clamp(hit / total, 0.0, 1.0);
}

double confidence(const HitEvidence& e, const ConfidenceModel& model) {
  if (e.best_score <= 0.0 || e.score <= 0.0) return 0.0;
  // A lower-ranked hit has, by definition, no lead: its margin is how far it trails the top.
  const double lead = e.is_top ? (e.best_score - e.next_score) / e.best_score
                               : (e.score - e.best_score) / e.best_score;
  const double margin = std::clamp(lead / model.full_margin, 0.0, 1.0);
  const double relative = std::clamp(e.score / e.best_score, 0.0, 1.0);
  const double evidence = e.score / (e.score + std::max(model.half_evidence_score, 0.0));
  double c = e.coverage * evidence * relative *
             ((1.0 - model.margin_weight) + model.margin_weight * margin);
  c += model.intent_boost * std::clamp(e.intent_agreement, 0.0, 1.0);
  return std::clamp(c, 0.0, 1.0);
}

}  // namespace aicc::faq
