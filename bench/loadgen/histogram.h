// A log-linear latency histogram in the manner of HdrHistogram: values below 128 have a bucket
// each; above, every power of two is split into 64 equal sub-buckets, so any recorded value is
// known to within 1/64 (1.6 %) whatever its size. Fixed memory (~30 KiB), O(1) record, and two
// histograms merge by adding counts — which is how the per-thread shards of the load generator
// are combined.
#pragma once

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <limits>

namespace aicc::bench {

class LatencyHistogram {
 public:
  static constexpr int kSubBits = 7;                            // 128 linear buckets at the start
  static constexpr std::uint64_t kSubCount = 1ULL << kSubBits;  // 128
  static constexpr std::uint64_t kHalf = kSubCount / 2;         // 64 sub-buckets per octave
  static constexpr std::size_t kBuckets = kSubCount + (64 - kSubBits) * kHalf;

  // Index of the bucket that holds `v`.
  static constexpr std::size_t index_of(std::uint64_t v) {
    if (v < kSubCount) return static_cast<std::size_t>(v);
    const int msb = 63 - std::countl_zero(v);
    const int shift = msb - (kSubBits - 1);  // ≥ 1
    const std::uint64_t top = v >> shift;    // in [64, 128)
    return static_cast<std::size_t>(kSubCount + static_cast<std::uint64_t>(shift - 1) * kHalf +
                                    (top - kHalf));
  }
  // Smallest and largest value that fall into bucket `i`.
  static constexpr std::uint64_t lowest_of(std::size_t i) {
    if (i < kSubCount) return i;
    const std::uint64_t shift = (i - kSubCount) / kHalf + 1;
    const std::uint64_t top = (i - kSubCount) % kHalf + kHalf;
    return top << shift;
  }
  static constexpr std::uint64_t highest_of(std::size_t i) {
    if (i < kSubCount) return i;
    const std::uint64_t shift = (i - kSubCount) / kHalf + 1;
    const std::uint64_t top = (i - kSubCount) % kHalf + kHalf;
    return ((top + 1) << shift) - 1;
  }

  void record(std::uint64_t v) {
    ++counts_[index_of(v)];
    ++total_;
    if (v > max_) max_ = v;
    if (v < min_) min_ = v;
  }
  void merge(const LatencyHistogram& other) {
    for (std::size_t i = 0; i < kBuckets; ++i) counts_[i] += other.counts_[i];
    total_ += other.total_;
    if (other.max_ > max_) max_ = other.max_;
    if (other.min_ < min_) min_ = other.min_;
  }

  std::uint64_t count() const { return total_; }
  std::uint64_t max() const { return max_; }
  std::uint64_t min() const { return total_ == 0 ? 0 : min_; }

  // The value at percentile `p` (0–100): the highest value of the bucket in which the
  // ceil(p/100·n)-th smallest recording lies (as HdrHistogram reports it), capped at the exact
  // maximum. 0 when empty.
  std::uint64_t percentile(double p) const {
    if (total_ == 0) return 0;
    if (p <= 0) return min();
    auto rank = static_cast<std::uint64_t>(p / 100.0 * static_cast<double>(total_) + 0.999999);
    if (rank < 1) rank = 1;
    if (rank > total_) rank = total_;
    std::uint64_t seen = 0;
    for (std::size_t i = 0; i < kBuckets; ++i) {
      seen += counts_[i];
      if (seen >= rank) return highest_of(i) < max_ ? highest_of(i) : max_;
    }
    return max_;
  }

 private:
  std::array<std::uint64_t, kBuckets> counts_{};
  std::uint64_t total_ = 0;
  std::uint64_t max_ = 0;
  std::uint64_t min_ = std::numeric_limits<std::uint64_t>::max();
};

}  // namespace aicc::bench
