#include "core/pii.h"

#include <gtest/gtest.h>

namespace aicc {
namespace {

TEST(Pii, MasksKoreanMobileNumbersInAnyForm) {
  EXPECT_EQ(mask_pii("연락처 010-1234-5678 입니다"), "연락처 010-****-5678 입니다");
  EXPECT_EQ(mask_pii("01012345678"), "010****5678");
  EXPECT_EQ(mask_pii("010 1234 5678"), "010 **** 5678");
  EXPECT_EQ(mask_pii("+82 10 1234 5678"), "+82 ** **** 5678");
  EXPECT_EQ(mask_pii("02-123-4567"), "02-***-4567");
}

TEST(Pii, MasksEmails) {
  EXPECT_EQ(mask_pii("mail kim.minsu@example.co.kr now"), "mail k********@example.co.kr now");
  EXPECT_EQ(mask_pii("a@b.cd"), "a@b.cd");  // one-letter local part: nothing left to hide
  EXPECT_EQ(mask_pii("user@localhost"), "user@localhost");  // not a routable address
}

TEST(Pii, MasksLuhnValidCardNumbers) {
  EXPECT_EQ(mask_pii("카드 4111 1111 1111 1111"), "카드 **** **** **** 1111");
  EXPECT_EQ(mask_pii("4111-1111-1111-1111"), "****-****-****-1111");
  // Same length, bad checksum: an order number, not a card.
  EXPECT_EQ(mask_pii("4111111111111112"), "4111111111111112");
}

TEST(Pii, MasksResidentRegistrationNumbers) {
  EXPECT_EQ(mask_pii("주민번호 900101-1234567"), "주민번호 ******-*******");
  EXPECT_EQ(mask_pii("9001011234567"), "*************");
}

TEST(Pii, LeavesOrdinaryTextAndNumbersAlone) {
  for (const char* s : {"주문번호 ORD-20240115-001", "3만원", "오후 3시", "2026-11-24", "12345",
                        "version 1.2.3", "A1234567890"}) {
    EXPECT_EQ(mask_pii(s), s);
    EXPECT_FALSE(contains_pii(s));
  }
}

}  // namespace
}  // namespace aicc
