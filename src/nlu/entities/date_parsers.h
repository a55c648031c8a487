// Internal: the date grammars used by find_dates (dates.cc drives them left to right).
// Each parser tries to read a date starting exactly at `pos`; on success it sets `day` and
// `end` (folded offset just past the match) and returns true.
#pragma once

#include <cstddef>
#include <string_view>

#include "nlu/entities/calendar.h"

namespace aicc::nlu::detail {

struct DateMatch {
  Day day{};
  std::size_t end = 0;
};

// Digits first: 2025-06-14, 2025.6.14, 2025. 6. 14, 2025/06/14, 2025년 6월 14일, 6월 14일,
// 6/14, 6/14/2025, 14/6/2025, 3일 후, 2주 뒤, 1개월 후.
bool parse_numeric_date(std::string_view s, std::size_t pos, Day today, DateMatch& m);
// Korean words: 오늘, 내일, 모레, 글피, 어제, (다음|이번|지난) 주 월요일, 금요일, 다음 달 3일,
// 하루 뒤, 일주일 후.
bool parse_korean_date(std::string_view s, std::size_t pos, Day today, DateMatch& m);
// English: today, tomorrow, the day after tomorrow, next Monday, this Friday, Monday,
// in 3 days, June 14, June 14th, 2025, and (from a digit) 14 June 2025.
bool parse_english_date(std::string_view s, std::size_t pos, Day today, DateMatch& m);

// True when what follows `pos` lets a Korean date/time word end there: the end of the text, a
// non-Hangul character, or a particle such as 에/까지/부터/쯤 ("3일 후에" but not "3일 전화").
bool korean_word_may_end(std::string_view s, std::size_t pos);

}  // namespace aicc::nlu::detail
