// Internal: the text view every entity detector scans, and small byte-level helpers.
//
// Detectors work on a *folded* copy of the message in which full-width ASCII (０１０, ＠, －),
// the ideographic space, no-break space, typographic apostrophes and dashes are replaced by
// their ASCII forms, so that one set of byte-level scanners handles "０１０－１２３４" and
// "010-1234" alike. The fold keeps a map back to the original bytes, because spans in results
// are always offsets into the caller's text. Messages without such characters (the common
// case) are not copied at all.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace aicc::nlu::detail {

class FoldedText {
 public:
  explicit FoldedText(std::string_view original);

  std::string_view text() const { return folded_; }
  std::string_view original() const { return original_; }
  // Original byte offset of folded byte `pos` (pos == size() maps to the original size).
  std::size_t original_offset(std::size_t pos) const {
    return offsets_.empty() ? pos : offsets_[pos];
  }

 private:
  std::string_view original_;
  std::string storage_;
  std::vector<std::uint32_t> offsets_;  // empty when folded == original
  std::string_view folded_;
};

inline bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
inline bool is_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
inline bool is_alnum(char c) {
  return is_digit(c) || is_alpha(c);
}
inline char to_lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}
inline bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// Decodes the code point starting at `pos` (which must be < s.size()); `len` receives its
// byte length. Malformed bytes decode as themselves with length 1 so scanning always advances.
std::uint32_t code_point_at(std::string_view s, std::size_t pos, std::size_t* len);
// The code point ending just before `pos`, or 0 at the start of the text.
std::uint32_t code_point_before(std::string_view s, std::size_t pos);

inline bool is_hangul_syllable(std::uint32_t cp) {
  return cp >= 0xAC00 && cp <= 0xD7A3;
}
// True when `pos` starts a word: the previous character is neither an ASCII letter/digit nor
// a Hangul syllable. Korean keywords such as 내일 or 오늘 use this to avoid matching inside
// longer words (안내일정 does not contain the date 내일).
bool at_word_start(std::string_view s, std::size_t pos);

// ASCII case-insensitive "s[pos..] starts with word"; `word` must be lower case.
bool starts_with_ci(std::string_view s, std::size_t pos, std::string_view word);
inline bool starts_with(std::string_view s, std::size_t pos, std::string_view word) {
  return s.size() - pos >= word.size() && s.substr(pos, word.size()) == word;
}
// Like starts_with_ci, and the match is not followed by an ASCII letter ("mon" ≠ "month").
bool word_at_ci(std::string_view s, std::size_t pos, std::string_view word);

// Skips spaces and tabs (not newlines: an entity never spans lines).
inline std::size_t skip_blanks(std::string_view s, std::size_t pos) {
  while (pos < s.size() && (s[pos] == ' ' || s[pos] == '\t')) ++pos;
  return pos;
}

// Reads 1..max_digits ASCII digits at `pos`; on success advances `pos` and stores the value.
// Fails (leaving pos) when there is no digit or more than max_digits digits in a row.
bool read_number(std::string_view s, std::size_t& pos, int max_digits, int& value);

}  // namespace aicc::nlu::detail
