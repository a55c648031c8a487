// Dates: the scanning loop and the numeric and Korean grammars (English: dates_en.cc).
//
// Deliberate non-dates: a year or a month alone ("2024년", "6월"), a bare day ("14일", which
// is as often a duration: "3일 걸려요"), two-digit years, and "6.14" (a decimal as often).
#include <array>

#include "nlu/entities/date_parsers.h"
#include "nlu/entities/detectors.h"
#include "nlu/entities/entities.h"

namespace aicc::nlu::detail {
namespace {

struct Word {
  std::string_view text;
  int value;
};

// Longest first where one word is a prefix of another.
constexpr std::array<Word, 10> kDayWords{{{"내일모레", 2},
                                          {"오늘", 0},
                                          {"금일", 0},
                                          {"내일", 1},
                                          {"모레", 2},
                                          {"글피", 3},
                                          {"어제", -1},
                                          {"그저께", -2},
                                          {"그제", -2},
                                          {"엊그제", -2}}};

constexpr std::array<Word, 7> kWeekdays{{{"월요일", 1},
                                         {"화요일", 2},
                                         {"수요일", 3},
                                         {"목요일", 4},
                                         {"금요일", 5},
                                         {"토요일", 6},
                                         {"일요일", 7}}};

// Week and month offsets. "이번" (this) is special-cased by the callers.
constexpr std::array<Word, 7> kOffsetWords{
    {{"다다음", 2}, {"다음", 1}, {"담", 1}, {"차", 1}, {"이번", 0}, {"지난", -1}, {"저번", -1}}};

// Native-Korean durations: 하루 뒤, 일주일 후, 한 달 뒤.
struct Span {
  std::string_view text;
  int days;
  int months;
};
constexpr std::array<Span, 9> kDurations{{{"하루", 1, 0},
                                          {"이틀", 2, 0},
                                          {"사흘", 3, 0},
                                          {"나흘", 4, 0},
                                          {"보름", 15, 0},
                                          {"일주일", 7, 0},
                                          {"한 주", 7, 0},
                                          {"한 달", 0, 1},
                                          {"한달", 0, 1}}};

// Syllables that may follow a date/time word: particles and the words 쯤/경/전/후.
constexpr std::array<std::string_view, 25> kParticles{
    {"에", "까", "부", "쯤", "경", "이", "인", "엔", "으", "로", "도", "만", "는",
     "은", "의", "요", "가", "을", "를", "께", "나", "랑", "와", "과", "중"}};

const Word* match_word(std::string_view s, std::size_t pos, const Word* first, const Word* last) {
  for (const Word* w = first; w != last; ++w) {
    if (starts_with(s, pos, w->text)) return w;
  }
  return nullptr;
}

template <std::size_t N>
const Word* match_word(std::string_view s, std::size_t pos, const std::array<Word, N>& words) {
  return match_word(s, pos, words.data(), words.data() + N);
}

// "후" / "뒤" / "이후" (after) → +1, "전" (before) → -1, else 0. Sets `end` past the word.
int direction_at(std::string_view s, std::size_t pos, std::size_t* end) {
  for (const auto& [w, sign] : std::array<std::pair<std::string_view, int>, 5>{
           {{"이후", 1}, {"후", 1}, {"뒤", 1}, {"있다가", 1}, {"전", -1}}}) {
    if (starts_with(s, pos, w) && korean_word_may_end(s, pos + w.size())) {
      *end = pos + w.size();
      return sign;
    }
  }
  return 0;
}

bool numeric_start_ok(std::string_view s, std::size_t pos) {
  if (pos == 0) return true;
  const char p = s[pos - 1];
  return !(is_alnum(p) || p == '.' || p == ',' || p == '/' || p == '-' || p == ':' || p == '+');
}

// 2025-06-14, 2025.6.14, 2025. 6. 14, 2025/06/14.
bool parse_ymd(std::string_view s, std::size_t pos, DateMatch& m) {
  std::size_t i = pos;
  int y = 0, mo = 0, d = 0;
  if (!read_number(s, i, 4, y) || i - pos != 4 || i >= s.size()) return false;
  const char sep = s[i];
  if (sep != '-' && sep != '.' && sep != '/') return false;
  auto after_sep = [&](std::size_t at) { return sep == '.' ? skip_blanks(s, at + 1) : at + 1; };
  i = after_sep(i);
  if (!read_number(s, i, 2, mo) || i >= s.size() || s[i] != sep) return false;
  i = after_sep(i);
  if (!read_number(s, i, 2, d)) return false;
  if (i < s.size() && (is_digit(s[i]) || (s[i] == sep && i + 1 < s.size() && is_digit(s[i + 1]))))
    return false;
  // Glued to a word ("2025-06-14b"), except an ISO 8601 time part ("2025-06-14T10:00").
  if (i < s.size() && is_alpha(s[i]) && !(s[i] == 'T' && i + 1 < s.size() && is_digit(s[i + 1])))
    return false;
  const auto day = make_day(y, mo, d);
  if (!day) return false;
  m = {*day, i};
  return true;
}

// [YYYY년] M월 D일. Without the year: the occurrence nearest to today.
bool parse_korean_ymd(std::string_view s, std::size_t pos, Day today, DateMatch& m) {
  std::size_t i = pos;
  int y = 0, mo = 0, d = 0;
  bool has_year = false;
  if (read_number(s, i, 4, y) && i - pos == 4 && starts_with(s, i, "년")) {
    has_year = true;
    i = skip_blanks(s, i + 3);
  } else {
    i = pos;
  }
  if (!read_number(s, i, 2, mo) || !starts_with(s, i, "월")) return false;
  i = skip_blanks(s, i + 3);
  if (!read_number(s, i, 2, d) || !starts_with(s, i, "일")) return false;
  i += 3;
  if (starts_with(s, i, "간") || starts_with(s, i, "째")) return false;  // 14일간: a duration
  const auto day = has_year ? make_day(y, mo, d) : nearest_month_day(today, mo, d);
  if (!day) return false;
  m = {*day, i};
  return true;
}

// M/D, M/D/YYYY, and D/M/YYYY when the first number cannot be a month.
bool parse_slash_date(std::string_view s, std::size_t pos, Day today, DateMatch& m) {
  std::size_t i = pos;
  int a = 0, b = 0, y = 0;
  if (!read_number(s, i, 2, a) || i >= s.size() || s[i] != '/') return false;
  ++i;
  if (!read_number(s, i, 2, b)) return false;
  bool has_year = false;
  if (i + 1 < s.size() && s[i] == '/' && is_digit(s[i + 1])) {
    std::size_t j = i + 1;
    if (!read_number(s, j, 4, y) || j - i - 1 != 4) return false;
    has_year = true;
    i = j;
  }
  if (i < s.size() && (is_digit(s[i]) || s[i] == '/' || is_alpha(s[i]))) return false;
  int mo = a, d = b;
  if (a > 12 && has_year) std::swap(mo, d);
  const auto day = has_year ? make_day(y, mo, d) : nearest_month_day(today, mo, d);
  if (!day) return false;
  m = {*day, i};
  return true;
}

// N일 후, N일 뒤, N일 전, N주 후, N주일 뒤, N개월 후, N달 뒤.
bool parse_numeric_offset(std::string_view s, std::size_t pos, Day today, DateMatch& m) {
  std::size_t i = pos;
  int n = 0;
  if (!read_number(s, i, 3, n)) return false;
  int days = 0, months = 0;
  if (starts_with(s, i, "주일")) {
    days = 7 * n;
    i += 6;
  } else if (starts_with(s, i, "일")) {
    days = n;
    i += 3;
  } else if (starts_with(s, i, "주")) {
    days = 7 * n;
    i += 3;
  } else if (starts_with(s, i, "개월")) {
    months = n;
    i += 6;
  } else if (starts_with(s, i, "달")) {
    months = n;
    i += 3;
  } else {
    return false;
  }
  std::size_t end = 0;
  const int sign = direction_at(s, skip_blanks(s, i), &end);
  if (sign == 0) return false;
  m = {months != 0 ? add_months(today, sign * months) : today + std::chrono::days{sign * days},
       end};
  return true;
}

// (다음|이번|지난|…) [주] 월요일. `weeks` is the offset word's value; `this_word` is "이번".
bool parse_week_phrase(std::string_view s, std::size_t i, Day today, int weeks, bool this_word,
                       DateMatch& m) {
  bool week_said = false;
  if (starts_with(s, i, "주") && !starts_with(s, i, "주말")) {
    week_said = true;
    i = skip_blanks(s, i + 3);
  }
  const Word* wd = match_word(s, i, kWeekdays);
  if (wd == nullptr) return false;
  // "이번 금요일" (no 주) is the coming Friday; with 주 it is this ISO week's Friday.
  const Day day = (this_word && !week_said) ? next_weekday(today, wd->value)
                                            : weekday_in_week(today, weeks, wd->value);
  m = {day, i + wd->text.size()};
  return true;
}

// (다음|이번|지난) 달 D일.
bool parse_month_phrase(std::string_view s, std::size_t i, Day today, int months, DateMatch& m) {
  if (!starts_with(s, i, "달")) return false;
  i = skip_blanks(s, i + 3);
  int d = 0;
  if (!read_number(s, i, 2, d) || !starts_with(s, i, "일")) return false;
  const auto day = day_in_month(today, months, d);
  if (!day) return false;
  m = {*day, i + 3};
  return true;
}

}  // namespace

bool korean_word_may_end(std::string_view s, std::size_t pos) {
  if (pos >= s.size()) return true;
  std::size_t len = 0;
  if (!is_hangul_syllable(code_point_at(s, pos, &len))) return true;
  for (std::string_view p : kParticles) {
    if (starts_with(s, pos, p)) return true;
  }
  return false;
}

bool parse_numeric_date(std::string_view s, std::size_t pos, Day today, DateMatch& m) {
  return parse_ymd(s, pos, m) || parse_korean_ymd(s, pos, today, m) ||
         parse_slash_date(s, pos, today, m) || parse_numeric_offset(s, pos, today, m) ||
         parse_english_date(s, pos, today, m);
}

bool parse_korean_date(std::string_view s, std::size_t pos, Day today, DateMatch& m) {
  if (const Word* w = match_word(s, pos, kDayWords)) {
    const std::size_t end = pos + w->text.size();
    if (korean_word_may_end(s, end) || starts_with(s, end, "오") || starts_with(s, end, "아") ||
        starts_with(s, end, "저") || starts_with(s, end, "밤") || starts_with(s, end, "낮") ||
        starts_with(s, end, "새")) {  // "내일오후 3시": a time word may follow unspaced
      m = {today + std::chrono::days{w->value}, end};
      return true;
    }
    return false;
  }
  if (const Word* w = match_word(s, pos, kWeekdays)) {
    m = {next_weekday(today, w->value), pos + w->text.size()};
    return true;
  }
  if (const Word* w = match_word(s, pos, kOffsetWords)) {
    const std::size_t i = skip_blanks(s, pos + w->text.size());
    if (parse_week_phrase(s, i, today, w->value, w->text == "이번", m)) return true;
    if (parse_month_phrase(s, i, today, w->value, m)) return true;
  }
  if (starts_with(s, pos, "이달")) {
    std::size_t i = skip_blanks(s, pos + 6);
    int d = 0;
    if (read_number(s, i, 2, d) && starts_with(s, i, "일")) {
      if (const auto day = day_in_month(today, 0, d)) {
        m = {*day, i + 3};
        return true;
      }
    }
  }
  for (const Span& span : kDurations) {
    std::size_t i = pos;
    if (span.text.find(' ') != std::string_view::npos) {  // "한 달": the space is optional
      const std::size_t sp = span.text.find(' ');
      if (!starts_with(s, i, span.text.substr(0, sp))) continue;
      i = skip_blanks(s, i + sp);
      if (!starts_with(s, i, span.text.substr(sp + 1))) continue;
      i += span.text.size() - sp - 1;
    } else {
      if (!starts_with(s, i, span.text)) continue;
      i += span.text.size();
    }
    std::size_t end = 0;
    const int sign = direction_at(s, skip_blanks(s, i), &end);
    if (sign == 0) continue;
    m = {span.months != 0 ? add_months(today, sign * span.months)
                          : today + std::chrono::days{sign * span.days},
         end};
    return true;
  }
  return false;
}

void find_dates(std::string_view s, Day today, Candidates& out) {
  std::size_t i = 0;
  while (i < s.size()) {
    const char c = s[i];
    DateMatch m;
    bool found = false;
    if (is_digit(c)) {
      found = numeric_start_ok(s, i) && parse_numeric_date(s, i, today, m);
    } else if (static_cast<unsigned char>(c) >= 0x80) {
      found = at_word_start(s, i) && parse_korean_date(s, i, today, m);
    } else if (is_alpha(c)) {
      found = (i == 0 || !is_alnum(s[i - 1])) && parse_english_date(s, i, today, m);
    }
    if (found) {
      out.push_back(
          Candidate{entity_type::kDate, i, m.end, format_day(m.day), false, Specificity::kDate});
      i = m.end;
      continue;
    }
    if (is_alnum(c)) {  // never start inside a number or a word
      while (i < s.size() && is_alnum(s[i])) ++i;
    } else {
      std::size_t len = 0;
      code_point_at(s, i, &len);
      i += len;
    }
  }
}

}  // namespace aicc::nlu::detail
