#include "core/clock.h"

#include <gtest/gtest.h>

namespace aicc {
namespace {

TEST(Clock, FormatsUtcWithMicroseconds) {
  const auto t = from_unix_micros(1'700'000'000'123'456);
  EXPECT_EQ(format_iso8601(t), "2023-11-14T22:13:20.123456Z");
}

TEST(Clock, ParsesWhatItFormats) {
  const auto t = from_unix_micros(1'732'430'520'000'001);
  EXPECT_EQ(parse_iso8601(format_iso8601(t)), t);
}

TEST(Clock, ParsesOffsetsAndShortFractions) {
  const auto a = parse_iso8601("2026-11-24T15:00:00+09:00");
  const auto b = parse_iso8601("2026-11-24T06:00:00.0Z");
  ASSERT_TRUE(a && b);
  EXPECT_EQ(*a, *b);
}

TEST(Clock, RejectsMalformed) {
  for (const char* bad :
       {"", "2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z", "2026-11-24", "2026-11-24T06:00:00",
        "2026-11-24T06:00:00.Z", "2026-11-24T24:00:00Z", "2026-11-24T06:00:00Zjunk"}) {
    EXPECT_FALSE(parse_iso8601(bad)) << bad;
  }
}

TEST(Clock, ManualClockMovesOnlyWhenTold) {
  ManualClock c(from_unix_micros(1000));
  EXPECT_EQ(to_unix_micros(c.now()), 1000);
  c.advance(Micros(5));
  EXPECT_EQ(to_unix_micros(c.now()), 1005);
}

}  // namespace
}  // namespace aicc
