// Matching of short answers (keys, cancel words) and {slot} templates.
#include "scenario/matching.h"

#include <gtest/gtest.h>

#include "scenario/template.h"
#include "scenario_test_util.h"

namespace aicc::scenario {
namespace {

using testing::make_step;
using testing::option;

TEST(MatchKey, IgnoresCaseWidthSpacesAndTrailingPunctuation) {
  EXPECT_EQ(match_key("  Yes! "), "yes");
  EXPECT_EQ(match_key("상담 예약"), "상담예약");
  EXPECT_EQ(match_key("ＯＫ"), "ok");
  EXPECT_EQ(match_key("취소요~"), "취소요");
  EXPECT_EQ(match_key(""), "");
}

TEST(AnswerKeys, DropOneKoreanEnding) {
  EXPECT_EQ(answer_keys("전자제품이요"), (std::vector<std::string>{"전자제품이요", "전자제품"}));
  EXPECT_EQ(answer_keys("2번"), (std::vector<std::string>{"2번", "2"}));
  EXPECT_EQ(answer_keys("의류"), (std::vector<std::string>{"의류"}));
  EXPECT_TRUE(answer_keys("  ").empty());
}

TEST(CancelWords, WholeAnswerWithPoliteEndings) {
  const auto& words = default_cancel_words();
  for (const char* yes :
       {"취소", "취소요", "취소할게요", "취소 해 주세요", "그만", "그만할래요", "그만 할게요",
        "중단", "cancel", "Cancel please", "STOP", "please stop", "quit"}) {
    EXPECT_TRUE(is_cancel_input(yes, words)) << yes;
  }
  for (const char* no :
       {"주문 취소하고 싶어요", "취소 수수료가 있나요?", "취소된 주문", "stopwatch", "", "네"}) {
    EXPECT_FALSE(is_cancel_input(no, words)) << no;
  }
}

TEST(CancelWords, AreConfigurable) {
  EXPECT_TRUE(is_cancel_input("나가기", {"나가기"}));
  EXPECT_FALSE(is_cancel_input("취소", {"나가기"}));
}

TEST(StepClaimsAnswer, OptionsWinOverCancelWords) {
  Step confirm = make_step("confirm", InputType::kYesNo);
  confirm.options = {option("yes", "예", "Yes", {"취소해 주세요"}), option("no", "아니요", "No")};
  EXPECT_TRUE(step_claims_answer(confirm, "취소해주세요"));
  EXPECT_FALSE(step_claims_answer(confirm, "취소"));
  const Step text = make_step("memo", InputType::kText);
  EXPECT_FALSE(step_claims_answer(text, "취소"));  // free text never hides a cancel
}

TEST(MatchOption, AmbiguousAnswersSelectNothing) {
  Step step = make_step("c", InputType::kChoice);
  step.options = {option("a", "상담", "A", {"전화"}), option("b", "전화 상담", "B", {"전화"})};
  EXPECT_EQ(match_option(step, "전화"), nullptr);
  ASSERT_NE(match_option(step, "전화 상담"), nullptr);
  EXPECT_EQ(match_option(step, "전화 상담")->value, "b");
}

TEST(Template, ParsesPlaceholdersAndLiteralBraces) {
  const auto p = parse_template("{name}님, {{예시}} {date}에 {name}");
  EXPECT_TRUE(p.error.empty()) << p.error;
  EXPECT_EQ(p.placeholders, (std::vector<std::string>{"name", "date", "name"}));
}

TEST(Template, ReportsMalformedBraces) {
  EXPECT_NE(parse_template("{name").error, "");
  EXPECT_NE(parse_template("name}").error, "");
  EXPECT_NE(parse_template("{이름}").error, "");
  EXPECT_NE(parse_template("{}").error, "");
}

TEST(Template, RendersKnownSlotsAndKeepsUnknownOnes) {
  const auto lookup = [](std::string_view name) -> std::optional<std::string> {
    if (name == "date") return "2024-01-15";
    return std::nullopt;
  };
  EXPECT_EQ(render_template("{date}에 뵙겠습니다 {{}} {who}", lookup),
            "2024-01-15에 뵙겠습니다 {} {who}");
  EXPECT_EQ(render_template("괄호 {", lookup), "괄호 {");  // malformed: shown as written
}

}  // namespace
}  // namespace aicc::scenario
