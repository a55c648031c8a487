// E-mail addresses: the common "local@domain.tld" shape (no quoted local parts, no IDN), which
// is what customers type. Korean text may touch the address on either side ("메일은kim@a.com
// 입니다", "kim@a.com으로"): Hangul is never part of the match.
#include "nlu/entities/detectors.h"
#include "nlu/entities/entities.h"

namespace aicc::nlu::detail {
namespace {

bool local_char(char c) {
  return is_alnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
}
bool domain_char(char c) {
  return is_alnum(c) || c == '.' || c == '-';
}

}  // namespace

void find_emails(std::string_view s, Candidates& out) {
  for (std::size_t at = s.find('@'); at != std::string_view::npos; at = s.find('@', at + 1)) {
    std::size_t b = at;
    while (b > 0 && local_char(s[b - 1])) --b;
    while (b < at && (s[b] == '.' || s[b] == '-')) ++b;  // "...kim@" starts at 'k'
    std::size_t e = at + 1;
    while (e < s.size() && domain_char(s[e])) ++e;
    while (e > at + 1 && (s[e - 1] == '.' || s[e - 1] == '-')) --e;  // sentence end "a.com."
    if (b == at || e == at + 1) continue;

    // Domain: dot-separated non-empty labels, last one alphabetic with 2+ letters.
    const std::string_view domain = s.substr(at + 1, e - at - 1);
    const std::size_t dot = domain.rfind('.');
    if (dot == std::string_view::npos || domain.find("..") != std::string_view::npos ||
        domain[0] == '.' || domain[0] == '-')
      continue;
    const std::string_view tld = domain.substr(dot + 1);
    bool tld_ok = tld.size() >= 2;
    for (char c : tld) tld_ok &= is_alpha(c);
    if (!tld_ok) continue;

    std::string value(s.substr(b, e - b));
    for (char& c : value) c = to_lower(c);
    out.push_back(
        Candidate{entity_type::kEmail, b, e, std::move(value), false, Specificity::kEmail});
  }
}

}  // namespace aicc::nlu::detail
