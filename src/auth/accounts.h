// Managing the people who log in: creating users (with the agent profile of agents and
// supervisors), changing passwords, disabling, editing agent profiles and changing an
// agent's state. Used by `aicc user …` and the agents API. Validates every input (the
// store trusts its callers) and hashes passwords; a password never leaves this class.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/agent.h"
#include "core/clock.h"
#include "core/ids.h"
#include "core/user.h"
#include "store/store.h"

namespace aicc {

struct NewAccount {
  std::string username;
  std::string display_name;
  std::string password;
  Role role = Role::kAgent;
  // Agent profile (agents and supervisors only; kInvalidArgument if set for an admin).
  std::vector<AgentSkill> skills;
  std::vector<std::string> languages;
  std::vector<std::string> queues;
  std::optional<int> chat_capacity;   // default kDefaultChatCapacity
  std::optional<int> voice_capacity;  // default kDefaultVoiceCapacity
};

// Unset fields stay as they are.
struct AgentChange {
  std::optional<std::string> display_name;
  std::optional<std::vector<AgentSkill>> skills;
  std::optional<std::vector<std::string>> languages;
  std::optional<std::vector<std::string>> queues;
  std::optional<int> chat_capacity;
  std::optional<int> voice_capacity;
};

class Accounts {
 public:
  Accounts(Store& store, const Clock& clock, IdGenerator& ids);

  // kInvalidArgument for a bad field (details.field), kConflict for a taken username.
  // An agent or supervisor starts offline.
  Result<User> create(const NewAccount& account);
  // Sets a new password and ends every session of the user. kNotFound for an unknown
  // username.
  Result<User> set_password(std::string_view username, std::string_view password);
  // Disables the user (no more logins) and ends every session.
  Result<User> disable(std::string_view username);
  // Lets a disabled user log in again (their old sessions stay ended).
  Result<User> enable(std::string_view username);
  // Changes the role and ends the user's sessions (a token must not outlive the rights it
  // was issued with). Agent and supervisor swap freely; an admin has no agent profile, so
  // moving across that line is kFailedPrecondition (create a separate user instead).
  Result<User> change_role(std::string_view username, Role role);
  // kNotFound for a user without an agent profile.
  Result<Agent> update_agent(std::string_view user_id, const AgentChange& change);
  // What an agent does now. kFailedPrecondition for a state only routing sets (busy);
  // kInvalidArgument for a bad reason; kNotFound for a user without an agent profile.
  Result<Agent> set_state(std::string_view user_id, AgentState state, std::string_view reason);

 private:
  Store& store_;
  const Clock& clock_;
  IdGenerator& ids_;
};

}  // namespace aicc
