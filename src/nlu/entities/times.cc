// Times of day: 오후 3시, 오전 10시 30분, 3시 반, 세 시, 정오, 자정, 15:30, 오후 3:30, 3pm,
// 3:30 PM, noon, midnight → "HH:MM".
//
// Ambiguity rules (documented in docs/nlu-entities.md):
//   * "N시간" is a duration, never a time; "30분" alone is a duration too.
//   * A Korean hour without 오전/오후 is read in business hours: 1–7시 → 13:00–19:00,
//     8–12시 as said. Customers say "3시" for 15:00, almost never for 03:00.
//   * "H:MM" without am/pm is taken literally (9:30 → 09:30, 15:30 → 15:30).
//   * 밤 (night): 밤 11시 → 23:00, 밤 12시 → 00:00, 밤 1시 → 01:00.
#include <array>

#include "nlu/entities/date_parsers.h"
#include "nlu/entities/detectors.h"
#include "nlu/entities/entities.h"

namespace aicc::nlu::detail {
namespace {

enum class Period { kNone, kAm, kPm, kNight };

struct Marker {
  std::string_view text;
  Period period;
};
constexpr std::array<Marker, 8> kMarkers{{{"오전", Period::kAm},
                                          {"아침", Period::kAm},
                                          {"새벽", Period::kAm},
                                          {"오후", Period::kPm},
                                          {"저녁", Period::kPm},
                                          {"점심", Period::kPm},
                                          {"낮", Period::kPm},
                                          {"밤", Period::kNight}}};

struct NativeHour {
  std::string_view text;
  int hour;
};
// Native Korean numerals used with 시; two-syllable ones first (열한 before 열 and 한).
constexpr std::array<NativeHour, 12> kNativeHours{{{"열한", 11},
                                                   {"열두", 12},
                                                   {"다섯", 5},
                                                   {"여섯", 6},
                                                   {"일곱", 7},
                                                   {"여덟", 8},
                                                   {"아홉", 9},
                                                   {"한", 1},
                                                   {"두", 2},
                                                   {"세", 3},
                                                   {"네", 4},
                                                   {"열", 10}}};

// 24-hour value of `h` said with `p`, or -1 if that combination is not a time.
int to_24h(int h, Period p, bool korean_bare) {
  switch (p) {
    case Period::kAm:
      if (h < 0 || h > 12) return -1;
      return h == 12 ? 0 : h;
    case Period::kPm:
      if (h >= 13 && h <= 23) return h;  // "오후 15시": sloppy but clear
      if (h < 1 || h > 12) return -1;
      return h == 12 ? 12 : h + 12;
    case Period::kNight:
      if (h < 1 || h > 12) return -1;
      if (h == 12) return 0;
      return h >= 6 ? h + 12 : h;
    case Period::kNone:
      if (h < 0 || h > 24) return -1;
      if (h == 24) return 0;
      if (korean_bare && h >= 1 && h <= 7) return h + 12;
      return h;
  }
  return -1;
}

std::string format_hm(int h, int m) {
  std::string out(5, ':');
  out[0] = static_cast<char>('0' + h / 10);
  out[1] = static_cast<char>('0' + h % 10);
  out[3] = static_cast<char>('0' + m / 10);
  out[4] = static_cast<char>('0' + m % 10);
  return out;
}

struct TimeMatch {
  int hour = 0, minute = 0;
  std::size_t end = 0;
};

// am/pm after a number: "pm", " PM", "p.m.". Returns the period and sets `end`.
Period ampm_at(std::string_view s, std::size_t pos, std::size_t* end) {
  const std::size_t i = skip_blanks(s, pos);
  for (const auto& [word, p] :
       std::array<std::pair<std::string_view, Period>, 4>{{{"a.m.", Period::kAm},
                                                           {"p.m.", Period::kPm},
                                                           {"am", Period::kAm},
                                                           {"pm", Period::kPm}}}) {
    if (starts_with_ci(s, i, word) &&
        (i + word.size() == s.size() || !is_alpha(s[i + word.size()]))) {
      *end = i + word.size();
      return p;
    }
  }
  return Period::kNone;
}

// H:MM[:SS] [am|pm], at a digit.
bool parse_clock(std::string_view s, std::size_t pos, Period marker, TimeMatch& t) {
  std::size_t i = pos;
  int h = 0, m = 0;
  if (!read_number(s, i, 2, h) || i + 2 >= s.size() || s[i] != ':') return false;
  const std::size_t mpos = i + 1;
  i = mpos;
  if (!read_number(s, i, 2, m) || i - mpos != 2 || m > 59) return false;
  if (i + 2 < s.size() && s[i] == ':' && is_digit(s[i + 1]) && is_digit(s[i + 2])) i += 3;
  if (i < s.size() && (is_digit(s[i]) || s[i] == ':')) return false;
  std::size_t end = i;
  Period p = marker;
  if (p == Period::kNone) p = ampm_at(s, i, &end);
  const int h24 = to_24h(h, p, false);
  if (h24 < 0 || h24 > 23) return false;
  t = {h24, m, end};
  return true;
}

// After "시": optional "반", "정각" or "N분".
void read_minutes(std::string_view s, std::size_t i, TimeMatch& t) {
  const std::size_t j = skip_blanks(s, i);
  if (starts_with(s, j, "반") && korean_word_may_end(s, j + 3)) {
    t.minute = 30;
    t.end = j + 3;
    return;
  }
  if (starts_with(s, j, "정각")) {
    t.end = j + 6;
    return;
  }
  std::size_t k = j;
  int m = 0;
  if (read_number(s, k, 2, m) && m <= 59 && starts_with(s, k, "분") &&
      korean_word_may_end(s, k + 3)) {
    t.minute = m;
    t.end = k + 3;
  }
}

// <hour>시 [반 | N분], the hour in digits or a native numeral, at `pos`.
bool parse_korean_hour(std::string_view s, std::size_t pos, Period marker, TimeMatch& t) {
  std::size_t i = pos;
  int h = -1;
  if (is_digit(s[i])) {
    if (!read_number(s, i, 2, h)) return false;
  } else {
    for (const NativeHour& n : kNativeHours) {
      if (starts_with(s, i, n.text)) {
        h = n.hour;
        i = skip_blanks(s, i + n.text.size());
        break;
      }
    }
    if (h < 0) return false;
  }
  if (!starts_with(s, i, "시")) return false;
  i += 3;
  // 3시간 (a duration), 시작, 시청 …: only particles, 반, digits or the end may follow.
  if (!(korean_word_may_end(s, i) || starts_with(s, i, "반") || starts_with(s, i, "정각") ||
        (i < s.size() && is_digit(s[i]))))
    return false;
  const int h24 = to_24h(h, marker, marker == Period::kNone);
  if (h24 < 0 || h24 > 23) return false;
  t = {h24, 0, i};
  read_minutes(s, i, t);
  return true;
}

bool digit_start_ok(std::string_view s, std::size_t pos) {
  if (pos == 0) return true;
  const char p = s[pos - 1];
  return !(is_alnum(p) || p == '.' || p == ',' || p == ':' || p == '/' || p == '-' || p == '+');
}

// "내일오후 3시", "월요일오전": a time word may be glued to a day word.
bool after_day_word(std::string_view s, std::size_t pos) {
  for (std::string_view w : {"오늘", "내일", "모레", "글피", "어제", "요일"}) {
    if (pos >= w.size() && s.substr(pos - w.size(), w.size()) == w) return true;
  }
  return false;
}

bool parse_at(std::string_view s, std::size_t pos, TimeMatch& t) {
  const char c = s[pos];
  if (is_digit(c)) {
    if (!digit_start_ok(s, pos)) return false;
    if (parse_clock(s, pos, Period::kNone, t)) return true;
    if (parse_korean_hour(s, pos, Period::kNone, t)) return true;
    std::size_t i = pos, end = 0;
    int h = 0;
    if (read_number(s, i, 2, h)) {  // 3pm, 10 a.m.
      const Period p = ampm_at(s, i, &end);
      const int h24 = p == Period::kNone || h == 0 ? -1 : to_24h(h, p, false);
      if (h24 >= 0) {
        t = {h24, 0, end};
        return true;
      }
    }
    return false;
  }
  if (is_alpha(c)) {
    if (pos > 0 && is_alnum(s[pos - 1])) return false;
    if (word_at_ci(s, pos, "noon")) {
      t = {12, 0, pos + 4};
      return true;
    }
    if (word_at_ci(s, pos, "midnight")) {
      t = {0, 0, pos + 8};
      return true;
    }
    return false;
  }
  if (static_cast<unsigned char>(c) < 0x80) return false;
  if (!at_word_start(s, pos) && !after_day_word(s, pos)) return false;
  for (const auto& [word, hour] :
       std::array<std::pair<std::string_view, int>, 2>{{{"정오", 12}, {"자정", 0}}}) {
    if (starts_with(s, pos, word) && korean_word_may_end(s, pos + word.size())) {
      t = {hour, 0, pos + word.size()};
      return true;
    }
  }
  for (const Marker& mk : kMarkers) {
    if (!starts_with(s, pos, mk.text)) continue;
    const std::size_t i = skip_blanks(s, pos + mk.text.size());
    if (i >= s.size()) return false;
    if (is_digit(s[i]) && parse_clock(s, i, mk.period, t)) return true;
    return parse_korean_hour(s, i, mk.period, t);
  }
  return parse_korean_hour(s, pos, Period::kNone, t);
}

}  // namespace

void find_times(std::string_view s, Candidates& out) {
  std::size_t i = 0;
  while (i < s.size()) {
    TimeMatch t;
    if (parse_at(s, i, t)) {
      out.push_back(Candidate{entity_type::kTime, i, t.end, format_hm(t.hour, t.minute), false,
                              Specificity::kTime});
      i = t.end;
      continue;
    }
    if (is_alnum(s[i])) {
      while (i < s.size() && is_alnum(s[i])) ++i;
    } else {
      std::size_t len = 0;
      code_point_at(s, i, &len);
      i += len;
    }
  }
}

}  // namespace aicc::nlu::detail
