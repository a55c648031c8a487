// Time as an injected dependency, so that domain rules and tests are deterministic.
// All timestamps are UTC with microsecond precision.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace aicc {

using Micros = std::chrono::microseconds;
using TimePoint = std::chrono::time_point<std::chrono::system_clock, Micros>;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimePoint now() const = 0;
};

// Wall-clock time.
class SystemClock final : public Clock {
 public:
  TimePoint now() const override;
};

// A clock that moves only when told to. Thread-safe.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(TimePoint start) : now_us_(start.time_since_epoch().count()) {}
  TimePoint now() const override { return TimePoint(Micros(now_us_.load())); }
  void advance(Micros d) { now_us_ += d.count(); }
  void set(TimePoint t) { now_us_ = t.time_since_epoch().count(); }

 private:
  std::atomic<std::int64_t> now_us_;
};

inline std::int64_t to_unix_micros(TimePoint t) {
  return t.time_since_epoch().count();
}
inline TimePoint from_unix_micros(std::int64_t us) {
  return TimePoint(Micros(us));
}

// RFC 3339 / ISO-8601 in UTC with microseconds: "2026-11-24T06:22:00.123456Z".
std::string format_iso8601(TimePoint t);
// Parses the format above (fraction optional, 'Z' or ±HH:MM offset). nullopt if malformed.
std::optional<TimePoint> parse_iso8601(std::string_view text);

}  // namespace aicc
