#include "nlu/entities/text_scan.h"

namespace aicc::nlu::detail {
namespace {

std::uint8_t byte_at(std::string_view s, std::size_t i) {
  return static_cast<std::uint8_t>(s[i]);
}

// If the bytes at `i` are a character we fold, returns its ASCII replacement and sets `len`;
// otherwise returns 0.
char fold_at(std::string_view s, std::size_t i, std::size_t* len) {
  const std::size_t left = s.size() - i;
  const std::uint8_t b0 = byte_at(s, i);
  if (b0 == 0xC2 && left >= 2 && byte_at(s, i + 1) == 0xA0) {  // no-break space
    *len = 2;
    return ' ';
  }
  if (left < 3) return 0;
  const std::uint8_t b1 = byte_at(s, i + 1), b2 = byte_at(s, i + 2);
  *len = 3;
  if (b0 == 0xEF && (b1 == 0xBC || b1 == 0xBD) && b2 >= 0x80 && b2 <= 0xBF) {
    // U+FF01..U+FF5E full-width ASCII → U+0021..U+007E.
    const std::uint32_t cp = 0xFF00u + (static_cast<std::uint32_t>(b1 - 0xBC) << 6) + (b2 - 0x80u);
    if (cp >= 0xFF01 && cp <= 0xFF5E) return static_cast<char>(cp - 0xFEE0);
    return 0;
  }
  if (b0 == 0xE3 && b1 == 0x80 && b2 == 0x80) return ' ';  // ideographic space
  if (b0 == 0xE2 && b1 == 0x80) {
    if (b2 >= 0x90 && b2 <= 0x95) return '-';  // hyphen, non-breaking hyphen, dashes
    if (b2 == 0x98 || b2 == 0x99) return '\'';
    if (b2 == 0x9C || b2 == 0x9D) return '"';
  }
  if (b0 == 0xE2 && b1 == 0x88 && b2 == 0x92) return '-';  // minus sign
  return 0;
}

}  // namespace

FoldedText::FoldedText(std::string_view original) : original_(original), folded_(original) {
  std::size_t first = original.size();
  std::size_t len = 0;
  for (std::size_t i = 0; i < original.size(); ++i) {
    const std::uint8_t b = byte_at(original, i);
    if ((b == 0xC2 || b == 0xE2 || b == 0xE3 || b == 0xEF) && fold_at(original, i, &len) != 0) {
      first = i;
      break;
    }
  }
  if (first == original.size()) return;  // nothing to fold: scan the caller's bytes directly

  storage_.reserve(original.size());
  offsets_.reserve(original.size() + 1);
  storage_.append(original.substr(0, first));
  for (std::size_t i = 0; i < first; ++i) offsets_.push_back(static_cast<std::uint32_t>(i));
  for (std::size_t i = first; i < original.size();) {
    const char c = fold_at(original, i, &len);
    if (c != 0) {
      storage_.push_back(c);
      offsets_.push_back(static_cast<std::uint32_t>(i));
      i += len;
    } else {
      storage_.push_back(original[i]);
      offsets_.push_back(static_cast<std::uint32_t>(i));
      ++i;
    }
  }
  offsets_.push_back(static_cast<std::uint32_t>(original.size()));
  folded_ = storage_;
}

std::uint32_t code_point_at(std::string_view s, std::size_t pos, std::size_t* len) {
  const std::uint8_t b0 = byte_at(s, pos);
  const std::size_t left = s.size() - pos;
  auto cont = [&](std::size_t k) { return (byte_at(s, pos + k) & 0xC0) == 0x80; };
  if (b0 < 0x80) {
    *len = 1;
    return b0;
  }
  if (b0 >= 0xC2 && b0 < 0xE0 && left >= 2 && cont(1)) {
    *len = 2;
    return ((b0 & 0x1Fu) << 6) | (byte_at(s, pos + 1) & 0x3Fu);
  }
  if (b0 >= 0xE0 && b0 < 0xF0 && left >= 3 && cont(1) && cont(2)) {
    *len = 3;
    return ((b0 & 0x0Fu) << 12) | ((byte_at(s, pos + 1) & 0x3Fu) << 6) |
           (byte_at(s, pos + 2) & 0x3Fu);
  }
  if (b0 >= 0xF0 && b0 < 0xF5 && left >= 4 && cont(1) && cont(2) && cont(3)) {
    *len = 4;
    return ((b0 & 0x07u) << 18) | ((byte_at(s, pos + 1) & 0x3Fu) << 12) |
           ((byte_at(s, pos + 2) & 0x3Fu) << 6) | (byte_at(s, pos + 3) & 0x3Fu);
  }
  *len = 1;
  return b0;
}

std::uint32_t code_point_before(std::string_view s, std::size_t pos) {
  if (pos == 0) return 0;
  std::size_t start = pos - 1;
  // Step back over at most three continuation bytes to the lead byte.
  while (start > 0 && pos - start < 4 && (byte_at(s, start) & 0xC0) == 0x80) --start;
  std::size_t len = 0;
  const std::uint32_t cp = code_point_at(s, start, &len);
  return start + len == pos ? cp : byte_at(s, pos - 1);
}

bool at_word_start(std::string_view s, std::size_t pos) {
  const std::uint32_t prev = code_point_before(s, pos);
  if (prev < 0x80) return !is_alnum(static_cast<char>(prev));
  return !is_hangul_syllable(prev);
}

bool starts_with_ci(std::string_view s, std::size_t pos, std::string_view word) {
  if (s.size() - pos < word.size()) return false;
  for (std::size_t k = 0; k < word.size(); ++k) {
    if (to_lower(s[pos + k]) != word[k]) return false;
  }
  return true;
}

bool word_at_ci(std::string_view s, std::size_t pos, std::string_view word) {
  if (!starts_with_ci(s, pos, word)) return false;
  const std::size_t end = pos + word.size();
  return end == s.size() || !is_alpha(s[end]);
}

bool read_number(std::string_view s, std::size_t& pos, int max_digits, int& value) {
  std::size_t i = pos;
  int v = 0;
  while (i < s.size() && is_digit(s[i])) {
    if (static_cast<int>(i - pos) == max_digits) return false;
    v = v * 10 + (s[i] - '0');
    ++i;
  }
  if (i == pos) return false;
  pos = i;
  value = v;
  return true;
}

}  // namespace aicc::nlu::detail
