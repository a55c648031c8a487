#include "store/postgres/pg_analytics.h"

#include "store/analytics_rows.h"
#include "store/row_codec.h"

namespace aicc::pg {
namespace {

constexpr auto kPostgres = store::Dialect::kPostgres;

template <typename T, typename Convert>
Result<std::vector<T>> rows_of(const PgResult& result, Convert convert) {
  std::vector<T> out;
  for (int row = 0; row < result.rows(); ++row) {
    Result<T> item = convert(PgRow(result, row));
    if (!item) return tl::unexpected(item.error());
    out.push_back(std::move(*item));
  }
  return out;
}

Result<std::int64_t> single_int(PgConnection& conn, std::string_view sql,
                                const std::vector<store::SqlValue>& params, std::string_view what) {
  auto r = conn.query(sql, params);
  if (!r) return tl::unexpected(r.error());
  if (r->rows() == 0) return make_error(ErrorCode::kInternal, std::string(what) + ": no row");
  return PgRow(*r, 0).i64(0);
}

Result<TimePoint> mark(PgConnection& conn, bool for_update) {
  auto m = single_int(conn,
                      for_update ? "SELECT rolled_through FROM analytics_rollup WHERE id = 1 "
                                   "FOR UPDATE"
                                 : "SELECT rolled_through FROM analytics_rollup WHERE id = 1",
                      {}, "read the rollup mark");
  if (!m) return tl::unexpected(m.error());
  return from_unix_micros(*m);
}

}  // namespace

Result<TimePoint> read_rollup_mark(PgConnection& conn) {
  return mark(conn, false);
}

Result<TimePoint> roll_up(PgConnection& conn, TimePoint until) {
  auto current = mark(conn, true);
  if (!current) return tl::unexpected(current.error());
  const TimePoint end = store::floor_hour(until);
  if (end <= *current) return *current;
  static const std::string insert = store::rollup_insert_sql(kPostgres);
  if (auto r = conn.query(insert, {to_unix_micros(*current), to_unix_micros(end)}); !r)
    return tl::unexpected(r.error());
  const store::DayRange days = store::days_completed(*current, end);
  if (days.first < days.end) {
    static const std::string daily = store::rollup_daily_sql(kPostgres);
    if (auto r = conn.query(daily, {days.first, days.end}); !r) return tl::unexpected(r.error());
  }
  if (auto r = conn.query("UPDATE analytics_rollup SET rolled_through = $1 WHERE id = 1",
                          {to_unix_micros(end)});
      !r)
    return tl::unexpected(r.error());
  return end;
}

Result<std::vector<MetricRow>> select_metrics(PgConnection& conn, const MetricQuery& query) {
  auto m = mark(conn, false);
  if (!m) return tl::unexpected(m.error());
  std::vector<store::SqlValue> params;
  const std::string sql = store::metric_query_sql(kPostgres, query, *m, params);
  auto r = conn.query(sql, params);
  if (!r) return tl::unexpected(r.error());
  return rows_of<MetricRow>(
      *r, [](const PgRow& row) -> Result<MetricRow> { return store::metric_row_from(row); });
}

Result<ResolutionCount> count_resolution(PgConnection& conn, TimePoint from, TimePoint to,
                                         std::string_view channel, std::chrono::seconds window) {
  static const std::string sql = store::first_contact_resolution_sql(kPostgres);
  auto r = conn.query(sql, {to_unix_micros(from), to_unix_micros(to), std::string(channel),
                            std::int64_t{window.count()} * 1'000'000});
  if (!r) return tl::unexpected(r.error());
  if (r->rows() == 0) return ResolutionCount{};
  PgRow row(*r, 0);
  return ResolutionCount{row.i64(0), row.i64(1)};
}

Result<std::vector<UnansweredSummary>> select_unanswered_between(PgConnection& conn, TimePoint from,
                                                                 TimePoint to, int limit) {
  static const std::string sql = store::top_unanswered_between_sql(kPostgres);
  auto r = conn.query(sql, {to_unix_micros(from), to_unix_micros(to), std::int64_t{limit}});
  if (!r) return tl::unexpected(r.error());
  return rows_of<UnansweredSummary>(
      *r, [](const PgRow& row) { return store::unanswered_summary_from_row(row); });
}

Result<std::vector<Conversation>> select_conversations_between(PgConnection& conn, TimePoint from,
                                                               TimePoint to,
                                                               std::string_view after_id,
                                                               int limit) {
  static const std::string sql = store::conversations_between_sql(kPostgres);
  auto r = conn.query(
      sql, {to_unix_micros(from), to_unix_micros(to), std::string(after_id), std::int64_t{limit}});
  if (!r) return tl::unexpected(r.error());
  return rows_of<Conversation>(*r,
                               [](const PgRow& row) { return store::conversation_from_row(row); });
}

Result<PurgeCount> purge(PgConnection& conn, TimePoint closed_before, bool dry_run) {
  static const store::PurgeStatements statements = store::purge_sql(kPostgres);
  const std::vector<store::SqlValue> params{to_unix_micros(closed_before)};
  std::vector<std::int64_t> counts;
  for (const auto& sql : statements.count) {
    auto n = single_int(conn, sql, params, "count purged rows");
    if (!n) return tl::unexpected(n.error());
    counts.push_back(*n);
  }
  if (!dry_run) {
    for (const auto& sql : statements.remove)
      if (auto r = conn.query(sql, params); !r) return tl::unexpected(r.error());
  }
  return PurgeCount{counts[0], counts[1], counts[2], counts[3], counts[4]};
}

}  // namespace aicc::pg
