#include "store/sqlite/sqlite_users.h"

#include "store/sqlite/statement_steps.h"
#include "store/user_codec.h"

namespace aicc::sqlite {
namespace {

std::string insert_sql(std::string_view table, std::string_view columns, int count) {
  std::string params;
  for (int i = 0; i < count; ++i) params += i == 0 ? "?" : ", ?";
  return "INSERT INTO " + std::string(table) + " (" + std::string(columns) + ") VALUES (" + params +
         ")";
}

Status insert_profile(Connection& conn, const AgentProfile& p) {
  static const std::string sql =
      insert_sql("agents", store::kAgentColumns, store::kAgentColumnCount);
  auto stmt = conn.prepare(sql);
  if (!stmt) return tl::unexpected(stmt.error());
  stmt->bind_all(store::agent_values(p));
  if (const int rc = stmt->step(); rc != SQLITE_DONE)
    return tl::unexpected(conn.error("insert agent", rc));
  return {};
}

Status begin_state_period(Connection& conn, std::string_view user_id, AgentState state,
                          std::string_view reason, TimePoint at) {
  static const std::string sql =
      insert_sql("agent_state_history", store::kStateRecordColumns, store::kStateRecordColumnCount);
  auto stmt = conn.prepare(sql);
  if (!stmt) return tl::unexpected(stmt.error());
  stmt->bind(1, user_id).bind(2, to_string(state)).bind(3, reason).bind(4, to_unix_micros(at));
  stmt->bind_value(5, std::monostate{});
  if (const int rc = stmt->step(); rc != SQLITE_DONE)
    return tl::unexpected(conn.error("insert agent state", rc));
  return {};
}

Result<Session> load_session(Connection& conn, std::string_view token_hash) {
  static const std::string sql =
      store::select_from(store::kSessionColumns, "sessions") + "WHERE token_hash = ?";
  auto stmt = conn.prepare(sql);
  if (!stmt) return tl::unexpected(stmt.error());
  stmt->bind(1, token_hash);
  auto row = next_row(*stmt, conn, "read session");
  if (!row) return tl::unexpected(row.error());
  if (!*row) return make_error(ErrorCode::kNotFound, "no such session");
  return store::session_from_row(*stmt);
}

}  // namespace

Result<User> insert_user(Connection& conn, const User& user,
                         const std::optional<AgentProfile>& profile) {
  if (has_agent_profile(user.role) != profile.has_value())
    return make_error(ErrorCode::kInvalidArgument,
                      std::string("a user with role ") + std::string(to_string(user.role)) +
                          (profile ? " has no agent profile" : " needs an agent profile"));
  static const std::string sql = insert_sql("users", store::kUserColumns, store::kUserColumnCount);
  auto stmt = conn.prepare(sql);
  if (!stmt) return tl::unexpected(stmt.error());
  stmt->bind_all(store::user_values(user));
  const int rc = stmt->step();
  if (rc == SQLITE_CONSTRAINT_PRIMARYKEY)
    return make_error(ErrorCode::kConflict, "user " + user.id + " already exists");
  if (is_constraint(rc))
    return make_error(ErrorCode::kConflict, "username \"" + user.username + "\" is taken",
                      {{"field", "username"}});
  if (rc != SQLITE_DONE) return tl::unexpected(conn.error("insert user", rc));
  if (profile) {
    AgentProfile p = *profile;
    p.user_id = user.id;
    if (auto st = insert_profile(conn, p); !st) return tl::unexpected(st.error());
    if (auto st = begin_state_period(conn, p.user_id, p.state, p.state_reason, p.state_since); !st)
      return tl::unexpected(st.error());
  }
  return user;
}

Result<User> load_user(Connection& conn, std::string_view key, bool by_username) {
  static const std::string by_id =
      store::select_from(store::kUserColumns, "users") + "WHERE id = ?";
  static const std::string by_name =
      store::select_from(store::kUserColumns, "users") + "WHERE lower(username) = lower(?)";
  auto stmt = conn.prepare(by_username ? by_name : by_id);
  if (!stmt) return tl::unexpected(stmt.error());
  stmt->bind(1, key);
  auto row = next_row(*stmt, conn, "read user");
  if (!row) return tl::unexpected(row.error());
  if (!*row) return make_error(ErrorCode::kNotFound, "no user " + std::string(key));
  return store::user_from_row(*stmt);
}

Result<std::vector<User>> load_users(Connection& conn) {
  static const std::string sql =
      store::select_from(store::kUserColumns, "users") + "ORDER BY lower(username)";
  auto stmt = conn.prepare(sql);
  if (!stmt) return tl::unexpected(stmt.error());
  return collect_rows<User>(*stmt, conn, "list users",
                            [](Statement& s) { return store::user_from_row(s); });
}

Result<User> save_user(Connection& conn, const User& user) {
  auto stmt = conn.prepare(
      "UPDATE users SET display_name = ?, password_hash = ?, active = ?, updated_at = ?, "
      "role = ? WHERE id = ? RETURNING 1");
  if (!stmt) return tl::unexpected(stmt.error());
  stmt->bind(1, user.display_name)
      .bind(2, user.password_hash)
      .bind(3, std::int64_t{user.active ? 1 : 0})
      .bind(4, to_unix_micros(user.updated_at))
      .bind(5, std::string(to_string(user.role)))
      .bind(6, user.id);
  auto changed = changed_rows(*stmt, conn, "update user");
  if (!changed) return tl::unexpected(changed.error());
  if (*changed == 0) return make_error(ErrorCode::kNotFound, "no user " + user.id);
  return load_user(conn, user.id, false);
}

Result<Agent> load_agent(Connection& conn, std::string_view user_id) {
  static const std::string sql = store::select_agents() + "WHERE a.user_id = ?";
  auto stmt = conn.prepare(sql);
  if (!stmt) return tl::unexpected(stmt.error());
  stmt->bind(1, user_id);
  auto row = next_row(*stmt, conn, "read agent");
  if (!row) return tl::unexpected(row.error());
  if (!*row) return make_error(ErrorCode::kNotFound, "no agent " + std::string(user_id));
  return store::agent_from_row(*stmt);
}

Result<std::vector<Agent>> load_agents(Connection& conn) {
  static const std::string sql = store::select_agents() + "ORDER BY lower(u.username)";
  auto stmt = conn.prepare(sql);
  if (!stmt) return tl::unexpected(stmt.error());
  return collect_rows<Agent>(*stmt, conn, "list agents",
                             [](Statement& s) { return store::agent_from_row(s); });
}

Result<Agent> save_agent_profile(Connection& conn, const AgentProfile& p) {
  auto stmt = conn.prepare(
      "UPDATE agents SET skills = ?, languages = ?, queues = ?, chat_capacity = ?, "
      "voice_capacity = ?, updated_at = ? WHERE user_id = ? RETURNING 1");
  if (!stmt) return tl::unexpected(stmt.error());
  stmt->bind(1, store::encode_skills(p.skills))
      .bind(2, store::encode_tags(p.languages))
      .bind(3, store::encode_tags(p.queues))
      .bind(4, std::int64_t{p.chat_capacity})
      .bind(5, std::int64_t{p.voice_capacity})
      .bind(6, to_unix_micros(p.updated_at))
      .bind(7, p.user_id);
  auto changed = changed_rows(*stmt, conn, "update agent");
  if (!changed) return tl::unexpected(changed.error());
  if (*changed == 0) return make_error(ErrorCode::kNotFound, "no agent " + p.user_id);
  return load_agent(conn, p.user_id);
}

Result<Agent> change_agent_state(Connection& conn, std::string_view user_id, AgentState state,
                                 std::string_view reason, TimePoint at) {
  auto agent = load_agent(conn, user_id);
  if (!agent) return agent;
  if (agent->profile.state == state && agent->profile.state_reason == reason) return agent;
  auto end = conn.prepare(
      "UPDATE agent_state_history SET ended_at = ? WHERE user_id = ? AND ended_at IS NULL");
  if (!end) return tl::unexpected(end.error());
  end->bind(1, to_unix_micros(at)).bind(2, user_id);
  if (const int rc = end->step(); rc != SQLITE_DONE)
    return tl::unexpected(conn.error("end agent state", rc));
  if (auto st = begin_state_period(conn, user_id, state, reason, at); !st)
    return tl::unexpected(st.error());
  auto update = conn.prepare(
      "UPDATE agents SET state = ?, state_reason = ?, state_since = ?, updated_at = ? "
      "WHERE user_id = ?");
  if (!update) return tl::unexpected(update.error());
  update->bind(1, to_string(state))
      .bind(2, reason)
      .bind(3, to_unix_micros(at))
      .bind(4, to_unix_micros(at))
      .bind(5, user_id);
  if (const int rc = update->step(); rc != SQLITE_DONE)
    return tl::unexpected(conn.error("update agent state", rc));
  return load_agent(conn, user_id);
}

Result<std::vector<AgentStateRecord>> load_state_history(Connection& conn, std::string_view user_id,
                                                         int limit) {
  static const std::string sql =
      store::select_from(store::kStateRecordColumns, "agent_state_history") +
      "WHERE user_id = ? ORDER BY started_at DESC, id DESC LIMIT ?";
  auto stmt = conn.prepare(sql);
  if (!stmt) return tl::unexpected(stmt.error());
  stmt->bind(1, user_id).bind(2, std::int64_t{limit});
  return collect_rows<AgentStateRecord>(*stmt, conn, "list agent states", [](Statement& s) {
    return store::state_record_from_row(s);
  });
}

Result<Session> insert_session(Connection& conn, const Session& session) {
  // Checked first for a clear kNotFound; the foreign key guards the same rule.
  if (auto user = load_user(conn, session.user_id, false); !user)
    return tl::unexpected(user.error());
  static const std::string sql =
      insert_sql("sessions", store::kSessionColumns, store::kSessionColumnCount);
  auto stmt = conn.prepare(sql);
  if (!stmt) return tl::unexpected(stmt.error());
  stmt->bind_all(store::session_values(session));
  const int rc = stmt->step();
  if (rc == SQLITE_DONE) return session;
  if (is_constraint(rc)) return make_error(ErrorCode::kConflict, "session already exists");
  return tl::unexpected(conn.error("insert session", rc));
}

Result<Session> load_valid_session(Connection& conn, std::string_view token_hash, TimePoint now) {
  auto session = load_session(conn, token_hash);
  if (!session) return session;
  auto user = load_user(conn, session->user_id, false);
  if (!user) return tl::unexpected(user.error());
  if (!session->valid_at(now) || !user->active)
    return make_error(ErrorCode::kNotFound, "no such session");
  return session;
}

Status touch_session(Connection& conn, std::string_view token_hash, TimePoint at) {
  auto stmt = conn.prepare("UPDATE sessions SET last_seen_at = ? WHERE token_hash = ? RETURNING 1");
  if (!stmt) return tl::unexpected(stmt.error());
  stmt->bind(1, to_unix_micros(at)).bind(2, token_hash);
  auto changed = changed_rows(*stmt, conn, "touch session");
  if (!changed) return tl::unexpected(changed.error());
  if (*changed == 0) return make_error(ErrorCode::kNotFound, "no such session");
  return {};
}

Status revoke_session(Connection& conn, std::string_view token_hash, TimePoint at) {
  auto stmt = conn.prepare(
      "UPDATE sessions SET revoked_at = COALESCE(revoked_at, ?) WHERE token_hash = ? RETURNING 1");
  if (!stmt) return tl::unexpected(stmt.error());
  stmt->bind(1, to_unix_micros(at)).bind(2, token_hash);
  auto changed = changed_rows(*stmt, conn, "revoke session");
  if (!changed) return tl::unexpected(changed.error());
  if (*changed == 0) return make_error(ErrorCode::kNotFound, "no such session");
  return {};
}

Result<int> revoke_user_sessions(Connection& conn, std::string_view user_id, TimePoint at) {
  auto stmt = conn.prepare(
      "UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL RETURNING 1");
  if (!stmt) return tl::unexpected(stmt.error());
  stmt->bind(1, to_unix_micros(at)).bind(2, user_id);
  return changed_rows(*stmt, conn, "revoke sessions");
}

}  // namespace aicc::sqlite
