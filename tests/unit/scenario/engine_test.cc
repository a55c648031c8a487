// The engine's turns on a small scenario built in code: prompts, branches, templates,
// progress, retries, cancel, finished runs.
#include "scenario/engine.h"

#include <gtest/gtest.h>

#include "scenario_test_util.h"

namespace aicc::scenario {
namespace {

using testing::make_engine;
using testing::make_scenario;
using testing::make_step;
using testing::option;
using testing::seoul_time;

constexpr auto kKo = Language::kKorean;
constexpr auto kEn = Language::kEnglish;

// kind ─┬─ other ─────────────► escalate (customer_request)
//       ├─ complaint ─────────► detail ─► complete
//       └─ (default) ► count ─┬─ 4..5 ─► detail
//                             └─ (default) ► complete
Scenario survey() {
  Step kind = make_step("kind", InputType::kChoice, "어떤 일로 오셨나요?");
  kind.prompt.en = "What brings you here?";
  kind.options = {option("inquiry", "문의", "Inquiry"), option("complaint", "불만", "Complaint"),
                  option("other", "기타", "Other")};
  kind.branches = {Branch{{Condition::Kind::kEquals, {"other"}}, "escalate", "customer_request"},
                   Branch{{Condition::Kind::kEquals, {"complaint"}}, "detail", ""}};
  kind.next = "count";
  Step count = make_step("count", InputType::kNumber, "몇 개인가요?");
  count.validation.min = 1;
  count.validation.max = 5;
  Condition many;
  many.kind = Condition::Kind::kRange;
  many.min = 4;
  count.branches = {Branch{many, "detail", ""}};
  count.next = "complete";
  Step detail = make_step("detail", InputType::kText, "{kind} 내용을 적어 주세요.");
  detail.prompt.en = "Please describe your {kind}.";
  detail.slot = "memo";
  Scenario s = make_scenario("survey", {kind, count, detail});
  s.trigger_intents = {"general_inquiry"};
  s.completion_message = {"{kind} 접수 완료", "{kind} received"};
  s.completion_action = CompletionAction{"record", "ticket", ""};
  return s;
}

class EngineTest : public ::testing::Test {
 protected:
  ScenarioEngine engine = make_engine({survey()});
  TimePoint now = seoul_time(2024, 1, 10);

  Turn start(Language language = kKo) {
    auto turn = engine.start("survey", language);
    EXPECT_TRUE(turn) << turn.error().message;
    return *turn;
  }
  Turn say(const Turn& previous, std::string_view input, Language language = kKo) {
    auto turn = engine.answer(previous.state, input, language, now);
    EXPECT_TRUE(turn) << turn.error().message;
    return turn ? *turn : Turn{};
  }
};

TEST_F(EngineTest, StartAsksTheFirstStepWithChips) {
  const Turn t = start();
  EXPECT_EQ(t.kind, TurnKind::kPrompt);
  EXPECT_EQ(t.text, "어떤 일로 오셨나요?");
  EXPECT_EQ(t.step_id, "kind");
  EXPECT_FALSE(t.state.finished());
  ASSERT_EQ(t.quick_replies.size(), 3u);
  EXPECT_EQ(t.quick_replies[1].label, "불만");
  EXPECT_EQ(start(kEn).quick_replies[1].value, "Complaint");
  EXPECT_EQ(start(kEn).text, "What brings you here?");
}

TEST_F(EngineTest, StartUnknownScenarioIsNotFound) {
  const auto turn = engine.start("nope", kKo);
  ASSERT_FALSE(turn);
  EXPECT_EQ(turn.error().code, ErrorCode::kNotFound);
}

TEST_F(EngineTest, ProgressFollowsTheLongestRemainingPath) {
  const Turn t1 = start();
  EXPECT_EQ(t1.progress.step, 1);
  EXPECT_EQ(t1.progress.total, 3);  // kind → count → detail
  EXPECT_EQ(t1.progress.percent, 0);
  const Turn t2 = say(t1, "1");
  EXPECT_EQ(t2.step_id, "count");
  EXPECT_EQ(t2.progress.step, 2);
  EXPECT_EQ(t2.progress.total, 3);
  EXPECT_EQ(t2.progress.percent, 33);
  const Turn t3 = say(t2, "2");
  EXPECT_EQ(t3.kind, TurnKind::kCompleted);
  EXPECT_EQ(t3.progress.step, 2);  // the short branch: 2 of 2
  EXPECT_EQ(t3.progress.total, 2);
  EXPECT_EQ(t3.progress.percent, 100);
}

TEST_F(EngineTest, CompletionFillsTemplatesWithLabelsAndCarriesTheAction) {
  const Turn done = say(say(start(), "문의"), "3개");
  EXPECT_EQ(done.kind, TurnKind::kCompleted);
  EXPECT_EQ(done.text, "문의 접수 완료");
  EXPECT_TRUE(done.state.finished());
  EXPECT_EQ(done.state.status, RunStatus::kCompleted);
  ASSERT_TRUE(done.action.has_value());
  EXPECT_EQ(done.action->action.type, "record");
  EXPECT_EQ(done.action->action.kind, "ticket");
  const std::map<std::string, std::string> slots{{"kind", "inquiry"}, {"count", "3"}};
  EXPECT_EQ(done.action->slots, slots);
  EXPECT_EQ(done.slots, slots);
  EXPECT_EQ(done.state.path, (std::vector<std::string>{"kind", "count"}));
}

TEST_F(EngineTest, ChoiceBranchGoesToItsStepAndRendersThePrompt) {
  const Turn t = say(start(), "불만이요");
  EXPECT_EQ(t.step_id, "detail");
  EXPECT_EQ(t.text, "불만 내용을 적어 주세요.");
  EXPECT_EQ(t.progress.step, 2);
  EXPECT_EQ(t.progress.total, 2);
  const Turn en = say(start(kEn), "complaint", kEn);
  EXPECT_EQ(en.text, "Please describe your Complaint.");
  const Turn done = say(t, "배송이 너무 늦어요");
  EXPECT_EQ(done.kind, TurnKind::kCompleted);
  EXPECT_EQ(done.slots.at("memo"), "배송이 너무 늦어요");
}

TEST_F(EngineTest, NumberRangeBranch) {
  const Turn t = say(say(start(), "1"), "4");
  EXPECT_EQ(t.kind, TurnKind::kPrompt);
  EXPECT_EQ(t.step_id, "detail");
  EXPECT_EQ(t.progress.step, 3);
  EXPECT_EQ(t.progress.total, 3);
  EXPECT_EQ(t.progress.percent, 66);
}

TEST_F(EngineTest, BranchToEscalateCarriesItsReason) {
  for (const char* other : {"3", "기타", "Other"}) {
    const Turn t = say(start(), other);
    EXPECT_EQ(t.kind, TurnKind::kEscalated) << other;
    EXPECT_EQ(t.escalation_reason, "customer_request");
    EXPECT_EQ(t.text, "상담원에게 연결해드리겠습니다.");
    EXPECT_EQ(t.state.status, RunStatus::kEscalated);
    EXPECT_EQ(t.slots.at("kind"), "other");
  }
}

TEST_F(EngineTest, InvalidAnswerRetriesWithMessageAndPrompt) {
  const Turn t = say(start(), "몰라요");
  EXPECT_EQ(t.kind, TurnKind::kRetry);
  EXPECT_EQ(t.validation_message, "올바른 선택지를 입력해주세요: 1. 문의, 2. 불만, 3. 기타");
  EXPECT_EQ(t.text, t.validation_message + "\n어떤 일로 오셨나요?");
  EXPECT_EQ(t.step_id, "kind");
  EXPECT_EQ(t.state.retries, 1);
  EXPECT_EQ(t.state.invalid_in_row, 1);
  EXPECT_EQ(t.quick_replies.size(), 3u);
  const Turn ok = say(t, "1");
  EXPECT_EQ(ok.state.retries, 0);
  EXPECT_EQ(ok.state.invalid_in_row, 0);
}

TEST_F(EngineTest, RetryLimitEscalatesAsBotLimitation) {
  Turn t = say(start(), "1");
  t = say(t, "0");
  t = say(t, "여섯");
  EXPECT_EQ(t.kind, TurnKind::kRetry);
  EXPECT_EQ(t.state.retries, 2);
  t = say(t, "100");
  EXPECT_EQ(t.kind, TurnKind::kEscalated);
  EXPECT_EQ(t.escalation_reason, "bot_limitation");
  EXPECT_EQ(t.validation_message, "5 이하의 값을 입력해주세요.");
  EXPECT_EQ(t.state.invalid_in_row, 3);
  EXPECT_TRUE(t.state.finished());
}

TEST_F(EngineTest, RetryLimitIsPerStep) {
  Scenario s = survey();
  s.steps[0].retry_limit = 1;
  const ScenarioEngine strict = make_engine({s});
  const auto t = strict.answer(strict.start("survey", kKo)->state, "몰라요", kKo, now);
  ASSERT_TRUE(t);
  EXPECT_EQ(t->kind, TurnKind::kEscalated);
}

TEST_F(EngineTest, CancelMidWay) {
  const Turn t = say(say(start(), "1"), "그만할게요");
  EXPECT_EQ(t.kind, TurnKind::kCancelled);
  EXPECT_EQ(t.text, "취소했습니다.");
  EXPECT_EQ(t.state.status, RunStatus::kCancelled);
  EXPECT_EQ(t.slots.at("kind"), "inquiry");  // what was collected is still reported
  const Turn en = say(start(kEn), "cancel", kEn);
  EXPECT_EQ(en.text, "Cancelled.");
}

TEST_F(EngineTest, FinishedRunRefusesInput) {
  const Turn done = say(say(start(), "1"), "2");
  const auto more = engine.answer(done.state, "1", kKo, now);
  ASSERT_FALSE(more);
  EXPECT_EQ(more.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_FALSE(engine.repeat(done.state, kKo));
  EXPECT_FALSE(engine.cancel(done.state, kKo));
  const Turn cancelled = say(start(), "취소");
  EXPECT_EQ(engine.answer(cancelled.state, "1", kKo, now).error().code,
            ErrorCode::kFailedPrecondition);
}

TEST_F(EngineTest, StateFromAnotherBotIsNotFound) {
  ScenarioState state = start().state;
  state.step_id = "removed_step";
  EXPECT_EQ(engine.answer(state, "1", kKo, now).error().code, ErrorCode::kNotFound);
  state.scenario_id = "removed_scenario";
  EXPECT_EQ(engine.answer(state, "1", kKo, now).error().code, ErrorCode::kNotFound);
}

TEST_F(EngineTest, RepeatAndCancelOnRequest) {
  const Turn t = say(start(), "1");
  const auto again = engine.repeat(t.state, kEn);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->step_id, "count");
  EXPECT_EQ(again->state, t.state);
  const auto cancelled = engine.cancel(t.state, kKo);
  ASSERT_TRUE(cancelled);
  EXPECT_EQ(cancelled->kind, TurnKind::kCancelled);
}

TEST_F(EngineTest, IsCancel) {
  EXPECT_TRUE(engine.is_cancel("취소"));
  EXPECT_TRUE(engine.is_cancel("stop"));
  EXPECT_FALSE(engine.is_cancel("주문 취소 문의"));
  EXPECT_TRUE(engine.is_cancel(start().state, "그만"));
}

TEST_F(EngineTest, TurnsAreDeterministic) {
  const Turn a = say(say(start(), "1"), "내일");
  const Turn b = say(say(start(), "1"), "내일");
  EXPECT_EQ(a.state, b.state);
  EXPECT_EQ(a.text, b.text);
}

TEST_F(EngineTest, FindByIntent) {
  ASSERT_NE(engine.find_by_intent("general_inquiry"), nullptr);
  EXPECT_EQ(engine.find_by_intent("general_inquiry")->id, "survey");
  EXPECT_EQ(engine.find_by_intent("greeting"), nullptr);
}

TEST(EngineCreate, RefusesInvalidDefinitions) {
  Scenario s = survey();
  s.steps[0].next = "nowhere";
  auto engine = ScenarioEngine::create({s, survey()}, nlu::EntityExtractor());
  ASSERT_FALSE(engine);
  EXPECT_EQ(engine.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(engine.error().message.find("unknown step 'nowhere'"), std::string::npos);
  EXPECT_NE(engine.error().message.find("duplicate scenario id"), std::string::npos);
}

}  // namespace
}  // namespace aicc::scenario
