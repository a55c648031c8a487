// The retry schedule of webhook deliveries: doubling from the first backoff, capped.
#include <gtest/gtest.h>

#include "service/webhook_dispatcher.h"

namespace aicc {
namespace {

using std::chrono::milliseconds;

TEST(WebhookBackoff, DoublesAfterEachFailureUpToTheCap) {
  WebhookOptions o;
  o.first_backoff = milliseconds(1000);
  o.max_backoff = milliseconds(10000);
  EXPECT_EQ(WebhookDispatcher::backoff(o, 1), milliseconds(1000));
  EXPECT_EQ(WebhookDispatcher::backoff(o, 2), milliseconds(2000));
  EXPECT_EQ(WebhookDispatcher::backoff(o, 4), milliseconds(8000));
  EXPECT_EQ(WebhookDispatcher::backoff(o, 5), milliseconds(10000));
  EXPECT_EQ(WebhookDispatcher::backoff(o, 100), milliseconds(10000)) << "no overflow";
}

TEST(WebhookBackoff, DefaultsWaitAbout127SecondsInAllBetweenEightAttempts) {
  const WebhookOptions o;
  milliseconds total{0};
  for (int failures = 1; failures < o.max_attempts; ++failures)
    total += WebhookDispatcher::backoff(o, failures);
  EXPECT_EQ(total, milliseconds(127000));  // 1 + 2 + … + 64 s
}

}  // namespace
}  // namespace aicc
