// Token buckets with explicit times: the burst, the refill rate, the wait reported for
// Retry-After, keys kept apart, and memory bounded by forgetting idle clients first.
#include "net/rate_limiter.h"

#include <gtest/gtest.h>

namespace aicc::net {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;
using Clock = std::chrono::steady_clock;

TEST(RateLimiter, SpendsTheBurstThenWaitsForTheRefill) {
  RateLimiter limiter({.per_second = 2, .burst = 3});
  const auto t0 = Clock::time_point{} + seconds(100);
  for (int i = 0; i < 3; ++i) EXPECT_FALSE(limiter.take("a", t0)) << i;
  auto wait = limiter.take("a", t0);
  ASSERT_TRUE(wait);
  EXPECT_EQ(*wait, milliseconds(500)) << "one token at 2 per second";
  EXPECT_TRUE(limiter.take("a", t0 + milliseconds(499)));
  EXPECT_FALSE(limiter.take("a", t0 + milliseconds(1000)));
  EXPECT_FALSE(limiter.take("b", t0)) << "another key has its own bucket";
}

TEST(RateLimiter, RefillsNoMoreThanTheBurst) {
  RateLimiter limiter({.per_second = 10, .burst = 2});
  const auto t0 = Clock::time_point{} + seconds(5);
  EXPECT_FALSE(limiter.take("a", t0));
  const auto later = t0 + seconds(60);
  EXPECT_FALSE(limiter.take("a", later));
  EXPECT_FALSE(limiter.take("a", later));
  EXPECT_TRUE(limiter.take("a", later)) << "an hour idle still gives only the burst";
}

TEST(RateLimiter, DisabledAlwaysAllows) {
  RateLimiter limiter({.per_second = 0, .burst = 1});
  for (int i = 0; i < 1000; ++i) EXPECT_FALSE(limiter.take("a", Clock::time_point{}));
  EXPECT_EQ(limiter.keys(), 0u);
}

TEST(RateLimiter, ForgetsIdleClientsToStayBounded) {
  RateLimiter limiter({.per_second = 1, .burst = 1}, /*max_keys=*/160);
  const auto t0 = Clock::time_point{} + seconds(1);
  for (int i = 0; i < 5000; ++i)
    (void)limiter.take("client-" + std::to_string(i), t0 + milliseconds(i));
  EXPECT_LE(limiter.keys(), 160u + 16u);
  // A client that is still limited is not forgotten while idle ones exist.
  EXPECT_TRUE(limiter.take("client-4999", t0 + milliseconds(4999)));
}

TEST(RateLimiter, SweepsRefilledBucketsLongBeforeTheBound) {
  // Conversations come and go: memory must follow the ones active within a refill time,
  // not grow to max_keys (a soak of short conversations once filled it over 18 minutes).
  RateLimiter limiter({.per_second = 10, .burst = 2}, /*max_keys=*/1'000'000);
  const auto t0 = Clock::time_point{} + seconds(1);
  for (int i = 0; i < 10'000; ++i) (void)limiter.take("old-" + std::to_string(i), t0);
  EXPECT_EQ(limiter.keys(), 10'000u) << "none of them has refilled yet";
  const auto t1 = t0 + seconds(1);  // every old bucket is full again
  for (int i = 0; i < 20'000; ++i) (void)limiter.take("new-" + std::to_string(i), t1);
  EXPECT_EQ(limiter.keys(), 20'000u) << "the refilled buckets are gone, the busy ones stay";
  // The busy ones still remember what they spent.
  EXPECT_FALSE(limiter.take("new-7", t1));
  EXPECT_TRUE(limiter.take("new-7", t1));
}

}  // namespace
}  // namespace aicc::net
