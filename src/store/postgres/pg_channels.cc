#include "store/postgres/pg_channels.h"

#include "store/channel_rows.h"
#include "store/webhook_rows.h"

namespace aicc::pg {
namespace {

constexpr auto kPostgres = store::Dialect::kPostgres;
using store::SqlValue;

Result<bool> exists(PgConnection& conn, std::string_view sql, std::string_view value) {
  auto r = conn.query(sql, {std::string(value)});
  if (!r) return tl::unexpected(r.error());
  return r->rows() > 0;
}

Status check_api_key(PgConnection& conn, const Channel& c) {
  auto key = exists(conn, "SELECT 1 FROM api_keys WHERE id = $1", c.api_key_id);
  if (!key) return tl::unexpected(key.error());
  if (!*key)
    return make_error(ErrorCode::kInvalidArgument, "api_key_id names no API key",
                      {{"field", "api_key_id"}});
  return {};
}

Error name_taken(const Channel& c) {
  return Error(ErrorCode::kConflict, "a channel named \"" + c.name + "\" exists",
               {{"reason", "name_taken"}, {"field", "name"}});
}

}  // namespace

Result<Channel> insert_channel(PgConnection& conn, const Channel& c) {
  if (auto st = validate_channel(c); !st) return tl::unexpected(st.error());
  auto taken = exists(conn, "SELECT 1 FROM channels WHERE name = $1", c.name);
  if (!taken) return tl::unexpected(taken.error());
  if (*taken) return tl::unexpected(name_taken(c));
  if (auto st = check_api_key(conn, c); !st) return tl::unexpected(st.error());
  static const std::string hook_sql = store::webhook_insert_sql(kPostgres);
  if (auto r = conn.query(hook_sql, store::webhook_values(store::channel_subscription(c))); !r) {
    if (r.error().details["constraint"] == "webhook_subscriptions_pkey")
      return make_error(ErrorCode::kConflict, "channel id already exists");
    return tl::unexpected(r.error());
  }
  static const std::string sql = store::channel_insert_sql(kPostgres);
  if (auto r = conn.query(sql, store::channel_insert_values(c)); !r) {
    const std::string constraint = r.error().details["constraint"];
    if (constraint == "channels_name_key") return tl::unexpected(name_taken(c));  // a race
    if (constraint == "channels_pkey")
      return make_error(ErrorCode::kConflict, "channel id already exists");
    return tl::unexpected(r.error());
  }
  return c;
}

Result<Channel> load_channel(PgConnection& conn, std::string_view column, std::string_view value) {
  const std::string sql =
      std::string(store::kChannelSelect) + "WHERE c." + std::string(column) + " = $1";
  auto r = conn.query(sql, {std::string(value)});
  if (!r) return tl::unexpected(r.error());
  if (r->rows() == 0) return make_error(ErrorCode::kNotFound, "no such channel");
  return store::channel_from_row(PgRow(*r, 0));
}

Result<std::vector<Channel>> load_channels(PgConnection& conn) {
  static const std::string sql = std::string(store::kChannelSelect) + "ORDER BY c.name";
  auto r = conn.query(sql);
  if (!r) return tl::unexpected(r.error());
  std::vector<Channel> out;
  for (int row = 0; row < r->rows(); ++row) out.push_back(store::channel_from_row(PgRow(*r, row)));
  return out;
}

Result<Channel> save_channel(PgConnection& conn, const Channel& c) {
  if (auto st = validate_channel(c); !st) return tl::unexpected(st.error());
  auto stored = load_channel(conn, "id", c.id);
  if (!stored) return stored;
  if (auto st = check_api_key(conn, c); !st) return tl::unexpected(st.error());
  if (auto r = conn.query(store::channel_update_sql(kPostgres), store::channel_update_values(c));
      !r)
    return tl::unexpected(r.error());
  if (auto r = conn.query(store::channel_subscription_update_sql(kPostgres),
                          store::channel_subscription_update_values(c));
      !r)
    return tl::unexpected(r.error());
  return load_channel(conn, "id", c.id);
}

Status remove_channel(PgConnection& conn, std::string_view id) {
  // The channel row goes with its subscription (ON DELETE CASCADE), contacts with it.
  auto r = conn.query(
      "DELETE FROM webhook_subscriptions WHERE id = $1 AND id IN (SELECT id FROM channels) "
      "RETURNING 1",
      {std::string(id)});
  if (!r) return tl::unexpected(r.error());
  if (r->rows() == 0) return make_error(ErrorCode::kNotFound, "no such channel");
  return {};
}

Result<std::optional<std::string>> load_contact_conversation(PgConnection& conn,
                                                             std::string_view channel_id,
                                                             std::string_view external_id) {
  auto r = conn.query(
      "SELECT conversation_id FROM channel_contacts WHERE channel_id = $1 AND external_id = $2",
      {std::string(channel_id), std::string(external_id)});
  if (!r) return tl::unexpected(r.error());
  if (r->rows() == 0) return std::optional<std::string>();
  return std::optional<std::string>(r->text(0, 0));
}

Result<bool> link_contact(PgConnection& conn, const ChannelContact& contact,
                          const std::optional<std::string>& expected, TimePoint at) {
  auto known = exists(conn, "SELECT 1 FROM channels WHERE id = $1", contact.channel_id);
  if (!known) return tl::unexpected(known.error());
  if (!*known) return make_error(ErrorCode::kNotFound, "no such channel");
  std::vector<SqlValue> values = {contact.channel_id, contact.external_id, contact.conversation_id,
                                  to_unix_micros(at)};
  if (expected) values.emplace_back(*expected);
  auto r = conn.query(store::contact_link_sql(kPostgres, expected.has_value()), values);
  if (!r) return tl::unexpected(r.error());
  return r->rows() > 0;
}

Result<std::optional<ChannelContact>> load_contact_of(PgConnection& conn,
                                                      std::string_view conversation_id) {
  auto r = conn.query(
      "SELECT channel_id, external_id, conversation_id FROM channel_contacts "
      "WHERE conversation_id = $1 LIMIT 1",
      {std::string(conversation_id)});
  if (!r) return tl::unexpected(r.error());
  if (r->rows() == 0) return std::optional<ChannelContact>();
  return std::optional<ChannelContact>(ChannelContact{r->text(0, 0), r->text(0, 1), r->text(0, 2)});
}

}  // namespace aicc::pg
