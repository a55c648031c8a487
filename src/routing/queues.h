// The queues people answer from (PRODUCT.md §7): which escalations go where, the skills a
// queue needs, its business hours (a weekly schedule of time ranges in a fixed UTC offset
// — Asia/Seoul is UTC+9 all year, no daylight saving), its holidays, its maximum size and
// its SLA targets by priority. First read from the bot directory (bot/queues.json,
// docs/bot-authoring.md), then kept in the store and edited by the admin API
// (service/QueueAdmin). A QueueSet is immutable and thread-safe; LiveQueueSet holds the
// one in force and swaps it whole, so a caller that took a snapshot finishes on it.
#pragma once

#include <array>
#include <atomic>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/value.hpp>

#include "core/clock.h"
#include "core/result.h"
#include "dialogue/escalation.h"

namespace aicc::routing {

// One opening range as minutes after local midnight: open ≤ t < close, open < close;
// close may be 1440 ("24:00").
struct DayHours {
  int open_minute = 0;
  int close_minute = 0;
  bool operator==(const DayHours&) const = default;
};

// The ranges of one day, sorted, none overlapping; empty: closed all day.
using DaySchedule = std::vector<DayHours>;

// The known fixed-offset zones (a zone with daylight saving needs a time-zone database
// and is refused rather than answered wrongly half the year). nullopt for another name.
std::optional<int> fixed_zone_offset(std::string_view timezone);

struct BusinessHours {
  std::string timezone = "Asia/Seoul";  // its name, for texts and documents
  int utc_offset_minutes = 9 * 60;      // fixed offset of that zone
  // Monday (0) … Sunday (6). Default: weekdays 09–18, weekends 10–17.
  std::array<DaySchedule, 7> week{DaySchedule{{9 * 60, 18 * 60}}, DaySchedule{{9 * 60, 18 * 60}},
                                  DaySchedule{{9 * 60, 18 * 60}}, DaySchedule{{9 * 60, 18 * 60}},
                                  DaySchedule{{9 * 60, 18 * 60}}, DaySchedule{{10 * 60, 17 * 60}},
                                  DaySchedule{{10 * 60, 17 * 60}}};
  std::set<std::string> holidays;  // "YYYY-MM-DD" in local time, closed all day

  bool is_open(TimePoint at) const;
  // "평일 09:00–18:00, 주말 10:00–17:00" or the English equivalent (language "en");
  // a schedule that differs within the weekdays or the weekend is listed day by day.
  std::string describe(std::string_view language) const;
  // {"timezone", "week": {"mon": [{"open", "close"}], …}} (holidays are not part of it).
  boost::json::value schedule_json() const;
};

// A day closed all day: for every queue, or for one (`queue` not empty).
struct Holiday {
  std::string date;  // "YYYY-MM-DD", local time
  std::string name;  // may be empty
  std::string queue;
};

struct QueueDef {
  std::string id;                           // e.g. "general-queue"
  std::map<std::string, std::string> name;  // by language: "ko", "en"
  std::vector<std::string> skills;          // an agent needs one of them (none: anybody)
  std::vector<std::string> reasons;         // escalation reasons routed here
  BusinessHours hours;                      // the effective hours, holidays included
  bool own_hours = false;  // false: the global hours (and a change of them reaches it)
  int max_size = 50;       // escalations waiting at once
  // SLA target (longest acceptable wait) in seconds, indexed by priority 1…4 (low…critical).
  std::array<int, 5> sla_seconds{0, 30 * 60, 20 * 60, 10 * 60, 5 * 60};

  int sla_for(dialogue::Priority p) const { return sla_seconds[static_cast<int>(p)]; }
};

class QueueSet {
 public:
  // Reads and validates the file; an error names the file and the key at fault
  // (details.file, details.key).
  static Result<QueueSet> load(const std::filesystem::path& file);
  // Validates a document of the file's form, or of the stored form that to_json writes;
  // an error's message starts with `source` and details.key names the key at fault.
  static Result<QueueSet> parse(const boost::json::value& document, const std::string& source);
  // The stored form: every queue with its own settings written out, "hours" the global
  // schedule, "holidays" a list of {date, name, queue?}. parse(to_json()) gives it back.
  boost::json::value to_json() const;
  // One queue as to_json writes it ("hours": null when it follows the global hours).
  static boost::json::value queue_json(const QueueDef& queue);

  const std::vector<QueueDef>& queues() const { return queues_; }
  const QueueDef* find(std::string_view id) const;
  // Every CRITICAL escalation goes to the critical queue; otherwise the queue that lists
  // the reason, else the default queue (spec-B §1.5.2).
  const QueueDef& select(std::string_view reason, dialogue::Priority priority) const;
  const QueueDef& default_queue() const { return *find(default_queue_); }
  const std::string& critical_queue_id() const { return critical_queue_; }
  const std::string& default_queue_id() const { return default_queue_; }
  // The schedule queues without hours of their own follow (holidays not included).
  const BusinessHours& global_hours() const { return hours_; }
  // Every holiday, by date then queue ("" first).
  const std::vector<Holiday>& holidays() const { return holidays_; }

  // The customer texts (kTextKeys) in "ko" or "en" (anything else: ko), with every
  // {name} of `values` filled in.
  std::string text(std::string_view key, std::string_view language,
                   const std::map<std::string, std::string>& values = {}) const;
  static constexpr std::string_view kTextKeys[] = {
      "received",   "priority_critical", "priority_high", "priority_other", "after_hours",
      "queue_full", "callback_recorded", "cancelled",     "cannot_cancel"};

 private:
  std::vector<QueueDef> queues_;
  BusinessHours hours_;
  std::vector<Holiday> holidays_;
  int max_size_ = 50;
  std::array<int, 5> sla_seconds_ = QueueDef{}.sla_seconds;
  std::map<std::string, std::map<std::string, std::string>> texts_;  // key → language → text
  std::string critical_queue_;
  std::string default_queue_;
};

// The QueueSet in force, replaced whole when an admin changes it (on any node). Readers
// take a snapshot and keep it for what they are doing.
class LiveQueueSet {
 public:
  explicit LiveQueueSet(QueueSet initial)
      : current_(std::make_shared<const QueueSet>(std::move(initial))) {}
  std::shared_ptr<const QueueSet> current() const { return current_.load(); }
  void replace(std::shared_ptr<const QueueSet> next) { current_.store(std::move(next)); }

 private:
  std::atomic<std::shared_ptr<const QueueSet>> current_;
};

// A Korean mobile or landline number for a callback: digits with optional spaces, dashes
// or a leading +82, 9–11 digits after normalisation starting with 0. Returns it in the
// prototype's format ("010-1234-5678", 3-3-4 for other 10-digit numbers, 2-3/4-4 for
// Seoul 02 numbers), or nullopt if it is not a phone number.
std::optional<std::string> normalize_callback_phone(std::string_view input);

}  // namespace aicc::routing
