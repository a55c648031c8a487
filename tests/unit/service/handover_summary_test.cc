// The agent's extractive summary: which customer sentences it keeps, and in what order.
#include "service/handover_summary.h"

#include <gtest/gtest.h>

namespace aicc {
namespace {

std::vector<std::string> texts(const std::vector<SummarySentence>& s) {
  std::vector<std::string> out;
  for (const auto& x : s) out.push_back(x.text);
  return out;
}

TEST(SplitSentences, SplitsAfterStopsAndLineBreaksButNotInsideNumbers) {
  EXPECT_EQ(
      split_sentences("환불하고 싶어요. 주문번호는 A-1234 입니다!\n언제 되나요?"),
      (std::vector<std::string>{"환불하고 싶어요.", "주문번호는 A-1234 입니다!", "언제 되나요?"}));
  EXPECT_EQ(split_sentences("It costs 3.5 dollars... why?"),
            (std::vector<std::string>{"It costs 3.5 dollars...", "why?"}));
  EXPECT_EQ(split_sentences("끝。다음"), (std::vector<std::string>{"끝。", "다음"}));
  EXPECT_TRUE(split_sentences("  \n ").empty());
}

TEST(HandoverSummary, KeepsTheInformativeSentencesInConversationOrder) {
  std::vector<SummaryTurn> turns = {
      {1, "안녕하세요", "greeting", "neutral", 0},
      {3, "지난주에 주문한 노트북 배송이 아직 안 왔어요. 주문번호는 ORD-20240101 입니다.",
       "order_status", "negative", 1},
      {5, "네", "general_inquiry", "neutral", 0},
      {7, "환불 받을 수 있나요? 정말 화가 나네요.", "cancel_request", "negative", 0},
      {9, "상담원 연결해 주세요", "agent_request", "neutral", 0},
  };
  auto summary = summarize_customer_turns(turns);
  ASSERT_EQ(summary.size(), 3u);
  EXPECT_EQ(texts(summary),
            (std::vector<std::string>{"지난주에 주문한 노트북 배송이 아직 안 왔어요.",
                                      "주문번호는 ORD-20240101 입니다.", "환불 받을 수 있나요?"}));
  EXPECT_EQ(summary[0].seq, 3);
  EXPECT_EQ(summary[2].seq, 7);
}

TEST(HandoverSummary, GreetingsAndFillerAloneGiveLittleOrNothing) {
  EXPECT_TRUE(summarize_customer_turns({{1, "네", "", "", 0}, {2, "...", "", "", 0}}).empty());
  auto only = summarize_customer_turns(
      {{1, "Hello there", "greeting", "neutral", 0},
       {2, "My invoice shows a double charge", "payment_inquiry", "neutral", 0}},
      1);
  ASSERT_EQ(only.size(), 1u);
  EXPECT_EQ(only[0].text, "My invoice shows a double charge");
}

TEST(HandoverSummary, FewerSentencesThanTheLimitAreAllKept) {
  auto s = summarize_customer_turns({{1, "Where is my order?", "order_status", "neutral", 0}});
  EXPECT_EQ(texts(s), (std::vector<std::string>{"Where is my order?"}));
  EXPECT_TRUE(summarize_customer_turns({}).empty());
}

}  // namespace
}  // namespace aicc
