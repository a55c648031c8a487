#include "routing/queues.h"

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>
#include <boost/json.hpp>

namespace aicc::routing {
namespace {

using dialogue::Priority;

// A UTC instant given as Seoul local time (UTC+9).
TimePoint seoul(int y, unsigned m, unsigned d, int hour, int minute) {
  using namespace std::chrono;
  const sys_days day = year_month_day(year(y), month(m), std::chrono::day(d));
  return time_point_cast<Micros>(day + hours(hour) + minutes(minute) - hours(9));
}

std::filesystem::path shipped() {
  return std::filesystem::path(AICC_SOURCE_DIR) / "bot" / "queues.json";
}

// Every text, so that a test document is complete apart from what it tests.
std::string with_texts(std::string doc) {
  std::string texts = "\"texts\": {";
  bool first = true;
  for (auto key : QueueSet::kTextKeys) {
    texts += (first ? "\"" : ", \"") + std::string(key) + "\": {\"ko\": \"가\", \"en\": \"a\"}";
    first = false;
  }
  texts += "}, ";
  doc.insert(doc.find('{') + 1, texts);
  return doc;
}

class QueueFile : public ::testing::Test {
 protected:
  std::filesystem::path write(const std::string& raw) {
    const std::string text = with_texts(raw);
    const auto path = std::filesystem::temp_directory_path() /
                      ("aicc_queues_test_" + std::to_string(::getpid()) + ".json");
    std::ofstream(path) << text;
    paths_.push_back(path);
    return path;
  }
  void TearDown() override {
    for (const auto& p : paths_) std::filesystem::remove(p);
  }
  std::vector<std::filesystem::path> paths_;
};

TEST(BusinessHours, WeekdayBoundariesInSeoul) {
  const BusinessHours h;  // defaults: weekdays 09–18, weekends 10–17, Asia/Seoul
  // 2026-11-30 is a Monday.
  EXPECT_FALSE(h.is_open(seoul(2026, 11, 30, 8, 59)));
  EXPECT_TRUE(h.is_open(seoul(2026, 11, 30, 9, 0)));
  EXPECT_TRUE(h.is_open(seoul(2026, 11, 30, 17, 59)));
  EXPECT_FALSE(h.is_open(seoul(2026, 11, 30, 18, 0)));
}

TEST(BusinessHours, WeekendBoundariesInSeoul) {
  const BusinessHours h;
  // 2026-11-28 is a Saturday, 2026-11-29 a Sunday.
  EXPECT_FALSE(h.is_open(seoul(2026, 11, 28, 9, 59)));
  EXPECT_TRUE(h.is_open(seoul(2026, 11, 28, 10, 0)));
  EXPECT_TRUE(h.is_open(seoul(2026, 11, 29, 16, 59)));
  EXPECT_FALSE(h.is_open(seoul(2026, 11, 29, 17, 0)));
}

TEST(BusinessHours, LocalDayNotUtcDay) {
  const BusinessHours h;
  // Monday 09:30 in Seoul is Sunday 00:30 UTC: open, although Sunday in UTC.
  EXPECT_TRUE(h.is_open(seoul(2026, 11, 30, 9, 30)));
}

TEST(BusinessHours, HolidaysAreClosedAllDay) {
  BusinessHours h;
  h.holidays = {"2026-12-25"};  // a Friday
  EXPECT_FALSE(h.is_open(seoul(2026, 12, 25, 12, 0)));
  EXPECT_TRUE(h.is_open(seoul(2026, 12, 24, 12, 0)));
}

TEST(BusinessHours, DescribesTheHours) {
  const BusinessHours h;
  EXPECT_EQ(h.describe("ko"), "평일 09:00–18:00, 주말 10:00–17:00 (Asia/Seoul), 공휴일 휴무");
  EXPECT_EQ(h.describe("en"),
            "weekdays 09:00–18:00, weekends 10:00–17:00 (Asia/Seoul), closed on public holidays");
}

TEST(QueueSet, ShippedFileLoadsWithTheDefaultsOfTheSpec) {
  auto set = QueueSet::load(shipped());
  ASSERT_TRUE(set) << set.error().message;
  ASSERT_EQ(set->queues().size(), 5u);
  const auto* general = set->find("general-queue");
  ASSERT_NE(general, nullptr);
  EXPECT_EQ(general->max_size, 50);
  EXPECT_EQ(general->sla_for(Priority::kCritical), 5 * 60);
  EXPECT_EQ(general->sla_for(Priority::kHigh), 10 * 60);
  EXPECT_EQ(general->sla_for(Priority::kMedium), 20 * 60);
  EXPECT_EQ(general->sla_for(Priority::kLow), 30 * 60);
  EXPECT_TRUE(general->hours.holidays.contains("2026-12-25"));
  EXPECT_EQ(set->find("payment-queue")->skills, std::vector<std::string>{"billing"});
}

TEST(QueueSet, SelectsByReasonAndCriticalGoesToThePriorityQueue) {
  const QueueSet set = QueueSet::load(shipped()).value();
  EXPECT_EQ(set.select("complaint", Priority::kHigh).id, "complaint-queue");
  EXPECT_EQ(set.select("complaint", Priority::kCritical).id, "priority-queue");
  EXPECT_EQ(set.select("system_error", Priority::kHigh).id, "tech-support-queue");
  EXPECT_EQ(set.select("payment_issue", Priority::kHigh).id, "payment-queue");
  EXPECT_EQ(set.select("urgent_matter", Priority::kCritical).id, "priority-queue");
  EXPECT_EQ(set.select("customer_request", Priority::kLow).id, "general-queue");
  EXPECT_EQ(set.select("bot_limitation", Priority::kMedium).id, "general-queue");
}

TEST(QueueSet, TextsFillTheirPlaceholders) {
  const QueueSet set = QueueSet::load(shipped()).value();
  EXPECT_EQ(set.text("received", "ko",
                     {{"reference", "ESC-12345678"},
                      {"wait_minutes", "3"},
                      {"priority_line", "순서대로 처리됩니다."}}),
            "상담원 연결 요청이 접수되었습니다.\n참조번호: ESC-12345678\n예상 대기시간: 약 3분\n\n"
            "순서대로 처리됩니다.\n\n잠시만 기다려주세요. 곧 상담원이 연결됩니다.");
  EXPECT_EQ(set.text("cancelled", "en"), "Your request for an agent has been cancelled.");
}

TEST_F(QueueFile, EveryTextIsRequired) {
  const auto path =
      write(R"({"queues": [{"id": "a"}], "critical_queue": "a", "default_queue": "a"})");
  std::ifstream in(path);
  std::string doc((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const std::string entry = "\"cannot_cancel\": {\"ko\": \"가\", \"en\": \"a\"}";
  doc.erase(doc.find(entry), entry.size());
  doc.erase(doc.rfind(", ", doc.find("}, \"queues\"")), 2);  // the comma before it
  std::ofstream(path) << doc;
  auto set = QueueSet::load(path);
  ASSERT_FALSE(set);
  EXPECT_EQ(set.error().details.at("key"), "texts.cannot_cancel") << set.error().message;
}

TEST_F(QueueFile, PerQueueOverridesAndTwentyFourHours) {
  auto set = QueueSet::load(write(R"({
    "hours": {"weekdays": {"open": "00:00", "close": "24:00"}},
    "max_size": 10, "critical_queue": "a", "default_queue": "a",
    "queues": [{"id": "a", "max_size": 2, "sla_minutes": {"low": 45},
                "hours": {"weekends": {"open": "00:00", "close": "00:00"}}}]})"));
  ASSERT_TRUE(set) << set.error().message;
  const auto& q = set->queues().front();
  EXPECT_EQ(q.max_size, 2);
  EXPECT_EQ(q.sla_for(Priority::kLow), 45 * 60);
  EXPECT_EQ(q.sla_for(Priority::kHigh), 10 * 60);
  EXPECT_TRUE(q.hours.is_open(seoul(2026, 11, 30, 23, 59)));  // Monday
  EXPECT_FALSE(q.hours.is_open(seoul(2026, 11, 29, 12, 0)));  // Sunday: closed all day
}

struct BadCase {
  const char* json;
  const char* key;
};

TEST_F(QueueFile, ErrorsNameTheFileAndTheKey) {
  const BadCase cases[] = {
      {R"({"critical_queue": "a", "default_queue": "a"})", "queues"},
      {R"({"queues": [{"id": "a"}], "critical_queue": "a", "default_queue": "b"})",
       "default_queue"},
      {R"({"queues": [{"id": "a"}], "critical_queue": "a", "default_queue": "a", "colour": 1})",
       "colour"},
      {R"({"queues": [{"id": "a", "reasons": ["weather"]}], "critical_queue": "a",
           "default_queue": "a"})",
       "queues[0].reasons[0]"},
      {R"({"queues": [{"id": "a"}, {"id": "a"}], "critical_queue": "a", "default_queue": "a"})",
       "queues[1].id"},
      {R"({"queues": [{"id": "a"}], "critical_queue": "a", "default_queue": "a",
           "hours": {"weekdays": {"open": "9:00", "close": "18:00"}}})",
       "hours.weekdays.open"},
      {R"({"queues": [{"id": "a"}], "critical_queue": "a", "default_queue": "a",
           "hours": {"weekdays": {"open": "18:00", "close": "09:00"}}})",
       "hours.weekdays"},
      {R"({"queues": [{"id": "a"}], "critical_queue": "a", "default_queue": "a",
           "hours": {"timezone": "Europe/Berlin"}})",
       "hours.timezone"},
      {R"({"queues": [{"id": "a"}], "critical_queue": "a", "default_queue": "a",
           "hours": {"holidays": ["2026-02-30"]}})",
       "hours.holidays[0]"},
      {R"({"queues": [{"id": "a", "max_size": 0}], "critical_queue": "a", "default_queue": "a"})",
       "queues[0].max_size"},
      {R"({"queues": [{"id": "a"}], "critical_queue": "a", "default_queue": "a",
           "sla_minutes": {"urgent": 5}})",
       "sla_minutes.urgent"},
      {R"({"queues": [{"id": "a", "reasons": ["complaint"]}, {"id": "b", "reasons": ["complaint"]}],
           "critical_queue": "a", "default_queue": "a"})",
       "queues[1].reasons[0]"},
  };
  for (const auto& c : cases) {
    const auto path = write(c.json);
    auto set = QueueSet::load(path);
    ASSERT_FALSE(set) << c.json;
    EXPECT_EQ(set.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(set.error().details.at("key"), c.key) << set.error().message;
    EXPECT_NE(set.error().message.find(path.string()), std::string::npos) << set.error().message;
  }
}

TEST_F(QueueFile, WeekRangesAndNamedHolidaysOfAllQueuesOrOne) {
  auto set = QueueSet::load(write(R"({
    "hours": {"week": {"mon": [{"open": "13:00", "close": "18:00"},
                               {"open": "09:00", "close": "12:00"}]},
              "holidays": [{"date": "2026-12-25", "name": "성탄절"}]},
    "critical_queue": "a", "default_queue": "a",
    "holidays": [{"date": "2026-11-30", "name": "교육", "queue": "b"}],
    "queues": [{"id": "a"}, {"id": "b"}]})"));
  ASSERT_TRUE(set) << set.error().message;
  const auto& a = *set->find("a");
  const auto& b = *set->find("b");
  EXPECT_TRUE(a.hours.is_open(seoul(2026, 11, 30, 9, 0)));     // Monday, first range
  EXPECT_FALSE(a.hours.is_open(seoul(2026, 11, 30, 12, 30)));  // the lunch break
  EXPECT_TRUE(a.hours.is_open(seoul(2026, 11, 30, 13, 0)));
  EXPECT_FALSE(a.hours.is_open(seoul(2026, 12, 1, 10, 0)));   // Tuesday: not listed, closed
  EXPECT_FALSE(b.hours.is_open(seoul(2026, 11, 30, 10, 0)));  // b's own holiday
  EXPECT_TRUE(a.hours.holidays.contains("2026-12-25"));
  EXPECT_TRUE(b.hours.holidays.contains("2026-12-25"));
  ASSERT_EQ(set->holidays().size(), 2u);
  EXPECT_EQ(set->holidays()[1].name, "성탄절");
  EXPECT_EQ(a.hours.week[0].front().open_minute, 9 * 60) << "ranges are kept sorted";
  // The stored form reads back as the same configuration.
  auto back = QueueSet::parse(set->to_json(), "stored");
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(boost::json::serialize(back->to_json()), boost::json::serialize(set->to_json()));
}

TEST_F(QueueFile, OverlappingRangesAndHolidaysOfUnknownQueuesAreRefused) {
  const BadCase cases[] = {
      {R"({"queues": [{"id": "a"}], "critical_queue": "a", "default_queue": "a",
           "hours": {"week": {"tue": [{"open": "09:00", "close": "12:00"},
                                      {"open": "11:00", "close": "14:00"}]}}})",
       "hours.week.tue"},
      {R"({"queues": [{"id": "a"}], "critical_queue": "a", "default_queue": "a",
           "hours": {"week": {"tue": [{"open": "09:00", "close": "09:00"}]}}})",
       "hours.week.tue[0]"},
      {R"({"queues": [{"id": "a"}], "critical_queue": "a", "default_queue": "a",
           "holidays": [{"date": "2026-12-25", "queue": "z"}]})",
       "holidays"},
      {R"({"queues": [{"id": "a"}], "critical_queue": "a", "default_queue": "a",
           "holidays": ["2026-12-25", {"date": "2026-12-25"}]})",
       "holidays"},
  };
  for (const auto& c : cases) {
    auto set = QueueSet::load(write(c.json));
    ASSERT_FALSE(set) << c.json;
    EXPECT_EQ(set.error().details.at("key"), c.key) << set.error().message;
  }
}

TEST(CallbackPhone, NormalisesKoreanNumbers) {
  EXPECT_EQ(normalize_callback_phone("010-1234-5678"), "010-1234-5678");
  EXPECT_EQ(normalize_callback_phone("01012345678"), "010-1234-5678");
  EXPECT_EQ(normalize_callback_phone("+82 10 1234 5678"), "010-1234-5678");
  EXPECT_EQ(normalize_callback_phone("031-123-4567"), "031-123-4567");
  EXPECT_EQ(normalize_callback_phone("02-123-4567"), "02-123-4567");
  EXPECT_EQ(normalize_callback_phone("0212345678"), "02-1234-5678");
}

TEST(CallbackPhone, RefusesWhatIsNotANumber) {
  EXPECT_EQ(normalize_callback_phone(""), std::nullopt);
  EXPECT_EQ(normalize_callback_phone("12345"), std::nullopt);
  EXPECT_EQ(normalize_callback_phone("010-1234-567a"), std::nullopt);
  EXPECT_EQ(normalize_callback_phone("1012345678"), std::nullopt);
  EXPECT_EQ(normalize_callback_phone("010123456789"), std::nullopt);
  EXPECT_EQ(normalize_callback_phone(std::string(40, '0')), std::nullopt);
}

}  // namespace
}  // namespace aicc::routing
