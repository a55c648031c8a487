// The queues people answer from, as data in the bot directory (bot/queues.json;
// PRODUCT.md §7): which escalations go where, the skills a queue needs, its business
// hours (a fixed UTC offset — Asia/Seoul is UTC+9 all year, no daylight saving), its
// holidays, its maximum size and its SLA targets by priority. Loaded once, immutable,
// thread-safe. docs/bot-authoring.md describes the file.
#pragma once

#include <array>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "dialogue/escalation.h"

namespace aicc::routing {

// Opening hours of one kind of day as minutes after local midnight: open ≤ t < close.
// open == close means closed all day; close may be 1440 ("24:00").
struct DayHours {
  int open_minute = 0;
  int close_minute = 0;
};

struct BusinessHours {
  std::string timezone = "Asia/Seoul";  // its name, for texts and documents
  int utc_offset_minutes = 9 * 60;      // fixed offset of that zone
  DayHours weekdays{9 * 60, 18 * 60};   // Monday … Friday
  DayHours weekends{10 * 60, 17 * 60};  // Saturday, Sunday
  std::set<std::string> holidays;       // "YYYY-MM-DD" in local time, closed all day

  bool is_open(TimePoint at) const;
  // "평일 09:00–18:00, 주말 10:00–17:00" or the English equivalent (language "en").
  std::string describe(std::string_view language) const;
};

struct QueueDef {
  std::string id;                           // e.g. "general-queue"
  std::map<std::string, std::string> name;  // by language: "ko", "en"
  std::vector<std::string> skills;          // an agent needs one of them (none: anybody)
  std::vector<std::string> reasons;         // escalation reasons routed here
  BusinessHours hours;
  int max_size = 50;  // escalations waiting at once
  // SLA target (longest acceptable wait) in seconds, indexed by priority 1…4 (low…critical).
  std::array<int, 5> sla_seconds{0, 30 * 60, 20 * 60, 10 * 60, 5 * 60};

  int sla_for(dialogue::Priority p) const { return sla_seconds[static_cast<int>(p)]; }
};

class QueueSet {
 public:
  // Reads and validates the file; an error names the file and the key at fault
  // (details.file, details.key).
  static Result<QueueSet> load(const std::filesystem::path& file);

  const std::vector<QueueDef>& queues() const { return queues_; }
  const QueueDef* find(std::string_view id) const;
  // Every CRITICAL escalation goes to the critical queue; otherwise the queue that lists
  // the reason, else the default queue (spec-B §1.5.2).
  const QueueDef& select(std::string_view reason, dialogue::Priority priority) const;
  const QueueDef& default_queue() const { return *find(default_queue_); }

  // The customer texts (kTextKeys) in "ko" or "en" (anything else: ko), with every
  // {name} of `values` filled in.
  std::string text(std::string_view key, std::string_view language,
                   const std::map<std::string, std::string>& values = {}) const;
  static constexpr std::string_view kTextKeys[] = {
      "received",   "priority_critical", "priority_high", "priority_other", "after_hours",
      "queue_full", "callback_recorded", "cancelled",     "cannot_cancel"};

 private:
  std::vector<QueueDef> queues_;
  std::map<std::string, std::map<std::string, std::string>> texts_;  // key → language → text
  std::string critical_queue_;
  std::string default_queue_;
};

// A Korean mobile or landline number for a callback: digits with optional spaces, dashes
// or a leading +82, 9–11 digits after normalisation starting with 0. Returns it in the
// prototype's format ("010-1234-5678", 3-3-4 for other 10-digit numbers, 2-3/4-4 for
// Seoul 02 numbers), or nullopt if it is not a phone number.
std::optional<std::string> normalize_callback_phone(std::string_view input);

}  // namespace aicc::routing
