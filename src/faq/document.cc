#include "faq/document.h"

#include <algorithm>
#include <array>

#include "faq/terms.h"

namespace aicc::faq {
namespace {

// Within-document frequency per occurrence, by field (see the header for why).
constexpr unsigned kQuestionWdf = 4;
constexpr unsigned kAlternativeWdf = 3;
constexpr unsigned kKeywordWdf = 3;
constexpr unsigned kAnswerWdf = 1;

constexpr double kJoinBigramQueryScale = 0.5;
constexpr double kPredicateBigramQueryScale = 0.3;

// Bigrams of polite predicates and endings ("궁금해요", "알려주세요", "가능한가요", "있나요").
// Every kind of question ends in them, so a shared ending says little about the topic; a
// Korean counterpart of English function words, down-weighted rather than dropped because
// some questions are nothing but a predicate ("취소 가능한가요").
constexpr std::array<std::string_view, 30> kPredicateBigrams = {
    "궁금", "금해", "해요", "나요", "세요", "주세", "습니", "니다", "어요", "아요",
    "있나", "있어", "되나", "하나", "인가", "가요", "까요", "알려", "려주", "싶어",
    "고싶", "해주", "은데", "는데", "가능", "능한", "한가", "할수", "수있", "있을"};

bool is_predicate_bigram(std::string_view term) {
  return std::find(kPredicateBigrams.begin(), kPredicateBigrams.end(), term) !=
         kPredicateBigrams.end();
}

void add_text(Xapian::Document& doc, std::string_view text, unsigned wdf,
              std::string_view prefix = {}) {
  for (const Term& t : analyze_text(text)) {
    const std::string term = std::string(prefix) + t.text;
    if (t.kind == TermKind::kJoinBigram) {
      if (wdf / 2 > 0) doc.add_term(term, wdf / 2);
    } else {
      doc.add_term(term, wdf);
    }
  }
}

}  // namespace

std::string language_term(Language language) {
  return "XL" + std::string(nlu::language_code(language));
}

std::string entry_key(std::string_view id, Language language) {
  return "Q" + std::string(nlu::language_code(language)) + ":" + std::string(id);
}

Xapian::Document make_document(const FaqEntry& entry) {
  Xapian::Document doc;
  add_text(doc, entry.question, kQuestionWdf);
  for (const auto& alt : entry.alternatives) add_text(doc, alt, kAlternativeWdf);
  for (const auto& kw : entry.keywords) add_text(doc, kw, kKeywordWdf);
  add_text(doc, entry.answer, kAnswerWdf, kAnswerPrefix);
  const std::string key = entry_key(entry.id, entry.language);
  doc.add_boolean_term(key);
  doc.add_boolean_term(language_term(entry.language));
  doc.set_data(key);
  return doc;
}

std::vector<QueryTerm> make_query_terms(std::string_view query) {
  std::vector<QueryTerm> out;
  for (const Term& t : analyze_text(query)) {
    double scale = 1.0;
    if (t.kind == TermKind::kJoinBigram) scale = kJoinBigramQueryScale;
    if (t.kind == TermKind::kHangulBigram && is_predicate_bigram(t.text)) {
      scale = kPredicateBigramQueryScale;
    }
    auto it =
        std::find_if(out.begin(), out.end(), [&](const QueryTerm& q) { return q.text == t.text; });
    if (it == out.end()) {
      out.push_back({t.text, scale});
    } else {
      it->scale = std::max(it->scale, scale);
    }
  }
  return out;
}

}  // namespace aicc::faq
