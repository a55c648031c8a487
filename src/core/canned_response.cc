#include "core/canned_response.h"

#include <algorithm>

#include "core/utf8.h"

namespace aicc {
namespace {

bool blank(const std::string& s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
}

std::optional<CannedProblem> text_problem(const std::string& field, const std::string& value,
                                          std::size_t max_chars) {
  const auto length = utf8_length(value);
  if (!length) return CannedProblem{field, field + " is not valid UTF-8"};
  if (blank(value)) return CannedProblem{field, field + " must not be empty"};
  if (*length > max_chars)
    return CannedProblem{field,
                         field + " must be at most " + std::to_string(max_chars) + " characters"};
  return std::nullopt;
}

bool shortcut_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

}  // namespace

std::optional<CannedProblem> canned_response_problem(const CannedResponse& c) {
  if (c.id.empty()) return CannedProblem{"id", "id must not be empty"};
  if (auto p = text_problem("title", c.title, kMaxCannedTitleChars)) return p;
  if (auto p = text_problem("text", c.text, kMaxCannedTextChars)) return p;
  if (c.language != "ko" && c.language != "en")
    return CannedProblem{"language", "language must be ko or en"};
  if (!c.queue.empty() && !is_valid_utf8(c.queue))
    return CannedProblem{"queue", "queue is not valid UTF-8"};
  if (!c.shortcut.empty()) {
    const bool ok = c.shortcut.size() >= 2 && c.shortcut.size() <= kMaxCannedShortcutChars &&
                    c.shortcut.front() == '/' &&
                    std::all_of(c.shortcut.begin() + 1, c.shortcut.end(), shortcut_char);
    if (!ok)
      return CannedProblem{"shortcut",
                           "shortcut must be \"/\" followed by 1 to 32 of a-z, 0-9, _ and -"};
  }
  return std::nullopt;
}

}  // namespace aicc
