#include "store/sqlite/sqlite_analytics.h"

#include "store/analytics_rows.h"
#include "store/row_codec.h"
#include "store/sqlite/statement_steps.h"

namespace aicc::sqlite {
namespace {

constexpr auto kSqlite = store::Dialect::kSqlite;

Result<std::int64_t> single_int(Connection& conn, const std::string& sql,
                                const std::vector<store::SqlValue>& params, std::string_view what) {
  auto stmt = conn.prepare(sql);
  if (!stmt) return tl::unexpected(stmt.error());
  stmt->bind_all(params);
  auto row = next_row(*stmt, conn, what);
  if (!row) return tl::unexpected(row.error());
  if (!*row) return make_error(ErrorCode::kInternal, std::string(what) + ": no row");
  return stmt->i64(0);
}

}  // namespace

Result<TimePoint> read_rollup_mark(Connection& conn) {
  auto mark = single_int(conn, "SELECT rolled_through FROM analytics_rollup WHERE id = 1", {},
                         "read the rollup mark");
  if (!mark) return tl::unexpected(mark.error());
  return from_unix_micros(*mark);
}

Result<TimePoint> roll_up(Connection& conn, TimePoint until) {
  auto mark = read_rollup_mark(conn);
  if (!mark) return tl::unexpected(mark.error());
  const TimePoint end = store::floor_hour(until);
  if (end <= *mark) return *mark;
  static const std::string insert = store::rollup_insert_sql(kSqlite);
  auto stmt = conn.prepare(insert);
  if (!stmt) return tl::unexpected(stmt.error());
  stmt->bind_all({to_unix_micros(*mark), to_unix_micros(end)});
  if (auto st = run_statement(*stmt, conn, "roll up metrics"); !st)
    return tl::unexpected(st.error());
  const store::DayRange days = store::days_completed(*mark, end);
  if (days.first < days.end) {
    static const std::string daily = store::rollup_daily_sql(kSqlite);
    auto sum_days = conn.prepare(daily);
    if (!sum_days) return tl::unexpected(sum_days.error());
    sum_days->bind_all({days.first, days.end});
    if (auto st = run_statement(*sum_days, conn, "roll up days"); !st)
      return tl::unexpected(st.error());
  }
  auto move = conn.prepare("UPDATE analytics_rollup SET rolled_through = ?1 WHERE id = 1");
  if (!move) return tl::unexpected(move.error());
  move->bind_all({to_unix_micros(end)});
  if (auto st = run_statement(*move, conn, "move the rollup mark"); !st)
    return tl::unexpected(st.error());
  return end;
}

Result<std::vector<MetricRow>> select_metrics(Connection& conn, const MetricQuery& query) {
  auto mark = read_rollup_mark(conn);
  if (!mark) return tl::unexpected(mark.error());
  std::vector<store::SqlValue> params;
  const std::string sql = store::metric_query_sql(kSqlite, query, *mark, params);
  auto stmt = conn.prepare(sql);
  if (!stmt) return tl::unexpected(stmt.error());
  stmt->bind_all(params);
  return collect_rows<MetricRow>(
      *stmt, conn, "query metrics",
      [](Statement& s) -> Result<MetricRow> { return store::metric_row_from(s); });
}

Result<ResolutionCount> count_resolution(Connection& conn, TimePoint from, TimePoint to,
                                         std::string_view channel, std::chrono::seconds window) {
  static const std::string sql = store::first_contact_resolution_sql(kSqlite);
  auto stmt = conn.prepare(sql);
  if (!stmt) return tl::unexpected(stmt.error());
  stmt->bind_all({to_unix_micros(from), to_unix_micros(to), std::string(channel),
                  std::int64_t{window.count()} * 1'000'000});
  auto row = next_row(*stmt, conn, "count first-contact resolution");
  if (!row) return tl::unexpected(row.error());
  if (!*row) return ResolutionCount{};
  return ResolutionCount{stmt->i64(0), stmt->i64(1)};
}

Result<std::vector<UnansweredSummary>> select_unanswered_between(Connection& conn, TimePoint from,
                                                                 TimePoint to, int limit) {
  static const std::string sql = store::top_unanswered_between_sql(kSqlite);
  auto stmt = conn.prepare(sql);
  if (!stmt) return tl::unexpected(stmt.error());
  stmt->bind_all({to_unix_micros(from), to_unix_micros(to), std::int64_t{limit}});
  return collect_rows<UnansweredSummary>(*stmt, conn, "unanswered report", [](Statement& s) {
    return store::unanswered_summary_from_row(s);
  });
}

Result<std::vector<Conversation>> select_conversations_between(Connection& conn, TimePoint from,
                                                               TimePoint to,
                                                               std::string_view after_id,
                                                               int limit) {
  static const std::string sql = store::conversations_between_sql(kSqlite);
  auto stmt = conn.prepare(sql);
  if (!stmt) return tl::unexpected(stmt.error());
  stmt->bind_all(
      {to_unix_micros(from), to_unix_micros(to), std::string(after_id), std::int64_t{limit}});
  return collect_rows<Conversation>(*stmt, conn, "list conversations",
                                    [](Statement& s) { return store::conversation_from_row(s); });
}

Result<PurgeCount> purge(Connection& conn, TimePoint closed_before, bool dry_run) {
  static const store::PurgeStatements statements = store::purge_sql(kSqlite);
  const std::vector<store::SqlValue> params{to_unix_micros(closed_before)};
  std::vector<std::int64_t> counts;
  for (const auto& sql : statements.count) {
    auto n = single_int(conn, sql, params, "count purged rows");
    if (!n) return tl::unexpected(n.error());
    counts.push_back(*n);
  }
  if (!dry_run) {
    for (const auto& sql : statements.remove) {
      auto stmt = conn.prepare(sql);
      if (!stmt) return tl::unexpected(stmt.error());
      stmt->bind_all(params);
      if (auto st = run_statement(*stmt, conn, "purge"); !st) return tl::unexpected(st.error());
    }
  }
  return PurgeCount{counts[0], counts[1], counts[2], counts[3], counts[4]};
}

}  // namespace aicc::sqlite
