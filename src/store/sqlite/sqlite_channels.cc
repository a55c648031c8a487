#include "store/sqlite/sqlite_channels.h"

#include "store/channel_rows.h"
#include "store/sqlite/statement_steps.h"
#include "store/webhook_rows.h"

namespace aicc::sqlite {
namespace {

constexpr auto kSqlite = store::Dialect::kSqlite;

Result<bool> exists(Connection& conn, const std::string& sql, std::string_view value,
                    std::string_view what) {
  auto stmt = conn.prepare(sql);
  if (!stmt) return tl::unexpected(stmt.error());
  stmt->bind(1, value);
  return next_row(*stmt, conn, what);
}

Result<int> run(Connection& conn, const std::string& sql,
                const std::vector<store::SqlValue>& values, std::string_view what) {
  auto stmt = conn.prepare(sql);
  if (!stmt) return tl::unexpected(stmt.error());
  stmt->bind_all(values);
  return changed_rows(*stmt, conn, what);
}

Status check_api_key(Connection& conn, const Channel& c) {
  auto key = exists(conn, "SELECT 1 FROM api_keys WHERE id = ?", c.api_key_id, "read API key");
  if (!key) return tl::unexpected(key.error());
  if (!*key)
    return make_error(ErrorCode::kInvalidArgument, "api_key_id names no API key",
                      {{"field", "api_key_id"}});
  return {};
}

}  // namespace

Result<Channel> insert_channel(Connection& conn, const Channel& c) {
  if (auto st = validate_channel(c); !st) return tl::unexpected(st.error());
  auto taken = exists(conn, "SELECT 1 FROM channels WHERE name = ?", c.name, "read channel");
  if (!taken) return tl::unexpected(taken.error());
  if (*taken)
    return make_error(ErrorCode::kConflict, "a channel named \"" + c.name + "\" exists",
                      {{"reason", "name_taken"}, {"field", "name"}});
  if (auto st = check_api_key(conn, c); !st) return tl::unexpected(st.error());
  static const std::string hook_sql = store::webhook_insert_sql(kSqlite);
  auto hook = conn.prepare(hook_sql);
  if (!hook) return tl::unexpected(hook.error());
  hook->bind_all(store::webhook_values(store::channel_subscription(c)));
  if (const int rc = hook->step(); rc != SQLITE_DONE) {
    if (is_constraint(rc)) return make_error(ErrorCode::kConflict, "channel id already exists");
    return tl::unexpected(conn.error("insert channel callback", rc));
  }
  static const std::string sql = store::channel_insert_sql(kSqlite);
  auto stmt = conn.prepare(sql);
  if (!stmt) return tl::unexpected(stmt.error());
  stmt->bind_all(store::channel_insert_values(c));
  if (const int rc = stmt->step(); rc != SQLITE_DONE) {
    if (is_constraint(rc)) return make_error(ErrorCode::kConflict, "channel id already exists");
    return tl::unexpected(conn.error("insert channel", rc));
  }
  return c;
}

Result<Channel> load_channel(Connection& conn, std::string_view column, std::string_view value) {
  const std::string sql =
      std::string(store::kChannelSelect) + "WHERE c." + std::string(column) + " = ?";
  auto stmt = conn.prepare(sql);
  if (!stmt) return tl::unexpected(stmt.error());
  stmt->bind(1, value);
  auto rows = collect_rows<Channel>(*stmt, conn, "read channel", [](Statement& row) {
    return Result<Channel>(store::channel_from_row(row));
  });
  if (!rows) return tl::unexpected(rows.error());
  if (rows->empty()) return make_error(ErrorCode::kNotFound, "no such channel");
  return std::move(rows->front());
}

Result<std::vector<Channel>> load_channels(Connection& conn) {
  static const std::string sql = std::string(store::kChannelSelect) + "ORDER BY c.name";
  auto stmt = conn.prepare(sql);
  if (!stmt) return tl::unexpected(stmt.error());
  return collect_rows<Channel>(*stmt, conn, "list channels", [](Statement& row) {
    return Result<Channel>(store::channel_from_row(row));
  });
}

Result<Channel> save_channel(Connection& conn, const Channel& c) {
  if (auto st = validate_channel(c); !st) return tl::unexpected(st.error());
  auto stored = load_channel(conn, "id", c.id);
  if (!stored) return stored;
  if (auto st = check_api_key(conn, c); !st) return tl::unexpected(st.error());
  auto changed = run(conn, store::channel_update_sql(kSqlite), store::channel_update_values(c),
                     "update channel");
  if (!changed) return tl::unexpected(changed.error());
  auto hook = conn.prepare(store::channel_subscription_update_sql(kSqlite));
  if (!hook) return tl::unexpected(hook.error());
  hook->bind_all(store::channel_subscription_update_values(c));
  if (auto st = run_statement(*hook, conn, "update channel callback"); !st)
    return tl::unexpected(st.error());
  return load_channel(conn, "id", c.id);
}

Status remove_channel(Connection& conn, std::string_view id) {
  // The channel row goes with its subscription (ON DELETE CASCADE), contacts with it.
  auto stmt = conn.prepare(
      "DELETE FROM webhook_subscriptions WHERE id = ? AND id IN (SELECT id FROM channels) "
      "RETURNING 1");
  if (!stmt) return tl::unexpected(stmt.error());
  stmt->bind(1, id);
  auto rows = changed_rows(*stmt, conn, "delete channel");
  if (!rows) return tl::unexpected(rows.error());
  if (*rows == 0) return make_error(ErrorCode::kNotFound, "no such channel");
  return {};
}

Result<std::optional<std::string>> load_contact_conversation(Connection& conn,
                                                             std::string_view channel_id,
                                                             std::string_view external_id) {
  auto stmt = conn.prepare(
      "SELECT conversation_id FROM channel_contacts WHERE channel_id = ? AND external_id = ?");
  if (!stmt) return tl::unexpected(stmt.error());
  stmt->bind(1, channel_id).bind(2, external_id);
  auto row = next_row(*stmt, conn, "read channel contact");
  if (!row) return tl::unexpected(row.error());
  if (!*row) return std::optional<std::string>();
  return std::optional<std::string>(stmt->text(0));
}

Result<bool> link_contact(Connection& conn, const ChannelContact& contact,
                          const std::optional<std::string>& expected, TimePoint at) {
  auto known =
      exists(conn, "SELECT 1 FROM channels WHERE id = ?", contact.channel_id, "read channel");
  if (!known) return tl::unexpected(known.error());
  if (!*known) return make_error(ErrorCode::kNotFound, "no such channel");
  std::vector<store::SqlValue> values = {contact.channel_id, contact.external_id,
                                         contact.conversation_id, to_unix_micros(at)};
  if (expected) values.emplace_back(*expected);
  auto linked = run(conn, store::contact_link_sql(kSqlite, expected.has_value()), values,
                    "link channel contact");
  if (!linked) return tl::unexpected(linked.error());
  return *linked > 0;
}

Result<std::optional<ChannelContact>> load_contact_of(Connection& conn,
                                                      std::string_view conversation_id) {
  auto stmt = conn.prepare(
      "SELECT channel_id, external_id, conversation_id FROM channel_contacts "
      "WHERE conversation_id = ? LIMIT 1");
  if (!stmt) return tl::unexpected(stmt.error());
  stmt->bind(1, conversation_id);
  auto row = next_row(*stmt, conn, "read channel contact");
  if (!row) return tl::unexpected(row.error());
  if (!*row) return std::optional<ChannelContact>();
  return std::optional<ChannelContact>(ChannelContact{stmt->text(0), stmt->text(1), stmt->text(2)});
}

}  // namespace aicc::sqlite
