#include "core/pii.h"

#include <cstddef>
#include <vector>

namespace aicc {
namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_alnum(char c) {
  return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_email_local(char c) {
  return is_alnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
}
bool is_email_domain(char c) {
  return is_alnum(c) || c == '.' || c == '-';
}

struct Span {
  std::size_t begin, end;
};

// A run of digits joined by single '-', ' ' or '.' separators, optionally led by '+'.
struct DigitRun {
  Span span;
  std::string digits;
  std::vector<std::size_t> groups;  // digit count of each separated group
  bool plus = false;
};

bool luhn_ok(const std::string& d) {
  int sum = 0;
  bool dbl = false;
  for (auto it = d.rbegin(); it != d.rend(); ++it) {
    int v = *it - '0';
    if (dbl) v = v * 2 > 9 ? v * 2 - 9 : v * 2;
    sum += v;
    dbl = !dbl;
  }
  return sum % 10 == 0;
}

enum class Kind { kNone, kPhone, kCard, kResident };

Kind classify(const DigitRun& r) {
  const auto n = r.digits.size();
  // Resident registration number: YYMMDD-GNNNNNN (13 digits, 6 + 7 when separated).
  if (n == 13 && (r.groups.size() == 1 || (r.groups.size() == 2 && r.groups[0] == 6))) {
    const int month = (r.digits[2] - '0') * 10 + (r.digits[3] - '0');
    const int day = (r.digits[4] - '0') * 10 + (r.digits[5] - '0');
    const char g = r.digits[6];
    if (month >= 1 && month <= 12 && day >= 1 && day <= 31 && g >= '1' && g <= '8')
      return Kind::kResident;
  }
  if (n >= 13 && n <= 19 && !r.plus && luhn_ok(r.digits)) return Kind::kCard;
  if (r.plus && n >= 8 && n <= 15) return Kind::kPhone;
  if (r.digits[0] == '0' && n >= 9 && n <= 11) return Kind::kPhone;  // Korean numbers
  return Kind::kNone;
}

// Replaces digits in [span) with '*', leaving the last `keep` digits.
void mask_digits(std::string& out, Span s, std::size_t keep) {
  std::size_t total = 0;
  for (std::size_t i = s.begin; i < s.end; ++i) total += is_digit(out[i]);
  std::size_t seen = 0;
  for (std::size_t i = s.begin; i < s.end; ++i) {
    if (!is_digit(out[i])) continue;
    if (seen++ < total - keep) out[i] = '*';
  }
}

void mask_phone(std::string& out, const DigitRun& r) {
  // Keep the leading prefix group (010, +82) and the last group of 4; mask the middle.
  std::size_t lead = r.groups.size() > 1 ? r.groups[0] : 3;
  if (r.plus) lead = r.groups.size() > 1 ? r.groups[0] : 2;
  std::size_t seen = 0;
  const std::size_t total = r.digits.size();
  for (std::size_t i = r.span.begin; i < r.span.end; ++i) {
    if (!is_digit(out[i])) continue;
    if (seen >= lead && seen < total - 4) out[i] = '*';
    ++seen;
  }
}

std::vector<DigitRun> find_digit_runs(std::string_view t) {
  std::vector<DigitRun> runs;
  std::size_t i = 0;
  while (i < t.size()) {
    const bool plus = t[i] == '+' && i + 1 < t.size() && is_digit(t[i + 1]);
    if (!is_digit(t[i]) && !plus) {
      ++i;
      continue;
    }
    // A run must not start in the middle of a word (e.g. "A1234...").
    if (i > 0 && (is_alnum(t[i - 1]) || t[i - 1] == '@')) {
      while (i < t.size() && is_alnum(t[i])) ++i;
      continue;
    }
    DigitRun r;
    r.plus = plus;
    r.span.begin = i;
    if (plus) ++i;
    std::size_t group = 0;
    while (i < t.size()) {
      if (is_digit(t[i])) {
        r.digits.push_back(t[i]);
        ++group;
        ++i;
      } else if ((t[i] == '-' || t[i] == ' ' || t[i] == '.') && i + 1 < t.size() &&
                 is_digit(t[i + 1]) && group > 0) {
        r.groups.push_back(group);
        group = 0;
        ++i;
      } else {
        break;
      }
    }
    r.groups.push_back(group);
    r.span.end = i;
    if (i < t.size() && is_alnum(t[i])) {  // digits glued to letters: not a number we know
      while (i < t.size() && is_alnum(t[i])) ++i;
      continue;
    }
    runs.push_back(std::move(r));
  }
  return runs;
}

std::vector<Span> find_emails(std::string_view t) {
  std::vector<Span> spans;
  for (std::size_t at = t.find('@'); at != std::string_view::npos; at = t.find('@', at + 1)) {
    std::size_t b = at;
    while (b > 0 && is_email_local(t[b - 1])) --b;
    std::size_t e = at + 1;
    while (e < t.size() && is_email_domain(t[e])) ++e;
    while (e > at + 1 && (t[e - 1] == '.' || t[e - 1] == '-')) --e;
    if (b == at) continue;
    const auto domain = t.substr(at + 1, e - at - 1);
    const auto dot = domain.rfind('.');
    if (dot == std::string_view::npos || dot == 0 || domain.size() - dot - 1 < 2) continue;
    spans.push_back({b, e});
  }
  return spans;
}

}  // namespace

std::string mask_pii(std::string_view text) {
  std::string out(text);
  for (const auto& s : find_emails(text)) {
    // keep the first character of the local part and the domain
    const auto at = text.find('@', s.begin);
    for (std::size_t i = s.begin + 1; i < at; ++i) out[i] = '*';
  }
  for (const auto& r : find_digit_runs(out)) {
    switch (classify(r)) {
      case Kind::kResident:
        mask_digits(out, r.span, 0);
        break;
      case Kind::kCard:
        mask_digits(out, r.span, 4);
        break;
      case Kind::kPhone:
        mask_phone(out, r);
        break;
      case Kind::kNone:
        break;
    }
  }
  return out;
}

bool contains_pii(std::string_view text) {
  return mask_pii(text) != text;
}

}  // namespace aicc
