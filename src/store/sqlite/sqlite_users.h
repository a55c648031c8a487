// The users, agents and sessions part of SqliteStore, as functions on one connection:
// writes run on the group-commit writer (each call inside its own savepoint, so a
// failure leaves nothing behind), reads on a reader connection.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "core/agent.h"
#include "core/user.h"
#include "store/sqlite/sqlite_connection.h"

namespace aicc::sqlite {

Result<User> insert_user(Connection& conn, const User& user,
                         const std::optional<AgentProfile>& profile);
// `by_username` compares ignoring case.
Result<User> load_user(Connection& conn, std::string_view key, bool by_username);
Result<std::vector<User>> load_users(Connection& conn);
Result<User> save_user(Connection& conn, const User& user);

Result<Agent> load_agent(Connection& conn, std::string_view user_id);
Result<std::vector<Agent>> load_agents(Connection& conn);
Result<Agent> save_agent_profile(Connection& conn, const AgentProfile& profile);
Result<Agent> change_agent_state(Connection& conn, std::string_view user_id, AgentState state,
                                 std::string_view reason, TimePoint at);
Result<std::vector<AgentStateRecord>> load_state_history(Connection& conn, std::string_view user_id,
                                                         int limit);

Result<Session> insert_session(Connection& conn, const Session& session);
Result<Session> load_valid_session(Connection& conn, std::string_view token_hash, TimePoint now);
Status touch_session(Connection& conn, std::string_view token_hash, TimePoint at);
Status revoke_session(Connection& conn, std::string_view token_hash, TimePoint at);
Result<int> revoke_user_sessions(Connection& conn, std::string_view user_id, TimePoint at);

}  // namespace aicc::sqlite
