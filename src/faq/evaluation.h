// Search-quality evaluation of an FaqIndex against labelled queries, in the spirit of
// `rasa test`: top-1/top-3 accuracy on queries that have an answer, and how often queries
// that have none would be auto-answered, with a sweep over auto-answer thresholds so the
// default threshold is chosen by measurement.
//
// Query files are JSON lines: {"text": "...", "language": "ko", "expect": "faq_business_hours"}
// and, for a query that must not be auto-answered, "expect": null.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "faq/faq_index.h"

namespace aicc::faq {

struct EvalQuery {
  std::string text;
  Language language = Language::kKorean;
  std::string expected_id;  // empty: no entry answers it
  std::string where;        // "file:line", for reports
};

// kInvalidArgument naming the file and line for malformed lines; blank lines are skipped.
Result<std::vector<EvalQuery>> parse_eval_queries(std::string_view content, std::string_view file);
Result<std::vector<EvalQuery>> load_eval_queries(const std::filesystem::path& path);

struct EvalOutcome {
  const EvalQuery* query = nullptr;
  std::string top_id;  // empty if no hit
  float confidence = 0.0f;
  bool top1 = false;  // expected id ranked first
  bool top3 = false;  // … among the first three
};

struct ThresholdPoint {
  float threshold = 0.0f;
  double auto_answer_rate = 0.0;        // answerable queries auto-answered with the right entry
  double wrong_auto_answer_rate = 0.0;  // answerable queries auto-answered with a wrong entry
  double false_auto_answer_rate = 0.0;  // unanswerable queries auto-answered
};

struct EvalReport {
  std::vector<EvalOutcome> outcomes;
  std::size_t answerable = 0;
  std::size_t unanswerable = 0;
  double top1_accuracy = 0.0;
  double top3_accuracy = 0.0;
  ThresholdPoint at_threshold;  // at the index's auto-answer threshold
  // The highest top-hit confidence of an unanswerable query: a threshold above it auto-answers
  // none of them, so the distance to it is the threshold's safety margin.
  float max_unanswerable_confidence = 0.0f;

  ThresholdPoint at(float threshold) const;
};

// Runs every query (without an intent hint) through `index`.
EvalReport evaluate(const FaqIndex& index, const std::vector<EvalQuery>& queries);

// A readable summary: the numbers, a threshold sweep, and every miss with its file and line.
std::string format_report(const EvalReport& report);

}  // namespace aicc::faq
