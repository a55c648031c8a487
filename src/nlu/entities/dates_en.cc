// English dates: today / tomorrow / yesterday, (next|this|last|coming) <weekday>, <weekday>,
// in N days|weeks, "June 14", "June 14th, 2025", "14 June 2025", "14th of June".
//
// "next Monday" means the Monday of next (ISO) week, like the Korean 다음 주 월요일; "this
// Friday" and a bare "Friday" mean the coming one (today included). A month name needs a day
// number, so "may" the verb is never a date.
#include <array>
#include <optional>

#include "nlu/entities/date_parsers.h"
#include "nlu/entities/text_scan.h"

namespace aicc::nlu::detail {
namespace {

struct Name {
  std::string_view text;
  int value;
};

constexpr std::array<Name, 24> kMonths{
    {{"january", 1},   {"february", 2},  {"march", 3},  {"april", 4},     {"may", 5},
     {"june", 6},      {"july", 7},      {"august", 8}, {"september", 9}, {"october", 10},
     {"november", 11}, {"december", 12}, {"jan", 1},    {"feb", 2},       {"mar", 3},
     {"apr", 4},       {"jun", 6},       {"jul", 7},    {"aug", 8},       {"sept", 9},
     {"sep", 9},       {"oct", 10},      {"nov", 11},   {"dec", 12}}};

constexpr std::array<Name, 7> kWeekdays{{{"monday", 1},
                                         {"tuesday", 2},
                                         {"wednesday", 3},
                                         {"thursday", 4},
                                         {"friday", 5},
                                         {"saturday", 6},
                                         {"sunday", 7}}};
constexpr std::array<Name, 10> kWeekdayAbbrevs{{{"mon", 1},
                                                {"tues", 2},
                                                {"tue", 2},
                                                {"wed", 3},
                                                {"thurs", 4},
                                                {"thur", 4},
                                                {"thu", 4},
                                                {"fri", 5},
                                                {"sat", 6},
                                                {"sun", 7}}};

// A month name at `pos` (an abbreviation may carry a '.'); sets `end`.
int month_at(std::string_view s, std::size_t pos, std::size_t* end) {
  auto try_name = [&](const Name& n) {
    if (!word_at_ci(s, pos, n.text)) return false;
    *end = pos + n.text.size();
    if (n.text.size() <= 4 && *end < s.size() && s[*end] == '.') ++*end;
    return true;
  };
  for (const Name& n : kMonths) {
    if (try_name(n)) return n.value;
  }
  return 0;
}

int weekday_at(std::string_view s, std::size_t pos, bool allow_abbrev, std::size_t* end) {
  for (const Name& n : kWeekdays) {
    if (word_at_ci(s, pos, n.text)) {
      *end = pos + n.text.size();
      return n.value;
    }
  }
  if (!allow_abbrev) return 0;
  for (const Name& n : kWeekdayAbbrevs) {
    if (word_at_ci(s, pos, n.text)) {
      *end = pos + n.text.size();
      if (*end < s.size() && s[*end] == '.') ++*end;
      return n.value;
    }
  }
  return 0;
}

// A day of month: 1–2 digits with an optional ordinal suffix, not followed by a letter/digit.
bool day_number_at(std::string_view s, std::size_t& pos, int& day) {
  std::size_t i = pos;
  if (!read_number(s, i, 2, day)) return false;
  for (std::string_view suffix : {"st", "nd", "rd", "th"}) {
    if (word_at_ci(s, i, suffix)) {
      i += 2;
      break;
    }
  }
  if (i < s.size() && is_alnum(s[i])) return false;
  pos = i;
  return true;
}

// Optional ", 2025" / " 2025" after a month-day.
std::optional<int> year_after(std::string_view s, std::size_t& pos) {
  std::size_t i = pos;
  if (i < s.size() && s[i] == ',') ++i;
  i = skip_blanks(s, i);
  int y = 0;
  const std::size_t start = i;
  if (!read_number(s, i, 4, y) || i - start != 4 || (i < s.size() && is_alnum(s[i])))
    return std::nullopt;
  pos = i;
  return y;
}

bool resolve(Day today, int month, int day, std::optional<int> year, std::size_t end,
             DateMatch& m) {
  const auto d = year ? make_day(*year, month, day) : nearest_month_day(today, month, day);
  if (!d) return false;
  m = {*d, end};
  return true;
}

// "14 June [2025]", "14th of June", from a digit.
bool parse_day_month(std::string_view s, std::size_t pos, Day today, DateMatch& m) {
  std::size_t i = pos;
  int day = 0;
  if (!day_number_at(s, i, day)) return false;
  i = skip_blanks(s, i);
  if (word_at_ci(s, i, "of")) i = skip_blanks(s, i + 2);
  std::size_t end = 0;
  const int month = month_at(s, i, &end);
  if (month == 0) return false;
  const auto year = year_after(s, end);
  return resolve(today, month, day, year, end, m);
}

}  // namespace

bool parse_english_date(std::string_view s, std::size_t pos, Day today, DateMatch& m) {
  using std::chrono::days;
  if (is_digit(s[pos])) return parse_day_month(s, pos, today, m);

  struct Relative {
    std::string_view words;
    int offset;
  };
  for (const auto& [words, offset] : std::array<Relative, 9>{{{"the day after tomorrow", 2},
                                                              {"day after tomorrow", 2},
                                                              {"the day before yesterday", -2},
                                                              {"day before yesterday", -2},
                                                              {"today", 0},
                                                              {"tonight", 0},
                                                              {"tomorrow", 1},
                                                              {"tmrw", 1},
                                                              {"yesterday", -1}}}) {
    if (word_at_ci(s, pos, words)) {
      m = {today + days{offset}, pos + words.size()};
      return true;
    }
  }

  std::size_t end = 0;
  for (const auto& [word, kind] :
       std::array<Relative, 4>{{{"next", 1}, {"this", 0}, {"coming", 0}, {"last", -1}}}) {
    if (!word_at_ci(s, pos, word)) continue;
    const std::size_t i = skip_blanks(s, pos + word.size());
    const int wd = weekday_at(s, i, true, &end);
    if (wd == 0) return false;
    Day d = next_weekday(today, wd);
    if (kind == 1) d = weekday_in_week(today, 1, wd);
    if (kind == -1) d = today - days{(iso_weekday(today) - wd + 6) % 7 + 1};
    m = {d, end};
    return true;
  }
  if (const int wd = weekday_at(s, pos, false, &end)) {
    m = {next_weekday(today, wd), end};
    return true;
  }

  if (word_at_ci(s, pos, "in")) {  // in 3 days, in 2 weeks, in a week
    std::size_t i = skip_blanks(s, pos + 2);
    int n = 0;
    if (word_at_ci(s, i, "a")) {
      n = 1;
      i = skip_blanks(s, i + 1);
    } else if (read_number(s, i, 3, n)) {
      i = skip_blanks(s, i);
    } else {
      return false;
    }
    for (const auto& [unit, mult] :
         std::array<Relative, 4>{{{"days", 1}, {"day", 1}, {"weeks", 7}, {"week", 7}}}) {
      if (word_at_ci(s, i, unit)) {
        m = {today + days{n * mult}, i + unit.size()};
        return true;
      }
    }
    return false;
  }

  const int month = month_at(s, pos, &end);  // June 14, June 14th, 2025
  if (month == 0) return false;
  std::size_t i = skip_blanks(s, end);
  int day = 0;
  if (i == end || !day_number_at(s, i, day)) return false;
  const auto year = year_after(s, i);
  return resolve(today, month, day, year, i, m);
}

}  // namespace aicc::nlu::detail
