// The dialogue policy on the real default bot (bot/: intent model trained in memory, FAQ
// index, scenarios): what the turn decides and how the dialogue state moves. Whole
// conversations over the API are tested in tests/integration/test_bot.py and by the
// conversation stories (tests/conversations).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include <unistd.h>

#include "bot/bot_engine.h"

namespace aicc::dialogue {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

const std::filesystem::path kBot = std::filesystem::path(AICC_SOURCE_DIR) / "bot";

std::filesystem::path cached_model() {
  return std::filesystem::temp_directory_path() /
         ("aicc-dialogue-test-" + std::to_string(::getuid()) + ".model");
}

class Policy : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    bot::BotOptions options;
    options.dir = kBot;
    // ctest runs every test in its own process: the first trains and caches the model,
    // the others load it (the model file carries a fingerprint of the data it was trained on).
    options.model_path = cached_model();
    auto loaded = bot::BotEngine::load(options);
    ASSERT_TRUE(loaded) << loaded.error().message;
    engine_ = loaded->release();
  }
  static void TearDownTestSuite() {
    delete engine_;
    engine_ = nullptr;
  }

  // One customer turn from `state`.
  TurnDecision turn(const std::string& text, const DialogueState& state = {}, bool vip = false,
                    nlu::Language lang = nlu::Language::kKorean) {
    TurnInput in;
    in.text = text;
    in.now = from_unix_micros(1'790'000'000'000'000);  // 2026-09-21
    in.nlu = engine_->understand(text, in.now);
    in.language = lang;
    in.state = state;
    in.vip = vip;
    in.message_count = 2 * state.customer_turns + 2;
    return engine_->decide(in);
  }

  static inline bot::BotEngine* engine_ = nullptr;
};

TEST_F(Policy, CountsTurnsAndRemembersConfidentIntents) {
  auto d = turn("안녕하세요");
  EXPECT_EQ(d.decision, decision::kGreet);
  EXPECT_EQ(d.next.customer_turns, 1);
  EXPECT_EQ(d.next.turns_since_resolution, 1);
  EXPECT_EQ(d.next.recent_intents, std::vector<std::string>{"greeting"});
  EXPECT_THAT(d.details_json, HasSubstr("\"intent\":{\"name\":\"greeting\""));
}

TEST_F(Policy, FaqAnswerResolvesAndResetsTheCounters) {
  DialogueState s;
  s.customer_turns = 4;
  s.turns_since_resolution = 4;
  s.misses_in_row = 1;
  auto d = turn("영업시간이 어떻게 되나요?", s);
  ASSERT_EQ(d.decision, decision::kFaqAnswer) << d.reason;
  EXPECT_EQ(d.next.turns_since_resolution, 0);
  EXPECT_EQ(d.next.misses_in_row, 0);
  EXPECT_THAT(d.reason, StartsWith("FAQ faq_business_hours"));
}

TEST_F(Policy, ScenarioKeepsItsStateUntilCompletion) {
  auto start = turn("예약하고 싶어요");
  ASSERT_EQ(start.decision, decision::kScenarioStart) << start.reason;
  EXPECT_TRUE(start.next.in_scenario());
  EXPECT_EQ(start.next.scenario_id, "reservation");
  auto step = turn("1", start.next);
  EXPECT_EQ(step.decision, decision::kScenarioStep);
  auto date = turn("내일", step.next);
  EXPECT_EQ(date.decision, decision::kScenarioStep) << date.text;
  auto done = turn("010-1234-5678", date.next);
  ASSERT_EQ(done.decision, decision::kScenarioComplete) << done.text;
  EXPECT_FALSE(done.next.in_scenario());
  EXPECT_EQ(done.next.turns_since_resolution, 0);
  EXPECT_THAT(done.action_json, HasSubstr("\"type\":\"record\""));
  EXPECT_THAT(done.action_json, HasSubstr("2026-09-22"));  // 내일, from the injected now
}

TEST_F(Policy, ThreeInvalidAnswersEscalateWithBotLimitation) {
  auto d = turn("예약하고 싶어요");
  for (int i = 0; i < 2; ++i) {
    d = turn("잘 모르겠는데요", d.next);
    ASSERT_EQ(d.decision, decision::kScenarioRetry) << i << d.text;
  }
  d = turn("잘 모르겠는데요", d.next);
  ASSERT_EQ(d.decision, decision::kEscalate) << d.text;
  ASSERT_TRUE(d.escalation);
  EXPECT_EQ(d.escalation->reason, "bot_limitation");
  EXPECT_FALSE(d.next.in_scenario());
}

TEST_F(Policy, AgentRequestWinsInsideAScenario) {
  auto d = turn("예약하고 싶어요");
  d = turn("상담원 연결해 주세요", d.next);
  ASSERT_EQ(d.decision, decision::kEscalate);
  EXPECT_EQ(d.escalation->reason, "customer_request");
  EXPECT_FALSE(d.next.in_scenario());
}

TEST_F(Policy, StaleScenarioStateIsDroppedAndTheTurnGoesOn) {
  DialogueState s;
  s.scenario_id = "retired_scenario";
  s.scenario_state =
      R"({"version":1,"scenario":"retired_scenario","step":"x","status":"active","slots":{},"path":[],"retries":0,"invalid_in_row":0})";
  auto d = turn("영업시간 알려주세요", s);
  EXPECT_FALSE(d.next.in_scenario());
  EXPECT_EQ(d.decision, decision::kFaqAnswer) << d.reason;
  EXPECT_THAT(d.details_json, HasSubstr("scenario_dropped"));
}

TEST_F(Policy, SameIntentThreeTimesEscalates) {
  DialogueState s;
  s.recent_intents = {"technical_support", "technical_support"};
  s.customer_turns = s.turns_since_resolution = 2;
  auto d = turn("앱이 계속 꺼져요 오류가 나요", s);
  ASSERT_EQ(d.decision, decision::kEscalate) << d.reason;
  EXPECT_EQ(d.escalation->reason, "bot_limitation");
  EXPECT_THAT(d.escalation->description, HasSubstr("3 times in a row"));
}

TEST_F(Policy, AnsweredQuestionsOfOneIntentDoNotCountAsRepeats) {
  DialogueState s;
  for (const char* q :
       {"영업시간이 어떻게 되나요?", "고객센터 전화번호 알려주세요", "영업시간 다시 알려주세요"}) {
    auto d = turn(q, s);
    ASSERT_EQ(d.decision, decision::kFaqAnswer) << q << ": " << d.reason;
    EXPECT_TRUE(d.next.recent_intents.empty());
    s = d.next;
  }
}

TEST_F(Policy, TooManyTurnsWithoutResolutionEscalates) {
  DialogueState s;
  s.customer_turns = s.turns_since_resolution = 8;
  auto d = turn("음 그러니까요", s);
  ASSERT_EQ(d.decision, decision::kEscalate) << d.reason;
  EXPECT_EQ(d.escalation->reason, "bot_limitation");
}

TEST_F(Policy, VipWithThreeTurnsGetsAPerson) {
  DialogueState s;
  s.customer_turns = s.turns_since_resolution = 2;
  auto regular = turn("음 그러니까요", s, /*vip=*/false);
  EXPECT_NE(regular.decision, decision::kEscalate);
  auto vip = turn("음 그러니까요", s, /*vip=*/true);
  ASSERT_EQ(vip.decision, decision::kEscalate) << vip.reason;
  EXPECT_EQ(vip.escalation->reason, "complex_inquiry");
  EXPECT_EQ(vip.escalation->priority, "high");
}

TEST_F(Policy, AngerEarlierInTheWindowStillEscalates) {
  DialogueState s;
  s.recent_anger = {false, true};
  s.customer_turns = s.turns_since_resolution = 2;
  auto d = turn("영업시간 알려주세요", s);
  ASSERT_EQ(d.decision, decision::kEscalate);
  EXPECT_EQ(d.escalation->reason, "complaint");
  // Outside the window (3 messages) it no longer counts.
  s.recent_anger = {true, false, false};
  auto later = turn("영업시간 알려주세요", s);
  EXPECT_EQ(later.decision, decision::kFaqAnswer) << later.reason;
}

TEST_F(Policy, UrgencyIsCritical) {
  auto d = turn("긴급합니다 지금 당장 확인 부탁드려요");
  ASSERT_EQ(d.decision, decision::kEscalate) << d.reason;
  EXPECT_EQ(d.escalation->reason, "urgent_matter");
  EXPECT_EQ(d.escalation->priority, "critical");
  EXPECT_THAT(d.text, HasSubstr("긴급 요청으로 우선 처리됩니다"));
}

TEST_F(Policy, PaymentErrorCueEscalatesToPayments) {
  auto d = turn("my payment failed twice", {}, false, nlu::Language::kEnglish);
  ASSERT_EQ(d.decision, decision::kEscalate) << d.reason;
  EXPECT_EQ(d.escalation->reason, "payment_issue");
  EXPECT_THAT(d.text, HasSubstr("payments team"));
}

TEST_F(Policy, SecondMissOffersAnAgent) {
  auto first = turn("화성 날씨 알려줘");
  ASSERT_EQ(first.decision, decision::kClarify) << first.reason;
  EXPECT_EQ(first.next.misses_in_row, 1);
  EXPECT_EQ(first.quick_replies.back(), "상담원 연결");
  auto second = turn("우주선 발사 일정", first.next);
  ASSERT_EQ(second.decision, decision::kOfferAgent) << second.reason;
  EXPECT_EQ(second.next.misses_in_row, 2);
}

TEST_F(Policy, NegativeSentimentGetsAnApologyFirst) {
  auto d = turn("영업시간이 너무 짧아서 불편해요. 영업시간 알려주세요");
  ASSERT_NE(d.decision, decision::kEscalate) << d.reason;
  EXPECT_THAT(d.text, StartsWith("불편을 드려 죄송합니다."));
}

TEST_F(Policy, GoodbyeClosesTheConversation) {
  auto d = turn("감사합니다 안녕히 계세요");
  EXPECT_EQ(d.decision, decision::kGoodbye) << d.reason;
  EXPECT_TRUE(d.close);
}

TEST_F(Policy, EnglishRepliesInEnglish) {
  auto d = turn("hello", {}, false, nlu::Language::kEnglish);
  EXPECT_EQ(d.decision, decision::kGreet);
  EXPECT_EQ(d.text, "Hello! How can I help you today?");
}

TEST(BotLoad, PolicyNamingAnUnknownScenarioStopsTheLoad) {
  const auto dir = std::filesystem::temp_directory_path() / "aicc-bot-copy";
  std::filesystem::remove_all(dir);
  std::filesystem::copy(kBot, dir, std::filesystem::copy_options::recursive);
  std::ofstream(dir / "policy.json")
      << R"({"intent_actions": {"reservation": {"action": "scenario", "scenario": "gone"}}})";
  bot::BotOptions options;
  options.dir = dir;
  options.model_path = cached_model();  // same intents as bot/: the cached model loads
  auto loaded = bot::BotEngine::load(options);
  std::filesystem::remove_all(dir);
  ASSERT_FALSE(loaded);
  EXPECT_THAT(loaded.error().message, HasSubstr("policy.json"));
  EXPECT_THAT(loaded.error().message, HasSubstr("\"gone\""));
}

TEST(BotLoad, MissingDirectoryIsNotFound) {
  bot::BotOptions options;
  options.dir = "/nonexistent/bot";
  auto loaded = bot::BotEngine::load(options);
  ASSERT_FALSE(loaded);
  EXPECT_EQ(loaded.error().code, ErrorCode::kNotFound);
}

}  // namespace
}  // namespace aicc::dialogue
