#include "service/analytics_service.h"

#include <algorithm>
#include <charconv>
#include <cstdio>

namespace aicc {
namespace {

using std::chrono::days;
using std::chrono::hours;

constexpr Micros kZone = std::chrono::duration_cast<Micros>(kAnalyticsZoneOffset);
constexpr auto kMaxRange = days{3 * 366};

// "YYYY-MM-DD" → the UTC instant the Seoul day starts.
std::optional<TimePoint> parse_day(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int y = 0;
  unsigned m = 0, d = 0;
  auto num = [&](std::size_t at, std::size_t len, auto& out) {
    const char* first = text.data() + at;
    auto [ptr, ec] = std::from_chars(first, first + len, out);
    return ec == std::errc() && ptr == first + len;
  };
  if (!num(0, 4, y) || !num(5, 2, m) || !num(8, 2, d)) return std::nullopt;
  const std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{m},
                                        std::chrono::day{d}};
  if (!ymd.ok()) return std::nullopt;
  return std::chrono::time_point_cast<Micros>(std::chrono::sys_days(ymd)) - kZone;
}

TimePoint seoul_day_start(TimePoint t) {
  const auto local = t + kZone;
  return std::chrono::time_point_cast<Micros>(std::chrono::floor<days>(local)) - kZone;
}

TimePoint hour_floor(TimePoint t) {
  return std::chrono::time_point_cast<Micros>(std::chrono::floor<hours>(t));
}

TimePoint hour_ceil(TimePoint t) {
  const TimePoint down = hour_floor(t);
  return down == t ? t : down + hours{1};
}

Error bad_param(std::string_view name, std::string message) {
  Error e{ErrorCode::kInvalidArgument, std::move(message), {}};
  e.details["parameter"] = std::string(name);
  return e;
}

// A bound: a day (its start, or with `end` its end) or a timestamp (rounded out).
Result<TimePoint> parse_bound(std::string_view name, std::string_view text, bool end) {
  if (auto day = parse_day(text)) return end ? *day + days{1} : *day;
  if (auto t = parse_iso8601(text)) return end ? hour_ceil(*t) : hour_floor(*t);
  return tl::unexpected(bad_param(
      name, std::string(name) + " must be a day (YYYY-MM-DD) or an RFC 3339 timestamp, not \"" +
                std::string(text) + "\""));
}

std::optional<double> ratio(double part, std::int64_t whole) {
  if (whole <= 0) return std::nullopt;
  return part / static_cast<double>(whole);
}

MetricGrouping metric_grouping(ReportGrouping g) {
  switch (g) {
    case ReportGrouping::kDay:
    case ReportGrouping::kHour:
      return MetricGrouping::kTime;
    case ReportGrouping::kQueue:
      return MetricGrouping::kQueue;
    case ReportGrouping::kAgent:
      return MetricGrouping::kAgent;
    case ReportGrouping::kIntent:
      return MetricGrouping::kIntent;
    case ReportGrouping::kChannel:
      return MetricGrouping::kChannel;
  }
  return MetricGrouping::kTotal;
}

}  // namespace

Result<AnalyticsRange> parse_analytics_range(std::string_view from, std::string_view to,
                                             TimePoint now) {
  AnalyticsRange range;
  if (from.empty() && to.empty()) {
    range.from = seoul_day_start(now);
    range.to = range.from + days{1};
    return range;
  }
  if (!from.empty()) {
    auto f = parse_bound("from", from, false);
    if (!f) return tl::unexpected(f.error());
    range.from = *f;
  }
  if (!to.empty()) {
    auto t = parse_bound("to", to, true);
    if (!t) return tl::unexpected(t.error());
    range.to = *t;
  }
  if (to.empty()) range.to = parse_day(from) ? range.from + days{1} : hour_ceil(now);
  if (from.empty())
    range.from = parse_day(to) ? range.to - days{1} : seoul_day_start(range.to - Micros{1});
  if (range.from >= range.to) return tl::unexpected(bad_param("from", "from must be before to"));
  if (range.to - range.from > kMaxRange)
    return tl::unexpected(bad_param("to", "a range may span at most 3 years"));
  return range;
}

std::optional<ReportGrouping> parse_report_grouping(std::string_view text) {
  if (text == "day") return ReportGrouping::kDay;
  if (text == "hour") return ReportGrouping::kHour;
  if (text == "queue") return ReportGrouping::kQueue;
  if (text == "agent") return ReportGrouping::kAgent;
  if (text == "intent") return ReportGrouping::kIntent;
  if (text == "channel") return ReportGrouping::kChannel;
  return std::nullopt;
}

void MetricTotals::add(const MetricRow& row) {
  const std::string& m = row.metric;
  if (m == "started") {
    started += row.count;
  } else if (m == "ended") {
    ended += row.count;
    if (row.key == "bot") contained += row.count;
  } else if (m == "escalation") {
    escalations += row.count;
    escalations_by_reason[row.key] += row.count;
  } else if (m == "escalation_priority") {
    escalations_by_priority[row.key] += row.count;
  } else if (m == "wait") {
    assigned += row.count;
    wait_seconds += row.total;
  } else if (m == "handle") {
    handled += row.count;
    handle_seconds += row.total;
  } else if (m == "csat") {
    if (row.key.size() == 1 && row.key[0] >= '1' && row.key[0] <= '5')
      csat[static_cast<std::size_t>(row.key[0] - '1')] += row.count;
  } else if (m == "turn") {
    turns += row.count;
    confidence_sum += row.total;
    intents[row.key] += row.count;
    if (row.key == "out_of_scope") out_of_scope += row.count;
  }
}

std::optional<double> MetricTotals::containment_rate() const {
  return ratio(static_cast<double>(contained), ended);
}
std::optional<double> MetricTotals::average_wait_seconds() const {
  return ratio(wait_seconds, assigned);
}
std::optional<double> MetricTotals::average_handle_seconds() const {
  return ratio(handle_seconds, handled);
}
std::int64_t MetricTotals::csat_count() const {
  std::int64_t n = 0;
  for (auto c : csat) n += c;
  return n;
}
std::optional<double> MetricTotals::csat_average() const {
  double sum = 0;
  for (std::size_t i = 0; i < csat.size(); ++i) sum += static_cast<double>((i + 1) * csat[i]);
  return ratio(sum, csat_count());
}
std::optional<double> MetricTotals::average_confidence() const {
  return ratio(confidence_sum, turns);
}
std::optional<double> MetricTotals::out_of_scope_rate() const {
  return ratio(static_cast<double>(out_of_scope), turns);
}

std::string seoul_day_label(TimePoint t) {
  const std::chrono::year_month_day ymd{std::chrono::floor<days>(t + kZone)};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return buf;
}

std::string seoul_hour_label(TimePoint t) {
  const auto local = t + kZone;
  const auto hour = std::chrono::floor<hours>(local) - std::chrono::floor<days>(local);
  char buf[8];
  std::snprintf(buf, sizeof buf, "T%02d:00", static_cast<int>(hour.count()));
  return seoul_day_label(t) + buf + "+09:00";
}

Result<AnalyticsSummary> AnalyticsService::summary(const AnalyticsRange& range,
                                                   const MetricFilter& filter) {
  AnalyticsSummary s;
  s.range = range;
  s.filter = filter;
  auto rows =
      store_.query_metrics(MetricQuery{.from = range.from, .to = range.to, .filter = filter});
  if (!rows) return tl::unexpected(rows.error());
  for (const auto& row : *rows) s.totals.add(row);
  auto fcr =
      store_.first_contact_resolution(range.from, range.to, filter.channel, kFirstContactWindow);
  if (!fcr) return tl::unexpected(fcr.error());
  s.first_contact = *fcr;
  auto unanswered = store_.top_unanswered_between(range.from, range.to, 10);
  if (!unanswered) return tl::unexpected(unanswered.error());
  s.top_unanswered = std::move(*unanswered);
  auto faq = store_.list_faq_entries(FaqFilter{});
  if (!faq) return tl::unexpected(faq.error());
  for (const auto& e : *faq) {
    s.faq.views += e.view_count;
    s.faq.helpful += e.helpful_count;
    s.faq.not_helpful += e.not_helpful_count;
  }
  return s;
}

Result<std::vector<ReportRow>> AnalyticsService::report(const AnalyticsRange& range,
                                                        const MetricFilter& filter,
                                                        ReportGrouping grouping) {
  MetricQuery q{
      .from = range.from, .to = range.to, .filter = filter, .grouping = metric_grouping(grouping)};
  const bool by_day = grouping == ReportGrouping::kDay;
  if (grouping == ReportGrouping::kDay || grouping == ReportGrouping::kHour) {
    q.bucket_micros =
        by_day ? std::chrono::duration_cast<Micros>(days{1}).count() : kMetricHourMicros;
    q.offset_micros = by_day ? kZone.count() : 0;
  }
  auto rows = store_.query_metrics(q);
  if (!rows) return tl::unexpected(rows.error());
  std::vector<ReportRow> out;
  if (q.grouping == MetricGrouping::kTime) {
    // Every bucket of the range, in order, so a chart has no holes.
    const auto step = Micros{q.bucket_micros};
    const TimePoint first = by_day ? seoul_day_start(range.from) : hour_floor(range.from);
    std::map<std::int64_t, std::size_t> index;
    for (TimePoint t = first; t < range.to; t += step) {
      index[to_unix_micros(t)] = out.size();
      out.push_back(ReportRow{by_day ? seoul_day_label(t) : seoul_hour_label(t), {}});
    }
    for (const auto& row : *rows)
      if (auto it = index.find(row.bucket); it != index.end()) out[it->second].totals.add(row);
    return out;
  }
  std::map<std::string, MetricTotals> groups;
  for (const auto& row : *rows) groups[row.group].add(row);
  for (auto& [group, totals] : groups) out.push_back(ReportRow{group, std::move(totals)});
  return out;
}

}  // namespace aicc
