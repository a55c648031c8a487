// Contact-center analytics over a time range (PRODUCT.md §12): volumes, bot containment,
// escalations, waits, handle times, first-contact resolution, CSAT, NLU quality and the
// questions the bot could not answer. The numbers come from the store's metric facts
// (Store::query_metrics: closed hours from the hourly rollup, the open hours live), so a
// year answers as fast as a day; first-contact resolution and the unanswered questions are
// counted from the live tables.
#pragma once

#include <array>
#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "store/store.h"

namespace aicc {

// Analytics days are Asia/Seoul days (UTC+9, no daylight saving time).
inline constexpr std::chrono::hours kAnalyticsZoneOffset{9};
// A customer who starts no other conversation within this window after one started had
// their matter resolved at first contact.
inline constexpr std::chrono::seconds kFirstContactWindow = std::chrono::days{7};

struct AnalyticsRange {
  TimePoint from{};  // inclusive, on an hour boundary
  TimePoint to{};    // exclusive, on an hour boundary
};

// Parses a range from the API or the CLI. Each bound is a day "YYYY-MM-DD" (an
// Asia/Seoul day: `from` at its start, `to` at its end, so from=to=one day is that day) or
// an RFC 3339 timestamp (rounded out to whole hours: the rollup's grain). Both empty:
// today so far (Seoul). One empty: a single day, or up to `now`. kInvalidArgument naming
// the parameter for a malformed bound, from after to, or a range over 3 years.
Result<AnalyticsRange> parse_analytics_range(std::string_view from, std::string_view to,
                                             TimePoint now);

// The sums of the metric facts of one group (or of the whole range).
struct MetricTotals {
  std::int64_t started = 0;    // conversations created
  std::int64_t ended = 0;      // conversations closed or abandoned
  std::int64_t contained = 0;  // … of which no agent was ever assigned
  std::int64_t escalations = 0;
  std::map<std::string, std::int64_t> escalations_by_reason;
  std::map<std::string, std::int64_t> escalations_by_priority;
  std::int64_t assigned = 0;  // escalations assigned (their wait is known)
  double wait_seconds = 0;
  std::int64_t handled = 0;  // escalations ended after an assignment
  double handle_seconds = 0;
  std::array<std::int64_t, 5> csat{};  // ratings 1 … 5
  std::int64_t turns = 0;              // classified customer turns
  double confidence_sum = 0;
  std::int64_t out_of_scope = 0;
  std::map<std::string, std::int64_t> intents;  // out_of_scope included

  void add(const MetricRow& row);

  std::optional<double> containment_rate() const;  // contained / ended
  std::optional<double> average_wait_seconds() const;
  std::optional<double> average_handle_seconds() const;
  std::int64_t csat_count() const;
  std::optional<double> csat_average() const;
  std::optional<double> average_confidence() const;
  std::optional<double> out_of_scope_rate() const;
};

struct FaqFeedbackTotals {
  std::int64_t views = 0;
  std::int64_t helpful = 0;
  std::int64_t not_helpful = 0;
};

struct AnalyticsSummary {
  AnalyticsRange range;
  MetricFilter filter;
  MetricTotals totals;
  ResolutionCount first_contact;  // by channel only (the other filters do not apply)
  std::vector<UnansweredSummary> top_unanswered;  // the range, all filters aside
  // The knowledge base's counters are running totals (not dated): all time.
  FaqFeedbackTotals faq;
};

enum class ReportGrouping { kDay, kHour, kQueue, kAgent, kIntent, kChannel };
// "day" | "hour" | "queue" | "agent" | "intent" | "channel"; nullopt otherwise.
std::optional<ReportGrouping> parse_report_grouping(std::string_view text);

struct ReportRow {
  std::string group;  // the day "2026-11-29", the hour "2026-11-29T10:00+09:00", or a value
  MetricTotals totals;
};

class AnalyticsService {
 public:
  explicit AnalyticsService(Store& store) : store_(store) {}

  Result<AnalyticsSummary> summary(const AnalyticsRange& range, const MetricFilter& filter);
  // One row per day or hour of the range (every one, empty ones included) or per value of
  // a dimension (those with facts), in order.
  Result<std::vector<ReportRow>> report(const AnalyticsRange& range, const MetricFilter& filter,
                                        ReportGrouping grouping);

 private:
  Store& store_;
};

// "2026-11-29" for the Seoul day that starts at `t`, "2026-11-29T10:00+09:00" for an hour.
std::string seoul_day_label(TimePoint t);
std::string seoul_hour_label(TimePoint t);

}  // namespace aicc
