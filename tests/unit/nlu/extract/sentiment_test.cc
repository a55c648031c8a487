// Sentiment: accuracy on labelled messages (sentiment_cases.tsv), and the individual rules.
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <boost/json.hpp>

#include "nlu/sentiment/sentiment.h"

namespace aicc::nlu {
namespace {

struct Case {
  std::string label;
  bool anger = false;
  bool urgency = false;
  std::string text;
};

std::vector<Case> load_cases() {
  std::ifstream in(std::string(AICC_EXTRACT_TEST_DIR) + "/sentiment_cases.tsv");
  std::vector<Case> cases;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    Case c;
    std::string flags;
    std::getline(fields, c.label, '\t');
    std::getline(fields, flags, '\t');
    std::getline(fields, c.text);
    c.anger = flags.find("anger") != std::string::npos;
    c.urgency = flags.find("urgency") != std::string::npos;
    cases.push_back(std::move(c));
  }
  return cases;
}

TEST(SentimentCorpus, LabelAccuracyIsAtLeastNinetyPercent) {
  const auto cases = load_cases();
  ASSERT_GE(cases.size(), 80u);
  std::map<std::string, int> per_label;
  int correct = 0;
  std::string misses;
  for (const auto& c : cases) {
    ++per_label[c.label];
    const Sentiment s = analyze_sentiment(c.text);
    if (s.label == c.label) {
      ++correct;
    } else {
      misses += "  want " + c.label + ", got " + s.label + " (" + std::to_string(s.score) +
                "): " + c.text + "\n";
    }
  }
  const double accuracy = static_cast<double>(correct) / static_cast<double>(cases.size());
  // The floor must be able to fail: always answering the most frequent label scores far less.
  int majority = 0;
  for (const auto& [label, n] : per_label) majority = std::max(majority, n);
  ASSERT_LT(static_cast<double>(majority) / static_cast<double>(cases.size()), 0.5);
  EXPECT_GE(accuracy, 0.90) << "accuracy " << accuracy << " on " << cases.size()
                            << " messages; misclassified:\n"
                            << misses;
  std::cout << "[ sentiment ] label accuracy " << correct << "/" << cases.size() << "\n" << misses;
}

TEST(SentimentCorpus, AngerAndUrgencyFlagsAreExact) {
  // These flags escalate conversations (PRODUCT §4): no misses and no false alarms allowed.
  for (const auto& c : load_cases()) {
    const Sentiment s = analyze_sentiment(c.text);
    EXPECT_EQ(s.anger, c.anger) << c.text << " " << sentiment_to_json(s);
    EXPECT_EQ(s.urgency, c.urgency) << c.text << " " << sentiment_to_json(s);
  }
}

void expect_label(std::string_view text, std::string_view label) {
  const Sentiment s = analyze_sentiment(text);
  EXPECT_EQ(s.label, label) << text << " → " << sentiment_to_json(s);
}

TEST(Sentiment, NegationBeforeAndAfterTheWord) {
  expect_label("좋아요", "positive");
  expect_label("안 좋아요", "negative");
  expect_label("안좋아요", "negative");
  expect_label("좋지 않아요", "negative");
  expect_label("좋지않아요", "negative");
  expect_label("별로 좋지 않네요", "negative");
  expect_label("만족스럽지 못해요", "negative");
  expect_label("not good", "negative");
  expect_label("isn't very good", "negative");
  expect_label("I don't like it", "negative");
  // Negated negatives lean positive, but less than a plain positive.
  EXPECT_GT(analyze_sentiment("나쁘지 않아요").score, 0.0);
  EXPECT_GT(analyze_sentiment("not bad").score, 0.0);
  EXPECT_GT(analyze_sentiment("문제 없어요").score, 0.0);
  EXPECT_GT(analyze_sentiment("불만 없습니다").score, 0.0);
  EXPECT_LT(analyze_sentiment("not bad").score, analyze_sentiment("good").score);
  // 별로: negative alone, part of the negation otherwise.
  expect_label("별로예요", "negative");
  expect_label("그냥 별로네요", "negative");
  EXPECT_GT(analyze_sentiment("별로 나쁘지 않아요").score, 0.0);
}

TEST(Sentiment, AngerStemsCoverParticlesAndConjugations) {
  for (const char* text : {"짜증나요",
                           "짜증났어",
                           "짜증이 나네요",
                           "개짜증",
                           "화가 나네요",
                           "화났어요",
                           "화나요",
                           "화가나서 연락했어요",
                           "열받네",
                           "열 받아요",
                           "어이없네",
                           "어이가 없어서",
                           "빡치네",
                           "빡쳐요",
                           "미치겠어요",
                           "최악이에요",
                           "I'm furious",
                           "this is ridiculous",
                           "WORST EVER",
                           "I hate this",
                           "😡"}) {
    const Sentiment s = analyze_sentiment(text);
    EXPECT_TRUE(s.anger) << text << " " << sentiment_to_json(s);
    EXPECT_EQ(s.label, "negative") << text;
  }
}

TEST(Sentiment, WordsThatOnlyContainAnAngerStemAreNotAnger) {
  for (const char* text : {"전화가 안 돼요", "전화나 문자로 주세요", "대화가 끊겼어요",
                           "영화가 재밌었어요", "화면이 안 나와요", "화요일에 갈게요"}) {
    EXPECT_FALSE(analyze_sentiment(text).anger) << text;
  }
}

TEST(Sentiment, NegatedAngerAndUrgencyAreNotFlagged) {
  for (const char* text : {"화 안 났어요", "짜증 안 나요", "짜증나지 않아요", "I'm not angry"}) {
    EXPECT_FALSE(analyze_sentiment(text).anger) << text;
  }
  for (const char* text : {"급하지 않아요", "급한 건 아니에요", "not urgent", "no rush"}) {
    EXPECT_FALSE(analyze_sentiment(text).urgency) << text;
  }
}

TEST(Sentiment, UrgencyWordsInKoreanAndEnglish) {
  for (const char* text : {"긴급합니다", "당장 해주세요", "응급 상황이에요", "심각한 문제예요",
                           "급해요", "급합니다", "빨리 좀 해주세요", "즉시 처리 바랍니다", "urgent",
                           "ASAP please", "immediately", "It's an emergency"}) {
    EXPECT_TRUE(analyze_sentiment(text).urgency) << text;
  }
  // 빨리 describing what already happened is praise, not urgency.
  const Sentiment fast = analyze_sentiment("배송이 빨리 왔어요");
  EXPECT_FALSE(fast.urgency);
  EXPECT_EQ(fast.label, "positive");
}

TEST(Sentiment, IntensifiersAndDowntoners) {
  EXPECT_GT(analyze_sentiment("너무 좋아요").score, analyze_sentiment("좋아요").score);
  EXPECT_GT(analyze_sentiment("very good").score, analyze_sentiment("good").score);
  EXPECT_LT(analyze_sentiment("정말 불편해요").score, analyze_sentiment("불편해요").score);
  EXPECT_GT(analyze_sentiment("좀 불편해요").score, analyze_sentiment("불편해요").score);
  EXPECT_LT(analyze_sentiment("너무 안 좋아요").score, analyze_sentiment("안 좋아요").score);
  EXPECT_LT(analyze_sentiment("not very good").score, 0.0);
}

TEST(Sentiment, RepeatedLettersEmoticonsAndExclamations) {
  EXPECT_GT(analyze_sentiment("soooo gooood").score, analyze_sentiment("so good").score - 1e-9);
  EXPECT_EQ(analyze_sentiment("gooood").label, "positive");
  expect_label("ㅠㅠㅠㅠ", "negative");
  expect_label("배송 언제 와요 ㅡㅡ", "negative");
  expect_label("감사합니다^^", "positive");
  expect_label("thanks :)", "positive");
  expect_label("😊", "positive");
  EXPECT_GT(analyze_sentiment("좋아요!!!").score, analyze_sentiment("좋아요").score);
  EXPECT_EQ(analyze_sentiment("ㅋㅋㅋㅋㅋㅋㅋㅋㅋㅋㅋㅋ").cues,
            (std::vector<std::string>{"positive:ㅋㅋ"}));
}

TEST(Sentiment, ContrastWeighsTheSecondPartMore) {
  expect_label("배송은 빨랐지만 포장이 엉망이에요", "negative");
  expect_label("비싸긴 하지만 정말 만족해요", "positive");
  expect_label("The price is high but the quality is great", "positive");
  expect_label("Great design, but it stopped working after a day", "negative");
}

TEST(Sentiment, QuestionsDoNotPraise) {
  expect_label("좋은 상품 있나요?", "neutral");
  expect_label("어떻게 하면 좋을까요?", "neutral");
  expect_label("이거 좋아요?", "neutral");
}

TEST(Sentiment, CuesExplainTheDecisionInTextOrder) {
  const Sentiment s = analyze_sentiment("너무 짜증나요. 빨리 안 좋은 부분 고쳐 주세요");
  EXPECT_EQ(s.cues, (std::vector<std::string>{"intensifier:너무", "anger:짜증", "urgency:빨리",
                                              "negated:좋은"}));
  EXPECT_TRUE(s.anger);
  EXPECT_TRUE(s.urgency);
}

TEST(Sentiment, FullWidthUpperCaseAndOddInputs) {
  expect_label("ＶＥＲＹ ＧＯＯＤ", "positive");
  expect_label("I’m not happy", "negative");  // typographic apostrophe
  const Sentiment empty = analyze_sentiment("");
  EXPECT_EQ(empty.label, "neutral");
  EXPECT_EQ(empty.score, 0.0);
  EXPECT_TRUE(empty.cues.empty());
  const std::string junk("\xFF\xC3 \xED\xA0\x80 좋\xEC", 11);
  EXPECT_NO_THROW(analyze_sentiment(junk));
  std::string long_text;
  for (int i = 0; i < 500; ++i) long_text += "너무너무 좋아요 근데 ㅠㅠㅠㅠ 안 ";
  const Sentiment s = analyze_sentiment(long_text);
  EXPECT_GE(s.score, -1.0);
  EXPECT_LE(s.score, 1.0);
}

TEST(Sentiment, ScoreStaysInRangeAndLabelFollowsTheBand) {
  for (const auto& c : load_cases()) {
    const Sentiment s = analyze_sentiment(c.text);
    EXPECT_GE(s.score, -1.0);
    EXPECT_LE(s.score, 1.0);
    const std::string want = s.score >= kSentimentNeutralBand    ? "positive"
                             : s.score <= -kSentimentNeutralBand ? "negative"
                                                                 : "neutral";
    EXPECT_EQ(s.label, want) << c.text;
  }
}

TEST(Sentiment, JsonRoundTripsThroughAParser) {
  const Sentiment s = analyze_sentiment("정말 \"최악\" 이에요\n");
  const auto v = boost::json::parse(sentiment_to_json(s)).as_object();
  EXPECT_EQ(v.at("label").as_string(), s.label);
  EXPECT_NEAR(v.at("score").to_number<double>(), s.score, 1e-3);
  EXPECT_EQ(v.at("anger").as_bool(), s.anger);
  EXPECT_EQ(v.at("urgency").as_bool(), false);
  ASSERT_EQ(v.at("cues").as_array().size(), s.cues.size());
}

}  // namespace
}  // namespace aicc::nlu
