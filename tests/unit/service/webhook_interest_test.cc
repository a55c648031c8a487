// Which events the webhook dispatcher queues: only what an active subscription wants,
// once the subscription list is known; everything while it is not (at start, and right
// after subscriptions_changed()), so no event a new subscription wants is lost.
#include <chrono>
#include <filesystem>
#include <mutex>
#include <random>
#include <thread>

#include <gtest/gtest.h>

#include "service/webhook_dispatcher.h"
#include "store/sqlite/sqlite_store.h"

namespace aicc {
namespace {

class CountingHttp final : public nlu::HttpClient {
 public:
  Result<nlu::HttpResponse> send(const nlu::HttpRequest& request) const override {
    std::lock_guard lock(mu_);
    bodies_.push_back(request.body);
    return nlu::HttpResponse{204, {}, ""};
  }
  std::size_t count() const {
    std::lock_guard lock(mu_);
    return bodies_.size();
  }

 private:
  mutable std::mutex mu_;
  mutable std::vector<std::string> bodies_;
};

class WebhookInterestTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("aicc-interest-" + std::to_string(std::random_device{}()));
    std::filesystem::create_directories(dir_);
    auto store = open_sqlite_store((dir_ / "aicc.db").string(), 2);
    ASSERT_TRUE(store) << store.error().message;
    store_ = std::move(*store);
    ASSERT_TRUE(store_->migrate());
    auto http = std::make_unique<CountingHttp>();
    http_ = http.get();
    WebhookOptions options;
    options.poll_interval = std::chrono::milliseconds(20);
    dispatcher_ =
        std::make_unique<WebhookDispatcher>(*store_, clock_, ids_, options, std::move(http));
  }
  void TearDown() override {
    dispatcher_.reset();
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  void subscribe(std::string id, std::vector<std::string> events, bool active = true) {
    WebhookSubscription s;
    s.id = std::move(id);
    s.url = "https://crm.example.com/" + s.id;
    s.secret = "0123456789abcdef0123";
    s.events = std::move(events);
    s.active = active;
    s.created_at = s.updated_at = clock_.now();
    ASSERT_TRUE(store_->create_webhook(s));
  }

  // Bounded wait for the recorder thread to have looked at the list (not a timing assertion).
  bool eventually(const std::function<bool()>& condition) {
    for (int i = 0; i < 500; ++i) {
      if (condition()) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return condition();
  }

  std::filesystem::path dir_;
  ManualClock clock_{TimePoint(std::chrono::sys_days(std::chrono::year(2026) / 11 / 29))};
  SeededRandom random_{11};
  IdGenerator ids_{clock_, random_};
  std::unique_ptr<Store> store_;
  CountingHttp* http_ = nullptr;
  std::unique_ptr<WebhookDispatcher> dispatcher_;
};

TEST_F(WebhookInterestTest, EverythingIsWantedUntilTheListIsKnown) {
  EXPECT_TRUE(dispatcher_->wants("message.created"));
  EXPECT_TRUE(dispatcher_->emit("message.created", "{}"));
  EXPECT_EQ(dispatcher_->stats().emitted, 1u);
}

TEST_F(WebhookInterestTest, WithoutSubscriptionsNothingIsQueued) {
  dispatcher_->start();
  ASSERT_TRUE(eventually([&] { return !dispatcher_->wants("message.created"); }));
  EXPECT_TRUE(dispatcher_->emit("message.created", "{}")) << "not a refusal";
  EXPECT_EQ(dispatcher_->stats().emitted, 0u);
}

TEST_F(WebhookInterestTest, OnlyTheTypesAnActiveSubscriptionWants) {
  subscribe("closed-only", {"conversation.closed"});
  subscribe("paused", {"*"}, /*active=*/false);
  dispatcher_->start();
  ASSERT_TRUE(eventually([&] { return !dispatcher_->wants("message.created"); }));
  EXPECT_TRUE(dispatcher_->wants("conversation.closed"));
  EXPECT_FALSE(dispatcher_->wants("conversation.escalated")) << "the inactive one wants nothing";
}

TEST_F(WebhookInterestTest, ASubscriptionIsFollowedAtOnceAfterAChange) {
  dispatcher_->start();
  ASSERT_TRUE(eventually([&] { return !dispatcher_->wants("message.created"); }));
  subscribe("all", {"*"});
  dispatcher_->subscriptions_changed();
  // At once, before the recorder reloaded: an event emitted now must not be skipped.
  EXPECT_TRUE(dispatcher_->wants("message.created"));
  EXPECT_TRUE(dispatcher_->emit("message.created", R"({"n":1})"));
  EXPECT_TRUE(eventually([&] { return http_->count() == 1; })) << "delivered to the new one";
  EXPECT_TRUE(dispatcher_->wants("message.created"));
}

}  // namespace
}  // namespace aicc
