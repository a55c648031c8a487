// IEEE 754 binary16 ("half") conversions, in software so that no CPU feature is assumed.
// The MLP's first layer is stored in 16 bits in model files (version 3): it is the bulk of
// the file (features × hidden), and its weights are small numbers for which binary16's 11
// significant bits lose nothing the classifier measures (docs/benchmarks.md).
#pragma once

#include <bit>
#include <cstdint>

namespace aicc::nlu {

// Rounds to the nearest binary16 value, ties to even. Finite values beyond the largest half
// (±65504) saturate to it rather than becoming infinite; infinities stay infinite and NaN
// stays NaN. (After F. Giesen's float_to_half_fast3_rtne.)
constexpr std::uint16_t float_to_half(float value) {
  constexpr std::uint32_t kSignMask = 0x80000000u;
  constexpr std::uint32_t kInfinity = 255u << 23;
  constexpr std::uint32_t kMaxHalf = 0x477FE000u;                                  // 65504.0f
  constexpr std::uint32_t kDenormMagic = ((127u - 15u) + (23u - 10u) + 1u) << 23;  // 0.5f
  std::uint32_t bits = std::bit_cast<std::uint32_t>(value);
  const auto sign = static_cast<std::uint16_t>((bits & kSignMask) >> 16);
  bits &= ~kSignMask;
  if (bits > kInfinity) return static_cast<std::uint16_t>(sign | 0x7E00u);  // quiet NaN
  if (bits == kInfinity) return static_cast<std::uint16_t>(sign | 0x7C00u);
  if (bits > kMaxHalf) bits = kMaxHalf;  // saturate: never round a finite weight to infinity
  if (bits < (113u << 23)) {
    // Subnormal half or zero: adding the magic number aligns the 10 significand bits at the
    // bottom of the float, and the FPU's round-to-nearest-even does the rounding.
    const float aligned = std::bit_cast<float>(bits) + std::bit_cast<float>(kDenormMagic);
    return static_cast<std::uint16_t>(sign |
                                      (std::bit_cast<std::uint32_t>(aligned) - kDenormMagic));
  }
  const std::uint32_t odd = (bits >> 13) & 1u;
  bits += ((15u - 127u) << 23) + 0xFFFu + odd;  // rebias the exponent, round half to even
  return static_cast<std::uint16_t>(sign | (bits >> 13));
}

// Exact: every binary16 value is a float.
constexpr float half_to_float(std::uint16_t half) {
  constexpr std::uint32_t kShiftedExponent = 0x7C00u << 13;
  constexpr float kMagic = std::bit_cast<float>(113u << 23);  // 2^-14
  std::uint32_t bits = static_cast<std::uint32_t>(half & 0x7FFFu) << 13;
  const std::uint32_t exponent = bits & kShiftedExponent;
  bits += (127u - 15u) << 23;
  float out = 0.0f;
  if (exponent == kShiftedExponent) {
    out = std::bit_cast<float>(bits + ((128u - 16u) << 23));  // infinity or NaN
  } else if (exponent == 0) {
    out = std::bit_cast<float>(bits + (1u << 23)) - kMagic;  // zero or subnormal
  } else {
    out = std::bit_cast<float>(bits);
  }
  const std::uint32_t sign = static_cast<std::uint32_t>(half & 0x8000u) << 16;
  return std::bit_cast<float>(std::bit_cast<std::uint32_t>(out) | sign);
}

// The float a weight becomes when stored in 16 bits and read back.
constexpr float round_to_half(float value) {
  return half_to_float(float_to_half(value));
}

}  // namespace aicc::nlu
