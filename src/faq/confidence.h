// How sure the FAQ search is that a hit answers the query, as a number in [0, 1].
//
// A raw BM25 score has no scale: it grows with the query's length and the rarity of its
// terms, so one fixed threshold cannot tell a good answer from a poor one. The confidence
// combines four things that do have a scale:
//   coverage  how much of the query the entry explains: the IDF-weighted share of the query's
//             terms that occur in the entry (a query about the weather shares only particles
//             with the FAQ, and its rare terms are not in the index at all);
//   evidence  the BM25 score itself, saturated (s / (s + half)): a query that shares one
//             common term with an entry explains little even when that term is all it has;
//   margin    how far the best entry is ahead of the next one ((s1 - s2) / s1): when two
//             entries match equally, neither is a safe automatic answer;
//   intent    the intent classifier agreeing with the entry's intent hint.
#pragma once

#include <cstddef>
#include <vector>

namespace aicc::faq {

// Defaults chosen on bot/faq/eval (tests/unit/faq/quality_test.cc prints the sweep).
struct ConfidenceModel {
  // The BM25 score at which the evidence factor is one half.
  double half_evidence_score = 4.0;
  // Share of the confidence that depends on the margin (the rest is coverage and evidence).
  double margin_weight = 0.2;
  // A margin of this size or more counts as a clear lead.
  double full_margin = 0.25;
  // Added (times the classifier's confidence) when the predicted intent is the entry's.
  double intent_boost = 0.15;
};

// IDF-weighted share of query terms matched: Σ idf·scale over `matched` / Σ idf·scale.
double coverage(const std::vector<double>& idf, const std::vector<double>& scale,
                const std::vector<std::size_t>& matched);

struct HitEvidence {
  double coverage = 0.0;
  double score = 0.0;       // this hit's (re-ranked) score
  double best_score = 0.0;  // the top hit's
  double next_score = 0.0;  // the top hit's runner-up (0 if none); used for the top hit only
  bool is_top = false;
  double intent_agreement = 0.0;  // classifier confidence if its intent is the entry's, else 0
};

double confidence(const HitEvidence& evidence, const ConfidenceModel& model);

}  // namespace aicc::faq
