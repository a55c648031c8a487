// The SQL of analytics and retention that both backends share (see Store::query_metrics
// and friends). Timestamps are unix micros in integer columns on both backends, so hour
// buckets are integer arithmetic; parameters are numbered (?N on SQLite, $N on
// PostgreSQL) so one value can be used in several places.
#pragma once

#include <string>
#include <vector>

#include "store/faq_rows.h"
#include "store/store.h"

namespace aicc::store {

// Closed hours are also summed per day (analytics_daily) along Asia/Seoul days, which
// start at this offset before UTC midnight; a roll-up that completes days sums them too.
inline constexpr std::int64_t kMetricDayMicros = 24 * kMetricHourMicros;
inline constexpr std::int64_t kMetricDayOffsetMicros = 9 * kMetricHourMicros;

// "?N" or "$N".
std::string numbered_param(Dialect dialect, int index);

// One row per metric fact of [from, to): columns hour, metric, channel, queue_id,
// agent_id, intent, mkey, total; `from_param` and `to_param` are the parameter numbers
// holding the bounds.
std::string metric_facts_sql(Dialect dialect, int from_param, int to_param);

// INSERT … SELECT that sums the facts of [$1, $2) into analytics_hourly.
std::string rollup_insert_sql(Dialect dialect);
// INSERT … SELECT that sums the closed hours of [$1, $2) (whole days) into analytics_daily.
std::string rollup_daily_sql(Dialect dialect);
// The whole days a move of the mark from `from` to `to` completes: [first, end), empty
// when first >= end.
struct DayRange {
  std::int64_t first = 0;
  std::int64_t end = 0;
};
DayRange days_completed(TimePoint from, TimePoint to);
// The start of the Asia/Seoul day that holds `micros`.
std::int64_t day_floor(std::int64_t micros);

// The grouped metric query: closed hours from analytics_hourly below the mark, facts
// from the live tables at and after it. Parameters are appended to `params`.
std::string metric_query_sql(Dialect dialect, const MetricQuery& query, TimePoint rolled_through,
                             std::vector<SqlValue>& params);
Status check_metric_query(const MetricQuery& query);

// Conversion of a metric_query_sql row (bucket, grp, metric, mkey, n, total).
template <typename Row>
MetricRow metric_row_from(const Row& r) {
  MetricRow m;
  m.bucket = r.i64(0);
  m.group = r.text(1);
  m.metric = r.text(2);
  m.key = r.text(3);
  m.count = r.i64(4);
  m.total = r.is_null(5) ? 0.0 : r.real(5);
  return m;
}

// First-contact resolution: one row (ended, resolved). Parameters: from, to, channel,
// window micros.
std::string first_contact_resolution_sql(Dialect dialect);

// The unanswered-query report of [$1, $2), limit $3.
std::string top_unanswered_between_sql(Dialect dialect);

// Conversations created in [$1, $2) with id > $3, by id, limit $4.
std::string conversations_between_sql(Dialect dialect);

// The purge: the ids of conversations ended before $1 go to a temporary selection, and
// each statement counts or deletes dependent rows of those ids. In dependency order.
struct PurgeStatements {
  std::vector<std::string> count;   // one count(*) per PurgeCount field, same order
  std::vector<std::string> remove;  // children first, conversations last
};
PurgeStatements purge_sql(Dialect dialect);

// Rounds down / up to the hour.
TimePoint floor_hour(TimePoint t);
TimePoint ceil_hour(TimePoint t);

}  // namespace aicc::store
