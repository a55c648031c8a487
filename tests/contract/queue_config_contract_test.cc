// The storage contract, part 12: the queue configuration — one document, saved by
// compare-and-set on its version, so of two changes from the same version (two admins,
// two nodes) exactly one is stored and the other learns it is stale.
#include <atomic>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "contract_fixture.h"

namespace aicc::testing_support {
namespace {

TEST_P(StoreContract, QueueConfigIsAbsentUntilSeededThenVersioned) {
  auto none = store().get_queue_config();
  ASSERT_TRUE(none) << none.error().message;
  EXPECT_FALSE(none->has_value());

  auto first = store().save_queue_config(R"({"queues":[]})", 0, test_time());
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_EQ(first->version, 1);
  auto second = store().save_queue_config(R"({"queues":[1]})", 1, test_time());
  ASSERT_TRUE(second) << second.error().message;
  EXPECT_EQ(second->version, 2);

  reopen();
  auto got = store().get_queue_config();
  ASSERT_TRUE(got && got->has_value());
  EXPECT_EQ((*got)->document, R"({"queues":[1]})");
  EXPECT_EQ((*got)->version, 2);
  EXPECT_EQ((*got)->updated_at, test_time());
}

TEST_P(StoreContract, QueueConfigRefusesAStaleVersion) {
  ASSERT_TRUE(store().save_queue_config("{}", 0, test_time()));
  for (std::int64_t stale : {0, 2, 7}) {
    auto refused = store().save_queue_config(R"({"x":1})", stale, test_time());
    ASSERT_FALSE(refused) << "expected version " << stale;
    EXPECT_EQ(refused.error().code, ErrorCode::kConflict);
    EXPECT_EQ(refused.error().details["reason"], "stale");
    EXPECT_EQ(refused.error().details["version"], "1");
  }
  auto kept = store().get_queue_config();
  ASSERT_TRUE(kept && kept->has_value());
  EXPECT_EQ((*kept)->document, "{}") << "a refused save writes nothing";
}

TEST_P(StoreContract, OfConcurrentQueueConfigSavesFromOneVersionOneWins) {
  ASSERT_TRUE(store().save_queue_config("{}", 0, test_time()));
  constexpr int kWriters = 6;
  std::atomic<int> stored{0}, stale{0}, other{0};
  std::vector<std::thread> writers;
  for (int i = 0; i < kWriters; ++i)
    writers.emplace_back([&, i] {
      auto r = store().save_queue_config("{\"writer\":" + std::to_string(i) + "}", 1, test_time());
      if (r)
        ++stored;
      else if (r.error().code == ErrorCode::kConflict)
        ++stale;
      else
        ++other;
    });
  for (auto& t : writers) t.join();
  EXPECT_EQ(stored.load(), 1);
  EXPECT_EQ(stale.load(), kWriters - 1);
  EXPECT_EQ(other.load(), 0);
  auto got = store().get_queue_config();
  ASSERT_TRUE(got && got->has_value());
  EXPECT_EQ((*got)->version, 2);
}

}  // namespace
}  // namespace aicc::testing_support
