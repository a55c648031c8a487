// How webhook subscriptions and deliveries map to rows, and the SQL both backends share
// (conventions of row_codec.h: timestamps as int64 unix micros, events as a JSON array of
// strings, `active` as 0/1; parameters "?" for SQLite, "$n" for PostgreSQL).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/webhook.h"
#include "store/faq_rows.h"
#include "store/row_codec.h"

namespace aicc::store {

inline constexpr std::string_view kWebhookColumns =
    "id, url, secret, events, description, active, created_at, updated_at";
inline constexpr int kWebhookColumnCount = 8;
inline constexpr std::string_view kDeliveryColumns =
    "id, subscription_id, event_id, event_type, payload, state, attempts, next_attempt_at, "
    "last_status, last_error, created_at, updated_at, delivered_at";
inline constexpr int kDeliveryColumnCount = 13;

std::vector<SqlValue> webhook_values(const WebhookSubscription& s);
std::vector<SqlValue> delivery_values(const WebhookDelivery& d);

std::string webhook_insert_sql(Dialect dialect);
// UPDATE of url, secret, events, description, active, updated_at by id, RETURNING the row;
// parameters: those six, then the id.
std::string webhook_update_sql(Dialect dialect);
// One delivery, inserted only while its subscription exists (a subscription deleted
// meanwhile takes nothing with it): delivery_values, then the subscription id again.
// RETURNING 1 for a stored row.
std::string delivery_insert_sql(Dialect dialect);
// Leases up to p4 pending deliveries due at p2 whose lease ended by p3 (= p2) until p1,
// RETURNING them; PostgreSQL skips rows another node is claiming (SKIP LOCKED).
std::string delivery_claim_sql(Dialect dialect);
// Saves an attempt's outcome and ends the lease: state, attempts, next_attempt_at,
// last_status, last_error, updated_at, delivered_at, then the id. RETURNING 1.
std::string delivery_record_sql(Dialect dialect);
std::vector<SqlValue> delivery_record_values(const WebhookDelivery& d);
// Newest first: WHERE subscription_id = p1 [AND state = p2] … LIMIT (the last parameter).
std::string delivery_list_sql(Dialect dialect, bool by_state);

template <typename Row>
Result<WebhookSubscription> webhook_from_row(const Row& r) {
  WebhookSubscription s;
  s.id = r.text(0);
  s.url = r.text(1);
  s.secret = r.text(2);
  auto events = decode_tags(r.text(3));
  if (!events) return tl::unexpected(events.error());
  s.events = std::move(*events);
  s.description = r.text(4);
  s.active = r.i64(5) != 0;
  s.created_at = from_unix_micros(r.i64(6));
  s.updated_at = from_unix_micros(r.i64(7));
  return s;
}

template <typename Row>
Result<WebhookDelivery> delivery_from_row(const Row& r) {
  WebhookDelivery d;
  d.id = r.text(0);
  d.subscription_id = r.text(1);
  d.event_id = r.text(2);
  d.event_type = r.text(3);
  d.payload = r.text(4);
  const std::string state = r.text(5);
  auto parsed = parse_delivery_state(state);
  if (!parsed) return tl::unexpected(corrupt_row("webhook_deliveries", "state", state));
  d.state = *parsed;
  d.attempts = static_cast<int>(r.i64(6));
  d.next_attempt_at = from_unix_micros(r.i64(7));
  if (!r.is_null(8)) d.last_status = static_cast<int>(r.i64(8));
  d.last_error = r.text(9);
  d.created_at = from_unix_micros(r.i64(10));
  d.updated_at = from_unix_micros(r.i64(11));
  if (!r.is_null(12)) d.delivered_at = from_unix_micros(r.i64(12));
  return d;
}

}  // namespace aicc::store
