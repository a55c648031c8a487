// Phone numbers and e-mail addresses.
#include "entity_test_util.h"

namespace aicc::nlu {
namespace {

using testing::expect_none;
using testing::expect_one;
using testing::seoul_time;

class PhoneTest : public ::testing::Test {
 protected:
  EntityExtractor ex_;
  ManualClock clock_{seoul_time(2025, 6, 14)};
  void one(std::string_view text, std::string_view surface, std::string_view value) {
    expect_one(ex_, clock_.now(), text, entity_type::kPhone, surface, value);
  }
  void none(std::string_view text) { expect_none(ex_, clock_.now(), text, entity_type::kPhone); }
};

TEST_F(PhoneTest, KoreanMobileInEveryCommonShape) {
  one("010-1234-5678", "010-1234-5678", "+821012345678");
  one("제 번호는 01012345678 입니다", "01012345678", "+821012345678");
  one("연락처: 010 1234 5678로 주세요", "010 1234 5678", "+821012345678");
  one("010.1234.5678", "010.1234.5678", "+821012345678");
  one("번호010-1234-5678이에요", "010-1234-5678", "+821012345678");
  one("011-123-4567", "011-123-4567", "+82111234567");
}

TEST_F(PhoneTest, InternationalFormat) {
  one("+82 10-1234-5678", "+82 10-1234-5678", "+821012345678");
  one("+82 10 1234 5678 으로 연락 주세요", "+82 10 1234 5678", "+821012345678");
  one("+821012345678", "+821012345678", "+821012345678");
  one("+82-10-1234-5678", "+82-10-1234-5678", "+821012345678");
  one("+82 010-1234-5678", "+82 010-1234-5678", "+821012345678");  // a common mistake
  one("call +1 415 555 2671", "+1 415 555 2671", "+14155552671");
}

TEST_F(PhoneTest, LandlinesAndRepresentativeNumbers) {
  one("서울 02-123-4567", "02-123-4567", "+8221234567");
  one("02-1234-5678번", "02-1234-5678", "+82212345678");
  one("031-123-4567", "031-123-4567", "+82311234567");
  one("051 1234 5678", "051 1234 5678", "+825112345678");
  one("070-1234-5678", "070-1234-5678", "+827012345678");
  one("고객센터 1588-1234로 전화", "1588-1234", "15881234");
  one("1644-0000", "1644-0000", "16440000");
}

TEST_F(PhoneTest, FullWidthDigitsMapBackToOriginalBytes) {
  const std::string text = "번호는 ０１０－１２３４－５６７８ 입니다";
  one(text, "０１０－１２３４－５６７８", "+821012345678");
}

TEST_F(PhoneTest, TrailingNumbersDoNotSpoilTheMatch) {
  one("010 1234 5678 2개 주문", "010 1234 5678", "+821012345678");
  one("전화 010-1234-5678, 감사합니다", "010-1234-5678", "+821012345678");
}

TEST_F(PhoneTest, NotPhones) {
  none("주문번호 ORD-20240115-001");
  none("12345");
  none("2025-06-14");
  none("010-1234-567");    // one digit short
  none("010-12345-6789");  // middle group too long
  none("15881234");        // a bare 8-digit number is more likely an amount or a code
  none("30,000원");
  none("A01012345678");  // glued to a word
  none("3.14159");
}

TEST_F(PhoneTest, TwoNumbersInOneMessage) {
  const auto found = testing::of_type(
      ex_.extract("집 02-123-4567 또는 휴대폰 010-9876-5432", clock_.now()), entity_type::kPhone);
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].value, "+8221234567");
  EXPECT_EQ(found[1].value, "+821098765432");
}

class EmailTest : public PhoneTest {
 protected:
  void email(std::string_view text, std::string_view surface, std::string_view value) {
    expect_one(ex_, clock_.now(), text, entity_type::kEmail, surface, value);
  }
};

TEST_F(EmailTest, AddressesAreLowerCased) {
  email("Kim.MinSu@Example.co.kr", "Kim.MinSu@Example.co.kr", "kim.minsu@example.co.kr");
  email("메일은 kim@example.com 입니다.", "kim@example.com", "kim@example.com");
  email("이메일kim+cs@shop.example.com으로 보내주세요", "kim+cs@shop.example.com",
        "kim+cs@shop.example.com");
  email("contact: a_b-c@sub.domain.io.", "a_b-c@sub.domain.io", "a_b-c@sub.domain.io");
  email("ｋｉｍ＠ｅｘａｍｐｌｅ．ｃｏｍ", "ｋｉｍ＠ｅｘａｍｐｌｅ．ｃｏｍ", "kim@example.com");
}

TEST_F(EmailTest, NotAddresses) {
  for (const char* text : {"user@localhost", "@example.com", "kim@", "a@b.c", "kim@@x.com",
                           "kim@-x.com", "kim@x..com"}) {
    expect_none(ex_, clock_.now(), text, entity_type::kEmail);
  }
}

}  // namespace
}  // namespace aicc::nlu
