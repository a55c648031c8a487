#include "store/postgres/pg_webhooks.h"

#include <algorithm>
#include <tuple>

#include "store/webhook_rows.h"

namespace aicc::pg {
namespace {

constexpr auto kPostgres = store::Dialect::kPostgres;
using store::SqlValue;

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

Result<WebhookSubscription> webhook_row(const PgRow& row) {
  return store::webhook_from_row(row);
}

Result<WebhookDelivery> delivery_row(const PgRow& row) {
  return store::delivery_from_row(row);
}

// The one row a query by primary key returns, or kNotFound with `missing`.
template <typename T, typename Convert>
Result<T> one_row(Result<PgResult> r, Convert convert, const char* missing) {
  if (!r) return tl::unexpected(r.error());
  if (r->rows() == 0) return make_error(ErrorCode::kNotFound, missing);
  return convert(PgRow(*r, 0));
}

}  // namespace

Result<WebhookSubscription> insert_webhook(PgConnection& conn, const WebhookSubscription& s) {
  if (auto st = validate_webhook(s); !st) return tl::unexpected(st.error());
  static const std::string sql = store::webhook_insert_sql(kPostgres);
  auto r = conn.query(sql, store::webhook_values(s));
  if (r) return s;
  if (r.error().details["constraint"] == "webhook_subscriptions_pkey")
    return make_error(ErrorCode::kConflict, "webhook id already exists");
  return tl::unexpected(r.error());
}

Result<WebhookSubscription> load_webhook(PgConnection& conn, std::string_view id) {
  static const std::string sql =
      store::select_from(store::kWebhookColumns, "webhook_subscriptions") + "WHERE id = $1";
  return one_row<WebhookSubscription>(conn.query(sql, {std::string(id)}), webhook_row,
                                      "no such webhook");
}

Result<std::vector<WebhookSubscription>> load_webhooks(PgConnection& conn) {
  static const std::string sql =
      store::select_from(store::kWebhookColumns, "webhook_subscriptions") +
      "ORDER BY created_at, id";
  auto r = conn.query(sql);
  if (!r) return tl::unexpected(r.error());
  return rows_of<WebhookSubscription>(*r, webhook_row);
}

Result<WebhookSubscription> save_webhook(PgConnection& conn, const WebhookSubscription& s) {
  if (auto st = validate_webhook(s); !st) return tl::unexpected(st.error());
  static const std::string sql = store::webhook_update_sql(kPostgres);
  auto v = store::webhook_values(s);
  // webhook_values order: id, url, secret, events, description, active, created, updated.
  return one_row<WebhookSubscription>(conn.query(sql, {v[1], v[2], v[3], v[4], v[5], v[7], v[0]}),
                                      webhook_row, "no such webhook");
}

Status remove_webhook(PgConnection& conn, std::string_view id) {
  auto r =
      conn.query("DELETE FROM webhook_subscriptions WHERE id = $1 RETURNING 1", {std::string(id)});
  if (!r) return tl::unexpected(r.error());
  if (r->rows() == 0) return make_error(ErrorCode::kNotFound, "no such webhook");
  return {};
}

Result<int> insert_deliveries(PgConnection& conn, const std::vector<WebhookDelivery>& deliveries) {
  static const std::string sql = store::delivery_insert_sql(kPostgres);
  int stored = 0;
  for (const auto& d : deliveries) {
    auto values = store::delivery_values(d);
    values.push_back(d.subscription_id);
    auto r = conn.query(sql, values);
    if (!r) {
      if (r.error().details["constraint"] == "webhook_deliveries_pkey")
        return make_error(ErrorCode::kConflict, "delivery id already exists");
      return tl::unexpected(r.error());
    }
    stored += r->rows();
  }
  return stored;
}

Result<std::vector<WebhookDelivery>> lease_deliveries(PgConnection& conn, TimePoint now,
                                                      TimePoint lease_until, int limit) {
  static const std::string sql = store::delivery_claim_sql(kPostgres);
  auto r = conn.query(sql, {to_unix_micros(lease_until), to_unix_micros(now), to_unix_micros(now),
                            std::int64_t{limit}});
  if (!r) return tl::unexpected(r.error());
  auto rows = rows_of<WebhookDelivery>(*r, delivery_row);
  if (!rows) return rows;
  std::sort(rows->begin(), rows->end(), [](const auto& a, const auto& b) {
    return std::tie(a.next_attempt_at, a.id) < std::tie(b.next_attempt_at, b.id);
  });
  return rows;
}

Status save_attempt(PgConnection& conn, const WebhookDelivery& d) {
  static const std::string sql = store::delivery_record_sql(kPostgres);
  auto r = conn.query(sql, store::delivery_record_values(d));
  if (!r) return tl::unexpected(r.error());
  if (r->rows() == 0) return make_error(ErrorCode::kNotFound, "no such webhook delivery");
  return {};
}

Result<WebhookDelivery> load_delivery(PgConnection& conn, std::string_view id) {
  static const std::string sql =
      store::select_from(store::kDeliveryColumns, "webhook_deliveries") + "WHERE id = $1";
  return one_row<WebhookDelivery>(conn.query(sql, {std::string(id)}), delivery_row,
                                  "no such webhook delivery");
}

Result<std::vector<WebhookDelivery>> load_deliveries(PgConnection& conn,
                                                     std::string_view subscription_id,
                                                     std::optional<DeliveryState> state,
                                                     int limit) {
  std::vector<SqlValue> params{std::string(subscription_id)};
  if (state) params.emplace_back(std::string(to_string(*state)));
  params.emplace_back(std::int64_t{limit});
  auto r = conn.query(store::delivery_list_sql(kPostgres, state.has_value()), params);
  if (!r) return tl::unexpected(r.error());
  return rows_of<WebhookDelivery>(*r, delivery_row);
}

}  // namespace aicc::pg
