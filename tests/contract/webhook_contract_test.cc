// The storage contract, part 5: outbound webhook subscriptions (validated, updated,
// deleted with their log) and deliveries (stored only for a live subscription, leased so
// that concurrent workers never take one twice, attempts recorded, listed newest first).
#include <algorithm>
#include <atomic>
#include <set>
#include <thread>

#include <gtest/gtest.h>

#include "contract_fixture.h"

namespace aicc::testing_support {
namespace {

using std::chrono::seconds;

WebhookSubscription make_webhook(std::string id) {
  WebhookSubscription s;
  s.id = std::move(id);
  s.url = "https://crm.example.com/hooks/aicc?team=1";
  s.secret = "0123456789abcdef0123";
  s.events = {"conversation.created", "message.created"};
  s.description = "CRM 연동";
  s.created_at = test_time();
  s.updated_at = test_time();
  return s;
}

WebhookDelivery make_delivery(std::string id, std::string subscription, TimePoint due) {
  WebhookDelivery d;
  d.id = std::move(id);
  d.subscription_id = std::move(subscription);
  d.event_id = "evt-" + d.id;
  d.event_type = "message.created";
  d.payload = R"({"type":"message.created","data":{"text":"안녕"}})";
  d.next_attempt_at = due;
  d.created_at = due;
  d.updated_at = due;
  return d;
}

TEST_P(StoreContract, WebhookRoundTripsEveryFieldAndListsOldestFirst) {
  auto a = make_webhook("w1");
  auto b = make_webhook("w2");
  b.created_at = test_time() + seconds(5);
  b.events = {"*"};
  b.active = false;
  ASSERT_TRUE(store().create_webhook(b));
  ASSERT_TRUE(store().create_webhook(a));
  auto loaded = store().get_webhook("w1");
  ASSERT_TRUE(loaded) << loaded.error().message;
  EXPECT_EQ(loaded->url, a.url);
  EXPECT_EQ(loaded->secret, a.secret);
  EXPECT_EQ(loaded->events, a.events);
  EXPECT_EQ(loaded->description, a.description);
  EXPECT_TRUE(loaded->active);
  EXPECT_EQ(loaded->created_at, a.created_at);
  auto all = store().list_webhooks();
  ASSERT_TRUE(all);
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].id, "w1");
  EXPECT_EQ((*all)[1].id, "w2");
  EXPECT_FALSE((*all)[1].active);
  EXPECT_TRUE((*all)[1].wants("sla.breached"));
}

TEST_P(StoreContract, WebhookRefusesInvalidFieldsAndDuplicateIds) {
  ASSERT_TRUE(store().create_webhook(make_webhook("w1")));
  auto dup = store().create_webhook(make_webhook("w1"));
  ASSERT_FALSE(dup);
  EXPECT_EQ(dup.error().code, ErrorCode::kConflict);
  struct Case {
    std::string field;
    std::function<void(WebhookSubscription&)> spoil;
  };
  const std::vector<Case> cases = {
      {"url", [](auto& s) { s.url = "ftp://x.example.com/"; }},
      {"url", [](auto& s) { s.url = "https://user:pw@x.example.com/"; }},
      {"url", [](auto& s) { s.url = "https:///path"; }},
      {"secret", [](auto& s) { s.secret = "short"; }},
      {"events", [](auto& s) { s.events = {}; }},
      {"events", [](auto& s) { s.events = {"message.deleted"}; }},
      {"description", [](auto& s) { s.description = std::string("\xff\xfe"); }},
  };
  for (const auto& c : cases) {
    auto s = make_webhook("w-bad");
    c.spoil(s);
    auto r = store().create_webhook(s);
    ASSERT_FALSE(r) << c.field;
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument) << c.field;
    EXPECT_EQ(r.error().details.at("field"), c.field);
  }
  EXPECT_EQ(store().get_webhook("w-bad").error().code, ErrorCode::kNotFound);
}

TEST_P(StoreContract, WebhookUpdateSavesEditableFieldsAndUnknownIdsAreNotFound) {
  ASSERT_TRUE(store().create_webhook(make_webhook("w1")));
  auto s = make_webhook("w1");
  s.url = "http://127.0.0.1:9/hook";
  s.secret = "another-secret-0123456789";
  s.events = {"conversation.closed"};
  s.description = "";
  s.active = false;
  s.updated_at = test_time() + seconds(60);
  auto updated = store().update_webhook(s);
  ASSERT_TRUE(updated) << updated.error().message;
  EXPECT_EQ(updated->url, s.url);
  EXPECT_EQ(updated->events, s.events);
  EXPECT_FALSE(updated->active);
  EXPECT_EQ(updated->created_at, test_time()) << "creation time is kept";
  EXPECT_EQ(updated->updated_at, s.updated_at);
  s.id = "nope";
  EXPECT_EQ(store().update_webhook(s).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(store().delete_webhook("nope").error().code, ErrorCode::kNotFound);
  s.id = "w1";
  s.secret = "x";
  EXPECT_EQ(store().update_webhook(s).error().code, ErrorCode::kInvalidArgument);
}

TEST_P(StoreContract, DeliveriesAreStoredOnlyForExistingSubscriptionsAndGoWithThem) {
  ASSERT_TRUE(store().create_webhook(make_webhook("w1")));
  auto stored = store().enqueue_webhook_deliveries(
      {make_delivery("d1", "w1", test_time()), make_delivery("d2", "gone", test_time())});
  ASSERT_TRUE(stored) << stored.error().message;
  EXPECT_EQ(*stored, 1);
  auto d1 = store().get_webhook_delivery("d1");
  ASSERT_TRUE(d1);
  EXPECT_EQ(d1->state, DeliveryState::kPending);
  EXPECT_EQ(d1->payload, make_delivery("d1", "w1", test_time()).payload);
  EXPECT_FALSE(d1->last_status);
  EXPECT_FALSE(d1->delivered_at);
  EXPECT_EQ(store().get_webhook_delivery("d2").error().code, ErrorCode::kNotFound);
  auto again = store().enqueue_webhook_deliveries({make_delivery("d1", "w1", test_time())});
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  ASSERT_TRUE(store().delete_webhook("w1"));
  EXPECT_EQ(store().get_webhook_delivery("d1").error().code, ErrorCode::kNotFound);
}

TEST_P(StoreContract, ClaimLeasesDueDeliveriesOldestFirstAndNotTwice) {
  ASSERT_TRUE(store().create_webhook(make_webhook("w1")));
  const TimePoint t = test_time();
  ASSERT_TRUE(store().enqueue_webhook_deliveries({make_delivery("d-late", "w1", t + seconds(30)),
                                                  make_delivery("d-b", "w1", t + seconds(2)),
                                                  make_delivery("d-a", "w1", t + seconds(1))}));
  auto first = store().claim_webhook_deliveries(t + seconds(10), t + seconds(70), 10);
  ASSERT_TRUE(first) << first.error().message;
  ASSERT_EQ(first->size(), 2u) << "d-late is not due";
  EXPECT_EQ((*first)[0].id, "d-a");
  EXPECT_EQ((*first)[1].id, "d-b");
  auto leased = store().claim_webhook_deliveries(t + seconds(40), t + seconds(100), 10);
  ASSERT_TRUE(leased);
  ASSERT_EQ(leased->size(), 1u) << "the leased ones wait for their lease";
  EXPECT_EQ((*leased)[0].id, "d-late");
  auto expired = store().claim_webhook_deliveries(t + seconds(71), t + seconds(130), 10);
  ASSERT_TRUE(expired);
  EXPECT_EQ(expired->size(), 2u) << "a lease that ran out frees the delivery";
  EXPECT_EQ(store().claim_webhook_deliveries(t, t, 0).error().code, ErrorCode::kInvalidArgument);
}

TEST_P(StoreContract, RecordedAttemptsEndTheLeaseAndDeliveredOnesAreNotClaimedAgain) {
  ASSERT_TRUE(store().create_webhook(make_webhook("w1")));
  const TimePoint t = test_time();
  ASSERT_TRUE(store().enqueue_webhook_deliveries(
      {make_delivery("d1", "w1", t), make_delivery("d2", "w1", t)}));
  auto claimed = store().claim_webhook_deliveries(t, t + seconds(60), 10);
  ASSERT_TRUE(claimed);
  ASSERT_EQ(claimed->size(), 2u);
  WebhookDelivery ok = (*claimed)[0];
  ok.state = DeliveryState::kDelivered;
  ok.attempts = 1;
  ok.last_status = 204;
  ok.delivered_at = t + seconds(1);
  ok.updated_at = t + seconds(1);
  ASSERT_TRUE(store().record_webhook_attempt(ok));
  WebhookDelivery retry = (*claimed)[1];
  retry.attempts = 1;
  retry.last_status = 503;
  retry.last_error = "HTTP 503";
  retry.next_attempt_at = t + seconds(2);
  retry.updated_at = t + seconds(1);
  ASSERT_TRUE(store().record_webhook_attempt(retry));
  auto next = store().claim_webhook_deliveries(t + seconds(2), t + seconds(62), 10);
  ASSERT_TRUE(next);
  ASSERT_EQ(next->size(), 1u) << "the retry is due again before the old lease ends";
  EXPECT_EQ((*next)[0].id, retry.id);
  EXPECT_EQ((*next)[0].attempts, 1);
  EXPECT_EQ((*next)[0].last_status, 503);
  EXPECT_EQ((*next)[0].last_error, "HTTP 503");
  auto stored = store().get_webhook_delivery(ok.id);
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->state, DeliveryState::kDelivered);
  EXPECT_EQ(stored->delivered_at, ok.delivered_at);
  ok.id = "nope";
  EXPECT_EQ(store().record_webhook_attempt(ok).error().code, ErrorCode::kNotFound);
}

TEST_P(StoreContract, DeliveryLogListsNewestFirstFilteredByState) {
  ASSERT_TRUE(store().create_webhook(make_webhook("w1")));
  const TimePoint t = test_time();
  std::vector<WebhookDelivery> batch;
  for (int i = 0; i < 5; ++i)
    batch.push_back(make_delivery("d" + std::to_string(i), "w1", t + seconds(i)));
  ASSERT_TRUE(store().enqueue_webhook_deliveries(batch));
  auto dead = batch[3];
  dead.state = DeliveryState::kDead;
  dead.attempts = 8;
  ASSERT_TRUE(store().record_webhook_attempt(dead));
  auto all = store().list_webhook_deliveries("w1", std::nullopt, 3);
  ASSERT_TRUE(all) << all.error().message;
  ASSERT_EQ(all->size(), 3u);
  EXPECT_EQ((*all)[0].id, "d4");
  EXPECT_EQ((*all)[2].id, "d2");
  auto dead_only = store().list_webhook_deliveries("w1", DeliveryState::kDead, 10);
  ASSERT_TRUE(dead_only);
  ASSERT_EQ(dead_only->size(), 1u);
  EXPECT_EQ((*dead_only)[0].id, "d3");
  EXPECT_TRUE(store().list_webhook_deliveries("unknown", std::nullopt, 10)->empty());
  EXPECT_EQ(store().list_webhook_deliveries("w1", std::nullopt, 501).error().code,
            ErrorCode::kInvalidArgument);
}

TEST_P(StoreContract, ConcurrentClaimersNeverTakeTheSameDelivery) {
  ASSERT_TRUE(store().create_webhook(make_webhook("w1")));
  const TimePoint t = test_time();
  std::vector<WebhookDelivery> batch;
  for (int i = 0; i < 200; ++i) batch.push_back(make_delivery("d" + std::to_string(i), "w1", t));
  ASSERT_TRUE(store().enqueue_webhook_deliveries(batch));
  std::mutex mu;
  std::multiset<std::string> taken;
  std::vector<std::thread> workers;
  for (int w = 0; w < 4; ++w)
    workers.emplace_back([&] {
      for (;;) {
        auto got = store().claim_webhook_deliveries(t, t + seconds(600), 7);
        if (!got || got->empty()) return;
        std::lock_guard lock(mu);
        for (const auto& d : *got) taken.insert(d.id);
      }
    });
  for (auto& w : workers) w.join();
  EXPECT_EQ(taken.size(), 200u);
  std::set<std::string> unique(taken.begin(), taken.end());
  EXPECT_EQ(unique.size(), 200u) << "a delivery was leased twice";
}

}  // namespace
}  // namespace aicc::testing_support
