// How inbound channels and their contacts map to rows, and the SQL both backends share
// (row_codec.h conventions; parameters "?" for SQLite, "$n" for PostgreSQL).
//
// A channel is two rows: its callback subscription in webhook_subscriptions (same id: url,
// secret, events ["channel.message"], active = enabled) and its own row in channels; the
// channels row references the subscription ON DELETE CASCADE, so deleting the subscription
// takes the channel, its contacts and its delivery log with it.
#pragma once

#include <string>
#include <vector>

#include "core/channel.h"
#include "core/webhook.h"
#include "store/faq_rows.h"
#include "store/row_codec.h"

namespace aicc::store {

// The columns of a channel read through kChannelSelect (channels c JOIN the subscription w).
inline constexpr std::string_view kChannelSelect =
    "SELECT c.id, c.name, w.url, w.secret, c.api_key_id, c.description, c.enabled, "
    "c.created_at, c.updated_at FROM channels c JOIN webhook_subscriptions w ON w.id = c.id ";

// The callback subscription of a channel as the webhook tables keep it.
WebhookSubscription channel_subscription(const Channel& c);

// INSERT INTO channels: id, name, api_key_id, description, enabled, created_at, updated_at.
std::string channel_insert_sql(Dialect dialect);
std::vector<SqlValue> channel_insert_values(const Channel& c);
// UPDATE channels SET api_key_id, description, enabled, updated_at WHERE id (RETURNING 1).
std::string channel_update_sql(Dialect dialect);
std::vector<SqlValue> channel_update_values(const Channel& c);
// UPDATE webhook_subscriptions SET url, secret, active, updated_at WHERE id.
std::string channel_subscription_update_sql(Dialect dialect);
std::vector<SqlValue> channel_subscription_update_values(const Channel& c);
// Links a contact to a conversation when its link is still the expected one:
// insert-if-absent (no expected link) or compare-and-set. RETURNING 1 when it happened.
// Parameters: channel_id, external_id, conversation_id, linked_at[, expected].
std::string contact_link_sql(Dialect dialect, bool has_expected);

template <typename Row>
Channel channel_from_row(const Row& r) {
  Channel c;
  c.id = r.text(0);
  c.name = r.text(1);
  c.callback_url = r.text(2);
  c.secret = r.text(3);
  c.api_key_id = r.text(4);
  c.description = r.text(5);
  c.enabled = r.i64(6) != 0;
  c.created_at = from_unix_micros(r.i64(7));
  c.updated_at = from_unix_micros(r.i64(8));
  return c;
}

}  // namespace aicc::store
