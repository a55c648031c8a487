// QueueAdmin on a real SQLite store: the first start seeds the store from bot/queues.json
// (and a second start keeps what admins changed), each change is validated with the
// request's own key named, in force at once for escalations and hours checks, refused
// when it would strand waiting escalations, and another "node" (a second QueueAdmin on
// the same store) takes it on reload.
#include <filesystem>
#include <random>

#include <gtest/gtest.h>
#include <boost/json.hpp>

#include "service/chat_service.h"
#include "service/escalation_service.h"
#include "service/queue_admin.h"
#include "store/sqlite/sqlite_store.h"

namespace aicc {
namespace {

namespace json = boost::json;
using std::chrono::hours;

routing::QueueSet shipped() {
  auto set =
      routing::QueueSet::load(std::filesystem::path(AICC_SOURCE_DIR) / "bot" / "queues.json");
  EXPECT_TRUE(set) << set.error().message;
  return std::move(*set);
}

json::object object(std::string_view text) {
  return json::parse(text).as_object();
}

class QueueAdminTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("aicc-queue-admin-" + std::to_string(std::random_device{}()));
    std::filesystem::create_directories(dir_);
    auto store = open_sqlite_store((dir_ / "aicc.db").string(), 2);
    ASSERT_TRUE(store) << store.error().message;
    store_ = std::move(*store);
    ASSERT_TRUE(store_->migrate());
    live_ = std::make_unique<routing::LiveQueueSet>(shipped());
    admin_ = std::make_unique<QueueAdmin>(*store_, *live_, clock_);
    ASSERT_TRUE(admin_->load_or_seed(shipped()));
    chat_ = std::make_unique<ChatService>(*store_, clock_, ids_);
    escalations_ = std::make_unique<EscalationService>(*store_, *live_, clock_, ids_);
  }
  void TearDown() override {
    escalations_.reset();
    chat_.reset();
    admin_.reset();
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  std::string open_conversation() {
    OpenConversation open;
    open.channel = "web";
    open.language = "ko";
    auto opened = chat_->open(open);
    EXPECT_TRUE(opened) << opened.error().message;
    return opened->conversation.id;
  }

  std::filesystem::path dir_;
  // Tuesday 3 March 2026, 10:00 in Seoul: the shipped hours are open.
  ManualClock clock_{TimePoint(std::chrono::sys_days(std::chrono::year(2026) / 3 / 3) + hours(1))};
  SeededRandom random_{7};
  IdGenerator ids_{clock_, random_};
  std::unique_ptr<Store> store_;
  std::unique_ptr<routing::LiveQueueSet> live_;
  std::unique_ptr<QueueAdmin> admin_;
  std::unique_ptr<ChatService> chat_;
  std::unique_ptr<EscalationService> escalations_;
};

TEST_F(QueueAdminTest, SeedsOnceFromTheFileAndKeepsChangesOnTheNextStart) {
  EXPECT_EQ(admin_->version(), 1);
  EXPECT_EQ(live_->current()->queues().size(), shipped().queues().size());
  ASSERT_TRUE(admin_->create_queue(object(R"({"id": "vip-queue", "skills": ["vip"]})")));
  // The next start (same store, the file unchanged) keeps the admin's queue.
  routing::LiveQueueSet again(shipped());
  QueueAdmin restarted(*store_, again, clock_);
  ASSERT_TRUE(restarted.load_or_seed(shipped()));
  EXPECT_EQ(restarted.version(), 2);
  EXPECT_NE(again.current()->find("vip-queue"), nullptr);
}

TEST_F(QueueAdminTest, TheStoredFormReadsBackAsTheSameConfiguration) {
  const auto set = shipped();
  auto back = routing::QueueSet::parse(set.to_json(), "round trip");
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(json::serialize(back->to_json()), json::serialize(set.to_json()));
  EXPECT_EQ(back->holidays().size(), set.holidays().size());
  EXPECT_EQ(back->default_queue().hours.describe("ko"), set.default_queue().hours.describe("ko"));
}

TEST_F(QueueAdminTest, ANewQueueReceivesEscalationsOfItsReasonAtOnce) {
  // payment_issue goes to payment-queue; move it to a new queue.
  auto payment = live_->current()->find("payment-queue");
  ASSERT_NE(payment, nullptr);
  ASSERT_TRUE(admin_->replace_queue("payment-queue", object(R"({"skills": ["billing"]})")));
  auto created =
      admin_->create_queue(object(R"({"id": "refunds", "name": {"ko": "환불", "en": "Refunds"},
                 "reasons": ["payment_issue"], "max_size": 3})"));
  ASSERT_TRUE(created) << created.error().message;
  EXPECT_TRUE(created->before.is_null());
  EXPECT_EQ(created->after.at("max_size").as_int64(), 3);
  auto view = escalations_->escalate(open_conversation(), "payment_issue", "");
  ASSERT_TRUE(view) << view.error().message;
  EXPECT_EQ(view->escalation.queue_id, "refunds");
  EXPECT_EQ(view->queue_name, "환불");
}

TEST_F(QueueAdminTest, AHolidayAddedForTodayClosesTheHoursAndOffersACallback) {
  EXPECT_TRUE(live_->current()->default_queue().hours.is_open(clock_.now()));
  auto added = admin_->add_holiday(object(R"({"date": "2026-03-03", "name": "임시 휴무"})"));
  ASSERT_TRUE(added) << added.error().message;
  EXPECT_EQ(added->after.at("name").as_string(), "임시 휴무");
  EXPECT_FALSE(live_->current()->default_queue().hours.is_open(clock_.now()));
  auto view = escalations_->escalate(open_conversation(), "customer_request", "");
  ASSERT_TRUE(view) << view.error().message;
  EXPECT_TRUE(view->callback_offered);
  ASSERT_TRUE(admin_->remove_holiday("2026-03-03", ""));
  EXPECT_TRUE(live_->current()->default_queue().hours.is_open(clock_.now()));
}

TEST_F(QueueAdminTest, AQueueHolidayClosesOnlyThatQueue) {
  ASSERT_TRUE(admin_->add_holiday(
      object(R"({"date": "2026-03-03", "name": "교육", "queue": "payment-queue"})")));
  const auto set = live_->current();
  EXPECT_FALSE(set->find("payment-queue")->hours.is_open(clock_.now()));
  EXPECT_TRUE(set->find("general-queue")->hours.is_open(clock_.now()));
  auto twice = admin_->add_holiday(object(R"({"date": "2026-03-03", "queue": "payment-queue"})"));
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().details.at("reason"), "holiday_exists");
}

TEST_F(QueueAdminTest, GlobalHoursWithRangesReachQueuesWithoutTheirOwn) {
  ASSERT_TRUE(admin_->replace_queue(
      "tech-support-queue",
      object(R"({"reasons": ["technical_support", "system_error"], "skills": ["technical"],
                 "hours": {"week": {"tue": [{"open": "00:00", "close": "24:00"}]}}})")));
  auto saved = admin_->replace_global_hours(object(R"({"timezone": "Asia/Seoul", "week": {
      "tue": [{"open": "13:00", "close": "18:00"}, {"open": "08:00", "close": "09:30"}]}})"));
  ASSERT_TRUE(saved) << saved.error().message;
  const auto set = live_->current();
  EXPECT_FALSE(set->default_queue().hours.is_open(clock_.now()));             // 10:00
  EXPECT_TRUE(set->find("tech-support-queue")->hours.is_open(clock_.now()));  // its own
  EXPECT_TRUE(set->default_queue().hours.is_open(clock_.now() - hours(1)));   // 09:00
  EXPECT_EQ(set->default_queue().hours.describe("en"),
            "Mon closed; Tue 08:00–09:30, 13:00–18:00; Wed closed; Thu closed; Fri closed; "
            "Sat closed; Sun closed (Asia/Seoul), closed on public holidays");
}

struct Bad {
  const char* body;
  const char* field;
};

TEST_F(QueueAdminTest, BadValuesNameTheKeyOfTheRequest) {
  const Bad queues[] = {
      {R"({"id": "x y"})", "id"},
      {R"({"id": "q1", "reasons": ["weather"]})", "reasons[0]"},
      {R"({"id": "q1", "reasons": ["complaint"]})", "reasons[0]"},  // routed elsewhere
      {R"({"id": "q1", "max_size": 0})", "max_size"},
      {R"({"id": "q1", "colour": "red"})", "colour"},
      {R"({"id": "q1", "hours": {"timezone": "Europe/Berlin"}})", "hours.timezone"},
      {R"({"id": "q1", "hours": {"week": {"mon": [{"open": "25:00", "close": "26:00"}]}}})",
       "hours.week.mon[0].open"},
      {R"({"id": "q1", "hours": {"week": {"mon": [{"open": "10:00", "close": "09:00"}]}}})",
       "hours.week.mon[0]"},
      {R"({"id": "q1", "hours": {"week": {"mon": [{"open": "09:00", "close": "12:00"},
                                               {"open": "11:00", "close": "13:00"}]}}})",
       "hours.week.mon"},
      {R"({"id": "q1", "hours": {"week": {"someday": []}}})", "hours.week.someday"},
      {R"({"id": "q1", "hours": {"holidays": ["2026-03-03"]}})", "hours.holidays"},
  };
  for (const auto& c : queues) {
    auto r = admin_->create_queue(object(c.body));
    ASSERT_FALSE(r) << c.body;
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument) << c.body;
    EXPECT_EQ(r.error().details.at("field"), c.field) << r.error().message;
  }
  const Bad holidays[] = {
      {R"({"date": "2026-02-30"})", "date"},
      {R"({"name": "no date"})", "date"},
      {R"({"date": "2026-05-01", "queue": "nope"})", "queue"},
  };
  for (const auto& c : holidays) {
    auto r = admin_->add_holiday(object(c.body));
    ASSERT_FALSE(r) << c.body;
    EXPECT_EQ(r.error().details.at("field"), c.field) << r.error().message;
  }
  auto global = admin_->replace_global_hours(object(R"({"timezone": "America/New_York"})"));
  ASSERT_FALSE(global);
  EXPECT_EQ(global.error().details.at("field"), "timezone");
  EXPECT_EQ(admin_->version(), 1) << "nothing refused was stored";
}

TEST_F(QueueAdminTest, AQueueWithWaitingEscalationsOrARoleCannotBeDeleted) {
  auto view = escalations_->escalate(open_conversation(), "payment_issue", "");
  ASSERT_TRUE(view && view->escalation.queue_id == "payment-queue");
  auto refused = admin_->delete_queue("payment-queue");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kConflict);
  EXPECT_EQ(refused.error().details.at("reason"), "escalations_waiting");
  EXPECT_EQ(refused.error().details.at("waiting"), "1");
  auto default_queue = admin_->delete_queue("general-queue");
  ASSERT_FALSE(default_queue);
  EXPECT_EQ(default_queue.error().details.at("reason"), "default_queue");
  EXPECT_EQ(admin_->delete_queue("nope").error().code, ErrorCode::kNotFound);

  ASSERT_TRUE(escalations_->cancel(view->escalation.conversation_id));
  ASSERT_TRUE(admin_->add_holiday(object(R"({"date": "2026-12-31", "queue": "payment-queue"})")));
  auto deleted = admin_->delete_queue("payment-queue");
  ASSERT_TRUE(deleted) << deleted.error().message;
  EXPECT_EQ(deleted->before.at("id").as_string(), "payment-queue");
  EXPECT_EQ(live_->current()->find("payment-queue"), nullptr);
  for (const auto& h : live_->current()->holidays()) EXPECT_NE(h.queue, "payment-queue");
  // Its reason now goes to the default queue.
  auto next = escalations_->escalate(open_conversation(), "payment_issue", "");
  ASSERT_TRUE(next);
  EXPECT_EQ(next->escalation.queue_id, "general-queue");
}

TEST_F(QueueAdminTest, AnotherNodeTakesTheChangeOnReloadAndChangesBuildOnEachOther) {
  routing::LiveQueueSet other_live(shipped());
  QueueAdmin other(*store_, other_live, clock_);
  ASSERT_TRUE(other.load_or_seed(shipped()));
  std::int64_t told = 0;
  admin_->on_change = [&](std::int64_t v) { told = v; };
  ASSERT_TRUE(admin_->create_queue(object(R"({"id": "night"})")));
  EXPECT_EQ(told, 2);
  EXPECT_EQ(other_live.current()->find("night"), nullptr) << "not before it hears of it";
  ASSERT_TRUE(other.reload());
  EXPECT_NE(other_live.current()->find("night"), nullptr);
  // A change made on the other node from its (now current) state keeps the first one.
  ASSERT_TRUE(other.create_queue(object(R"({"id": "day"})")));
  ASSERT_TRUE(admin_->reload());
  EXPECT_NE(live_->current()->find("night"), nullptr);
  EXPECT_NE(live_->current()->find("day"), nullptr);
  EXPECT_EQ(admin_->version(), 3);
}

}  // namespace
}  // namespace aicc
