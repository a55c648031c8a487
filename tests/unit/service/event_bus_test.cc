// The EventBus numbers events, calls the topic's subscribers, and keeps the newest events
// in a bounded ring for resuming streams; a gap older than the ring is reported.
#include "service/event_bus.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace aicc {
namespace {

TEST(EventBus, NumbersEventsAndCallsOnlyTheTopicsSubscribers) {
  EventBus bus(10);
  std::vector<BusEvent> got;
  const auto id = bus.subscribe("a", [&](const BusEvent& e) { got.push_back(e); });
  bus.publish("a", R"({"type":"x"})", 7);
  bus.publish("b", R"({"type":"y"})");
  bus.publish("a", R"({"type":"z"})");
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0].number, 1u);
  EXPECT_EQ(got[0].message_seq, 7);
  EXPECT_EQ(got[1].number, 3u);
  EXPECT_EQ(bus.last_number(), 3u);
  bus.unsubscribe(id);
  bus.publish("a", "{}");
  EXPECT_EQ(got.size(), 2u);
}

TEST(EventBus, ReplaysTheTopicsEventsAfterANumber) {
  EventBus bus(10);
  for (int i = 0; i < 6; ++i) bus.publish(i % 2 ? "odd" : "even", std::to_string(i));
  auto odd = bus.since(2, {"odd"});
  ASSERT_TRUE(odd);
  ASSERT_EQ(odd->size(), 2u);  // events 4 and 6
  EXPECT_EQ((*odd)[0].number, 4u);
  EXPECT_EQ((*odd)[1].json, "5");
  auto both = bus.since(0, {"odd", "even"});
  ASSERT_TRUE(both);
  EXPECT_EQ(both->size(), 6u);
  auto none = bus.since(6, {"odd"});
  ASSERT_TRUE(none);
  EXPECT_TRUE(none->empty());
}

TEST(EventBus, AGapOlderThanTheRingIsReported) {
  EventBus bus(3);
  for (int i = 0; i < 5; ++i) bus.publish("t", "{}");  // the ring keeps 3, 4, 5
  EXPECT_FALSE(bus.since(1, {"t"}));                   // 2 is gone
  ASSERT_TRUE(bus.since(2, {"t"}));
  EXPECT_EQ(bus.since(2, {"t"})->size(), 3u);
  EXPECT_FALSE(bus.since(9, {"t"}));  // a number this bus never gave out
}

}  // namespace
}  // namespace aicc
