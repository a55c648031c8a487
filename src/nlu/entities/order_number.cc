// Order numbers. std::regex is slow and byte-oriented, so it never sees the whole message:
// only short candidate tokens (runs of ASCII letters, digits, '-' and '_' holding a digit)
// are matched against the operator's pattern. A token right after a cue word ("주문번호는
// 20240115001") is accepted without the pattern, so shops with plain numeric order ids work
// out of the box.
#include <algorithm>

#include "nlu/entities/entities.h"
#include "nlu/entities/matchers.h"

namespace aicc::nlu::detail {
namespace {

bool token_char(char c) {
  return is_alnum(c) || c == '-' || c == '_';
}

// Lower-cased ASCII, blanks removed: the form cues are compared in.
std::string squeeze(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (!is_space(c)) out.push_back(to_lower(c));
  }
  return out;
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

}  // namespace

Result<OrderNumberMatcher> OrderNumberMatcher::create(const std::string& pattern,
                                                      const std::vector<std::string>& cues) {
  OrderNumberMatcher m;
  try {
    m.pattern_ =
        std::regex(pattern, std::regex::ECMAScript | std::regex::icase | std::regex::optimize);
  } catch (const std::regex_error& e) {
    return make_error(
        ErrorCode::kInvalidArgument, "order_number_pattern is not a valid regex",
        {{"field", "order_number_pattern"}, {"pattern", pattern}, {"reason", e.what()}});
  }
  for (const auto& cue : cues) {
    std::string c = squeeze(cue);
    if (!c.empty()) m.cues_.push_back(std::move(c));
  }
  return m;
}

bool OrderNumberMatcher::follows_cue(std::string_view s, std::size_t token_begin) const {
  if (cues_.empty()) return false;
  // The 48 bytes before the token, from a code point boundary, squeezed.
  std::size_t from = token_begin > 48 ? token_begin - 48 : 0;
  while (from < token_begin && (static_cast<unsigned char>(s[from]) & 0xC0) == 0x80) ++from;
  const std::string before = squeeze(s.substr(from, token_begin - from));
  std::string_view stripped = before;  // "주문번호: 123", "order # 123"
  while (!stripped.empty() && (stripped.back() == ':' || stripped.back() == '#' ||
                               stripped.back() == '=' || stripped.back() == '.'))
    stripped.remove_suffix(1);
  auto ends_with_cue = [&](std::string_view text) {
    return std::any_of(cues_.begin(), cues_.end(),
                       [&](const std::string& cue) { return ends_with(text, cue); });
  };
  for (std::string_view text : {std::string_view(before), stripped}) {
    if (ends_with_cue(text)) return true;
    for (std::string_view particle : {"은", "는", "이", "가", "을", "를", "is"}) {
      if (ends_with(text, particle) && ends_with_cue(text.substr(0, text.size() - particle.size())))
        return true;
    }
  }
  return false;
}

void OrderNumberMatcher::find(std::string_view s, Candidates& out) const {
  std::size_t i = 0;
  while (i < s.size()) {
    if (!token_char(s[i])) {
      ++i;
      continue;
    }
    std::size_t b = i;
    while (i < s.size() && token_char(s[i])) ++i;
    std::size_t e = i;
    while (b < e && (s[b] == '-' || s[b] == '_')) ++b;
    while (e > b && (s[e - 1] == '-' || s[e - 1] == '_')) --e;
    // Part of an e-mail address, a domain or a decimal: not a token of its own.
    const bool glued =
        (b > 0 && (s[b - 1] == '@' || s[b - 1] == '.')) ||
        (i < s.size() && (s[i] == '@' || (s[i] == '.' && i + 1 < s.size() && is_alnum(s[i + 1]))));
    const std::string_view token = s.substr(b, e - b);
    const auto digits = std::count_if(token.begin(), token.end(), is_digit);
    if (glued || digits == 0 || token.size() < 4 || token.size() > 40) continue;

    bool match = std::regex_match(token.begin(), token.end(), pattern_);
    if (!match && digits >= 4 && token.size() >= 5 && token.size() <= 30) match = follows_cue(s, b);
    if (!match) continue;
    std::string value(token);
    for (char& c : value) {
      if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    }
    out.push_back(Candidate{entity_type::kOrderNumber, b, e, std::move(value), false,
                            Specificity::kOrderNumber});
  }
}

}  // namespace aicc::nlu::detail
