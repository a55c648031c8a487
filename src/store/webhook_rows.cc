#include "store/webhook_rows.h"

namespace aicc::store {
namespace {

std::string param(Dialect dialect, int index) {
  return dialect == Dialect::kSqlite ? std::string("?") : "$" + std::to_string(index);
}

// PostgreSQL cannot infer a parameter's type in a SELECT list, so it is spelled out.
std::string typed_param(Dialect dialect, int index, std::string_view pg_type) {
  if (dialect == Dialect::kSqlite) return "?";
  return "$" + std::to_string(index) + "::" + std::string(pg_type);
}

std::string params(Dialect dialect, int count) {
  std::string out;
  for (int i = 1; i <= count; ++i) out += (i == 1 ? "" : ", ") + param(dialect, i);
  return out;
}

SqlValue optional_micros(const std::optional<TimePoint>& t) {
  if (!t) return SqlValue();
  return to_unix_micros(*t);
}

}  // namespace

std::vector<SqlValue> webhook_values(const WebhookSubscription& s) {
  return {s.id,
          s.url,
          s.secret,
          encode_tags(s.events),
          s.description,
          std::int64_t{s.active ? 1 : 0},
          to_unix_micros(s.created_at),
          to_unix_micros(s.updated_at)};
}

std::vector<SqlValue> delivery_values(const WebhookDelivery& d) {
  SqlValue status;
  if (d.last_status) status = std::int64_t{*d.last_status};
  return {d.id,
          d.subscription_id,
          d.event_id,
          d.event_type,
          d.payload,
          std::string(to_string(d.state)),
          std::int64_t{d.attempts},
          to_unix_micros(d.next_attempt_at),
          status,
          d.last_error,
          to_unix_micros(d.created_at),
          to_unix_micros(d.updated_at),
          optional_micros(d.delivered_at)};
}

std::string webhook_insert_sql(Dialect dialect) {
  return "INSERT INTO webhook_subscriptions (" + std::string(kWebhookColumns) + ") VALUES (" +
         params(dialect, kWebhookColumnCount) + ")";
}

std::string webhook_update_sql(Dialect dialect) {
  return "UPDATE webhook_subscriptions SET url = " + param(dialect, 1) +
         ", secret = " + param(dialect, 2) + ", events = " + param(dialect, 3) +
         ", description = " + param(dialect, 4) + ", active = " + param(dialect, 5) +
         ", updated_at = " + param(dialect, 6) + " WHERE id = " + param(dialect, 7) +
         " RETURNING " + std::string(kWebhookColumns);
}

std::string delivery_insert_sql(Dialect dialect) {
  static constexpr std::string_view kTypes[kDeliveryColumnCount] = {
      "text",   "text",   "text", "text",   "text",   "text",  "bigint",
      "bigint", "bigint", "text", "bigint", "bigint", "bigint"};
  std::string select;
  for (int i = 1; i <= kDeliveryColumnCount; ++i)
    select += (i == 1 ? "" : ", ") + typed_param(dialect, i, kTypes[i - 1]);
  return "INSERT INTO webhook_deliveries (" + std::string(kDeliveryColumns) + ") SELECT " + select +
         " WHERE EXISTS (SELECT 1 FROM webhook_subscriptions WHERE id = " +
         typed_param(dialect, kDeliveryColumnCount + 1, "text") + ") RETURNING 1";
}

std::string delivery_claim_sql(Dialect dialect) {
  std::string due =
      "SELECT id FROM webhook_deliveries WHERE state = 'pending' AND "
      "next_attempt_at <= " +
      param(dialect, 2) + " AND (lease_until IS NULL OR lease_until <= " + param(dialect, 3) +
      ") ORDER BY next_attempt_at, id LIMIT " + param(dialect, 4);
  if (dialect == Dialect::kPostgres) due += " FOR UPDATE SKIP LOCKED";
  return "UPDATE webhook_deliveries SET lease_until = " + param(dialect, 1) + " WHERE id IN (" +
         due + ") RETURNING " + std::string(kDeliveryColumns);
}

std::string delivery_record_sql(Dialect dialect) {
  return "UPDATE webhook_deliveries SET state = " + param(dialect, 1) +
         ", attempts = " + param(dialect, 2) + ", next_attempt_at = " + param(dialect, 3) +
         ", last_status = " + param(dialect, 4) + ", last_error = " + param(dialect, 5) +
         ", updated_at = " + param(dialect, 6) + ", delivered_at = " + param(dialect, 7) +
         ", lease_until = NULL WHERE id = " + param(dialect, 8) + " RETURNING 1";
}

std::vector<SqlValue> delivery_record_values(const WebhookDelivery& d) {
  SqlValue status;
  if (d.last_status) status = std::int64_t{*d.last_status};
  return {std::string(to_string(d.state)),
          std::int64_t{d.attempts},
          to_unix_micros(d.next_attempt_at),
          status,
          d.last_error,
          to_unix_micros(d.updated_at),
          optional_micros(d.delivered_at),
          d.id};
}

std::string delivery_list_sql(Dialect dialect, bool by_state) {
  std::string sql = select_from(kDeliveryColumns, "webhook_deliveries") +
                    "WHERE subscription_id = " + param(dialect, 1);
  if (by_state) sql += " AND state = " + param(dialect, 2);
  return sql + " ORDER BY created_at DESC, id DESC LIMIT " + param(dialect, by_state ? 3 : 2);
}

}  // namespace aicc::store
