// Phone numbers, payment card numbers and resident registration numbers.
//
// All three are digit groups joined by single separators ("010-1234-5678", "4111 1111 1111
// 1111", "900101-1234567"), so one scanner collects runs of groups and a classifier decides,
// most specific first: resident number (13 digits, valid birth date and gender digit), card
// (13–19 digits, Luhn-valid, card-like grouping), then phone (Korean numbering plan).
// A run may hold several entities or trailing noise when groups are joined by spaces
// ("010 1234 5678 2개"), so every space-delimited sub-sequence is tried, longest first.
#include <algorithm>
#include <chrono>
#include <optional>

#include "nlu/entities/detectors.h"
#include "nlu/entities/entities.h"

namespace aicc::nlu::detail {
namespace {

struct Group {
  std::size_t begin = 0, end = 0;
  char sep_before = 0;  // separator before this group; 0 for the first
};

struct Run {
  bool plus = false;  // led by '+': international format
  std::size_t begin = 0;
  std::vector<Group> groups;
};

struct Match {
  std::string_view type;
  std::string value;
  bool sensitive = false;
  Specificity specificity = Specificity::kPhone;
};

bool is_separator(char c) {
  return c == '-' || c == ' ' || c == '.';
}

// A run may not continue a word or a number written with other punctuation: "ORD-2024…",
// "v1.2", "30,000", "12:30", "a/b".
bool run_can_start(std::string_view s, std::size_t pos) {
  if (pos == 0) return true;
  const char p = s[pos - 1];
  if (is_alnum(p) || p == '_' || p == ',' || p == '/' || p == ':' || p == '@' || p == '+' ||
      p == '$' || p == '#')
    return false;
  if ((p == '-' || p == '.') && pos >= 2 && is_alnum(s[pos - 2])) return false;
  return true;
}

std::vector<Run> collect_runs(std::string_view s) {
  std::vector<Run> runs;
  std::size_t i = 0;
  while (i < s.size()) {
    const bool plus = s[i] == '+' && i + 1 < s.size() && is_digit(s[i + 1]);
    if (!(is_digit(s[i]) || plus) || !run_can_start(s, i)) {
      if (is_alnum(s[i])) {  // skip the rest of this word or number
        while (i < s.size() && (is_alnum(s[i]) || s[i] == '_')) ++i;
      } else {
        ++i;
      }
      continue;
    }
    Run run;
    run.plus = plus;
    run.begin = i;
    if (plus) ++i;
    char sep = 0;
    while (i < s.size() && is_digit(s[i])) {
      Group g{i, i, sep};
      while (i < s.size() && is_digit(s[i])) ++i;
      g.end = i;
      run.groups.push_back(g);
      if (i + 1 < s.size() && is_separator(s[i]) && is_digit(s[i + 1])) {
        sep = s[i];
        ++i;
      } else {
        break;
      }
    }
    // Digits glued to letters ("3pm", "2nd", "12abc") are not ours: drop that last group.
    if (i < s.size() && (is_alpha(s[i]) || s[i] == '_')) {
      run.groups.pop_back();
      while (i < s.size() && (is_alnum(s[i]) || s[i] == '_')) ++i;
    }
    // A decimal or thousands tail ("1,234", "12.5%") makes the last group part of a number.
    if (!run.groups.empty() && i + 1 < s.size() && (s[i] == ',' || s[i] == '.') &&
        is_digit(s[i + 1])) {
      run.groups.pop_back();
    }
    if (!run.groups.empty()) runs.push_back(std::move(run));
  }
  return runs;
}

bool luhn_valid(std::string_view digits) {
  int sum = 0;
  bool twice = false;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    int v = *it - '0';
    if (twice) v = v * 2 > 9 ? v * 2 - 9 : v * 2;
    sum += v;
    twice = !twice;
  }
  return sum % 10 == 0;
}

bool valid_civil_date(int y, int m, int d) {
  using namespace std::chrono;
  return year_month_day{year{y}, month{static_cast<unsigned>(m)}, day{static_cast<unsigned>(d)}}
      .ok();
}

int two(std::string_view d, std::size_t at) {
  return (d[at] - '0') * 10 + (d[at + 1] - '0');
}

// YYMMDD-GNNNNNN. The gender digit also gives the century (1,2,5,6: 1900s; 3,4,7,8: 2000s;
// 5–8 are foreign residents). No checksum: numbers issued since October 2020 have none.
std::optional<Match> as_resident_number(std::string_view d, const std::vector<std::size_t>& sizes) {
  if (d.size() != 13) return std::nullopt;
  if (!(sizes.size() == 1 || (sizes.size() == 2 && sizes[0] == 6))) return std::nullopt;
  const char g = d[6];
  if (g < '1' || g > '8') return std::nullopt;
  const int century = (g == '1' || g == '2' || g == '5' || g == '6') ? 1900 : 2000;
  if (!valid_civil_date(century + two(d, 0), two(d, 2), two(d, 4))) return std::nullopt;
  return Match{entity_type::kResidentNumber, "******-*******", true, Specificity::kResident};
}

// 13–19 digits, Luhn-valid, written as one block or in card-like groups (4-4-4-4, 4-4-4-4-3,
// Amex 4-6-5, Diners 4-6-4). A constant string of one digit passes Luhn but is no card.
std::optional<Match> as_card_number(std::string_view d, const std::vector<std::size_t>& sizes) {
  if (d.size() < 13 || d.size() > 19 || !luhn_valid(d)) return std::nullopt;
  if (d.find_first_not_of(d[0]) == std::string_view::npos) return std::nullopt;
  bool grouped_ok = sizes.size() == 1;
  if (sizes.size() == 3 && sizes[0] == 4 && sizes[1] == 6 && (sizes[2] == 4 || sizes[2] == 5))
    grouped_ok = true;
  if (sizes.size() >= 4) {
    grouped_ok = true;
    for (std::size_t k = 0; k + 1 < sizes.size(); ++k) grouped_ok &= sizes[k] == 4;
    grouped_ok &= sizes.back() >= 1 && sizes.back() <= 4;
  }
  if (!grouped_ok) return std::nullopt;
  std::string masked(d.size() - 4, '*');
  masked.append(d.substr(d.size() - 4));
  return Match{entity_type::kCardNumber, std::move(masked), true, Specificity::kCard};
}

// Group sizes of a separated number: prefix, then 3–4 digits, then 4 ("010-1234-5678").
bool shape_ok(const std::vector<std::size_t>& sizes, std::size_t prefix) {
  if (sizes.size() == 1) return true;
  return sizes.size() == 3 && sizes[0] == prefix && (sizes[1] == 3 || sizes[1] == 4) &&
         sizes[2] == 4;
}

// A domestic number with its trunk 0 ("0101234567", "021234567"). `sizes` empty means the
// grouping is not checked (international input, whose groups start after the country code).
bool korean_domestic(std::string_view d, const std::vector<std::size_t>& sizes) {
  const std::size_t n = d.size();
  auto shape = [&](std::size_t prefix) { return sizes.empty() || shape_ok(sizes, prefix); };
  if (n < 9 || d[0] != '0') return false;
  if (d.substr(0, 3) == "010") return n == 11 && shape(3);
  if (d[1] == '1' && (d[2] == '1' || (d[2] >= '6' && d[2] <= '9')))  // 011, 016–019
    return (n == 10 || n == 11) && shape(3);
  if (d[1] == '2') return (n == 9 || n == 10) && shape(2);  // Seoul
  const int area = (d[1] - '0') * 10 + (d[2] - '0');
  const bool area_code = (area >= 31 && area <= 33) || (area >= 41 && area <= 44) ||
                         (area >= 51 && area <= 55) || (area >= 61 && area <= 64);
  if (area_code || area == 70 || area == 80) return (n == 10 || n == 11) && shape(3);
  if (area == 50 && n >= 11 && n <= 12) return shape(4);  // 050X personal numbers
  return false;
}

std::optional<Match> as_phone(std::string_view d, const std::vector<std::size_t>& sizes,
                              bool plus) {
  if (plus) {
    if (d.size() > 2 && d.substr(0, 2) == "82") {
      std::string national(d.substr(2));
      if (national[0] != '0') national.insert(national.begin(), '0');  // +82 (0)10 …
      if (!korean_domestic(national, {})) return std::nullopt;
      return Match{entity_type::kPhone, "+82" + national.substr(1), false, Specificity::kPhone};
    }
    if (d.size() < 8 || d.size() > 15 || d[0] == '0') return std::nullopt;
    return Match{entity_type::kPhone, "+" + std::string(d), false, Specificity::kPhone};
  }
  if (korean_domestic(d, sizes))
    return Match{entity_type::kPhone, "+82" + std::string(d.substr(1)), false, Specificity::kPhone};
  // Representative numbers 15XX/16XX/18XX-XXXX: only with the dash, since a bare 8-digit
  // number is as likely an amount or a code.
  if (d.size() == 8 && sizes.size() == 2 && sizes[0] == 4 && d[0] == '1' &&
      (d[1] == '5' || d[1] == '6' || d[1] == '8'))
    return Match{entity_type::kPhone, std::string(d), false, Specificity::kPhone};
  return std::nullopt;
}

std::optional<Match> classify(std::string_view d, const std::vector<std::size_t>& sizes,
                              bool plus) {
  if (!plus) {
    if (auto m = as_resident_number(d, sizes)) return m;
    if (auto m = as_card_number(d, sizes)) return m;
  }
  return as_phone(d, sizes, plus);
}

}  // namespace

void find_digit_entities(std::string_view s, Candidates& out) {
  std::string digits;
  std::vector<std::size_t> sizes;
  for (const Run& run : collect_runs(s)) {
    const auto& g = run.groups;
    std::size_t a = 0;
    while (a < g.size()) {
      bool found = false;
      // Longest sub-sequence starting at group a; sub-sequences end only before a space.
      // Every group holds a digit and a match has at most 19, so b - a <= 19: linear overall.
      for (std::size_t b = std::min(g.size(), a + 19); b > a && !found; --b) {
        if (b < g.size() && g[b].sep_before != ' ') continue;
        digits.clear();
        sizes.clear();
        for (std::size_t k = a; k < b; ++k) {
          digits.append(s.substr(g[k].begin, g[k].end - g[k].begin));
          sizes.push_back(g[k].end - g[k].begin);
        }
        if (digits.size() > 19) continue;
        const bool plus = run.plus && a == 0;
        if (auto m = classify(digits, sizes, plus)) {
          out.push_back(Candidate{m->type, plus ? run.begin : g[a].begin, g[b - 1].end,
                                  std::move(m->value), m->sensitive, m->specificity});
          a = b;
          found = true;
        }
      }
      if (found) continue;
      // Next start: the next group that follows a space.
      ++a;
      while (a < g.size() && g[a].sep_before != ' ') ++a;
    }
  }
}

}  // namespace aicc::nlu::detail
