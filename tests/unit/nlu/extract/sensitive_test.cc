// Card numbers, resident registration numbers, masking and the JSON form.
#include <boost/json.hpp>

#include "entity_test_util.h"

namespace aicc::nlu {
namespace {

using testing::expect_none;
using testing::expect_one;
using testing::of_type;
using testing::seoul_time;

class SensitiveTest : public ::testing::Test {
 protected:
  EntityExtractor ex_;
  ManualClock clock_{seoul_time(2025, 6, 14)};
  std::vector<Entity> extract(std::string_view text) { return ex_.extract(text, clock_.now()); }
};

TEST_F(SensitiveTest, LuhnValidCardNumbersInAnyGrouping) {
  const auto now = clock_.now();
  expect_one(ex_, now, "카드번호 4111 1111 1111 1111 입니다", entity_type::kCardNumber,
             "4111 1111 1111 1111", "************1111");
  expect_one(ex_, now, "4111-1111-1111-1111", entity_type::kCardNumber, "4111-1111-1111-1111",
             "************1111");
  expect_one(ex_, now, "5500000000000004로 결제", entity_type::kCardNumber, "5500000000000004",
             "************0004");
  expect_one(ex_, now, "amex 3782 822463 10005", entity_type::kCardNumber, "3782 822463 10005",
             "***********0005");
  expect_one(ex_, now, "４１１１１１１１１１１１１１１１", entity_type::kCardNumber,
             "４１１１１１１１１１１１１１１１", "************1111");
}

TEST_F(SensitiveTest, NonLuhnOrOddlyGroupedNumbersAreNotCards) {
  const auto now = clock_.now();
  expect_none(ex_, now, "4111111111111112", entity_type::kCardNumber);  // checksum fails
  expect_none(ex_, now, "1234 5678 9012 3456", entity_type::kCardNumber);
  expect_none(ex_, now, "0000 0000 0000 0000", entity_type::kCardNumber);  // Luhn-valid, no card
  expect_none(ex_, now, "411-11111111-11111", entity_type::kCardNumber);   // Luhn-valid, odd groups
  expect_none(ex_, now, "41111111111", entity_type::kCardNumber);          // too short
}

TEST_F(SensitiveTest, ResidentRegistrationNumbers) {
  const auto now = clock_.now();
  expect_one(ex_, now, "주민번호 900101-1234567 입니다", entity_type::kResidentNumber,
             "900101-1234567", "******-*******");
  expect_one(ex_, now, "9001012234567", entity_type::kResidentNumber, "9001012234567",
             "******-*******");
  expect_one(ex_, now, "051231-4123456", entity_type::kResidentNumber, "051231-4123456",
             "******-*******");  // born 2005 (gender digit 4)
}

TEST_F(SensitiveTest, ResidentNumbersNeedAValidBirthDateAndGenderDigit) {
  const auto now = clock_.now();
  expect_none(ex_, now, "901301-1234567", entity_type::kResidentNumber);  // month 13
  expect_none(ex_, now, "900230-1234567", entity_type::kResidentNumber);  // 30 February
  expect_none(ex_, now, "900101-9234567", entity_type::kResidentNumber);  // gender digit 9
  expect_none(ex_, now, "010229-3123456", entity_type::kResidentNumber);  // 2001 not leap
  expect_one(ex_, now, "000229-3123456", entity_type::kResidentNumber, "000229-3123456",
             "******-*******");  // 2000 is a leap year
}

TEST_F(SensitiveTest, ClearNumbersNeverReachTheEntity) {
  const auto all = extract("카드 4111-1111-1111-1111, 주민번호 900101-1234567");
  ASSERT_EQ(all.size(), 2u);
  for (const auto& e : all) {
    EXPECT_TRUE(e.sensitive);
    EXPECT_EQ(e.text.find("1234567"), std::string::npos) << e.text;
    EXPECT_EQ(e.text.find("4111-1111-1111"), std::string::npos) << e.text;
    EXPECT_EQ(e.value.find("4111"), std::string::npos) << e.value;
  }
  EXPECT_EQ(all[0].text, "****-****-****-1111");
  EXPECT_EQ(all[1].text, "******-*******");
  const std::string json = entities_to_json(all);
  EXPECT_EQ(json.find("1234567"), std::string::npos) << json;
}

TEST_F(SensitiveTest, MaskSensitiveKeepsTheShape) {
  const std::string text =
      "카드 4111 1111 1111 1111 주민 900101-1234567 폰 010-1234-5678 메일 kim@example.com "
      "센터 1588-1234";
  EXPECT_EQ(mask_sensitive(text, extract(text)),
            "카드 **** **** **** 1111 주민 ******-******* 폰 010-****-5678 메일 k**@example.com "
            "센터 1588-1234");
}

TEST_F(SensitiveTest, MaskSensitiveHandlesFullWidthAndInternationalForms) {
  const std::string text = "＋82 10 1234 5678 / ０１０１２３４５６７８";
  EXPECT_EQ(mask_sensitive(text, extract(text)), "＋82 ** **** 5678 / ０１０****５６７８");
}

TEST_F(SensitiveTest, MaskSensitiveSkipsSpansThatDoNotFitTheText) {
  Entity bogus{std::string(entity_type::kCardNumber), "x", 3, 400, "x", true};
  Entity split{std::string(entity_type::kPhone), "x", 1, 4, "+8210", false};  // inside 가
  EXPECT_EQ(mask_sensitive("가나다", {bogus, split}), "가나다");
  EXPECT_EQ(mask_sensitive("no entities", {}), "no entities");
}

TEST_F(SensitiveTest, JsonIsValidAndEscaped) {
  const std::string text = "\"따옴표\" 010-1234-5678\t\\ 카드 4111111111111111";
  const auto all = extract(text);
  const auto json = entities_to_json(all);
  const boost::json::value parsed = boost::json::parse(json);
  const auto& arr = parsed.as_array();
  ASSERT_EQ(arr.size(), 2u);
  const auto& phone = arr[0].as_object();
  EXPECT_EQ(phone.at("type").as_string(), "phone");
  EXPECT_EQ(phone.at("text").as_string(), "010-1234-5678");
  EXPECT_EQ(phone.at("value").as_string(), "+821012345678");
  EXPECT_EQ(phone.at("begin").as_int64(), static_cast<std::int64_t>(text.find("010")));
  EXPECT_EQ(phone.at("sensitive").as_bool(), false);
  EXPECT_EQ(arr[1].as_object().at("text").as_string(), "************1111");
  EXPECT_EQ(arr[1].as_object().at("sensitive").as_bool(), true);

  const std::vector<Entity> odd{{"product", "a\"b\\c\n\x01", 0, 1, "\xED\x95\x9C", false}};
  const auto parsed_odd = boost::json::parse(entities_to_json(odd));
  EXPECT_EQ(parsed_odd.as_array()[0].as_object().at("text").as_string(), "a\"b\\c\n\x01");
  EXPECT_EQ(entities_to_json({}), "[]");
}

TEST_F(SensitiveTest, JsonMasksSensitiveTextEvenIfACallerBuiltTheEntity) {
  const std::vector<Entity> handmade{
      {std::string(entity_type::kCardNumber), "4111111111111111", 0, 16, "x", true}};
  EXPECT_EQ(entities_to_json(handmade).find("4111111111111111"), std::string::npos);
}

}  // namespace
}  // namespace aicc::nlu
