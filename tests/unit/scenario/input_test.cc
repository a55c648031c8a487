// Validation and normalisation of answers, one input type at a time, with Korean inputs.
#include "scenario/input.h"

#include <gtest/gtest.h>

#include "scenario_test_util.h"

namespace aicc::scenario {
namespace {

using testing::make_step;
using testing::option;
using testing::seoul_time;

class InputTest : public ::testing::Test {
 protected:
  // Wednesday 10 January 2024, 10:00 in Seoul.
  ManualClock clock{seoul_time(2024, 1, 10)};
  nlu::EntityExtractor extractor;

  AnswerCheck check(const Step& step, std::string_view answer,
                    Language language = Language::kKorean) {
    return check_answer(step, answer, extractor, clock.now(), language);
  }
  std::string value(const Step& step, std::string_view answer) {
    const auto c = check(step, answer);
    EXPECT_TRUE(c.valid()) << answer << " → " << c.message;
    return c.value.value_or("<invalid>");
  }
  std::string refusal(const Step& step, std::string_view answer,
                      Language language = Language::kKorean) {
    const auto c = check(step, answer, language);
    EXPECT_FALSE(c.valid()) << answer << " was accepted as " << c.value.value_or("");
    return c.message;
  }
};

TEST_F(InputTest, TextLengthCountsCharactersNotBytes) {
  Step step = make_step("name", InputType::kText);
  step.validation.min_length = 2;
  step.validation.max_length = 5;
  EXPECT_EQ(value(step, "  갤럭시  "), "갤럭시");  // trimmed; 3 characters, 9 bytes
  EXPECT_EQ(refusal(step, "폰"), "최소 2글자 이상 입력해주세요.");
  EXPECT_EQ(refusal(step, "갤럭시 S24 울트라"), "최대 5글자까지 입력 가능합니다.");
  EXPECT_EQ(refusal(step, "x", Language::kEnglish), "Please enter at least 2 characters.");
}

TEST_F(InputTest, TextDefaultsRefuseEmptyAnswers) {
  const Step step = make_step("memo", InputType::kText);
  EXPECT_EQ(refusal(step, "   "), "최소 1글자 이상 입력해주세요.");
  EXPECT_FALSE(check(step, std::string(1001, 'a')).valid());
  EXPECT_TRUE(check(step, std::string(1000, 'a')).valid());
}

TEST_F(InputTest, TextPatternMatchesTheWholeAnswer) {
  Step step = make_step("code", InputType::kText);
  step.validation.pattern = "[A-Z]{2}[0-9]{3}";
  EXPECT_EQ(value(step, "AB123"), "AB123");
  EXPECT_EQ(refusal(step, "AB1234"),
            "올바른 형식으로 입력해주세요.");  // prefix match is not enough
  step.error = {"코드는 AB123 형식입니다.", "Codes look like AB123."};
  EXPECT_EQ(refusal(step, "코드"), "코드는 AB123 형식입니다.");
  EXPECT_EQ(refusal(step, "code", Language::kEnglish), "Codes look like AB123.");
}

TEST_F(InputTest, TextRefusesInvalidUtf8) {
  const Step step = make_step("memo", InputType::kText);
  EXPECT_FALSE(check(step, "\xff\xfe").valid());
}

TEST_F(InputTest, ChoiceByNumberLabelSynonymAndEnding) {
  Step step = make_step("category", InputType::kChoice);
  step.options = {option("electronics", "전자제품", "Electronics", {"가전"}, {"gadgets"}),
                  option("clothing", "의류", "Clothing", {"옷"}), option("other", "기타", "Other")};
  EXPECT_EQ(value(step, "1"), "electronics");
  EXPECT_EQ(value(step, "１번"), "electronics");  // full-width digit, 번
  EXPECT_EQ(value(step, "전자제품"), "electronics");
  EXPECT_EQ(value(step, "전자제품이요"), "electronics");
  EXPECT_EQ(value(step, "가전"), "electronics");
  EXPECT_EQ(value(step, "GADGETS"), "electronics");
  EXPECT_EQ(value(step, "Clothing"), "clothing");
  EXPECT_EQ(value(step, "옷이요."), "clothing");
  EXPECT_EQ(value(step, "3"), "other");
  EXPECT_EQ(value(step, "기타"), "other");
  EXPECT_EQ(refusal(step, "4"), "올바른 선택지를 입력해주세요: 1. 전자제품, 2. 의류, 3. 기타");
  EXPECT_EQ(refusal(step, "food", Language::kEnglish),
            "Please choose one of: 1. Electronics, 2. Clothing, 3. Other");
  EXPECT_FALSE(check(step, "전자").valid());  // no guessing from a prefix
}

TEST_F(InputTest, NumberParsesKoreanHabitsAndChecksBounds) {
  Step step = make_step("people", InputType::kNumber);
  step.validation.min = 1;
  step.validation.max = 10;
  EXPECT_EQ(value(step, "3"), "3");
  EXPECT_EQ(value(step, "3명"), "3");
  EXPECT_EQ(value(step, "２"), "2");
  EXPECT_EQ(value(step, "2.5"), "2.5");
  EXPECT_EQ(refusal(step, "0"), "1 이상의 값을 입력해주세요.");
  EXPECT_EQ(refusal(step, "11"), "10 이하의 값을 입력해주세요.");
  EXPECT_EQ(refusal(step, "세 명"), "올바른 숫자를 입력해주세요.");
  EXPECT_EQ(refusal(step, "1e3"), "올바른 숫자를 입력해주세요.");
  EXPECT_EQ(refusal(step, "3만"), "올바른 숫자를 입력해주세요.");  // 30000, not 3
  step.validation.integer_only = true;
  EXPECT_FALSE(check(step, "2.5").valid());
}

TEST_F(InputTest, NumberAcceptsThousandsSeparators) {
  const Step step = make_step("amount", InputType::kNumber);
  EXPECT_EQ(value(step, "1,000"), "1000");
  EXPECT_EQ(value(step, "-2"), "-2");
  EXPECT_FALSE(check(step, ",5").valid());
  EXPECT_FALSE(check(step, "1.000.5").valid());
}

TEST_F(InputTest, DatesInEveryFormTheExtractorReads) {
  const Step step = make_step("date", InputType::kDate);
  EXPECT_EQ(value(step, "2024-01-15"), "2024-01-15");
  EXPECT_EQ(value(step, "1월 15일"), "2024-01-15");
  EXPECT_EQ(value(step, "내일"), "2024-01-11");
  EXPECT_EQ(value(step, "모레요"), "2024-01-12");
  EXPECT_EQ(value(step, "다음 주 월요일"), "2024-01-15");
  EXPECT_EQ(value(step, "tomorrow"), "2024-01-11");
  EXPECT_EQ(value(step, "2024-01-09"), "2024-01-09");  // past dates are fine without future_only
  EXPECT_EQ(refusal(step, "언젠가"), "올바른 날짜 형식으로 입력해주세요. (예: 2024-01-15)");
  EXPECT_EQ(refusal(step, "2024-02-30"), "올바른 날짜 형식으로 입력해주세요. (예: 2024-01-15)");
  EXPECT_EQ(refusal(step, "내일이나 모레"), "올바른 날짜 형식으로 입력해주세요. (예: 2024-01-15)");
}

TEST_F(InputTest, FutureOnlyRefusesTodayAndPastDates) {
  Step step = make_step("date", InputType::kDate);
  step.validation.future_only = true;
  EXPECT_EQ(refusal(step, "오늘"), "오늘 이후의 날짜를 입력해주세요.");
  EXPECT_EQ(refusal(step, "2024-01-10"), "오늘 이후의 날짜를 입력해주세요.");
  EXPECT_EQ(refusal(step, "2024-01-09"), "오늘 이후의 날짜를 입력해주세요.");
  EXPECT_EQ(refusal(step, "어제", Language::kEnglish), "Please enter a date after today.");
  EXPECT_EQ(value(step, "내일"), "2024-01-11");
  // Late evening in Seoul is already the next day in Seoul, whatever UTC says.
  clock.set(seoul_time(2024, 1, 10, 23));
  EXPECT_EQ(value(step, "2024-01-11"), "2024-01-11");
  clock.advance(std::chrono::hours{2});  // 01:00 on 11 January in Seoul
  EXPECT_FALSE(check(step, "2024-01-11").valid());
}

TEST_F(InputTest, MaxDaysAheadBoundsTheDate) {
  Step step = make_step("date", InputType::kDate);
  step.validation.future_only = true;
  step.validation.max_days_ahead = 30;
  EXPECT_EQ(value(step, "2024-02-09"), "2024-02-09");
  EXPECT_EQ(refusal(step, "2024-02-10"), "오늘부터 30일 이내의 날짜를 입력해주세요.");
}

TEST_F(InputTest, PhonesAreNormalisedToNationalFormWithHyphens) {
  const Step step = make_step("phone", InputType::kPhone);
  EXPECT_EQ(value(step, "01012345678"), "010-1234-5678");
  EXPECT_EQ(value(step, "010-1234-5678"), "010-1234-5678");
  EXPECT_EQ(value(step, "010 1234 5678이에요"), "010-1234-5678");
  EXPECT_EQ(value(step, "+82 10 1234 5678"), "010-1234-5678");
  EXPECT_EQ(value(step, "02-123-4567"), "02-123-4567");
  EXPECT_EQ(refusal(step, "12345"), "올바른 전화번호 형식으로 입력해주세요. (예: 010-1234-5678)");
  EXPECT_EQ(refusal(step, "010-1234-5678, 010-9999-8888"),
            "올바른 전화번호 형식으로 입력해주세요. (예: 010-1234-5678)");
}

TEST_F(InputTest, MobileOnlyRefusesLandlines) {
  Step step = make_step("phone", InputType::kPhone);
  step.validation.mobile_only = true;
  EXPECT_EQ(value(step, "01098765432"), "010-9876-5432");
  EXPECT_EQ(refusal(step, "02-123-4567"), "휴대폰 번호를 입력해주세요. (예: 010-1234-5678)");
  EXPECT_EQ(refusal(step, "02-123-4567", Language::kEnglish),
            "Please enter a mobile number (e.g. 010-1234-5678).");
}

TEST_F(InputTest, FormatKoreanPhone) {
  EXPECT_EQ(format_korean_phone("+821012345678"), "010-1234-5678");
  EXPECT_EQ(format_korean_phone("+8221234567"), "02-123-4567");
  EXPECT_EQ(format_korean_phone("+82312345678"), "031-234-5678");
  EXPECT_EQ(format_korean_phone("15881234"), "1588-1234");
  EXPECT_EQ(format_korean_phone("+14155550100"), std::nullopt);
}

TEST_F(InputTest, EmailIsLowerCased) {
  const Step step = make_step("email", InputType::kEmail);
  EXPECT_EQ(value(step, "Kim@Example.COM"), "kim@example.com");
  EXPECT_EQ(value(step, "제 메일은 kim@example.com 입니다"), "kim@example.com");
  EXPECT_EQ(refusal(step, "kim@"), "올바른 이메일 주소를 입력해주세요. (예: name@example.com)");
}

TEST_F(InputTest, OrderNumbersWithOrWithoutTheCue) {
  const Step step = make_step("order", InputType::kOrderNumber);
  EXPECT_EQ(value(step, "ord-20240115-001"), "ORD-20240115-001");
  EXPECT_EQ(value(step, "주문번호는 ORD20240115001이에요"), "ORD20240115001");
  EXPECT_EQ(value(step, "20240115001"), "20240115001");  // the question is the cue
  EXPECT_EQ(refusal(step, "모르겠어요"), "올바른 주문번호를 입력해주세요. (예: ORD-20240115-001)");
  EXPECT_FALSE(check(step, "12").valid());
}

TEST_F(InputTest, YesNoWordsInBothLanguages) {
  const Step step = make_step("ok", InputType::kYesNo);
  for (const char* yes : {"네", "예", "네네", "응", "맞아요", "Yes", "ok", "y"}) {
    EXPECT_EQ(value(step, yes), "yes") << yes;
  }
  for (const char* no : {"아니요", "아니오", "아뇨", "아니요.", "No", "nope"}) {
    EXPECT_EQ(value(step, no), "no") << no;
  }
  EXPECT_EQ(refusal(step, "글쎄요"), "'예' 또는 '아니요'로 답해주세요.");
  EXPECT_EQ(refusal(step, "maybe", Language::kEnglish), "Please answer 'yes' or 'no'.");
}

TEST_F(InputTest, YesNoStepOptionsAddWords) {
  Step step = make_step("confirm", InputType::kYesNo);
  step.options = {option("yes", "예", "Yes", {"취소해 주세요"}), option("no", "아니요", "No")};
  EXPECT_EQ(value(step, "취소해주세요"), "yes");
  EXPECT_EQ(value(step, "아니요"), "no");
}

TEST_F(InputTest, FormatNumber) {
  EXPECT_EQ(format_number(3), "3");
  EXPECT_EQ(format_number(2.5), "2.5");
  EXPECT_EQ(format_number(-0.0), "0");
  EXPECT_EQ(format_number(1000000), "1000000");
  EXPECT_EQ(format_number(0.125), "0.125");
}

}  // namespace
}  // namespace aicc::scenario
