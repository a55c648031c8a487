#include "store/postgres/pg_users.h"

#include "store/user_codec.h"

namespace aicc::pg {
namespace {

using store::SqlValue;

SqlValue text(std::string_view value) {
  return std::string(value);
}

std::string insert_sql(std::string_view table, std::string_view columns, int count) {
  std::string params;
  for (int i = 1; i <= count; ++i) params += (i == 1 ? "$" : ", $") + std::to_string(i);
  return "INSERT INTO " + std::string(table) + " (" + std::string(columns) + ") VALUES (" + params +
         ")";
}

template <typename T, typename Convert>
Result<std::vector<T>> collect(const PgResult& result, Convert convert) {
  std::vector<T> out;
  for (int row = 0; row < result.rows(); ++row) {
    Result<T> item = convert(PgRow(result, row));
    if (!item) return tl::unexpected(item.error());
    out.push_back(std::move(*item));
  }
  return out;
}

Status begin_state_period(PgConnection& conn, std::string_view user_id, AgentState state,
                          std::string_view reason, TimePoint at) {
  static const std::string sql =
      insert_sql("agent_state_history", store::kStateRecordColumns, store::kStateRecordColumnCount);
  auto r = conn.query(
      sql, {text(user_id), text(to_string(state)), text(reason), to_unix_micros(at), SqlValue()});
  if (!r) return tl::unexpected(r.error());
  return {};
}

// Runs an UPDATE … RETURNING 1; kNotFound with `missing` when no row changed.
Status update_one(PgConnection& conn, std::string_view sql, const std::vector<SqlValue>& params,
                  const std::string& missing) {
  auto r = conn.query(sql, params);
  if (!r) return tl::unexpected(r.error());
  if (r->rows() == 0) return make_error(ErrorCode::kNotFound, missing);
  return {};
}

}  // namespace

Result<User> insert_user(PgConnection& conn, const User& user,
                         const std::optional<AgentProfile>& profile) {
  if (has_agent_profile(user.role) != profile.has_value())
    return make_error(ErrorCode::kInvalidArgument,
                      std::string("a user with role ") + std::string(to_string(user.role)) +
                          (profile ? " has no agent profile" : " needs an agent profile"));
  static const std::string sql = insert_sql("users", store::kUserColumns, store::kUserColumnCount);
  if (auto r = conn.query(sql, store::user_values(user)); !r) {
    Error e = r.error();
    if (e.details["constraint"] == "users_pkey")
      return make_error(ErrorCode::kConflict, "user " + user.id + " already exists");
    if (e.details["constraint"] == "users_username_key")
      return make_error(ErrorCode::kConflict, "username \"" + user.username + "\" is taken",
                        {{"field", "username"}});
    return tl::unexpected(std::move(e));
  }
  if (profile) {
    AgentProfile p = *profile;
    p.user_id = user.id;
    static const std::string agent_sql =
        insert_sql("agents", store::kAgentColumns, store::kAgentColumnCount);
    if (auto r = conn.query(agent_sql, store::agent_values(p)); !r)
      return tl::unexpected(r.error());
    if (auto st = begin_state_period(conn, p.user_id, p.state, p.state_reason, p.state_since); !st)
      return tl::unexpected(st.error());
  }
  return user;
}

Result<User> load_user(PgConnection& conn, std::string_view key, bool by_username) {
  static const std::string by_id =
      store::select_from(store::kUserColumns, "users") + "WHERE id = $1";
  static const std::string by_name =
      store::select_from(store::kUserColumns, "users") + "WHERE lower(username) = lower($1)";
  auto r = conn.query(by_username ? by_name : by_id, {text(key)});
  if (!r) return tl::unexpected(r.error());
  if (r->rows() == 0) return make_error(ErrorCode::kNotFound, "no user " + std::string(key));
  return store::user_from_row(PgRow(*r, 0));
}

Result<std::vector<User>> load_users(PgConnection& conn) {
  static const std::string sql =
      store::select_from(store::kUserColumns, "users") + "ORDER BY lower(username)";
  auto r = conn.query(sql);
  if (!r) return tl::unexpected(r.error());
  return collect<User>(*r, [](const PgRow& row) { return store::user_from_row(row); });
}

Result<User> save_user(PgConnection& conn, const User& user) {
  if (auto st =
          update_one(conn,
                     "UPDATE users SET display_name = $1, password_hash = $2, active = $3, "
                     "updated_at = $4, role = $6 WHERE id = $5 RETURNING 1",
                     {user.display_name, user.password_hash, std::int64_t{user.active ? 1 : 0},
                      to_unix_micros(user.updated_at), user.id, std::string(to_string(user.role))},
                     "no user " + user.id);
      !st)
    return tl::unexpected(st.error());
  return load_user(conn, user.id, false);
}

Result<Agent> load_agent(PgConnection& conn, std::string_view user_id, bool for_update) {
  static const std::string sql = store::select_agents() + "WHERE a.user_id = $1";
  static const std::string locking = sql + " FOR UPDATE OF a";
  auto r = conn.query(for_update ? locking : sql, {text(user_id)});
  if (!r) return tl::unexpected(r.error());
  if (r->rows() == 0) return make_error(ErrorCode::kNotFound, "no agent " + std::string(user_id));
  return store::agent_from_row(PgRow(*r, 0));
}

Result<std::vector<Agent>> load_agents(PgConnection& conn) {
  static const std::string sql = store::select_agents() + "ORDER BY lower(u.username)";
  auto r = conn.query(sql);
  if (!r) return tl::unexpected(r.error());
  return collect<Agent>(*r, [](const PgRow& row) { return store::agent_from_row(row); });
}

Result<Agent> save_agent_profile(PgConnection& conn, const AgentProfile& p) {
  if (auto st = update_one(
          conn,
          "UPDATE agents SET skills = $1, languages = $2, queues = $3, chat_capacity = $4, "
          "voice_capacity = $5, updated_at = $6 WHERE user_id = $7 RETURNING 1",
          {store::encode_skills(p.skills), store::encode_tags(p.languages),
           store::encode_tags(p.queues), std::int64_t{p.chat_capacity},
           std::int64_t{p.voice_capacity}, to_unix_micros(p.updated_at), p.user_id},
          "no agent " + p.user_id);
      !st)
    return tl::unexpected(st.error());
  return load_agent(conn, p.user_id);
}

Result<Agent> change_agent_state(PgConnection& conn, std::string_view user_id, AgentState state,
                                 std::string_view reason, TimePoint at) {
  auto agent = load_agent(conn, user_id, /*for_update=*/true);
  if (!agent) return agent;
  if (agent->profile.state == state && agent->profile.state_reason == reason) return agent;
  if (auto r = conn.query(
          "UPDATE agent_state_history SET ended_at = $1 WHERE user_id = $2 AND ended_at IS NULL",
          {to_unix_micros(at), text(user_id)});
      !r)
    return tl::unexpected(r.error());
  if (auto st = begin_state_period(conn, user_id, state, reason, at); !st)
    return tl::unexpected(st.error());
  if (auto r = conn.query(
          "UPDATE agents SET state = $1, state_reason = $2, state_since = $3, updated_at = $3 "
          "WHERE user_id = $4",
          {text(to_string(state)), text(reason), to_unix_micros(at), text(user_id)});
      !r)
    return tl::unexpected(r.error());
  return load_agent(conn, user_id);
}

Result<std::vector<AgentStateRecord>> load_state_history(PgConnection& conn,
                                                         std::string_view user_id, int limit) {
  static const std::string sql =
      store::select_from(store::kStateRecordColumns, "agent_state_history") +
      "WHERE user_id = $1 ORDER BY started_at DESC, id DESC LIMIT $2";
  auto r = conn.query(sql, {text(user_id), std::int64_t{limit}});
  if (!r) return tl::unexpected(r.error());
  return collect<AgentStateRecord>(
      *r, [](const PgRow& row) { return store::state_record_from_row(row); });
}

Result<Session> insert_session(PgConnection& conn, const Session& session) {
  // Checked first for a clear kNotFound; the foreign key guards the same rule.
  if (auto user = load_user(conn, session.user_id, false); !user)
    return tl::unexpected(user.error());
  static const std::string sql =
      insert_sql("sessions", store::kSessionColumns, store::kSessionColumnCount);
  auto r = conn.query(sql, store::session_values(session));
  if (r) return session;
  if (r.error().details["constraint"] == "sessions_pkey")
    return make_error(ErrorCode::kConflict, "session already exists");
  return tl::unexpected(r.error());
}

Result<Session> load_valid_session(PgConnection& conn, std::string_view token_hash, TimePoint now) {
  static const std::string sql =
      "SELECT s.token_hash, s.user_id, s.created_at, s.expires_at, s.last_seen_at, "
      "s.revoked_at, u.active FROM sessions s JOIN users u ON u.id = s.user_id "
      "WHERE s.token_hash = $1";
  auto r = conn.query(sql, {text(token_hash)});
  if (!r) return tl::unexpected(r.error());
  if (r->rows() == 0) return make_error(ErrorCode::kNotFound, "no such session");
  const PgRow row(*r, 0);
  Session s = store::session_from_row(row);
  if (!s.valid_at(now) || row.i64(6) == 0)
    return make_error(ErrorCode::kNotFound, "no such session");
  return s;
}

Status touch_session(PgConnection& conn, std::string_view token_hash, TimePoint at) {
  return update_one(conn, "UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2 RETURNING 1",
                    {to_unix_micros(at), text(token_hash)}, "no such session");
}

Status revoke_session(PgConnection& conn, std::string_view token_hash, TimePoint at) {
  return update_one(conn,
                    "UPDATE sessions SET revoked_at = COALESCE(revoked_at, $1) "
                    "WHERE token_hash = $2 RETURNING 1",
                    {to_unix_micros(at), text(token_hash)}, "no such session");
}

Result<int> revoke_user_sessions(PgConnection& conn, std::string_view user_id, TimePoint at) {
  auto r = conn.query(
      "UPDATE sessions SET revoked_at = $1 WHERE user_id = $2 AND revoked_at IS NULL "
      "RETURNING 1",
      {to_unix_micros(at), text(user_id)});
  if (!r) return tl::unexpected(r.error());
  return r->rows();
}

}  // namespace aicc::pg
