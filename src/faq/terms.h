// Turns FAQ text and customer queries into search terms, the same way for both sides.
//
// Korean has no spaces between a noun and its particle ("영업시간이", "영업시간은"), and
// customers space compounds freely ("영업 시간" / "영업시간"). Without a morphological
// analyser, overlapping character bigrams of each Hangul run make these forms share most of
// their terms; a bigram across one space ("영업 시간" → "업시") makes the spacing variants
// share all of them. Latin words are lower-cased, English-stemmed ("returns" → "return") and
// common function words dropped. Everything goes through nlu::normalize_text first, so
// full-width letters, compatibility forms and case do not matter.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace aicc::faq {

enum class TermKind {
  kWord,           // a Latin/other-script word, stemmed; or a run of digits
  kHangulBigram,   // two adjacent syllables inside one Hangul run
  kHangulUnigram,  // a Hangul run of a single syllable ("몇 시", "내 정보")
  kJoinBigram,     // the last and first syllables of two Hangul runs separated by spaces
};

struct Term {
  std::string text;
  TermKind kind = TermKind::kWord;
  bool operator==(const Term&) const = default;
};

// Terms in text order, with repeats. Never fails; invalid UTF-8 is replaced first.
std::vector<Term> analyze_text(std::string_view text);

}  // namespace aicc::faq
