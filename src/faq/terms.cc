#include "faq/terms.h"

#include <algorithm>
#include <array>
#include <cstdint>

#include <utf8proc.h>
#include <xapian.h>

#include "nlu/text/normalize.h"

namespace aicc::faq {
namespace {

enum class CharClass { kHangul, kWord, kSpace, kOther };

bool is_hangul_syllable(char32_t cp) {
  return cp >= 0xAC00 && cp <= 0xD7A3;
}

CharClass classify(char32_t cp) {
  if (is_hangul_syllable(cp)) return CharClass::kHangul;
  if (cp == ' ') return CharClass::kSpace;
  if (cp < 0x80) {
    const bool alnum =
        (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
    return alnum ? CharClass::kWord : CharClass::kOther;
  }
  switch (utf8proc_category(static_cast<utf8proc_int32_t>(cp))) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_MN:  // combining marks stay with their letter
    case UTF8PROC_CATEGORY_MC:
      return CharClass::kWord;
    default:
      return CharClass::kOther;
  }
}

// Words that carry no topic in an FAQ question. "how", "when", "where" stay: they separate
// "how long does delivery take" from "where is my delivery".
constexpr std::array<std::string_view, 48> kEnglishStopwords = {
    "a",    "an",   "the",    "is",  "are",   "am",    "was",    "were", "be",    "been",
    "do",   "does", "did",    "i",   "me",    "my",    "you",    "your", "we",    "our",
    "it",   "its",  "to",     "of",  "in",    "on",    "at",     "for",  "with",  "by",
    "from", "and",  "or",     "can", "could", "would", "should", "will", "there", "this",
    "that", "any",  "please", "hi",  "hello", "so",    "if",     "just"};

bool is_stopword(std::string_view word) {
  return std::find(kEnglishStopwords.begin(), kEnglishStopwords.end(), word) !=
         kEnglishStopwords.end();
}

// One code point with its UTF-8 bytes.
struct CodePoint {
  char32_t value;
  std::string_view bytes;
};

// normalize_text() returns well-formed UTF-8, so decoding needs no error paths beyond a guard.
std::vector<CodePoint> decode(std::string_view s) {
  std::vector<CodePoint> out;
  out.reserve(s.size());
  std::size_t i = 0;
  while (i < s.size()) {
    const auto lead = static_cast<unsigned char>(s[i]);
    const std::size_t len = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    if (i + len > s.size()) break;
    char32_t cp = len == 1   ? lead
                  : len == 2 ? (lead & 0x1Fu)
                  : len == 3 ? (lead & 0x0Fu)
                             : (lead & 0x07u);
    for (std::size_t k = 1; k < len; ++k) {
      cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3Fu);
    }
    out.push_back({cp, s.substr(i, len)});
    i += len;
  }
  return out;
}

std::string stem_word(const std::string& word) {
  const bool digits =
      std::all_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (digits) return word;
  // Xapian::Stem objects must not be shared between threads; one per thread is cheap.
  thread_local Xapian::Stem stemmer("english");
  return stemmer(word);
}

}  // namespace

std::vector<Term> analyze_text(std::string_view text) {
  const std::string normalized = nlu::normalize_text(text);
  const std::vector<CodePoint> cps = decode(normalized);
  std::vector<Term> terms;
  std::string_view previous_run_last;  // last syllable of the previous Hangul run
  bool only_spaces_since_run = false;  // nothing but spaces since that run ended
  std::size_t i = 0;
  while (i < cps.size()) {
    const CharClass cls = classify(cps[i].value);
    std::size_t j = i + 1;
    while (j < cps.size() && classify(cps[j].value) == cls) ++j;
    if (cls == CharClass::kHangul) {
      if (!previous_run_last.empty() && only_spaces_since_run) {
        terms.push_back(
            {std::string(previous_run_last) + std::string(cps[i].bytes), TermKind::kJoinBigram});
      }
      if (j - i == 1) {
        terms.push_back({std::string(cps[i].bytes), TermKind::kHangulUnigram});
      }
      for (std::size_t k = i; k + 1 < j; ++k) {
        terms.push_back(
            {std::string(cps[k].bytes) + std::string(cps[k + 1].bytes), TermKind::kHangulBigram});
      }
      previous_run_last = cps[j - 1].bytes;
      only_spaces_since_run = true;
    } else if (cls == CharClass::kWord) {
      std::string word;
      for (std::size_t k = i; k < j; ++k) word += cps[k].bytes;
      if (!is_stopword(word)) terms.push_back({stem_word(word), TermKind::kWord});
      only_spaces_since_run = false;
    } else if (cls == CharClass::kOther) {
      only_spaces_since_run = false;
    }
    i = j;
  }
  return terms;
}

}  // namespace aicc::faq
