#include "net/rate_limiter.h"

#include <algorithm>
#include <cmath>
#include <functional>

namespace aicc::net {

RateLimiter::RateLimiter(RateLimit limit, std::size_t max_keys)
    : limit_(limit), max_keys_per_shard_(std::max<std::size_t>(1, max_keys / 16)) {
  limit_.burst = std::max(1.0, limit_.burst);
}

RateLimiter::Shard& RateLimiter::shard_of(std::string_view key) {
  return shards_[std::hash<std::string_view>{}(key) % shards_.size()];
}

void RateLimiter::forget_idle(Shard& shard, TimePoint now) {
  // A bucket that would be full again is indistinguishable from a new one.
  std::erase_if(shard.buckets, [&](const auto& kv) {
    const double elapsed = std::chrono::duration<double>(now - kv.second.last).count();
    return kv.second.tokens + elapsed * limit_.per_second >= limit_.burst;
  });
  // Still full of active clients: the oldest activity goes first, half the shard at once
  // so that a flood of new keys does not rescan on every request.
  if (shard.buckets.size() >= max_keys_per_shard_) {
    std::vector<std::pair<TimePoint, std::string>> by_age;
    by_age.reserve(shard.buckets.size());
    for (const auto& [k, b] : shard.buckets) by_age.emplace_back(b.last, k);
    std::sort(by_age.begin(), by_age.end());
    for (std::size_t i = 0; i < by_age.size() / 2; ++i) shard.buckets.erase(by_age[i].second);
  }
  shard.sweep_at = std::max(kMinSweepSize, 2 * shard.buckets.size());
}

std::optional<std::chrono::milliseconds> RateLimiter::take(std::string_view key, TimePoint now) {
  if (!limit_.enabled()) return std::nullopt;
  Shard& shard = shard_of(key);
  std::lock_guard lock(shard.mu);
  auto it = shard.buckets.find(std::string(key));
  if (it == shard.buckets.end()) {
    if (shard.buckets.size() >= std::min(shard.sweep_at, max_keys_per_shard_))
      forget_idle(shard, now);
    it = shard.buckets.emplace(std::string(key), Bucket{limit_.burst, now}).first;
  }
  Bucket& b = it->second;
  const double elapsed = std::max(0.0, std::chrono::duration<double>(now - b.last).count());
  b.tokens = std::min(limit_.burst, b.tokens + elapsed * limit_.per_second);
  b.last = now;
  if (b.tokens >= 1.0) {
    b.tokens -= 1.0;
    return std::nullopt;
  }
  const double wait_s = (1.0 - b.tokens) / limit_.per_second;
  return std::chrono::milliseconds(static_cast<std::int64_t>(std::ceil(wait_s * 1000.0)));
}

std::size_t RateLimiter::keys() const {
  std::size_t n = 0;
  for (const auto& s : shards_) {
    std::lock_guard lock(s.mu);
    n += s.buckets.size();
  }
  return n;
}

}  // namespace aicc::net
