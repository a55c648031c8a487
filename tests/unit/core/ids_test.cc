#include "core/ids.h"

#include <gtest/gtest.h>

#include <set>

namespace aicc {
namespace {

TEST(Ids, UuidV7IsWellFormedAndTimeOrdered) {
  ManualClock clock(from_unix_micros(1'700'000'000'000'000));
  SeededRandom random(7);
  IdGenerator ids(clock, random);
  const auto a = ids.uuid();
  clock.advance(Micros(2000));
  const auto b = ids.uuid();
  EXPECT_TRUE(is_uuid(a));
  EXPECT_EQ(a[14], '7');  // version nibble
  EXPECT_TRUE(a[19] == '8' || a[19] == '9' || a[19] == 'a' || a[19] == 'b');
  EXPECT_LT(a, b);
}

TEST(Ids, DeterministicWithSeed) {
  ManualClock clock(from_unix_micros(1));
  SeededRandom r1(99), r2(99);
  IdGenerator g1(clock, r1), g2(clock, r2);
  EXPECT_EQ(g1.uuid(), g2.uuid());
  EXPECT_EQ(g1.escalation_reference(), g2.escalation_reference());
}

TEST(Ids, UniqueUnderTheSameMillisecond) {
  ManualClock clock(from_unix_micros(1));
  OsRandom random;
  IdGenerator ids(clock, random);
  std::set<std::string> seen;
  for (int i = 0; i < 10000; ++i) ASSERT_TRUE(seen.insert(ids.uuid()).second);
}

TEST(Ids, EscalationReferenceShape) {
  ManualClock clock(from_unix_micros(1));
  SeededRandom random(1);
  const auto ref = IdGenerator(clock, random).escalation_reference();
  ASSERT_EQ(ref.size(), 12u);
  EXPECT_EQ(ref.substr(0, 4), "ESC-");
}

TEST(Ids, IsUuidRejects) {
  EXPECT_FALSE(is_uuid(""));
  EXPECT_FALSE(is_uuid("0192f1c2-7a3b-7c4d-8e5f-60718293a4bZ"));
  EXPECT_FALSE(is_uuid("0192f1c2x7a3b-7c4d-8e5f-60718293a4b"));
  EXPECT_TRUE(is_uuid("0192f1c2-7a3b-7c4d-8e5f-60718293a4b5"));
}

}  // namespace
}  // namespace aicc
