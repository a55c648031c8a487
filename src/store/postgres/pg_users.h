// The users, agents and sessions part of the PostgreSQL store, as functions on one
// connection. Writes are called inside a transaction (pg_store.cc's in_transaction);
// change_agent_state locks the agent's row so concurrent changes from any node are
// serialised and the state history has one open period per agent.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "core/agent.h"
#include "core/user.h"
#include "store/postgres/pg_connection.h"

namespace aicc::pg {

Result<User> insert_user(PgConnection& conn, const User& user,
                         const std::optional<AgentProfile>& profile);
// `by_username` compares ignoring case.
Result<User> load_user(PgConnection& conn, std::string_view key, bool by_username);
Result<std::vector<User>> load_users(PgConnection& conn);
Result<User> save_user(PgConnection& conn, const User& user);

Result<Agent> load_agent(PgConnection& conn, std::string_view user_id, bool for_update = false);
Result<std::vector<Agent>> load_agents(PgConnection& conn);
Result<Agent> save_agent_profile(PgConnection& conn, const AgentProfile& profile);
Result<Agent> change_agent_state(PgConnection& conn, std::string_view user_id, AgentState state,
                                 std::string_view reason, TimePoint at);
Result<std::vector<AgentStateRecord>> load_state_history(PgConnection& conn,
                                                         std::string_view user_id, int limit);

Result<Session> insert_session(PgConnection& conn, const Session& session);
Result<Session> load_valid_session(PgConnection& conn, std::string_view token_hash, TimePoint now);
Status touch_session(PgConnection& conn, std::string_view token_hash, TimePoint at);
Status revoke_session(PgConnection& conn, std::string_view token_hash, TimePoint at);
Result<int> revoke_user_sessions(PgConnection& conn, std::string_view user_id, TimePoint at);

}  // namespace aicc::pg
