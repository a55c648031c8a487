// The shipped bot/scenarios, loaded from the repository and walked end to end in Korean and
// English, including the unhappy paths.
#include <filesystem>

#include <gtest/gtest.h>

#include "scenario/engine.h"
#include "scenario/loader.h"
#include "scenario_test_util.h"

namespace aicc::scenario {
namespace {

using testing::seoul_time;

constexpr auto kKo = Language::kKorean;
constexpr auto kEn = Language::kEnglish;
const std::string kBotDir = std::string(AICC_SOURCE_DIR) + "/bot";

class ShippedScenarios : public ::testing::Test {
 protected:
  static ScenarioEngine load() {
    auto scenarios = load_scenarios(kBotDir + "/scenarios");
    if (!scenarios) throw std::runtime_error(scenarios.error().message);
    auto engine = ScenarioEngine::create(std::move(*scenarios), nlu::EntityExtractor());
    if (!engine) throw std::runtime_error(engine.error().message);
    return std::move(*engine);
  }

  // Wednesday 10 January 2024, 10:00 in Seoul.
  ManualClock clock{seoul_time(2024, 1, 10)};
  ScenarioEngine engine = load();

  Turn start(std::string_view id, Language language) {
    auto turn = engine.start(id, language);
    EXPECT_TRUE(turn) << turn.error().message;
    return *turn;
  }
  Turn say(const Turn& previous, std::string_view input, Language language) {
    EXPECT_FALSE(previous.state.finished()) << "answering a finished run: " << input;
    // Every turn goes through storage, as in production.
    auto state = engine.restore(state_to_json(previous.state));
    EXPECT_TRUE(state) << state.error().message;
    auto turn = engine.answer(*state, input, language, clock.now());
    EXPECT_TRUE(turn) << turn.error().message;
    return turn ? *turn : Turn{};
  }
};

TEST_F(ShippedScenarios, AllFourLoadWithTheirIntents) {
  for (const auto& [id, intent] :
       {std::pair{"product_inquiry", "product_inquiry"}, std::pair{"reservation", "reservation"},
        std::pair{"order_lookup", "order_status"}, std::pair{"cancel_refund", "cancel_request"}}) {
    const Scenario* s = engine.find_by_intent(intent);
    ASSERT_NE(s, nullptr) << intent;
    EXPECT_EQ(s->id, id);
    // The trigger intent is one the NLU knows.
    EXPECT_TRUE(std::filesystem::exists(kBotDir + "/intents/" + intent + ".json")) << intent;
    for (const auto& step : s->steps) {
      EXPECT_FALSE(step.prompt.en.empty()) << id << "/" << step.id << " has no English prompt";
    }
    EXPECT_FALSE(s->completion_message.en.empty()) << id;
  }
}

TEST_F(ShippedScenarios, ReservationInKorean) {
  Turn t = start("reservation", kKo);
  EXPECT_EQ(t.text,
            "어떤 서비스 예약을 원하시나요?\n1. 상담 예약\n2. 방문 서비스\n3. 전화 상담\n4. 기타");
  EXPECT_EQ(t.progress.step, 1);
  EXPECT_EQ(t.progress.total, 3);
  EXPECT_EQ(t.quick_replies.size(), 4u);
  t = say(t, "1", kKo);
  EXPECT_EQ(t.text, "희망하시는 날짜를 알려주세요. (예: 2024-01-15)");
  EXPECT_EQ(t.progress.percent, 33);
  t = say(t, "오늘", kKo);
  EXPECT_EQ(t.kind, TurnKind::kRetry);
  EXPECT_EQ(t.validation_message, "오늘 이후의 날짜를 입력해주세요.");
  t = say(t, "내일", kKo);
  EXPECT_EQ(t.text, "연락 가능한 전화번호를 알려주세요.");
  EXPECT_EQ(t.progress.step, 3);
  t = say(t, "010-1234", kKo);
  EXPECT_EQ(t.validation_message, "올바른 전화번호 형식으로 입력해주세요. (예: 010-1234-5678)");
  t = say(t, "01012345678", kKo);
  ASSERT_EQ(t.kind, TurnKind::kCompleted);
  EXPECT_EQ(t.text,
            "예약이 접수되었습니다. 상담 예약, 2024-01-11, 연락처 010-1234-5678. 담당자가 확인 후 "
            "연락드리겠습니다.");
  const std::map<std::string, std::string> slots{{"service_type", "consultation"},
                                                 {"preferred_date", "2024-01-11"},
                                                 {"contact_number", "010-1234-5678"}};
  EXPECT_EQ(t.slots, slots);
  ASSERT_TRUE(t.action);
  EXPECT_EQ(t.action->action.type, "record");
  EXPECT_EQ(t.action->action.kind, "reservation");
  EXPECT_EQ(t.action->slots, slots);
  EXPECT_EQ(t.progress.percent, 100);
}

TEST_F(ShippedScenarios, ReservationInEnglish) {
  Turn t = start("reservation", kEn);
  EXPECT_EQ(t.quick_replies[2].label, "Phone consultation");
  t = say(t, "Phone consultation", kEn);
  t = say(t, "next Monday", kEn);
  EXPECT_EQ(t.text, "Please give us a mobile number where we can reach you.");
  t = say(t, "02-123-4567", kEn);
  EXPECT_EQ(t.validation_message, "Please enter a valid mobile number. (e.g. 010-1234-5678)");
  t = say(t, "010 9876 5432", kEn);
  ASSERT_EQ(t.kind, TurnKind::kCompleted);
  EXPECT_EQ(t.text,
            "Your reservation has been received: Phone consultation on 2024-01-15, contact "
            "010-9876-5432. We will confirm it with you shortly.");
}

TEST_F(ShippedScenarios, ReservationEscalatesAfterThreeBadDates) {
  Turn t = say(start("reservation", kKo), "방문", kKo);
  t = say(t, "2023-12-25", kKo);
  t = say(t, "언제든지요", kKo);
  EXPECT_EQ(t.kind, TurnKind::kRetry);
  EXPECT_EQ(t.state.invalid_in_row, 2);
  t = say(t, "어제", kKo);
  EXPECT_EQ(t.kind, TurnKind::kEscalated);
  EXPECT_EQ(t.escalation_reason, "bot_limitation");
  EXPECT_EQ(t.text, "상담원에게 연결해드리겠습니다. 잠시만 기다려주세요.");
}

TEST_F(ShippedScenarios, ProductInquiryOtherEscalatesByNumberAndByWord) {
  for (const char* other : {"4", "기타", "4번", "Other"}) {
    Turn t = say(start("product_inquiry", kKo), "전자제품", kKo);
    t = say(t, "갤럭시 S24", kKo);
    EXPECT_EQ(t.text,
              "어떤 내용을 문의하시나요?\n1. 가격 정보\n2. 재고 확인\n3. 상품 상세정보\n4. 기타");
    t = say(t, other, kKo);
    EXPECT_EQ(t.kind, TurnKind::kEscalated) << other;
    EXPECT_EQ(t.escalation_reason, "complex_inquiry");
    EXPECT_EQ(t.slots.at("inquiry_type"), "other");
  }
}

TEST_F(ShippedScenarios, ProductInquiryCompletesInBothLanguages) {
  Turn t = start("product_inquiry", kKo);
  EXPECT_EQ(t.text,
            "어떤 종류의 상품에 대해 문의하시나요?\n1. 전자제품\n2. 의류\n3. 생활용품\n4. 기타");
  t = say(t, "2", kKo);
  EXPECT_EQ(t.text, "구체적으로 어떤 상품에 대해 문의하시나요?");
  t = say(t, "패", kKo);
  EXPECT_EQ(t.validation_message, "최소 2글자 이상 입력해주세요.");
  t = say(t, "겨울 패딩", kKo);
  t = say(t, "재고", kKo);
  ASSERT_EQ(t.kind, TurnKind::kCompleted);
  EXPECT_EQ(
      t.text,
      "문의가 접수되었습니다. (의류 · 겨울 패딩 · 재고 확인) 담당자가 검토 후 연락드리겠습니다.");

  Turn e = say(say(say(start("product_inquiry", kEn), "household", kEn), "Air purifier", kEn),
               "price", kEn);
  ASSERT_EQ(e.kind, TurnKind::kCompleted);
  EXPECT_EQ(e.text,
            "Your inquiry has been received (Household goods · Air purifier · Price). The person "
            "in charge will review it and contact you.");
}

TEST_F(ShippedScenarios, OrderLookup) {
  Turn t = start("order_lookup", kKo);
  EXPECT_EQ(t.progress.total, 1);
  t = say(t, "모르겠어요", kKo);
  EXPECT_EQ(t.kind, TurnKind::kRetry);
  EXPECT_NE(t.validation_message.find("마이페이지 > 주문내역"), std::string::npos);
  t = say(t, "주문번호는 ord-20240115-001이에요", kKo);
  ASSERT_EQ(t.kind, TurnKind::kCompleted);
  EXPECT_EQ(t.slots.at("order_number"), "ORD-20240115-001");
  EXPECT_NE(t.text.find("ORD-20240115-001"), std::string::npos);
  EXPECT_NE(t.text.find("담당자가 주문 상태를 확인"), std::string::npos);
  // AICC keeps no order database: the inquiry is stored for the team, not answered with an
  // invented status.
  ASSERT_TRUE(t.action);
  EXPECT_EQ(t.action->action.type, "record");
  EXPECT_EQ(t.action->action.kind, "order_inquiry");

  Turn e = say(start("order_lookup", kEn), "ORD-20240301-042", kEn);
  ASSERT_EQ(e.kind, TurnKind::kCompleted);
  EXPECT_EQ(e.text,
            "I've logged an inquiry for order ORD-20240301-042. Our team will check its status "
            "and get back to you. Anything else I can help with?");
}

TEST_F(ShippedScenarios, CancelRefundConfirmed) {
  Turn t = say(start("cancel_refund", kKo), "ORD-20240115-001", kKo);
  t = say(t, "2", kKo);
  EXPECT_EQ(
      t.text,
      "주문번호 ORD-20240115-001 주문을 '상품 불량' 사유로 취소/환불 신청할까요? (예/아니요)");
  EXPECT_EQ(t.quick_replies.size(), 2u);
  EXPECT_EQ(t.progress.step, 3);
  EXPECT_EQ(t.progress.total, 3);
  // On this question "취소해 주세요" is a yes, not a cancel of the form.
  EXPECT_FALSE(engine.is_cancel(t.state, "취소해 주세요"));
  t = say(t, "취소해 주세요", kKo);
  ASSERT_EQ(t.kind, TurnKind::kCompleted);
  EXPECT_EQ(t.slots.at("confirmed"), "yes");
  EXPECT_EQ(t.action->action.kind, "refund_request");
}

TEST_F(ShippedScenarios, CancelRefundDeclinedEndsPolitely) {
  Turn t = say(say(start("cancel_refund", kKo), "ORD-20240115-001", kKo), "단순 변심", kKo);
  t = say(t, "아니요", kKo);
  EXPECT_EQ(t.kind, TurnKind::kCancelled);
  EXPECT_EQ(
      t.text,
      "알겠습니다. 취소/환불 신청은 진행하지 않았습니다. 더 도와드릴 일이 있으면 말씀해 주세요.");
  EXPECT_FALSE(t.action);
}

TEST_F(ShippedScenarios, CancelRefundOtherReasonAsksForDetailInEnglish) {
  Turn t = say(start("cancel_refund", kEn), "ORD-20240115-001", kEn);
  EXPECT_EQ(t.progress.total, 4);  // order → reason → (detail) → confirm
  t = say(t, "5", kEn);
  EXPECT_EQ(t.text, "Please describe the reason briefly.");
  t = say(t, "Wrong colour", kEn);
  EXPECT_EQ(t.text,
            "Shall I request a cancellation/refund of order ORD-20240115-001 for the reason "
            "'Other'? (yes/no)");
  t = say(t, "yes", kEn);
  ASSERT_EQ(t.kind, TurnKind::kCompleted);
  EXPECT_EQ(t.slots.at("reason_detail"), "Wrong colour");
}

TEST_F(ShippedScenarios, CancelWordMidScenario) {
  Turn t = say(start("cancel_refund", kKo), "취소", kKo);
  EXPECT_EQ(t.kind, TurnKind::kCancelled);
  t = say(say(start("reservation", kKo), "2", kKo), "그만할래요", kKo);
  EXPECT_EQ(t.kind, TurnKind::kCancelled);
  EXPECT_EQ(t.text, "예약 접수를 취소했습니다. 더 도와드릴 일이 있으면 말씀해 주세요.");
  EXPECT_FALSE(engine.answer(t.state, "내일", kKo, clock.now()));
}

}  // namespace
}  // namespace aicc::scenario
