// Customer questions as the knowledge base's analytics see them. The same question arrives
// as "영업시간이 어떻게 되나요?", "영업시간이 어떻게 되나요" and "영업시간이  어떻게 되나요!!";
// the list of unanswered queries counts these as one, under one key.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace aicc::faq {

// Longest query text kept in the unanswered-query log, in code points. Longer texts are
// clipped (clip_utf8) by whoever records them: the log is for reading, not for archiving.
inline constexpr std::size_t kMaxQueryLength = 1000;

// The grouping key of a query: nlu::normalize_text (NFKC, case folding, repeated
// letters and punctuation cut, whitespace collapsed), then trailing punctuation and
// spaces removed — a question mark does not make a different question.
std::string query_key(std::string_view text);

// The first `max_code_points` code points of `text` (whole code points; the text is
// assumed to be valid UTF-8).
std::string clip_utf8(std::string_view text, std::size_t max_code_points);

}  // namespace aicc::faq
