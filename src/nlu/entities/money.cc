// Amounts of money: 30,000원, 30000원, 3만원, 3만 5천원, 1억 2천만 원, 3.5만원, 만원, ₩30000,
// 10달러, $25, $25.50, US$25, 25 dollars, €10, 1000엔 → "<amount> <ISO 4217 code>".
//
// A currency is required, before or after: "3만" alone is as likely a count as money.
// Sino-Korean numerals written in Hangul (삼만 원) are not read. Amounts are computed in
// hundredths with 64-bit integers (no floating point), so "3.5만원" is exactly 35000.
#include <array>
#include <cstdint>
#include <limits>

#include "nlu/entities/detectors.h"
#include "nlu/entities/entities.h"

namespace aicc::nlu::detail {
namespace {

using Hundredths = std::int64_t;
constexpr Hundredths kMaxAmount = std::numeric_limits<Hundredths>::max() / 10;

struct Unit {
  std::string_view text;
  Hundredths factor;
  bool big;  // 만/억 close a section: "2천만" = (2천) × 만
};
constexpr std::array<Unit, 5> kUnits{{{"억", 100000000, true},
                                      {"만", 10000, true},
                                      {"천", 1000, false},
                                      {"백", 100, false},
                                      {"십", 10, false}}};

const Unit* unit_at(std::string_view s, std::size_t pos) {
  for (const Unit& u : kUnits) {
    if (starts_with(s, pos, u.text)) return &u;
  }
  return nullptr;
}

bool mul(Hundredths a, Hundredths b, Hundredths& out) {
  if (a != 0 && b > kMaxAmount / a) return false;
  out = a * b;
  return true;
}

// Digits with optional thousands commas ("30,000") and up to two decimals ("25.50").
bool read_plain(std::string_view s, std::size_t& pos, Hundredths& value) {
  std::size_t i = pos;
  Hundredths v = 0;
  std::size_t digits = 0;
  while (i < s.size() && is_digit(s[i])) {
    if (++digits > 15) return false;
    v = v * 10 + (s[i++] - '0');
  }
  if (digits == 0) return false;
  // Thousands groups, only after a leading group of 1–3 digits.
  while (digits <= 3 && i + 3 < s.size() && s[i] == ',' && is_digit(s[i + 1]) &&
         is_digit(s[i + 2]) && is_digit(s[i + 3]) && (i + 4 == s.size() || !is_digit(s[i + 4]))) {
    if (v > kMaxAmount / 1000000) return false;
    v = v * 1000 + (s[i + 1] - '0') * 100 + (s[i + 2] - '0') * 10 + (s[i + 3] - '0');
    i += 4;
  }
  v *= 100;
  if (i + 1 < s.size() && s[i] == '.' && is_digit(s[i + 1])) {
    std::size_t k = i + 1;
    int frac = 0, n = 0;
    while (k < s.size() && is_digit(s[k])) {
      if (++n > 2) return false;  // 3.141: not an amount we can read
      frac = frac * 10 + (s[k++] - '0');
    }
    v += n == 1 ? frac * 10 : frac;
    i = k;
  }
  pos = i;
  value = v;
  return true;
}

// A number, possibly with Korean units and single blanks between parts ("1억 2천만").
bool read_amount(std::string_view s, std::size_t& pos, Hundredths& amount) {
  std::size_t i = pos;
  Hundredths total = 0, section = 0;
  bool any = false;
  // 억, 만, 천, 백, 십 and a plain tail: a real amount has at most six parts.
  for (int part_count = 0; part_count < 6; ++part_count) {
    std::size_t j = i;
    Hundredths n = 0;
    const bool has_number = read_plain(s, j, n);
    const Unit* unit = unit_at(s, j);
    if (!has_number && unit == nullptr) break;
    any = true;
    if (unit == nullptr) {  // a plain number ends the amount ("3만 5000")
      section += n;
      i = j;
      break;
    }
    Hundredths part = 0;
    if (!unit->big) {
      if (!mul(has_number ? n : 100, unit->factor, part)) return false;
      section += part;
    } else {
      section += has_number ? n : 0;
      if (section == 0) section = 100;  // "만원" = 1만
      if (!mul(section, unit->factor, part)) return false;
      total += part;
      section = 0;
    }
    i = j + unit->text.size();
    const std::size_t k = skip_blanks(s, i);
    if (k < s.size() && k != i && (is_digit(s[k]) || unit_at(s, k) != nullptr)) i = k;
  }
  if (!any) return false;
  pos = i;
  amount = total + section;
  return true;
}

struct Currency {
  std::string_view text;
  std::string_view code;
};

// Words after the amount; Hangul ones may touch it, ASCII ones need a word boundary after.
constexpr std::array<Currency, 6> kKoreanSuffixes{{{"원", "KRW"},
                                                   {"달러", "USD"},
                                                   {"불", "USD"},
                                                   {"유로", "EUR"},
                                                   {"엔", "JPY"},
                                                   {"위안", "CNY"}}};
constexpr std::array<Currency, 12> kAsciiSuffixes{{{"won", "KRW"},
                                                   {"krw", "KRW"},
                                                   {"dollars", "USD"},
                                                   {"dollar", "USD"},
                                                   {"usd", "USD"},
                                                   {"bucks", "USD"},
                                                   {"euros", "EUR"},
                                                   {"euro", "EUR"},
                                                   {"eur", "EUR"},
                                                   {"yen", "JPY"},
                                                   {"jpy", "JPY"},
                                                   {"cny", "CNY"}}};
// Before the amount.
constexpr std::array<Currency, 8> kPrefixes{{{"US$", "USD"},
                                             {"$", "USD"},
                                             {"\xE2\x82\xA9", "KRW"},  // ₩
                                             {"\xEF\xBF\xA6", "KRW"},  // ￦ (full-width)
                                             {"\xE2\x82\xAC", "EUR"},  // €
                                             {"USD", "USD"},
                                             {"KRW", "KRW"},
                                             {"EUR", "EUR"}}};

// Words that start with a currency syllable but are not one: 원래, 원인, 불편, 불만족 …
constexpr std::array<std::string_view, 11> kNotCurrency{
    {"원래", "원인", "원하", "원칙", "원본", "불편", "불만족", "불친", "불량", "불법", "불안"}};

std::string_view suffix_at(std::string_view s, std::size_t pos, std::size_t* end) {
  const std::size_t i = skip_blanks(s, pos);
  for (std::string_view w : kNotCurrency) {
    if (starts_with(s, i, w)) return {};
  }
  for (const Currency& c : kKoreanSuffixes) {
    if (starts_with(s, i, c.text)) {
      *end = i + c.text.size();
      return c.code;
    }
  }
  for (const Currency& c : kAsciiSuffixes) {
    if (word_at_ci(s, i, c.text)) {
      *end = i + c.text.size();
      return c.code;
    }
  }
  return {};
}

std::string format_amount(Hundredths v, std::string_view code) {
  std::string out = std::to_string(v / 100);
  if (v % 100 != 0) {
    out += '.';
    out += static_cast<char>('0' + (v % 100) / 10);
    out += static_cast<char>('0' + v % 10);
  }
  out += ' ';
  out.append(code);
  return out;
}

bool amount_start_ok(std::string_view s, std::size_t pos) {
  if (pos == 0) return true;
  const char p = s[pos - 1];
  if (is_alnum(p) || p == '.' || p == ',' || p == '_') return false;
  return is_digit(s[pos]) || at_word_start(s, pos);  // "만원" must start a word
}

}  // namespace

void find_money(std::string_view s, Candidates& out) {
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t end = 0;
    Hundredths amount = 0;
    std::string_view code;
    // Prefix currency: "$25", "₩ 30,000", "USD 25".
    for (const Currency& c : kPrefixes) {
      const bool ascii_word = is_alpha(c.text.back());  // USD, KRW, EUR (not US$)
      if (!starts_with(s, i, c.text) || (ascii_word && i > 0 && is_alnum(s[i - 1]))) continue;
      std::size_t k = skip_blanks(s, i + c.text.size());
      if (ascii_word && k == i + c.text.size()) continue;  // "USD25" is a token, not money
      if (k < s.size() && is_digit(s[k]) && read_amount(s, k, amount)) {
        end = k;
        code = c.code;
        break;
      }
    }
    if (code.empty() && amount_start_ok(s, i)) {
      std::size_t k = i;
      if ((is_digit(s[i]) || unit_at(s, i) != nullptr) && read_amount(s, k, amount))
        code = suffix_at(s, k, &end);
    }
    if (!code.empty()) {
      out.push_back(Candidate{entity_type::kMoney, i, end, format_amount(amount, code), false,
                              Specificity::kMoney});
      i = end;
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
