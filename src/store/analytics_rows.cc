#include "store/analytics_rows.h"

#include <algorithm>

#include "store/row_codec.h"

namespace aicc::store {
namespace {

constexpr std::string_view kHour = "3600000000";

std::string hour_of(std::string_view column) {
  return "((" + std::string(column) + " / " + std::string(kHour) + ") * " + std::string(kHour) +
         ")";
}

std::string seconds_between(std::string_view from, std::string_view to) {
  return "(CAST(" + std::string(to) + " - " + std::string(from) +
         " AS DOUBLE PRECISION) / 1000000.0)";
}

std::string in_range(std::string_view column, const std::string& from, const std::string& to) {
  return std::string(column) + " >= " + from + " AND " + std::string(column) + " < " + to;
}

constexpr std::string_view kZero = "CAST(0 AS DOUBLE PRECISION)";

}  // namespace

std::string numbered_param(Dialect dialect, int index) {
  return (dialect == Dialect::kSqlite ? "?" : "$") + std::to_string(index);
}

TimePoint floor_hour(TimePoint t) {
  const std::int64_t micros = to_unix_micros(t);
  std::int64_t floored = micros / kMetricHourMicros * kMetricHourMicros;
  if (floored > micros) floored -= kMetricHourMicros;  // before the epoch
  return from_unix_micros(floored);
}

TimePoint ceil_hour(TimePoint t) {
  const TimePoint down = floor_hour(t);
  return down == t ? t : from_unix_micros(to_unix_micros(down) + kMetricHourMicros);
}

std::string metric_facts_sql(Dialect dialect, int from_param, int to_param) {
  const std::string a = numbered_param(dialect, from_param);
  const std::string b = numbered_param(dialect, to_param);
  const std::string zero(kZero);
  // The last escalation of a conversation names the queue and agent of its end.
  const std::string last_escalation =
      "(SELECT y.id FROM escalations y WHERE y.conversation_id = c.id "
      "ORDER BY y.created_at DESC, y.id DESC LIMIT 1)";
  const std::string escalation_join =
      "FROM escalations e JOIN conversations c ON c.id = e.conversation_id WHERE ";
  return
      // started: conversations created
      "SELECT " + hour_of("c.created_at") +
      " AS hour, 'started' AS metric, c.channel AS channel, '' AS queue_id, "
      "'' AS agent_id, '' AS intent, '' AS mkey, " +
      zero + " AS total FROM conversations c WHERE " + in_range("c.created_at", a, b) +
      // ended: contained by the bot unless an agent was ever assigned
      " UNION ALL SELECT " + hour_of("c.closed_at") +
      ", 'ended', c.channel, COALESCE(e.queue_id, ''), COALESCE(e.agent_id, ''), '', "
      "CASE WHEN EXISTS (SELECT 1 FROM escalations x WHERE x.conversation_id = c.id AND "
      "x.assigned_at IS NOT NULL) THEN 'agent' ELSE 'bot' END, " +
      zero + " FROM conversations c LEFT JOIN escalations e ON e.id = " + last_escalation +
      " WHERE " + in_range("c.closed_at", a, b) +
      // escalations by reason and by priority
      " UNION ALL SELECT " + hour_of("e.created_at") +
      ", 'escalation', c.channel, e.queue_id, '', '', e.reason, " + zero + " " + escalation_join +
      in_range("e.created_at", a, b) + " UNION ALL SELECT " + hour_of("e.created_at") +
      ", 'escalation_priority', c.channel, e.queue_id, '', '', e.priority, " + zero + " " +
      escalation_join + in_range("e.created_at", a, b) +
      // wait: queued → assigned
      " UNION ALL SELECT " + hour_of("e.assigned_at") +
      ", 'wait', c.channel, e.queue_id, e.agent_id, '', '', " +
      seconds_between("e.created_at", "e.assigned_at") + " " + escalation_join +
      in_range("e.assigned_at", a, b) +
      // handle: assigned → ended (wrap-up included)
      " UNION ALL SELECT " + hour_of("e.ended_at") +
      ", 'handle', c.channel, e.queue_id, e.agent_id, '', '', " +
      seconds_between("e.assigned_at", "e.ended_at") + " " + escalation_join +
      "e.assigned_at IS NOT NULL AND " + in_range("e.ended_at", a, b) +
      // csat: a rated escalation is final, so its last update is the rating
      " UNION ALL SELECT " + hour_of("e.updated_at") +
      ", 'csat', c.channel, e.queue_id, e.agent_id, '', CAST(e.csat AS TEXT), " + zero + " " +
      escalation_join + "e.csat IS NOT NULL AND " + in_range("e.updated_at", a, b) +
      // turns: the bot's reply to a customer turn carries its intent and confidence, and
      // the policy's evidence says whether it was out of scope
      " UNION ALL SELECT " + hour_of("t.created_at") +
      ", 'turn', c.channel, '', '', t.intent, t.intent, t.confidence FROM (SELECT "
      "m0.conversation_id, m0.created_at, COALESCE(m0.confidence, 0) AS confidence, CASE WHEN "
      "m0.details_json LIKE '%\"out_of_scope\":true%' THEN 'out_of_scope' ELSE m0.intent END "
      "AS intent FROM messages m0 WHERE m0.sender = 'bot' AND m0.intent <> '' AND " +
      in_range("m0.created_at", a, b) + ") t JOIN conversations c ON c.id = t.conversation_id";
}

std::string rollup_insert_sql(Dialect dialect) {
  return "INSERT INTO analytics_hourly (hour, metric, channel, queue_id, agent_id, intent, mkey, "
         "n, total) SELECT hour, metric, channel, queue_id, agent_id, intent, mkey, count(*), "
         "sum(total) FROM (" +
         metric_facts_sql(dialect, 1, 2) +
         ") f GROUP BY hour, metric, channel, queue_id, agent_id, intent, mkey";
}

std::int64_t day_floor(std::int64_t micros) {
  const std::int64_t shifted = micros + kMetricDayOffsetMicros;
  std::int64_t days = shifted / kMetricDayMicros;
  if (shifted < 0 && days * kMetricDayMicros != shifted) --days;
  return days * kMetricDayMicros - kMetricDayOffsetMicros;
}

DayRange days_completed(TimePoint from, TimePoint to) {
  // A day is complete once its end is at or before the mark; it was not before the move
  // when its end was after the old mark.
  return DayRange{day_floor(to_unix_micros(from)), day_floor(to_unix_micros(to))};
}

std::string rollup_daily_sql(Dialect dialect) {
  const std::string day = "(((hour + " + std::to_string(kMetricDayOffsetMicros) + ") / " +
                          std::to_string(kMetricDayMicros) + ") * " +
                          std::to_string(kMetricDayMicros) + " - " +
                          std::to_string(kMetricDayOffsetMicros) + ")";
  return "INSERT INTO analytics_daily (day, metric, channel, queue_id, agent_id, intent, mkey, n, "
         "total) SELECT " +
         day +
         ", metric, channel, queue_id, agent_id, intent, mkey, sum(n), sum(total) FROM "
         "analytics_hourly WHERE hour >= " +
         numbered_param(dialect, 1) + " AND hour < " + numbered_param(dialect, 2) +
         " GROUP BY 1, metric, channel, queue_id, agent_id, intent, mkey";
}

Status check_metric_query(const MetricQuery& q) {
  if (q.from >= q.to) return make_error(ErrorCode::kInvalidArgument, "from must be before to");
  if (q.bucket_micros <= 0 || q.bucket_micros % kMetricHourMicros != 0)
    return make_error(ErrorCode::kInvalidArgument, "the bucket must be a whole number of hours");
  if (q.offset_micros < 0 || q.offset_micros >= q.bucket_micros)
    return make_error(ErrorCode::kInvalidArgument, "the offset must be within one bucket");
  return {};
}

std::string metric_query_sql(Dialect dialect, const MetricQuery& q, TimePoint rolled_through,
                             std::vector<SqlValue>& params) {
  const TimePoint from = floor_hour(q.from);
  const TimePoint to = ceil_hour(q.to);
  const TimePoint mark = std::clamp(floor_hour(rolled_through), from, to);
  params.push_back(to_unix_micros(from));  // 1
  params.push_back(to_unix_micros(mark));  // 2
  params.push_back(to_unix_micros(to));    // 3
  // Whole Seoul days below the mark come from analytics_daily, unless the buckets are
  // finer than those days.
  const bool days_fit = q.grouping != MetricGrouping::kTime ||
                        (q.bucket_micros % kMetricDayMicros == 0 &&
                         q.offset_micros % kMetricDayMicros == kMetricDayOffsetMicros);
  std::int64_t first_day = day_floor(to_unix_micros(from));
  if (first_day < to_unix_micros(from)) first_day += kMetricDayMicros;
  std::int64_t end_day = day_floor(to_unix_micros(mark));
  if (!days_fit || end_day <= first_day) first_day = end_day = 0;
  params.push_back(first_day);  // 4
  params.push_back(end_day);    // 5
  std::string where = " WHERE 1 = 1";
  auto filter = [&](const std::string& value, std::string_view column) {
    if (value.empty()) return;
    params.push_back(value);
    where += " AND " + std::string(column) + " = " +
             numbered_param(dialect, static_cast<int>(params.size()));
  };
  filter(q.filter.channel, "channel");
  filter(q.filter.queue_id, "queue_id");
  filter(q.filter.agent_id, "agent_id");
  filter(q.filter.intent, "intent");
  std::string bucket = "CAST(0 AS BIGINT)";
  if (q.grouping == MetricGrouping::kTime) {
    const std::string size = std::to_string(q.bucket_micros);
    const std::string offset = std::to_string(q.offset_micros);
    bucket = "(((hour + " + offset + ") / " + size + ") * " + size + " - " + offset + ")";
  }
  std::string group = "''";
  switch (q.grouping) {
    case MetricGrouping::kChannel:
      group = "channel";
      break;
    case MetricGrouping::kQueue:
      group = "queue_id";
      break;
    case MetricGrouping::kAgent:
      group = "agent_id";
      break;
    case MetricGrouping::kIntent:
      group = "intent";
      break;
    case MetricGrouping::kTotal:
    case MetricGrouping::kTime:
      break;
  }
  const std::string p1 = numbered_param(dialect, 1);
  const std::string p2 = numbered_param(dialect, 2);
  const std::string p4 = numbered_param(dialect, 4);
  const std::string p5 = numbered_param(dialect, 5);
  return "SELECT " + bucket + " AS bucket, " + group +
         " AS grp, metric, mkey, sum(n), sum(total) FROM (SELECT day AS hour, metric, channel, "
         "queue_id, agent_id, intent, mkey, n, total FROM analytics_daily WHERE day >= " +
         p4 + " AND day < " + p5 +
         " UNION ALL SELECT hour, metric, channel, "
         "queue_id, agent_id, intent, mkey, n, total FROM analytics_hourly WHERE hour >= " +
         p1 + " AND hour < " + p2 + " AND (hour < " + p4 + " OR hour >= " + p5 +
         ") UNION ALL SELECT hour, metric, channel, queue_id, agent_id, intent, mkey, "
         "CAST(1 AS BIGINT), total FROM (" +
         metric_facts_sql(dialect, 2, 3) + ") f) x" + where +
         " GROUP BY 1, 2, metric, mkey ORDER BY 1, 2, metric, mkey";
}

std::string first_contact_resolution_sql(Dialect dialect) {
  const auto p = [dialect](int i) { return numbered_param(dialect, i); };
  return "SELECT count(*), COALESCE(sum(CASE WHEN EXISTS (SELECT 1 FROM conversations o WHERE "
         "o.customer_id = c.customer_id AND o.id <> c.id AND o.created_at >= c.created_at AND "
         "o.created_at <= c.created_at + " +
         p(4) + ") THEN 0 ELSE 1 END), 0) FROM conversations c WHERE c.closed_at >= " + p(1) +
         " AND c.closed_at < " + p(2) + " AND (" + p(3) + " = '' OR c.channel = " + p(3) + ")";
}

std::string top_unanswered_between_sql(Dialect dialect) {
  const auto p = [dialect](int i) { return numbered_param(dialect, i); };
  return "SELECT g.query_key, g.language, g.n, g.last_seen, q.text, q.best_faq_id, "
         "q.best_confidence FROM (SELECT language, query_key, count(*) AS n, "
         "max(created_at) AS last_seen, max(id) AS last_id FROM faq_unanswered WHERE "
         "created_at >= " +
         p(1) + " AND created_at < " + p(2) +
         " GROUP BY language, query_key ORDER BY n DESC, last_seen DESC, last_id DESC LIMIT " +
         p(3) +
         ") g JOIN faq_unanswered q ON q.id = g.last_id "
         "ORDER BY g.n DESC, g.last_seen DESC, g.last_id DESC";
}

std::string conversations_between_sql(Dialect dialect) {
  const auto p = [dialect](int i) { return numbered_param(dialect, i); };
  return select_from(kConversationColumns, "conversations") + "WHERE created_at >= " + p(1) +
         " AND created_at < " + p(2) + " AND id > " + p(3) + " ORDER BY id LIMIT " + p(4);
}

PurgeStatements purge_sql(Dialect dialect) {
  const std::string ended =
      "state IN ('closed', 'abandoned') AND closed_at < " + numbered_param(dialect, 1);
  const std::string ids = "conversation_id IN (SELECT id FROM conversations WHERE " + ended + ")";
  PurgeStatements s;
  s.count = {
      "SELECT count(*) FROM conversations WHERE " + ended,
      "SELECT count(*) FROM messages WHERE " + ids,
      "SELECT count(*) FROM escalations WHERE " + ids,
      "SELECT count(*) FROM scenario_records WHERE " + ids,
      "SELECT count(*) FROM faq_unanswered WHERE " + ids,
  };
  s.remove = {
      "DELETE FROM messages WHERE " + ids,         "DELETE FROM escalations WHERE " + ids,
      "DELETE FROM scenario_records WHERE " + ids, "DELETE FROM faq_unanswered WHERE " + ids,
      "DELETE FROM conversations WHERE " + ended,
  };
  return s;
}

}  // namespace aicc::store
