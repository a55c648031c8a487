// The pure parts of analytics and export: ranges (Asia/Seoul days, timestamps, defaults,
// bad input), the folding of metric rows into totals and rates, the report's day and hour
// labels, and the masking of personal data in an exported conversation.
#include <gtest/gtest.h>

#include "service/analytics_service.h"
#include "service/conversation_export.h"

namespace aicc {
namespace {

TimePoint at(const char* iso) {
  return *parse_iso8601(iso);
}

TEST(AnalyticsRange, DaysAreSeoulDaysAndToIsInclusive) {
  auto r = parse_analytics_range("2026-11-01", "2026-11-30", at("2026-11-29T12:00:00Z"));
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(format_iso8601(r->from), "2026-10-31T15:00:00.000000Z");
  EXPECT_EQ(format_iso8601(r->to), "2026-11-30T15:00:00.000000Z");
  auto one = parse_analytics_range("2026-11-29", "", at("2026-11-29T12:00:00Z"));
  ASSERT_TRUE(one);
  EXPECT_EQ(one->to - one->from, std::chrono::hours{24});
}

TEST(AnalyticsRange, TodayByDefaultInSeoul) {
  // 23:30 UTC is already the next day in Seoul.
  auto r = parse_analytics_range("", "", at("2026-11-29T23:30:00Z"));
  ASSERT_TRUE(r);
  EXPECT_EQ(format_iso8601(r->from), "2026-11-29T15:00:00.000000Z");
  EXPECT_EQ(format_iso8601(r->to), "2026-11-30T15:00:00.000000Z");
}

TEST(AnalyticsRange, TimestampsAreRoundedOutToHours) {
  auto r = parse_analytics_range("2026-11-29T10:15:00Z", "2026-11-29T21:00:01+09:00",
                                 at("2026-11-29T12:00:00Z"));
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(format_iso8601(r->from), "2026-11-29T10:00:00.000000Z");
  EXPECT_EQ(format_iso8601(r->to), "2026-11-29T13:00:00.000000Z") << "21:00:01+09 is 12:00:01Z";
}

TEST(AnalyticsRange, RefusesBadBoundsNamingTheParameter) {
  const TimePoint now = at("2026-11-29T12:00:00Z");
  for (auto [from, to, parameter] : std::vector<std::tuple<const char*, const char*, const char*>>{
           {"2026-02-30", "", "from"},
           {"yesterday", "", "from"},
           {"2026-11-01", "2026-11-31", "to"},
           {"2026-11-02", "2026-11-01", "from"},
           {"2020-01-01", "2026-01-01", "to"}}) {
    auto r = parse_analytics_range(from, to, now);
    ASSERT_FALSE(r) << from << " " << to;
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(r.error().details.at("parameter"), parameter) << from << " " << to;
  }
}

TEST(MetricTotals, FoldsRowsIntoCountsAveragesAndRates) {
  MetricTotals t;
  EXPECT_FALSE(t.containment_rate());
  EXPECT_FALSE(t.csat_average());
  t.add({.metric = "started", .count = 4});
  t.add({.metric = "ended", .key = "bot", .count = 3});
  t.add({.metric = "ended", .key = "agent", .count = 1});
  t.add({.metric = "escalation", .key = "complaint", .count = 1});
  t.add({.metric = "escalation_priority", .key = "high", .count = 1});
  t.add({.metric = "wait", .count = 2, .total = 90});
  t.add({.metric = "handle", .count = 1, .total = 600});
  t.add({.metric = "csat", .key = "5", .count = 1});
  t.add({.metric = "csat", .key = "2", .count = 1});
  t.add({.metric = "csat", .key = "9", .count = 7});  // not a score: ignored
  t.add({.metric = "turn", .key = "greeting", .count = 3, .total = 2.7});
  t.add({.metric = "turn", .key = "out_of_scope", .count = 1, .total = 0.1});
  EXPECT_EQ(t.started, 4);
  EXPECT_DOUBLE_EQ(*t.containment_rate(), 0.75);
  EXPECT_EQ(t.escalations_by_reason.at("complaint"), 1);
  EXPECT_EQ(t.escalations_by_priority.at("high"), 1);
  EXPECT_DOUBLE_EQ(*t.average_wait_seconds(), 45);
  EXPECT_DOUBLE_EQ(*t.average_handle_seconds(), 600);
  EXPECT_EQ(t.csat_count(), 2);
  EXPECT_DOUBLE_EQ(*t.csat_average(), 3.5);
  EXPECT_EQ(t.turns, 4);
  EXPECT_DOUBLE_EQ(*t.average_confidence(), 0.7);
  EXPECT_DOUBLE_EQ(*t.out_of_scope_rate(), 0.25);
}

TEST(ReportLabels, SeoulDaysAndHours) {
  EXPECT_EQ(seoul_day_label(at("2026-11-29T15:00:00Z")), "2026-11-30");
  EXPECT_EQ(seoul_hour_label(at("2026-11-29T15:00:00Z")), "2026-11-30T00:00+09:00");
  EXPECT_EQ(parse_report_grouping("queue"), ReportGrouping::kQueue);
  EXPECT_FALSE(parse_report_grouping("week"));
}

TEST(ExportMasking, MasksContactsNumbersAndTheName) {
  EXPECT_EQ(mask_name("김민수"), "김**");
  EXPECT_EQ(mask_name("Kim Minsu"), "K********");
  EXPECT_EQ(mask_name(""), "");
  ConversationRecord r;
  Customer c;
  c.name = "김민수";
  c.phone = "010-1234-5678";
  c.email = "kim.minsu@example.com";
  r.customer = c;
  Message m;
  m.text = "김민수입니다. 010-1234-5678, 카드 4111 1111 1111 1111";
  m.entities_json = R"([{"type":"phone","text":"010-1234-5678"}])";
  r.messages.push_back(m);
  Escalation e;
  e.callback_phone = "01012345678";
  e.note = "kim.minsu@example.com 으로 회신";
  r.escalation = e;
  mask_personal_data(r);
  EXPECT_EQ(r.customer->name, "김**");
  EXPECT_EQ(r.customer->phone, "010-****-5678");
  EXPECT_EQ(r.customer->email.find("kim.minsu"), std::string::npos);
  const std::string& text = r.messages[0].text;
  EXPECT_NE(text.find("김**입니다"), std::string::npos) << text;
  EXPECT_EQ(text.find("1234-5678"), std::string::npos) << text;
  EXPECT_EQ(text.find("4111 1111 1111 1111"), std::string::npos) << text;
  EXPECT_EQ(r.messages[0].entities_json.find("1234-5678"), std::string::npos);
  EXPECT_EQ(r.escalation->callback_phone.find("1234"), std::string::npos);
  EXPECT_EQ(r.escalation->note.find("kim.minsu"), std::string::npos);
}

}  // namespace
}  // namespace aicc
