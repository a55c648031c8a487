// The background upkeep of the store, on one thread per node: closing finished hours into
// the analytics rollup (every minute), and the retention purge (once a day, when
// configured). Both are safe on several nodes at once: the rollup mark and the purge are
// single transactions over the shared store.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "core/clock.h"
#include "store/store.h"

namespace aicc {

struct RetentionSettings {
  // Closed and abandoned conversations older than this many days are purged; 0 keeps
  // everything.
  int closed_conversation_days = 0;
};

// What a purge removed, and the cut-off it used.
struct PurgeReport {
  TimePoint closed_before{};
  PurgeCount removed;
  bool dry_run = false;
};

// The retention purge: closes the finished hours into the rollup first (so the
// aggregates of the purged conversations survive), then deletes closed conversations
// that ended more than `days` ago with everything that hangs on them.
// kFailedPrecondition when retention is off (days = 0).
Result<PurgeReport> purge_expired_conversations(Store& store, TimePoint now,
                                                const RetentionSettings& settings, bool dry_run);

// Hours close this long after they end, so a write stamped just before the hour that
// commits just after it is still counted in it.
inline constexpr std::chrono::minutes kRollupGrace{5};

class Housekeeping {
 public:
  Housekeeping(Store& store, const Clock& clock, RetentionSettings retention,
               std::chrono::seconds rollup_interval = std::chrono::seconds(60));
  ~Housekeeping();
  Housekeeping(const Housekeeping&) = delete;
  Housekeeping& operator=(const Housekeeping&) = delete;

  void start();
  void stop();
  // One round now (the thread's work): roll up, and purge if a day has passed since the
  // last purge. Returns false if a step failed (logged).
  bool run_once();

 private:
  void loop();

  Store& store_;
  const Clock& clock_;
  RetentionSettings retention_;
  std::chrono::seconds interval_;
  std::optional<TimePoint> last_purge_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace aicc
