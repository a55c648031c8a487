// How an FAQ entry becomes a Xapian document and a query becomes Xapian query terms.
//
// The question, its alternatives and the keywords share one term space, weighted by their
// within-document frequency (wdf), which BM25 reads: they say what the entry is about. The
// answer only helps a little (it mentions many things the entry is not about), so it has a
// term space of its own, queried at a fraction of the weight. Bigrams across a space count
// half, since they are also formed between unrelated neighbouring words.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "faq/faq_entry.h"

namespace aicc::faq {

// Prefix of answer terms (BM25F-style): a word that many answers mention in passing
// ("배송", "마이페이지") keeps a high IDF among the questions, where it is rarer.
inline constexpr std::string_view kAnswerPrefix = "A";
inline constexpr double kAnswerQueryScale = 0.3;

// Boolean filter term for a language: "XLko" / "XLen". Content terms are case-folded, so an
// upper-case prefix never collides with them.
std::string language_term(Language language);
// The unique term of one (id, language) variant; also the document's data.
std::string entry_key(std::string_view id, Language language);

Xapian::Document make_document(const FaqEntry& entry);

struct QueryTerm {
  std::string text;
  double scale = 1.0;  // multiplies the term's BM25 weight
};

// Distinct terms of `query` in first-seen order (repeats do not add weight: a customer who
// types "배송 배송" is not asking twice as much about delivery).
std::vector<QueryTerm> make_query_terms(std::string_view query);

}  // namespace aicc::faq
