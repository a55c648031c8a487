// Term analysis: Korean bigrams that survive particles and spacing, Latin words stemmed,
// normalisation of full-width and compatibility forms.
#include <gtest/gtest.h>

#include <set>

#include "faq/terms.h"

namespace aicc::faq {
namespace {

std::vector<std::string> texts(std::string_view text) {
  std::vector<std::string> out;
  for (const auto& t : analyze_text(text)) out.push_back(t.text);
  return out;
}

std::set<std::string> term_set(std::string_view text) {
  auto v = texts(text);
  return {v.begin(), v.end()};
}

TEST(FaqTermsTest, HangulRunsBecomeOverlappingBigrams) {
  EXPECT_EQ(texts("영업시간이"), (std::vector<std::string>{"영업", "업시", "시간", "간이"}));
  // The particle changes one bigram only, so "영업시간이" and "영업시간은" share three.
  const auto a = term_set("영업시간이");
  const auto b = term_set("영업시간은");
  std::vector<std::string> shared;
  std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(shared));
  EXPECT_EQ(shared.size(), 3u);
}

TEST(FaqTermsTest, SpacingVariantsShareEveryTerm) {
  EXPECT_EQ(term_set("영업 시간"), term_set("영업시간"));
  // A detached particle adds its own unigram but loses nothing.
  const auto spaced = term_set("배송 기간 이 궁금해요");
  const auto joined = term_set("배송기간이 궁금해요");
  EXPECT_TRUE(std::includes(spaced.begin(), spaced.end(), joined.begin(), joined.end()));
  const auto terms = analyze_text("영업 시간");
  ASSERT_EQ(terms.size(), 3u);
  EXPECT_EQ(terms[1], (Term{"업시", TermKind::kJoinBigram}));
}

TEST(FaqTermsTest, SingleSyllableWordsAreUnigrams) {
  const auto terms = analyze_text("몇 시");
  EXPECT_EQ(terms, (std::vector<Term>{{"몇", TermKind::kHangulUnigram},
                                      {"몇시", TermKind::kJoinBigram},
                                      {"시", TermKind::kHangulUnigram}}));
}

TEST(FaqTermsTest, PunctuationDoesNotJoinWords) {
  EXPECT_EQ(texts("반품/교환"), (std::vector<std::string>{"반품", "교환"}));
  EXPECT_EQ(texts("반품, 교환"), (std::vector<std::string>{"반품", "교환"}));
}

TEST(FaqTermsTest, EnglishWordsAreStemmedAndFunctionWordsDropped) {
  EXPECT_EQ(texts("How do I return my items?"),
            (std::vector<std::string>{"how", "return", "item"}));
  EXPECT_EQ(term_set("Returns and refunds"), term_set("return refund"));
}

TEST(FaqTermsTest, FullWidthAndCaseAreNormalised) {
  EXPECT_EQ(texts("ＶＩＰ 등급"), texts("vip 등급"));
  EXPECT_EQ(texts("ＲＥＴＵＲＮＳ"), texts("returns"));
  EXPECT_EQ(texts("１５８８－００００"), (std::vector<std::string>{"1588", "0000"}));
  // Zero-width spaces pasted from a messenger do not split a word.
  EXPECT_EQ(texts("영업\u200b시간"), texts("영업시간"));
}

TEST(FaqTermsTest, DigitsAndHangulSplit) {
  EXPECT_EQ(texts("7일"), (std::vector<std::string>{"7", "일"}));
}

TEST(FaqTermsTest, NoTermsForEmptyOrSymbolOnlyText) {
  EXPECT_TRUE(analyze_text("").empty());
  EXPECT_TRUE(analyze_text("?!... ~~").empty());
  EXPECT_TRUE(analyze_text("the a an").empty());
}

TEST(FaqTermsTest, InvalidUtf8IsTolerated) {
  const auto terms = analyze_text("영업\xff\xfe시간");
  EXPECT_EQ(texts("영업\xff\xfe시간"), (std::vector<std::string>{"영업", "시간"}));
  EXPECT_EQ(terms.size(), 2u);
}

}  // namespace
}  // namespace aicc::faq
