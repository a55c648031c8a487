// The outcome of a conversation-test run, for people (PASS/FAIL lines with a diff of each
// failed expectation) and for tools (one JSON object).
#pragma once

#include <cstdio>
#include <string>
#include <vector>

#include "convtest/runner.h"

namespace aicc::convtest {

struct RunSummary {
  int stories = 0;
  int passed = 0;
  int failed = 0;
};

RunSummary summarize(const std::vector<StoryResult>& results);

// "PASS name" / "FAIL name" per story; under a failure, expected vs actual per failed
// expectation, the reply text and the decision's reason; then "N stories, N passed, N failed".
void print_text_report(const std::vector<StoryResult>& results, std::FILE* out);

// {"stories": [...], "summary": {"stories", "passed", "failed"}}.
std::string json_report(const std::vector<StoryResult>& results);

}  // namespace aicc::convtest
