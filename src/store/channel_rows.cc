#include "store/channel_rows.h"

namespace aicc::store {
namespace {

std::string param(Dialect dialect, int index) {
  return dialect == Dialect::kSqlite ? std::string("?") : "$" + std::to_string(index);
}

}  // namespace

WebhookSubscription channel_subscription(const Channel& c) {
  WebhookSubscription s;
  s.id = c.id;
  s.url = c.callback_url;
  s.secret = c.secret;
  s.events = {std::string(kChannelMessageEvent)};
  s.description = "callback of inbound channel " + c.name;
  s.active = c.enabled;
  s.created_at = c.created_at;
  s.updated_at = c.updated_at;
  return s;
}

std::string channel_insert_sql(Dialect d) {
  std::string values;
  for (int i = 1; i <= 7; ++i) values += (i == 1 ? "" : ", ") + param(d, i);
  return "INSERT INTO channels (id, name, api_key_id, description, enabled, created_at, "
         "updated_at) VALUES (" +
         values + ")";
}

std::vector<SqlValue> channel_insert_values(const Channel& c) {
  return {c.id,
          c.name,
          c.api_key_id,
          c.description,
          std::int64_t{c.enabled ? 1 : 0},
          to_unix_micros(c.created_at),
          to_unix_micros(c.updated_at)};
}

std::string channel_update_sql(Dialect d) {
  return "UPDATE channels SET api_key_id = " + param(d, 1) + ", description = " + param(d, 2) +
         ", enabled = " + param(d, 3) + ", updated_at = " + param(d, 4) +
         " WHERE id = " + param(d, 5) + " RETURNING 1";
}

std::vector<SqlValue> channel_update_values(const Channel& c) {
  return {c.api_key_id, c.description, std::int64_t{c.enabled ? 1 : 0},
          to_unix_micros(c.updated_at), c.id};
}

std::string channel_subscription_update_sql(Dialect d) {
  return "UPDATE webhook_subscriptions SET url = " + param(d, 1) + ", secret = " + param(d, 2) +
         ", active = " + param(d, 3) + ", updated_at = " + param(d, 4) +
         " WHERE id = " + param(d, 5);
}

std::vector<SqlValue> channel_subscription_update_values(const Channel& c) {
  return {c.callback_url, c.secret, std::int64_t{c.enabled ? 1 : 0}, to_unix_micros(c.updated_at),
          c.id};
}

std::string contact_link_sql(Dialect d, bool has_expected) {
  std::string sql =
      "INSERT INTO channel_contacts (channel_id, external_id, conversation_id, linked_at) "
      "VALUES (" +
      param(d, 1) + ", " + param(d, 2) + ", " + param(d, 3) + ", " + param(d, 4) +
      ") ON CONFLICT (channel_id, external_id) DO ";
  if (!has_expected) return sql + "NOTHING RETURNING 1";
  return sql +
         "UPDATE SET conversation_id = excluded.conversation_id, linked_at = "
         "excluded.linked_at WHERE channel_contacts.conversation_id = " +
         param(d, 5) + " RETURNING 1";
}

}  // namespace aicc::store
