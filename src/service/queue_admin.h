// Queues, business hours and holidays as admins change them (PRODUCT.md §7, §9): the
// configuration lives in the store as one document (routing::QueueSet::to_json), seeded
// from bot/queues.json at the first start, and every change is validated by the same
// loader as the file, saved by compare-and-set on its version and put in force here at
// once (routing::LiveQueueSet). Other nodes hear of it through `on_change` (the node
// relay) and call reload().
#pragma once

#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "core/clock.h"
#include "core/result.h"
#include "routing/queues.h"
#include "store/store.h"

namespace aicc {

// What a change did, for the audit log: the resource before and after ("null" JSON when
// it did not / no longer exists), and the configuration's new version.
struct QueueConfigChange {
  boost::json::value before;
  boost::json::value after;
  std::int64_t version = 0;
};

class QueueAdmin {
 public:
  QueueAdmin(Store& store, routing::LiveQueueSet& live, const Clock& clock)
      : store_(store), live_(live), clock_(clock) {}

  // At start: stores `seed` (bot/queues.json) unless the store holds a configuration
  // already, then puts the stored one in force.
  Status load_or_seed(const routing::QueueSet& seed);
  // Puts the stored configuration in force if it is newer than the one here.
  Status reload();
  std::int64_t version() const;

  // Errors: kInvalidArgument with details.field (the key of the request at fault, e.g.
  // "hours.week.mon[1]"); kNotFound for an unknown queue or holiday; kConflict with
  // details.reason "queue_exists", "holiday_exists", "default_queue" / "critical_queue"
  // (a queue every escalation may need cannot go), "escalations_waiting" (details.waiting).
  // The bodies are of the file's form: a queue {id, name, skills, reasons, hours (null:
  // the global hours), max_size, sla_minutes}; hours {timezone, week}; a holiday {date,
  // name, queue}. A replaced queue takes the defaults for what its body leaves out.
  Result<QueueConfigChange> create_queue(const boost::json::object& queue);
  Result<QueueConfigChange> replace_queue(std::string_view id, const boost::json::object& queue);
  Result<QueueConfigChange> delete_queue(std::string_view id);
  Result<QueueConfigChange> replace_global_hours(const boost::json::object& hours);
  Result<QueueConfigChange> add_holiday(const boost::json::object& holiday);
  // `queue`: "" for a holiday of every queue.
  Result<QueueConfigChange> remove_holiday(std::string_view date, std::string_view queue);

  // After a change is stored and in force here (the node relay tells the others).
  std::function<void(std::int64_t version)> on_change;

 private:
  // Reads the stored document, lets `edit` change it (returning the resource before),
  // validates, saves by compare-and-set (again from the start if another change came
  // first) and puts the result in force; `after` reads the resource from the result.
  Result<QueueConfigChange> change(
      const std::function<Result<boost::json::value>(boost::json::object& document)>& edit,
      const std::function<boost::json::value(const routing::QueueSet&)>& after,
      const std::string& field_prefix);
  void install(routing::QueueSet set, std::int64_t version);

  Store& store_;
  routing::LiveQueueSet& live_;
  const Clock& clock_;
  mutable std::mutex mutex_;  // guards version_ and orders installs
  std::int64_t version_ = 0;
};

}  // namespace aicc
