#include "store/user_codec.h"

#include <boost/json.hpp>

namespace aicc::store {

std::string select_agents() {
  return "SELECT " + std::string(kUserColumnsU) + ", " + std::string(kAgentColumnsA) +
         " FROM agents a JOIN users u ON u.id = a.user_id ";
}

std::vector<SqlValue> user_values(const User& u) {
  return {u.id,
          u.username,
          u.display_name,
          std::string(to_string(u.role)),
          u.password_hash,
          std::int64_t{u.active ? 1 : 0},
          to_unix_micros(u.created_at),
          to_unix_micros(u.updated_at)};
}

std::vector<SqlValue> agent_values(const AgentProfile& p) {
  return {p.user_id,
          encode_skills(p.skills),
          encode_tags(p.languages),
          encode_tags(p.queues),
          std::int64_t{p.chat_capacity},
          std::int64_t{p.voice_capacity},
          std::string(to_string(p.state)),
          p.state_reason,
          to_unix_micros(p.state_since),
          to_unix_micros(p.updated_at)};
}

std::vector<SqlValue> session_values(const Session& s) {
  SqlValue revoked;
  if (s.revoked_at) revoked = to_unix_micros(*s.revoked_at);
  return {s.token_hash,
          s.user_id,
          to_unix_micros(s.created_at),
          to_unix_micros(s.expires_at),
          to_unix_micros(s.last_seen_at),
          revoked};
}

std::string encode_skills(const std::vector<AgentSkill>& skills) {
  boost::json::array array;
  array.reserve(skills.size());
  for (const auto& s : skills)
    array.push_back(boost::json::object{{"name", s.name}, {"level", s.level}});
  return boost::json::serialize(array);
}

Result<std::vector<AgentSkill>> decode_skills(std::string_view json) {
  boost::system::error_code ec;
  const auto value = boost::json::parse(boost::json::string_view(json.data(), json.size()), ec);
  const auto corrupt = [&] { return tl::unexpected(corrupt_row("agents", "skills", json)); };
  if (ec || !value.is_array()) return corrupt();
  std::vector<AgentSkill> out;
  for (const auto& item : value.get_array()) {
    const auto* o = item.if_object();
    const auto* name = o ? o->if_contains("name") : nullptr;
    const auto* level = o ? o->if_contains("level") : nullptr;
    if (!name || !name->is_string() || !level || !level->is_int64()) return corrupt();
    out.push_back({std::string(name->get_string()), static_cast<int>(level->get_int64())});
  }
  return out;
}

}  // namespace aicc::store
