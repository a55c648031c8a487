// The sentiment lexicon as data: the shipped file, the format, and its errors.
#include <cstdio>
#include <string>

#include <gtest/gtest.h>

#include "nlu/sentiment/sentiment.h"

namespace aicc::nlu {
namespace {

const std::string kShippedLexicon = std::string(AICC_SOURCE_DIR) + "/bot/lexicon/sentiment.lex";

TEST(SentimentLexicon, ShippedFileParsesAndIsTheBuiltInDefault) {
  const auto from_file = SentimentAnalyzer::from_file(kShippedLexicon);
  ASSERT_TRUE(from_file.has_value())
      << from_file.error().message << " line " << from_file.error().details.at("line");
  EXPECT_EQ(from_file->term_count(), SentimentAnalyzer::builtin().term_count());
  EXPECT_GT(from_file->term_count(), 400u);
  const char* probe = "너무 짜증나요 but thanks :)";
  EXPECT_EQ(from_file->analyze(probe).cues, analyze_sentiment(probe).cues);
}

Sentiment with(std::string_view lexicon, std::string_view text) {
  const auto a = SentimentAnalyzer::from_text(lexicon);
  EXPECT_TRUE(a.has_value()) << (a ? "" : a.error().message);
  return a ? a->analyze(text) : Sentiment{};
}

TEST(SentimentLexicon, FormatRules) {
  // Spaces in a term match any run of blanks, including none.
  EXPECT_TRUE(with("anger -2 화가 나", "화가나요").anger);
  EXPECT_TRUE(with("anger -2 화가 나", "화가   났어요").anger);
  // Latin terms are whole words unless they end with '*'.
  EXPECT_TRUE(with("sent 1 ok", "book").cues.empty());
  EXPECT_EQ(with("sent 1 ok", "ok!").cues, (std::vector<std::string>{"positive:ok"}));
  EXPECT_EQ(with("sent -1 frustrat*", "frustrating").cues,
            (std::vector<std::string>{"negative:frustrat"}));
  // ^ makes a Hangul term start a word; without it a Hangul term is a stem anywhere.
  EXPECT_TRUE(with("negator -1 ^안\nsent 1 좋", "불안좋").cues ==
              (std::vector<std::string>{"positive:좋"}));
  EXPECT_EQ(with("sent -1 불편", "너무불편해요").label, "negative");
  // Without letters, ^ and * are part of the term.
  EXPECT_EQ(with("sent 1 ^^\nsent -1 *_*", "^^").cues, (std::vector<std::string>{"positive:^^"}));
  // Longer neutral terms switch off shorter cues inside them.
  EXPECT_TRUE(with("anger -2 화가\nneutral 0 전화가", "전화가 왔어요").cues.empty());
  // Comments, blank lines, CRLF and tabs are fine.
  EXPECT_EQ(with("# c\n\r\nsent\t1\tgood\r\n", "good").label, "positive");
}

void expect_error(std::string_view lexicon, std::string_view line, std::string_view fragment) {
  const auto a = SentimentAnalyzer::from_text(lexicon, "test.lex");
  ASSERT_FALSE(a.has_value()) << lexicon;
  EXPECT_EQ(a.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(a.error().details.at("source"), "test.lex");
  EXPECT_EQ(a.error().details.at("line"), line) << a.error().message;
  EXPECT_NE(a.error().message.find(fragment), std::string::npos) << a.error().message;
}

TEST(SentimentLexicon, ErrorsNameTheLineAndTheProblem) {
  expect_error("sent 1 good\nhappy 1 glad", "2", "unknown kind");
  expect_error("sent one good", "1", "weight");
  expect_error("sent 9 good", "1", "weight");
  expect_error("sent 1e400 good", "1", "weight");
  expect_error("# header\nsent 1", "2", "missing term");
  expect_error("sent 1 good\nsent 2 Good", "2", "duplicate");
  const auto empty = SentimentAnalyzer::from_text("# nothing\n");
  ASSERT_FALSE(empty.has_value());
  EXPECT_NE(empty.error().message.find("no entries"), std::string::npos);
  const auto missing = SentimentAnalyzer::from_file(kShippedLexicon + ".missing");
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
}

TEST(SentimentLexicon, AnalyzersAreIndependentValues) {
  const auto a = SentimentAnalyzer::from_text("sent 2 yay");
  ASSERT_TRUE(a.has_value());
  const SentimentAnalyzer copy = *a;  // NOLINT(performance-unnecessary-copy-initialization)
  EXPECT_EQ(copy.analyze("yay").label, "positive");
  EXPECT_EQ(copy.analyze("좋아요").label, "neutral");  // not in this lexicon
  EXPECT_EQ(copy.term_count(), 1u);
}

}  // namespace
}  // namespace aicc::nlu
