// Token buckets by key (a client address, a conversation id): each key may spend `burst`
// at once and earns `per_second` back. Thread-safe and bounded: a bucket that has refilled
// completely (an idle client) is the same as no bucket, so such buckets are swept out each
// time a shard has doubled since its last sweep (memory follows the keys active within a
// refill time, amortised O(1) per call); past `max_keys` the least recently active go too.
//
//   RateLimiter limiter({.per_second = 50, .burst = 100});
//   if (auto wait = limiter.take(client, now)) → answer 429 with Retry-After: *wait
#pragma once

#include <array>
#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace aicc::net {

struct RateLimit {
  double per_second = 0;  // 0: no limit
  double burst = 1;       // tokens a key may spend at once (at least 1)
  bool enabled() const { return per_second > 0; }
};

class RateLimiter {
 public:
  using TimePoint = std::chrono::steady_clock::time_point;

  explicit RateLimiter(RateLimit limit, std::size_t max_keys = 100000);

  // Spends one token of `key` at `now`. nullopt: allowed; otherwise how long until a token
  // is there (for Retry-After). Always allowed when the limit is disabled.
  std::optional<std::chrono::milliseconds> take(std::string_view key, TimePoint now);

  std::size_t keys() const;

 private:
  struct Bucket {
    double tokens = 0;
    TimePoint last{};
  };
  struct Shard {
    mutable std::mutex mu;
    std::unordered_map<std::string, Bucket> buckets;
    std::size_t sweep_at = kMinSweepSize;  // size that triggers the next sweep
  };
  static constexpr std::size_t kMinSweepSize = 64;
  Shard& shard_of(std::string_view key);
  void forget_idle(Shard& shard, TimePoint now);

  RateLimit limit_;
  std::size_t max_keys_per_shard_;
  std::array<Shard, 16> shards_;
};

}  // namespace aicc::net
