// DialogueState's JSON (kept in conversations.bot_state) and escalation priorities.
#include <gtest/gtest.h>

#include "dialogue/dialogue_state.h"
#include "dialogue/escalation.h"

namespace aicc::dialogue {
namespace {

TEST(DialogueState, EmptyTextIsTheInitialState) {
  auto s = dialogue_state_from_json("");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->customer_turns, 0);
  EXPECT_FALSE(s->in_scenario());
}

TEST(DialogueState, RoundTripsEveryField) {
  DialogueState s;
  s.customer_turns = 7;
  s.turns_since_resolution = 3;
  s.misses_in_row = 1;
  s.recent_intents = {"order_status", "order_status"};
  s.recent_anger = {false, true, false};
  s.scenario_id = "reservation";
  s.scenario_state = R"({"version":1,"scenario":"reservation"})";
  auto back = dialogue_state_from_json(to_json(s));
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(back->customer_turns, 7);
  EXPECT_EQ(back->turns_since_resolution, 3);
  EXPECT_EQ(back->misses_in_row, 1);
  EXPECT_EQ(back->recent_intents, s.recent_intents);
  EXPECT_EQ(back->recent_anger, s.recent_anger);
  EXPECT_EQ(back->scenario_id, "reservation");
  EXPECT_EQ(back->scenario_state, s.scenario_state);
}

TEST(DialogueState, CorruptStateIsRefusedNotGuessed) {
  for (
      const char* bad :
      {"{", "[]", R"({"v":2})", R"({"v":1})",
       R"({"v":1,"turns":-1,"since_resolution":0,"misses":0,"intents":[],"anger":[]})",
       R"({"v":1,"turns":1,"since_resolution":0,"misses":0,"intents":[3],"anger":[]})",
       R"({"v":1,"turns":1,"since_resolution":0,"misses":0,"intents":[],"anger":["x"]})",
       R"({"v":1,"turns":1,"since_resolution":0,"misses":0,"intents":[],"anger":[],"scenario":""})"}) {
    auto s = dialogue_state_from_json(bad);
    ASSERT_FALSE(s) << bad;
    EXPECT_EQ(s.error().code, ErrorCode::kInvalidArgument) << bad;
  }
}

TEST(DialogueState, PushBoundedKeepsTheLastItems) {
  std::vector<int> v;
  for (int i = 1; i <= 5; ++i) push_bounded(v, i, 3);
  EXPECT_EQ(v, (std::vector<int>{3, 4, 5}));
}

TEST(Escalation, PriorityFollowsTheReasonAndIsNeverLowered) {
  EXPECT_EQ(priority_for("urgent_matter", false, 1, 10), Priority::kCritical);
  EXPECT_EQ(priority_for("complaint", false, 1, 10), Priority::kHigh);
  EXPECT_EQ(priority_for("payment_issue", false, 1, 10), Priority::kHigh);
  EXPECT_EQ(priority_for("system_error", false, 1, 10), Priority::kHigh);
  EXPECT_EQ(priority_for("technical_support", false, 1, 10), Priority::kMedium);
  EXPECT_EQ(priority_for("complex_inquiry", false, 1, 10), Priority::kMedium);
  EXPECT_EQ(priority_for("customer_request", false, 1, 10), Priority::kLow);
  EXPECT_EQ(priority_for("bot_limitation", false, 1, 10), Priority::kLow);
  // VIP: at least high; a long conversation: at least medium; neither lowers critical.
  EXPECT_EQ(priority_for("customer_request", true, 1, 10), Priority::kHigh);
  EXPECT_EQ(priority_for("customer_request", false, 11, 10), Priority::kMedium);
  EXPECT_EQ(priority_for("customer_request", false, 10, 10), Priority::kLow);
  EXPECT_EQ(priority_for("urgent_matter", true, 50, 10), Priority::kCritical);
  EXPECT_EQ(to_string(Priority::kCritical), "critical");
  EXPECT_TRUE(is_escalation_reason("bot_limitation"));
  EXPECT_FALSE(is_escalation_reason("boredom"));
}

}  // namespace
}  // namespace aicc::dialogue
