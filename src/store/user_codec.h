// How users, agent profiles, agent state periods and sessions map to rows, shared by
// both backends (see row_codec.h for the conventions): skills as a JSON array of
// {"name", "level"} objects, languages and queues as JSON arrays of strings, `active`
// as 0/1, timestamps as unix microseconds.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/agent.h"
#include "core/user.h"
#include "store/row_codec.h"

namespace aicc::store {

inline constexpr std::string_view kUserColumns =
    "id, username, display_name, role, password_hash, active, created_at, updated_at";
inline constexpr int kUserColumnCount = 8;
// The same columns qualified by the alias "u", for joins.
inline constexpr std::string_view kUserColumnsU =
    "u.id, u.username, u.display_name, u.role, u.password_hash, u.active, u.created_at, "
    "u.updated_at";

inline constexpr std::string_view kAgentColumns =
    "user_id, skills, languages, queues, chat_capacity, voice_capacity, state, state_reason, "
    "state_since, updated_at";
inline constexpr int kAgentColumnCount = 10;
inline constexpr std::string_view kAgentColumnsA =
    "a.user_id, a.skills, a.languages, a.queues, a.chat_capacity, a.voice_capacity, a.state, "
    "a.state_reason, a.state_since, a.updated_at";

inline constexpr std::string_view kStateRecordColumns =
    "user_id, state, reason, started_at, ended_at";
inline constexpr int kStateRecordColumnCount = 5;

inline constexpr std::string_view kSessionColumns =
    "token_hash, user_id, created_at, expires_at, last_seen_at, revoked_at";
inline constexpr int kSessionColumnCount = 6;

// "SELECT u.…, a.… FROM agents a JOIN users u ON u.id = a.user_id " — rows that
// agent_from_row reads.
std::string select_agents();

std::vector<SqlValue> user_values(const User& u);
std::vector<SqlValue> agent_values(const AgentProfile& p);
std::vector<SqlValue> session_values(const Session& s);

std::string encode_skills(const std::vector<AgentSkill>& skills);
Result<std::vector<AgentSkill>> decode_skills(std::string_view json);

// Reads columns of `Row` starting at `offset`, so one row can hold two records.
template <typename Row>
struct OffsetRow {
  const Row& row;
  int offset;
  std::string text(int i) const { return row.text(offset + i); }
  std::int64_t i64(int i) const { return row.i64(offset + i); }
  bool is_null(int i) const { return row.is_null(offset + i); }
};

template <typename Row>
Result<User> user_from_row(const Row& r) {
  User u;
  u.id = r.text(0);
  u.username = r.text(1);
  u.display_name = r.text(2);
  const std::string role = r.text(3);
  auto parsed = parse_role(role);
  if (!parsed) return tl::unexpected(corrupt_row("users", "role", role));
  u.role = *parsed;
  u.password_hash = r.text(4);
  u.active = r.i64(5) != 0;
  u.created_at = from_unix_micros(r.i64(6));
  u.updated_at = from_unix_micros(r.i64(7));
  return u;
}

template <typename Row>
Result<AgentProfile> profile_from_row(const Row& r) {
  AgentProfile p;
  p.user_id = r.text(0);
  auto skills = decode_skills(r.text(1));
  if (!skills) return tl::unexpected(skills.error());
  p.skills = std::move(*skills);
  auto languages = decode_tags(r.text(2));
  auto queues = decode_tags(r.text(3));
  if (!languages || !queues) return tl::unexpected(corrupt_row("agents", "languages/queues", ""));
  p.languages = std::move(*languages);
  p.queues = std::move(*queues);
  p.chat_capacity = static_cast<int>(r.i64(4));
  p.voice_capacity = static_cast<int>(r.i64(5));
  const std::string state = r.text(6);
  auto parsed = parse_agent_state(state);
  if (!parsed) return tl::unexpected(corrupt_row("agents", "state", state));
  p.state = *parsed;
  p.state_reason = r.text(7);
  p.state_since = from_unix_micros(r.i64(8));
  p.updated_at = from_unix_micros(r.i64(9));
  return p;
}

// A row of select_agents(): the user's columns, then the profile's.
template <typename Row>
Result<Agent> agent_from_row(const Row& r) {
  auto user = user_from_row(r);
  if (!user) return tl::unexpected(user.error());
  auto profile = profile_from_row(OffsetRow<Row>{r, kUserColumnCount});
  if (!profile) return tl::unexpected(profile.error());
  return Agent{std::move(*user), std::move(*profile)};
}

template <typename Row>
Result<AgentStateRecord> state_record_from_row(const Row& r) {
  AgentStateRecord s;
  s.user_id = r.text(0);
  const std::string state = r.text(1);
  auto parsed = parse_agent_state(state);
  if (!parsed) return tl::unexpected(corrupt_row("agent_state_history", "state", state));
  s.state = *parsed;
  s.reason = r.text(2);
  s.started_at = from_unix_micros(r.i64(3));
  if (!r.is_null(4)) s.ended_at = from_unix_micros(r.i64(4));
  return s;
}

template <typename Row>
Session session_from_row(const Row& r) {
  Session s;
  s.token_hash = r.text(0);
  s.user_id = r.text(1);
  s.created_at = from_unix_micros(r.i64(2));
  s.expires_at = from_unix_micros(r.i64(3));
  s.last_seen_at = from_unix_micros(r.i64(4));
  if (!r.is_null(5)) s.revoked_at = from_unix_micros(r.i64(5));
  return s;
}

}  // namespace aicc::store
