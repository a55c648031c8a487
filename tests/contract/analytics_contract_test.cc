// The storage contract, analytics and retention: metric facts counted live and from the
// hourly rollup alike (and never twice), filters and groupings, first-contact resolution,
// the dated unanswered report, paging conversations for export, and the retention purge.
#include <map>
#include <vector>

#include <gtest/gtest.h>

#include "contract_fixture.h"
#include "store/analytics_rows.h"

namespace aicc::testing_support {
namespace {

using std::chrono::hours;
using std::chrono::minutes;

// An hour boundary after test_time(), so every fact below lands in a known hour.
TimePoint base() {
  return store::floor_hour(test_time()) + hours{1};
}

class AnalyticsContract : public StoreContract {
 protected:
  void conversation(const std::string& id, const std::string& customer, TimePoint created,
                    const std::string& channel = "web") {
    if (!store().get_customer(customer)) {
      ASSERT_TRUE(store().create_customer(make_customer(customer)));
    }
    Conversation c = make_conversation(id, customer);
    c.channel = channel;
    c.created_at = c.updated_at = c.last_activity_at = created;
    auto made = store().create_conversation(c);
    ASSERT_TRUE(made) << made.error().message;
  }

  void close(const std::string& id, TimePoint at) {
    auto closed = store().transition_conversation(id, ConversationState::kClosed, at, "customer");
    ASSERT_TRUE(closed) << closed.error().message;
  }

  void bot_turn(const std::string& conversation, const std::string& msg_id, TimePoint at,
                const std::string& intent, double confidence, bool out_of_scope) {
    Message m = make_message(msg_id, conversation, "답변");
    m.sender = Sender::kBot;
    m.created_at = at;
    m.intent = intent;
    m.confidence = confidence;
    m.details_json = std::string(R"({"intent":{"name":")") + intent + R"(","out_of_scope":)" +
                     (out_of_scope ? "true" : "false") + "}}";
    auto added = store().append_message(m);
    ASSERT_TRUE(added) << added.error().message;
  }

  // An escalation created at `created`, assigned to agent-1 after `wait`, ended after
  // `handle` and rated `csat` a minute later.
  void handled_escalation(const std::string& id, const std::string& conversation, TimePoint created,
                          minutes wait, minutes handle, int csat) {
    Escalation e;
    e.id = id;
    e.reference = "ESC-" + id;
    e.conversation_id = conversation;
    e.customer_id = "x";
    e.reason = "complaint";
    e.priority = "high";
    e.priority_rank = 3;
    e.queue_id = "q1";
    e.state = EscalationState::kQueued;
    e.created_at = e.updated_at = created;
    auto made = store().create_escalation(e, ConversationMove{ConversationState::kQueued, ""});
    ASSERT_TRUE(made) << made.error().message;
    e.state = EscalationState::kAssigned;
    e.agent_id = "agent-1";
    e.assigned_at = e.updated_at = created + wait;
    auto assigned = store().update_escalation(e, {EscalationState::kQueued},
                                              ConversationMove{ConversationState::kAssigned, ""});
    ASSERT_TRUE(assigned) << assigned.error().message;
    e.state = EscalationState::kDone;
    e.ended_at = e.updated_at = created + wait + handle;
    ASSERT_TRUE(store().update_escalation(e, {EscalationState::kAssigned}, std::nullopt));
    e.csat = csat;
    e.updated_at = *e.ended_at + minutes{1};
    ASSERT_TRUE(store().update_escalation(e, {EscalationState::kDone}, std::nullopt));
  }

  // Two conversations in the hours after base(): c-bot (contained) and c-agent (complaint,
  // 2 minutes' wait, 30 minutes' handling, rated 4).
  void given_a_day() {
    const TimePoint b = base();
    conversation("c-bot", "cust-1", b + minutes{10});
    bot_turn("c-bot", "m1", b + minutes{11}, "greeting", 0.9, false);
    close("c-bot", b + minutes{20});
    conversation("c-agent", "cust-2", b + minutes{30}, "api");
    bot_turn("c-agent", "m2", b + minutes{31}, "refund", 0.4, true);
    handled_escalation("e1", "c-agent", b + minutes{32}, minutes{2}, minutes{30}, 4);
    close("c-agent", b + hours{1} + minutes{10});
  }

  std::map<std::string, MetricRow> totals(const MetricFilter& filter = {}) {
    MetricQuery q;
    q.from = base() - hours{1};
    q.to = base() + hours{5};
    q.filter = filter;
    auto rows = store().query_metrics(q);
    EXPECT_TRUE(rows) << rows.error().message;
    std::map<std::string, MetricRow> out;
    for (const auto& r : rows.value_or(std::vector<MetricRow>{})) out[r.metric + "/" + r.key] = r;
    return out;
  }

  void expect_the_day(const std::map<std::string, MetricRow>& t) {
    EXPECT_EQ(t.at("started/").count, 2);
    EXPECT_EQ(t.at("ended/bot").count, 1);
    EXPECT_EQ(t.at("ended/agent").count, 1);
    EXPECT_EQ(t.at("escalation/complaint").count, 1);
    EXPECT_EQ(t.at("escalation_priority/high").count, 1);
    EXPECT_EQ(t.at("wait/").count, 1);
    EXPECT_DOUBLE_EQ(t.at("wait/").total, 120.0);
    EXPECT_EQ(t.at("handle/").count, 1);
    EXPECT_DOUBLE_EQ(t.at("handle/").total, 1800.0);
    EXPECT_EQ(t.at("csat/4").count, 1);
    EXPECT_EQ(t.at("turn/greeting").count, 1);
    EXPECT_NEAR(t.at("turn/greeting").total, 0.9, 1e-9);
    EXPECT_EQ(t.at("turn/out_of_scope").count, 1);
    EXPECT_EQ(t.count("turn/refund"), 0u) << "an out-of-scope turn counts as out_of_scope";
  }
};

INSTANTIATE_TEST_SUITE_P(Backends, AnalyticsContract, ::testing::Values("sqlite", "postgres"),
                         backend_name);

TEST_P(AnalyticsContract, CountsTheFactsOfTheOpenHoursLive) {
  given_a_day();
  auto mark = store().metrics_rolled_through();
  ASSERT_TRUE(mark) << mark.error().message;
  EXPECT_EQ(to_unix_micros(*mark), 0) << "nothing rolled up yet";
  expect_the_day(totals());
}

TEST_P(AnalyticsContract, RollupKeepsTheTotalsAndNeverCountsTwice) {
  given_a_day();
  // The first hour closes; the second (c-agent's end) stays live.
  auto mark = store().roll_up_metrics(base() + hours{1} + minutes{5});
  ASSERT_TRUE(mark) << mark.error().message;
  EXPECT_EQ(*mark, base() + hours{1});
  expect_the_day(totals());
  // Everything closes; a second roll-up to the same time changes nothing.
  ASSERT_TRUE(store().roll_up_metrics(base() + hours{4}));
  auto again = store().roll_up_metrics(base() + hours{4});
  ASSERT_TRUE(again);
  EXPECT_EQ(*again, base() + hours{4});
  expect_the_day(totals());
  auto rolled = db().query_int("SELECT count(*) FROM analytics_hourly");
  ASSERT_TRUE(rolled) << rolled.error().message;
  EXPECT_GT(*rolled, 0) << "the closed hours are stored";
  // The rollup alone answers once the raw rows are gone.
  ASSERT_TRUE(db().execute("DELETE FROM messages"));
  expect_the_day(totals());
  // Once the day is over it is also summed per day; totals and hourly buckets agree.
  ASSERT_TRUE(store().roll_up_metrics(base() + std::chrono::days{3}));
  auto days = db().query_int("SELECT count(*) FROM analytics_daily");
  ASSERT_TRUE(days) << days.error().message;
  EXPECT_GT(*days, 0);
  MetricQuery week;
  week.from = base() - std::chrono::days{2};
  week.to = base() + std::chrono::days{3};
  auto rows = store().query_metrics(week);
  ASSERT_TRUE(rows) << rows.error().message;
  std::int64_t started = 0, turns = 0;
  for (const auto& r : *rows) {
    if (r.metric == "started") started += r.count;
    if (r.metric == "turn") turns += r.count;
  }
  EXPECT_EQ(started, 2) << "each hour counted once, from the days or the hours";
  EXPECT_EQ(turns, 2);
  week.grouping = MetricGrouping::kTime;  // hourly buckets: from the hourly rows
  auto hourly = store().query_metrics(week);
  ASSERT_TRUE(hourly);
  started = 0;
  for (const auto& r : *hourly)
    if (r.metric == "started") {
      started += r.count;
      EXPECT_EQ(r.bucket, to_unix_micros(base()));
    }
  EXPECT_EQ(started, 2);
  week.bucket_micros = store::kMetricDayMicros;  // Seoul days: from the daily rows
  week.offset_micros = store::kMetricDayOffsetMicros;
  auto daily = store().query_metrics(week);
  ASSERT_TRUE(daily);
  started = 0;
  for (const auto& r : *daily)
    if (r.metric == "started") {
      started += r.count;
      EXPECT_EQ(r.bucket, store::day_floor(to_unix_micros(base())));
    }
  EXPECT_EQ(started, 2);
}

TEST_P(AnalyticsContract, FiltersLeaveOutFactsWithoutTheDimension) {
  given_a_day();
  ASSERT_TRUE(store().roll_up_metrics(base() + hours{1}));
  auto q1 = totals(MetricFilter{.queue_id = "q1"});
  EXPECT_EQ(q1.count("started/"), 0u);
  EXPECT_EQ(q1.at("ended/agent").count, 1);
  EXPECT_EQ(q1.count("ended/bot"), 0u);
  EXPECT_EQ(q1.at("escalation/complaint").count, 1);
  auto api = totals(MetricFilter{.channel = "api"});
  EXPECT_EQ(api.at("started/").count, 1);
  EXPECT_EQ(api.count("turn/greeting"), 0u);
  EXPECT_EQ(api.at("turn/out_of_scope").count, 1);
  auto greeting = totals(MetricFilter{.intent = "greeting"});
  EXPECT_EQ(greeting.at("turn/greeting").count, 1);
  EXPECT_EQ(greeting.size(), 1u);
  auto agent = totals(MetricFilter{.agent_id = "agent-1"});
  EXPECT_EQ(agent.at("csat/4").count, 1);
  EXPECT_EQ(totals(MetricFilter{.agent_id = "nobody"}).size(), 0u);
}

TEST_P(AnalyticsContract, GroupsByTimeBucketAndByDimension) {
  given_a_day();
  ASSERT_TRUE(store().roll_up_metrics(base() + hours{1}));
  MetricQuery q;
  q.from = base();
  q.to = base() + hours{3};
  q.grouping = MetricGrouping::kTime;
  auto rows = store().query_metrics(q);
  ASSERT_TRUE(rows) << rows.error().message;
  std::map<std::int64_t, std::int64_t> started, ended;
  for (const auto& r : *rows) {
    if (r.metric == "started") started[r.bucket] += r.count;
    if (r.metric == "ended") ended[r.bucket] += r.count;
  }
  const auto h0 = to_unix_micros(base());
  const auto h1 = to_unix_micros(base() + hours{1});
  EXPECT_EQ(started[h0], 2);
  EXPECT_EQ(ended[h0], 1);
  EXPECT_EQ(ended[h1], 1);

  q.grouping = MetricGrouping::kChannel;
  auto by_channel = store().query_metrics(q);
  ASSERT_TRUE(by_channel);
  std::map<std::string, std::int64_t> started_by;
  for (const auto& r : *by_channel)
    if (r.metric == "started") started_by[r.group] += r.count;
  EXPECT_EQ(started_by["web"], 1);
  EXPECT_EQ(started_by["api"], 1);
}

TEST_P(AnalyticsContract, RefusesABadQuery) {
  MetricQuery q;
  q.from = base();
  q.to = base();
  auto empty = store().query_metrics(q);
  ASSERT_FALSE(empty);
  EXPECT_EQ(empty.error().code, ErrorCode::kInvalidArgument);
  q.to = base() + hours{1};
  q.grouping = MetricGrouping::kTime;
  q.bucket_micros = 1000;
  auto odd = store().query_metrics(q);
  ASSERT_FALSE(odd);
  EXPECT_EQ(odd.error().code, ErrorCode::kInvalidArgument);
}

TEST_P(AnalyticsContract, FirstContactResolutionLooksForARepeatWithinTheWindow) {
  const TimePoint b = base();
  conversation("c1", "cust-x", b);
  close("c1", b + hours{1});
  conversation("c2", "cust-x", b + std::chrono::days{2});
  close("c2", b + std::chrono::days{2} + hours{1});
  conversation("c3", "cust-y", b);
  close("c3", b + hours{2});
  conversation("c4", "cust-z", b, "api");  // still open: not counted
  auto fcr =
      store().first_contact_resolution(b, b + std::chrono::days{10}, "", std::chrono::days{7});
  ASSERT_TRUE(fcr) << fcr.error().message;
  EXPECT_EQ(fcr->ended, 3);
  EXPECT_EQ(fcr->resolved, 2) << "c1 was followed by c2 within 7 days";
  auto api =
      store().first_contact_resolution(b, b + std::chrono::days{10}, "api", std::chrono::days{7});
  ASSERT_TRUE(api);
  EXPECT_EQ(api->ended, 0);
}

TEST_P(AnalyticsContract, UnansweredReportKeepsToTheRange) {
  const TimePoint b = base();
  for (int i = 0; i < 3; ++i) {
    UnansweredQuery q;
    q.text = i < 2 ? "배송 언제 와요" : "환불 규정";
    q.created_at = b + minutes{i};
    ASSERT_TRUE(store().record_unanswered_query(q));
  }
  UnansweredQuery late;
  late.text = "환불 규정";
  late.created_at = b + hours{5};
  ASSERT_TRUE(store().record_unanswered_query(late));
  auto top = store().top_unanswered_between(b, b + hours{1}, 10);
  ASSERT_TRUE(top) << top.error().message;
  ASSERT_EQ(top->size(), 2u);
  EXPECT_EQ((*top)[0].text, "배송 언제 와요");
  EXPECT_EQ((*top)[0].count, 2);
  EXPECT_EQ((*top)[1].count, 1);
  EXPECT_FALSE(store().top_unanswered_between(b, b + hours{1}, 0));
}

TEST_P(AnalyticsContract, ListsConversationsOfARangePageByPage) {
  const TimePoint b = base();
  for (int i = 0; i < 5; ++i) conversation("c" + std::to_string(i), "cust", b + minutes{i});
  conversation("c9", "cust", b + hours{3});
  std::vector<std::string> ids;
  std::string after;
  for (;;) {
    auto page = store().list_conversations_between(b, b + hours{1}, after, 2);
    ASSERT_TRUE(page) << page.error().message;
    for (const auto& c : *page) ids.push_back(c.id);
    if (page->size() < 2) break;
    after = page->back().id;
  }
  EXPECT_EQ(ids, (std::vector<std::string>{"c0", "c1", "c2", "c3", "c4"}));
  EXPECT_FALSE(store().list_conversations_between(b, b + hours{1}, "", 0));
}

TEST_P(AnalyticsContract, PurgeDeletesOldClosedConversationsWithTheirRowsAndKeepsRollups) {
  const TimePoint b = base();
  given_a_day();  // c-bot and c-agent end on the first day
  UnansweredQuery q;
  q.text = "모르는 질문";
  q.conversation_id = "c-bot";
  q.created_at = b + minutes{12};
  ASSERT_TRUE(store().record_unanswered_query(q));
  conversation("c-open", "cust-3", b);  // never closed
  conversation("c-new", "cust-4", b + std::chrono::days{5});
  close("c-new", b + std::chrono::days{5} + hours{1});
  const TimePoint cut = b + std::chrono::days{2};

  auto dry = store().purge_closed_conversations(cut, true);
  ASSERT_TRUE(dry) << dry.error().message;
  EXPECT_EQ(dry->conversations, 2);
  EXPECT_EQ(dry->messages, 2);
  EXPECT_EQ(dry->escalations, 1);
  EXPECT_EQ(dry->unanswered_queries, 1);
  EXPECT_TRUE(store().get_conversation("c-bot")) << "a dry run deletes nothing";

  ASSERT_TRUE(store().roll_up_metrics(cut));
  auto purged = store().purge_closed_conversations(cut, false);
  ASSERT_TRUE(purged) << purged.error().message;
  EXPECT_EQ(purged->conversations, 2);
  EXPECT_EQ(store().get_conversation("c-bot").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(store().get_conversation("c-agent").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(store().get_escalation("e1").error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(store().get_conversation("c-open"));
  EXPECT_TRUE(store().get_conversation("c-new"));
  auto again = store().purge_closed_conversations(cut, false);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->conversations, 0);
  // The aggregates of the purged conversations survive in the rollup.
  auto t = totals();
  EXPECT_EQ(t.at("ended/bot").count, 1);
  EXPECT_EQ(t.at("csat/4").count, 1);
}

}  // namespace
}  // namespace aicc::testing_support
