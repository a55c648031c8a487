#include "nlu/intent/half_float.h"

#include <cmath>
#include <cstdint>
#include <limits>
#include <random>

#include <gtest/gtest.h>

namespace aicc::nlu {
namespace {

TEST(HalfFloat, EveryHalfValueSurvivesARoundTrip) {
  for (std::uint32_t h = 0; h <= 0xFFFFu; ++h) {
    const auto half = static_cast<std::uint16_t>(h);
    const float f = half_to_float(half);
    if ((h & 0x7C00u) == 0x7C00u && (h & 0x03FFu) != 0) {
      EXPECT_TRUE(std::isnan(f)) << h;
      EXPECT_TRUE(std::isnan(half_to_float(float_to_half(f)))) << h;
      continue;
    }
    EXPECT_EQ(float_to_half(f), half) << h;
  }
}

TEST(HalfFloat, KnownValues) {
  EXPECT_EQ(float_to_half(0.0f), 0x0000);
  EXPECT_EQ(float_to_half(-0.0f), 0x8000);
  EXPECT_EQ(float_to_half(1.0f), 0x3C00);
  EXPECT_EQ(float_to_half(-2.0f), 0xC000);
  EXPECT_EQ(float_to_half(0.5f), 0x3800);
  EXPECT_EQ(float_to_half(65504.0f), 0x7BFF);
  EXPECT_EQ(float_to_half(std::ldexp(1.0f, -14)), 0x0400);  // smallest normal
  EXPECT_EQ(float_to_half(std::ldexp(1.0f, -24)), 0x0001);  // smallest subnormal
  EXPECT_EQ(float_to_half(std::numeric_limits<float>::infinity()), 0x7C00);
  EXPECT_EQ(float_to_half(-std::numeric_limits<float>::infinity()), 0xFC00);
  EXPECT_TRUE(std::isnan(half_to_float(float_to_half(std::nanf("")))));
  EXPECT_FLOAT_EQ(half_to_float(0x3555), 0.333251953125f);
  EXPECT_FLOAT_EQ(half_to_float(0x0001), std::ldexp(1.0f, -24));
}

TEST(HalfFloat, TiesGoToEvenAndFiniteValuesSaturate) {
  EXPECT_EQ(float_to_half(1.0f + std::ldexp(1.0f, -11)), 0x3C00);      // tie, even below
  EXPECT_EQ(float_to_half(1.0f + 3 * std::ldexp(1.0f, -11)), 0x3C02);  // tie, even above
  EXPECT_EQ(float_to_half(std::ldexp(1.0f, -25)), 0x0000);             // subnormal tie
  EXPECT_EQ(float_to_half(3 * std::ldexp(1.0f, -25)), 0x0002);
  EXPECT_EQ(float_to_half(65519.0f), 0x7BFF);
  EXPECT_EQ(float_to_half(1e9f), 0x7BFF);  // never infinity for a finite weight
  EXPECT_EQ(float_to_half(-1e9f), 0xFBFF);
  EXPECT_EQ(float_to_half(std::numeric_limits<float>::max()), 0x7BFF);
}

TEST(HalfFloat, RoundsToTheNearestHalf) {
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<float> weights(-2.0f, 2.0f);
  for (int i = 0; i < 100000; ++i) {
    const float f = i % 2 ? weights(rng) : weights(rng) * 1e-4f;  // also subnormal halves
    const std::uint16_t h = float_to_half(f);
    const double err = std::fabs(static_cast<double>(f) - half_to_float(h));
    for (const int step : {-1, 1}) {
      const auto neighbour = static_cast<std::uint16_t>((h & 0x7FFFu) + step) |
                             static_cast<std::uint16_t>(h & 0x8000u);
      if ((h & 0x7FFFu) == 0 && step < 0) continue;
      const double other =
          std::fabs(static_cast<double>(f) - half_to_float(static_cast<std::uint16_t>(neighbour)));
      EXPECT_LE(err, other) << f;
    }
    EXPECT_EQ(round_to_half(f), half_to_float(h));
  }
}

}  // namespace
}  // namespace aicc::nlu
