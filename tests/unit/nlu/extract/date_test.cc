// Dates: absolute and relative forms, resolved in Asia/Seoul against an injected clock.
#include "entity_test_util.h"

namespace aicc::nlu {
namespace {

using testing::expect_none;
using testing::expect_one;
using testing::seoul_time;

// Saturday 14 June 2025, 10:00 in Seoul.
class DateTest : public ::testing::Test {
 protected:
  EntityExtractor ex_;
  ManualClock clock_{seoul_time(2025, 6, 14)};
  void date(std::string_view text, std::string_view surface, std::string_view value) {
    expect_one(ex_, clock_.now(), text, entity_type::kDate, surface, value);
  }
  void none(std::string_view text) { expect_none(ex_, clock_.now(), text, entity_type::kDate); }
};

TEST_F(DateTest, NumericForms) {
  date("2025-06-14에 방문", "2025-06-14", "2025-06-14");
  date("2025.6.14", "2025.6.14", "2025-06-14");
  date("2025/06/14까지", "2025/06/14", "2025-06-14");
  date("2025. 6. 14. 예약", "2025. 6. 14", "2025-06-14");
  date("2025년 6월 14일 오후", "2025년 6월 14일", "2025-06-14");
  date("2026년6월3일", "2026년6월3일", "2026-06-03");
  date("６월 １４일", "６월 １４일", "2025-06-14");
}

TEST_F(DateTest, MonthDayWithoutYearTakesTheOccurrenceInTheComingMonthsOrRecentPast) {
  date("6월 14일", "6월 14일", "2025-06-14");
  date("6월14일에 받았어요", "6월14일", "2025-06-14");
  date("12월 25일", "12월 25일", "2025-12-25");     // 194 days ahead: this Christmas
  date("3월 1일에 주문", "3월 1일", "2025-03-01");  // 105 days ago: recent past
  date("1월 5일", "1월 5일", "2026-01-05");         // 160 days ago is too far: next January
  date("2월 29일", "2월 29일", "2024-02-29");       // no leap day in the window: nearest
  date("6/14", "6/14", "2025-06-14");
  date("배송은 7/1 예정", "7/1", "2025-07-01");
  date("06/20/2025", "06/20/2025", "2025-06-20");
  date("20/06/2025", "20/06/2025", "2025-06-20");  // day first when the first can't be a month

  clock_.set(seoul_time(2025, 12, 28));
  date("1월 5일", "1월 5일", "2026-01-05");  // year rollover forward
  clock_.set(seoul_time(2026, 1, 3));
  date("12월 20일에 주문했는데", "12월 20일", "2025-12-20");  // and backward
}

TEST_F(DateTest, KoreanDayWords) {
  date("오늘 배송되나요?", "오늘", "2025-06-14");
  date("내일까지 받을 수 있나요", "내일", "2025-06-15");
  date("모레 방문할게요", "모레", "2025-06-16");
  date("내일모레 가능해요", "내일모레", "2025-06-16");
  date("글피에", "글피", "2025-06-17");
  date("어제 주문했어요", "어제", "2025-06-13");
  date("그저께 받았는데", "그저께", "2025-06-12");
}

TEST_F(DateTest, KoreanWeekPhrases) {
  // Saturday 14 June: the ISO week runs Mon 9 – Sun 15.
  date("다음 주 월요일에 와주세요", "다음 주 월요일", "2025-06-16");
  date("다음주 수요일", "다음주 수요일", "2025-06-18");
  date("이번 주 금요일", "이번 주 금요일", "2025-06-13");  // this week's Friday, yesterday
  date("이번 금요일", "이번 금요일", "2025-06-20");        // without 주: the coming Friday
  date("금요일에 가능할까요", "금요일", "2025-06-20");
  date("토요일", "토요일", "2025-06-14");  // today counts as the coming one
  date("지난주 금요일에 주문", "지난주 금요일", "2025-06-06");
  date("다다음 주 화요일", "다다음 주 화요일", "2025-06-24");
}

TEST_F(DateTest, NextWeekMondayOnASundayAndOnAMonday) {
  clock_.set(seoul_time(2025, 6, 15));  // Sunday: next week starts tomorrow
  date("다음 주 월요일", "다음 주 월요일", "2025-06-16");
  date("next Monday", "next Monday", "2025-06-16");
  clock_.set(seoul_time(2025, 6, 16));  // Monday: a week later
  date("다음 주 월요일", "다음 주 월요일", "2025-06-23");
  date("월요일", "월요일", "2025-06-16");
}

TEST_F(DateTest, KoreanOffsets) {
  date("3일 후에 다시 연락", "3일 후", "2025-06-17");
  date("3일후", "3일후", "2025-06-17");
  date("5일 뒤", "5일 뒤", "2025-06-19");
  date("2주 뒤에", "2주 뒤", "2025-06-28");
  date("3일 전에 주문", "3일 전", "2025-06-11");
  date("하루 뒤", "하루 뒤", "2025-06-15");
  date("일주일 후", "일주일 후", "2025-06-21");
  date("한 달 뒤", "한 달 뒤", "2025-07-14");
  date("1개월 후", "1개월 후", "2025-07-14");
  date("다음 달 3일", "다음 달 3일", "2025-07-03");
  date("이번 달 20일까지", "이번 달 20일", "2025-06-20");
}

TEST_F(DateTest, MonthAndYearRollovers) {
  clock_.set(seoul_time(2025, 12, 31));
  date("내일", "내일", "2026-01-01");
  date("모레", "모레", "2026-01-02");
  date("다음 달 3일", "다음 달 3일", "2026-01-03");
  date("다음 주 월요일", "다음 주 월요일", "2026-01-05");
  clock_.set(seoul_time(2025, 1, 31));
  date("1개월 후", "1개월 후", "2025-02-28");  // clamped to the month's end
  none("다음 달 31일");                        // 31 February does not exist
  clock_.set(seoul_time(2024, 2, 28));
  date("내일", "내일", "2024-02-29");
}

TEST_F(DateTest, ResolvedInSeoulNotUtc) {
  // 20:00 UTC on the 14th is 05:00 on the 15th in Seoul.
  const TimePoint late_utc = seoul_time(2025, 6, 15, 5, 0);
  expect_one(ex_, late_utc, "오늘", entity_type::kDate, "오늘", "2025-06-15");
  EntityOptions utc;
  utc.timezone = "UTC";
  expect_one(EntityExtractor(utc), late_utc, "today", entity_type::kDate, "today", "2025-06-14");
  EntityOptions offset;
  offset.timezone = "-05:00";
  expect_one(EntityExtractor(offset), late_utc, "today", entity_type::kDate, "today", "2025-06-14");
}

TEST_F(DateTest, EnglishForms) {
  date("can it arrive tomorrow?", "tomorrow", "2025-06-15");
  date("Today please", "Today", "2025-06-14");
  date("the day after tomorrow", "the day after tomorrow", "2025-06-16");
  date("yesterday", "yesterday", "2025-06-13");
  date("next Monday", "next Monday", "2025-06-16");
  date("this Friday", "this Friday", "2025-06-20");
  date("last Friday", "last Friday", "2025-06-13");
  date("on Wednesday", "Wednesday", "2025-06-18");
  date("next tue.", "next tue.", "2025-06-17");
  date("in 3 days", "in 3 days", "2025-06-17");
  date("June 14", "June 14", "2025-06-14");
  date("by June 20th, thanks", "June 20th", "2025-06-20");
  date("Jun 3, 2026", "Jun 3, 2026", "2026-06-03");
  date("14 June 2025", "14 June 2025", "2025-06-14");
  date("the 1st of July", "1st of July", "2025-07-01");
}

TEST_F(DateTest, NotDates) {
  none("2024년");      // a year alone is not a full date
  none("2024년 6월");  // nor a month
  none("6월에 출시");
  none("14일");  // a bare day: as often a duration
  none("3일 걸려요");
  none("3일 전화 주세요");  // 전화, not 전 (before)
  none("14일간 보관");
  none("6.14");
  none("2월 30일");
  none("13/45");
  none("may I help you");
  none("안내일정 확인");  // 내일 inside a word
  none("오늘날");
  none("다음 주에 봬요");  // a week, not a day
  none("version 2025-06-14b");
}

TEST_F(DateTest, SpansAreByteExactInMixedText) {
  const std::string text = "네 내일오후 3시, 그리고 다음 주 월요일도 돼요";
  const auto all = ex_.extract(text, clock_.now());
  const auto dates = testing::of_type(all, entity_type::kDate);
  ASSERT_EQ(dates.size(), 2u);
  EXPECT_EQ(text.substr(dates[0].begin, dates[0].end - dates[0].begin), "내일");
  EXPECT_EQ(dates[0].value, "2025-06-15");
  EXPECT_EQ(text.substr(dates[1].begin, dates[1].end - dates[1].begin), "다음 주 월요일");
  EXPECT_EQ(dates[1].value, "2025-06-16");
  const auto times = testing::of_type(all, entity_type::kTime);
  ASSERT_EQ(times.size(), 1u);
  EXPECT_EQ(text.substr(times[0].begin, times[0].end - times[0].begin), "오후 3시");
  EXPECT_EQ(times[0].value, "15:00");
}

}  // namespace
}  // namespace aicc::nlu
