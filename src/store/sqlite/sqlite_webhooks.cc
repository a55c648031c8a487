#include "store/sqlite/sqlite_webhooks.h"

#include <algorithm>
#include <tuple>

#include "store/sqlite/statement_steps.h"
#include "store/webhook_rows.h"

namespace aicc::sqlite {
namespace {

constexpr auto kSqlite = store::Dialect::kSqlite;

Result<WebhookSubscription> webhook_row(Statement& stmt) {
  return store::webhook_from_row(stmt);
}

Result<WebhookDelivery> delivery_row(Statement& stmt) {
  return store::delivery_from_row(stmt);
}

}  // namespace

Result<WebhookSubscription> insert_webhook(Connection& conn, const WebhookSubscription& s) {
  if (auto st = validate_webhook(s); !st) return tl::unexpected(st.error());
  static const std::string sql = store::webhook_insert_sql(kSqlite);
  auto stmt = conn.prepare(sql);
  if (!stmt) return tl::unexpected(stmt.error());
  stmt->bind_all(store::webhook_values(s));
  const int rc = stmt->step();
  if (rc == SQLITE_DONE) return s;
  if (is_constraint(rc)) return make_error(ErrorCode::kConflict, "webhook id already exists");
  return tl::unexpected(conn.error("insert webhook", rc));
}

Result<WebhookSubscription> load_webhook(Connection& conn, std::string_view id) {
  static const std::string sql =
      store::select_from(store::kWebhookColumns, "webhook_subscriptions") + "WHERE id = ?";
  auto stmt = conn.prepare(sql);
  if (!stmt) return tl::unexpected(stmt.error());
  stmt->bind(1, id);
  auto rows = collect_rows<WebhookSubscription>(*stmt, conn, "read webhook", webhook_row);
  if (!rows) return tl::unexpected(rows.error());
  if (rows->empty()) return make_error(ErrorCode::kNotFound, "no such webhook");
  return std::move(rows->front());
}

Result<std::vector<WebhookSubscription>> load_webhooks(Connection& conn) {
  static const std::string sql =
      store::select_from(store::kWebhookColumns, "webhook_subscriptions") +
      "ORDER BY created_at, id";
  auto stmt = conn.prepare(sql);
  if (!stmt) return tl::unexpected(stmt.error());
  return collect_rows<WebhookSubscription>(*stmt, conn, "list webhooks", webhook_row);
}

Result<WebhookSubscription> save_webhook(Connection& conn, const WebhookSubscription& s) {
  if (auto st = validate_webhook(s); !st) return tl::unexpected(st.error());
  static const std::string sql = store::webhook_update_sql(kSqlite);
  auto stmt = conn.prepare(sql);
  if (!stmt) return tl::unexpected(stmt.error());
  auto values = store::webhook_values(s);
  // webhook_values order: id, url, secret, events, description, active, created, updated.
  stmt->bind_all({values[1], values[2], values[3], values[4], values[5], values[7], values[0]});
  auto rows = collect_rows<WebhookSubscription>(*stmt, conn, "update webhook", webhook_row);
  if (!rows) return tl::unexpected(rows.error());
  if (rows->empty()) return make_error(ErrorCode::kNotFound, "no such webhook");
  return std::move(rows->front());
}

Status remove_webhook(Connection& conn, std::string_view id) {
  auto stmt = conn.prepare("DELETE FROM webhook_subscriptions WHERE id = ? RETURNING 1");
  if (!stmt) return tl::unexpected(stmt.error());
  stmt->bind(1, id);
  auto rows = changed_rows(*stmt, conn, "delete webhook");
  if (!rows) return tl::unexpected(rows.error());
  if (*rows == 0) return make_error(ErrorCode::kNotFound, "no such webhook");
  return {};
}

Result<int> insert_deliveries(Connection& conn, const std::vector<WebhookDelivery>& deliveries) {
  static const std::string sql = store::delivery_insert_sql(kSqlite);
  int stored = 0;
  for (const auto& d : deliveries) {
    auto stmt = conn.prepare(sql);
    if (!stmt) return tl::unexpected(stmt.error());
    auto values = store::delivery_values(d);
    values.push_back(d.subscription_id);
    stmt->bind_all(values);
    auto rows = changed_rows(*stmt, conn, "insert webhook delivery");
    if (!rows) return tl::unexpected(rows.error());
    stored += *rows;
  }
  return stored;
}

Result<std::vector<WebhookDelivery>> lease_deliveries(Connection& conn, TimePoint now,
                                                      TimePoint lease_until, int limit) {
  static const std::string sql = store::delivery_claim_sql(kSqlite);
  auto stmt = conn.prepare(sql);
  if (!stmt) return tl::unexpected(stmt.error());
  stmt->bind_all(
      {to_unix_micros(lease_until), to_unix_micros(now), to_unix_micros(now), std::int64_t{limit}});
  auto rows = collect_rows<WebhookDelivery>(*stmt, conn, "claim webhook deliveries", delivery_row);
  if (!rows) return rows;
  // RETURNING has no order of its own.
  std::sort(rows->begin(), rows->end(), [](const auto& a, const auto& b) {
    return std::tie(a.next_attempt_at, a.id) < std::tie(b.next_attempt_at, b.id);
  });
  return rows;
}

Status save_attempt(Connection& conn, const WebhookDelivery& d) {
  static const std::string sql = store::delivery_record_sql(kSqlite);
  auto stmt = conn.prepare(sql);
  if (!stmt) return tl::unexpected(stmt.error());
  stmt->bind_all(store::delivery_record_values(d));
  auto rows = changed_rows(*stmt, conn, "record webhook attempt");
  if (!rows) return tl::unexpected(rows.error());
  if (*rows == 0) return make_error(ErrorCode::kNotFound, "no such webhook delivery");
  return {};
}

Result<WebhookDelivery> load_delivery(Connection& conn, std::string_view id) {
  static const std::string sql =
      store::select_from(store::kDeliveryColumns, "webhook_deliveries") + "WHERE id = ?";
  auto stmt = conn.prepare(sql);
  if (!stmt) return tl::unexpected(stmt.error());
  stmt->bind(1, id);
  auto rows = collect_rows<WebhookDelivery>(*stmt, conn, "read webhook delivery", delivery_row);
  if (!rows) return tl::unexpected(rows.error());
  if (rows->empty()) return make_error(ErrorCode::kNotFound, "no such webhook delivery");
  return std::move(rows->front());
}

Result<std::vector<WebhookDelivery>> load_deliveries(Connection& conn,
                                                     std::string_view subscription_id,
                                                     std::optional<DeliveryState> state,
                                                     int limit) {
  auto stmt = conn.prepare(store::delivery_list_sql(kSqlite, state.has_value()));
  if (!stmt) return tl::unexpected(stmt.error());
  stmt->bind(1, subscription_id);
  if (state) stmt->bind(2, to_string(*state));
  stmt->bind(state ? 3 : 2, std::int64_t{limit});
  return collect_rows<WebhookDelivery>(*stmt, conn, "list webhook deliveries", delivery_row);
}

}  // namespace aicc::sqlite
