#include "service/housekeeping.h"

#include "platform/log.h"

namespace aicc {

Result<PurgeReport> purge_expired_conversations(Store& store, TimePoint now,
                                                const RetentionSettings& settings, bool dry_run) {
  if (settings.closed_conversation_days <= 0)
    return make_error(ErrorCode::kFailedPrecondition,
                      "retention.closed_conversation_days is 0: conversations are kept forever");
  // The aggregates must hold the purged conversations before they go.
  if (!dry_run)
    if (auto mark = store.roll_up_metrics(now - kRollupGrace); !mark)
      return tl::unexpected(mark.error());
  PurgeReport report;
  report.dry_run = dry_run;
  report.closed_before = now - std::chrono::days{settings.closed_conversation_days};
  auto removed = store.purge_closed_conversations(report.closed_before, dry_run);
  if (!removed) return tl::unexpected(removed.error());
  report.removed = *removed;
  return report;
}

Housekeeping::Housekeeping(Store& store, const Clock& clock, RetentionSettings retention,
                           std::chrono::seconds rollup_interval)
    : store_(store), clock_(clock), retention_(retention), interval_(rollup_interval) {}

Housekeeping::~Housekeeping() {
  stop();
}

bool Housekeeping::run_once() {
  const TimePoint now = clock_.now();
  bool ok = true;
  if (auto mark = store_.roll_up_metrics(now - kRollupGrace); !mark) {
    log::warn("analytics rollup failed", {{"error", mark.error().message}});
    ok = false;
  }
  if (retention_.closed_conversation_days > 0 &&
      (!last_purge_ || now - *last_purge_ >= std::chrono::days{1})) {
    auto report = purge_expired_conversations(store_, now, retention_, false);
    if (!report) {
      log::warn("retention purge failed", {{"error", report.error().message}});
      return false;
    }
    last_purge_ = now;
    log::info("retention purge", {{"closed_before", format_iso8601(report->closed_before)},
                                  {"conversations", report->removed.conversations},
                                  {"messages", report->removed.messages},
                                  {"escalations", report->removed.escalations}});
  }
  return ok;
}

void Housekeeping::start() {
  thread_ = std::thread([this] { loop(); });
}

void Housekeeping::loop() {
  std::unique_lock lock(mu_);
  while (!stopping_) {
    lock.unlock();
    run_once();
    lock.lock();
    cv_.wait_for(lock, interval_, [this] { return stopping_; });
  }
}

void Housekeeping::stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

}  // namespace aicc
