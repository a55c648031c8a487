// Times of day and amounts of money.
#include "entity_test_util.h"

namespace aicc::nlu {
namespace {

using testing::expect_none;
using testing::expect_one;
using testing::seoul_time;

class TimeTest : public ::testing::Test {
 protected:
  EntityExtractor ex_;
  ManualClock clock_{seoul_time(2025, 6, 14)};
  void time(std::string_view text, std::string_view surface, std::string_view value) {
    expect_one(ex_, clock_.now(), text, entity_type::kTime, surface, value);
  }
  void none(std::string_view text) { expect_none(ex_, clock_.now(), text, entity_type::kTime); }
};

TEST_F(TimeTest, KoreanHoursWithPeriod) {
  time("오후 3시에 전화 주세요", "오후 3시", "15:00");
  time("오전 10시 30분", "오전 10시 30분", "10:30");
  time("오전10시30분까지", "오전10시30분", "10:30");
  time("오후 12시", "오후 12시", "12:00");
  time("오전 12시", "오전 12시", "00:00");
  time("저녁 7시쯤", "저녁 7시", "19:00");
  time("아침 9시", "아침 9시", "09:00");
  time("밤 11시", "밤 11시", "23:00");
  time("밤 12시", "밤 12시", "00:00");
  time("새벽 2시", "새벽 2시", "02:00");
  time("점심 12시 반", "점심 12시 반", "12:30");
  time("오후 3:30", "오후 3:30", "15:30");
}

TEST_F(TimeTest, BareKoreanHoursAreReadInBusinessHours) {
  time("3시 반에 갈게요", "3시 반", "15:30");
  time("3시", "3시", "15:00");
  time("10시까지", "10시", "10:00");
  time("15시 20분", "15시 20분", "15:20");
  time("세 시에 전화 주세요", "세 시", "15:00");
  time("열한시", "열한시", "11:00");
  time("두시 반", "두시 반", "14:30");
}

TEST_F(TimeTest, NoonMidnightAndDigitalClock) {
  time("정오에 만나요", "정오", "12:00");
  time("자정까지", "자정", "00:00");
  time("15:30", "15:30", "15:30");
  time("9:05에", "9:05", "09:05");
  time("at 10:15:30", "10:15:30", "10:15");
  time("noon", "noon", "12:00");
  time("before midnight", "midnight", "00:00");
}

TEST_F(TimeTest, EnglishAmPm) {
  time("3pm", "3pm", "15:00");
  time("at 3 PM please", "3 PM", "15:00");
  time("3:30 PM", "3:30 PM", "15:30");
  time("10 a.m.", "10 a.m.", "10:00");
  time("12am", "12am", "00:00");
  time("12pm", "12pm", "12:00");
}

TEST_F(TimeTest, DurationsAndOtherWordsAreNotTimes) {
  none("3시간 걸려요");  // a duration
  none("1시간 30분");
  none("30분 기다렸어요");
  none("오후에 전화 주세요");  // a period without an hour
  none("시작했어요");
  none("3:1 비율");
  none("25:00");
  none("오후 13시간");
  none("I am here");
  none("네 시간이 없어요");  // 네 (yes) + 시간
}

TEST_F(TimeTest, HalfPastIsNotConfusedWithReturns) {
  time("오후 3시 반품 수거", "오후 3시", "15:00");  // 반품 (a return), not 반 (half past)
}

class MoneyTest : public TimeTest {
 protected:
  void money(std::string_view text, std::string_view surface, std::string_view value) {
    expect_one(ex_, clock_.now(), text, entity_type::kMoney, surface, value);
  }
  void no_money(std::string_view text) {
    expect_none(ex_, clock_.now(), text, entity_type::kMoney);
  }
};

TEST_F(MoneyTest, Won) {
  money("3만원", "3만원", "30000 KRW");
  money("30,000원 결제했어요", "30,000원", "30000 KRW");
  money("30000원", "30000원", "30000 KRW");
  money("30,000 원", "30,000 원", "30000 KRW");
  money("5천원", "5천원", "5000 KRW");
  money("3만 5천원", "3만 5천원", "35000 KRW");
  money("3만5천원이요", "3만5천원", "35000 KRW");
  money("1억 2천만 원", "1억 2천만 원", "120000000 KRW");
  money("3.5만원", "3.5만원", "35000 KRW");
  money("300만원", "300만원", "3000000 KRW");
  money("3만 5000원", "3만 5000원", "35000 KRW");
  money("1,234,567원", "1,234,567원", "1234567 KRW");
  money("만원 할인", "만원", "10000 KRW");
  money("₩30000", "₩30000", "30000 KRW");
  money("₩ 30,000", "₩ 30,000", "30000 KRW");
  money("￦5000", "￦5000", "5000 KRW");
  money("３만원", "３만원", "30000 KRW");
  money("KRW 15000", "KRW 15000", "15000 KRW");
}

TEST_F(MoneyTest, OtherCurrencies) {
  money("10달러", "10달러", "10 USD");
  money("$25", "$25", "25 USD");
  money("$25.50", "$25.50", "25.50 USD");
  money("$ 1,200", "$ 1,200", "1200 USD");
  money("US$25", "US$25", "25 USD");
  money("25 dollars", "25 dollars", "25 USD");
  money("25.5달러", "25.5달러", "25.50 USD");
  money("20불", "20불", "20 USD");
  money("€10", "€10", "10 EUR");
  money("1000엔", "1000엔", "1000 JPY");
}

TEST_F(MoneyTest, NotMoney) {
  no_money("3만 명");           // a count
  no_money("30000");            // no currency
  no_money("만약에");           // 만 as in 만약
  no_money("천천히 해주세요");  // 천 as in 천천히
  no_money("억울해요");
  no_money("원래 3개였어요");
  no_money("2개 불편해요");
  no_money("USD25");
  no_money("회원 가입");
}

}  // namespace
}  // namespace aicc::nlu
