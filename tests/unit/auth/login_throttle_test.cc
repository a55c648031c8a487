// Login throttling with a manual clock: the lockout begins at the Nth failure, lasts
// exactly the configured time, and is per username (ignoring case) and address.
#include <gtest/gtest.h>

#include "auth/login_throttle.h"

namespace aicc {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;

class LoginThrottleTest : public ::testing::Test {
 protected:
  ManualClock clock_{from_unix_micros(1'800'000'000'000'000)};
  LoginThrottle throttle_{clock_, {.max_failures = 3, .lockout = seconds(30)}};
  const std::string key_ = LoginThrottle::key("Kim", "10.0.0.1");
};

TEST_F(LoginThrottleTest, LocksAtTheNthFailureForTheLockout) {
  throttle_.record_failure(key_);
  throttle_.record_failure(key_);
  EXPECT_FALSE(throttle_.retry_after(key_));
  throttle_.record_failure(key_);
  auto wait = throttle_.retry_after(key_);
  ASSERT_TRUE(wait);
  EXPECT_EQ(*wait, seconds(30));
  clock_.advance(seconds(29));
  EXPECT_EQ(throttle_.retry_after(key_), seconds(1));
  clock_.advance(seconds(1));
  EXPECT_FALSE(throttle_.retry_after(key_));
  // After the lockout the count starts again.
  throttle_.record_failure(key_);
  EXPECT_FALSE(throttle_.retry_after(key_));
}

TEST_F(LoginThrottleTest, KeysAreUsernameIgnoringCaseAndAddress) {
  EXPECT_EQ(LoginThrottle::key("KIM", "10.0.0.1"), key_);
  EXPECT_NE(LoginThrottle::key("kim", "10.0.0.2"), key_);
  EXPECT_NE(LoginThrottle::key("lee", "10.0.0.1"), key_);
  for (int i = 0; i < 3; ++i) throttle_.record_failure(key_);
  EXPECT_TRUE(throttle_.retry_after(key_));
  EXPECT_FALSE(throttle_.retry_after(LoginThrottle::key("kim", "10.0.0.2")));
}

TEST_F(LoginThrottleTest, SuccessClearsTheCount) {
  throttle_.record_failure(key_);
  throttle_.record_failure(key_);
  throttle_.record_success(key_);
  throttle_.record_failure(key_);
  throttle_.record_failure(key_);
  EXPECT_FALSE(throttle_.retry_after(key_));
}

TEST_F(LoginThrottleTest, OldFailuresAreForgotten) {
  throttle_.record_failure(key_);
  throttle_.record_failure(key_);
  clock_.advance(minutes(16));
  throttle_.record_failure(key_);
  EXPECT_FALSE(throttle_.retry_after(key_));
}

TEST(LoginThrottleMemory, StaysBoundedForgettingUnlockedKeysFirst) {
  ManualClock clock{from_unix_micros(1'800'000'000'000'000)};
  LoginThrottle throttle{clock, {.max_failures = 2, .lockout = seconds(30), .max_keys = 10}};
  const std::string victim = LoginThrottle::key("victim", "1.1.1.1");
  throttle.record_failure(victim);
  throttle.record_failure(victim);
  for (int i = 0; i < 1000; ++i)
    throttle.record_failure(LoginThrottle::key("user" + std::to_string(i), "2.2.2.2"));
  EXPECT_LE(throttle.tracked_keys(), 10u);
  EXPECT_TRUE(throttle.retry_after(victim)) << "a locked key outlives guesses at other names";
}

}  // namespace
}  // namespace aicc
