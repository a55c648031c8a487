#include "histogram.h"

#include <gtest/gtest.h>

#include <cstdint>

namespace aicc::bench {
namespace {

TEST(LatencyHistogram, BucketsCoverEveryValueWithBoundedError) {
  for (std::uint64_t v : {0ULL, 1ULL, 127ULL, 128ULL, 129ULL, 255ULL, 256ULL, 1000ULL, 123456ULL,
                          1000000007ULL, (1ULL << 40) + 12345ULL, ~0ULL}) {
    const auto i = LatencyHistogram::index_of(v);
    ASSERT_LT(i, LatencyHistogram::kBuckets) << v;
    EXPECT_LE(LatencyHistogram::lowest_of(i), v) << v;
    EXPECT_GE(LatencyHistogram::highest_of(i), v) << v;
    // Relative width of a bucket: at most 1/64.
    const auto width = LatencyHistogram::highest_of(i) - LatencyHistogram::lowest_of(i);
    EXPECT_LE(width, LatencyHistogram::lowest_of(i) / 64) << v;
  }
}

TEST(LatencyHistogram, BucketsAreContiguous) {
  for (std::size_t i = 0; i + 1 < LatencyHistogram::kBuckets; ++i)
    ASSERT_EQ(LatencyHistogram::highest_of(i) + 1, LatencyHistogram::lowest_of(i + 1)) << i;
}

TEST(LatencyHistogram, PercentilesOfAUniformSpread) {
  LatencyHistogram h;
  for (std::uint64_t v = 1; v <= 10000; ++v) h.record(v * 1000);  // 1 µs … 10 ms in ns
  EXPECT_EQ(h.count(), 10000u);
  EXPECT_EQ(h.max(), 10000000u);
  EXPECT_EQ(h.min(), 1000u);
  auto near = [](std::uint64_t got, double want) {
    return static_cast<double>(got) >= want && static_cast<double>(got) <= want * (1 + 1.0 / 64);
  };
  EXPECT_PRED2(near, h.percentile(50), 5000000.0);
  EXPECT_PRED2(near, h.percentile(99), 9900000.0);
  EXPECT_PRED2(near, h.percentile(99.9), 9990000.0);
  EXPECT_EQ(h.percentile(100), 10000000u);
}

TEST(LatencyHistogram, MergeAddsCounts) {
  LatencyHistogram a, b;
  for (int i = 0; i < 99; ++i) a.record(100);
  b.record(5000000);
  a.merge(b);
  EXPECT_EQ(a.count(), 100u);
  EXPECT_EQ(a.percentile(99), 100u);
  EXPECT_EQ(a.percentile(99.9), 5000000u);
  EXPECT_EQ(LatencyHistogram().percentile(99), 0u);
}

}  // namespace
}  // namespace aicc::bench
