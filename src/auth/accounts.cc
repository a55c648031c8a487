#include "auth/accounts.h"

#include "platform/password.h"

namespace aicc {

Accounts::Accounts(Store& store, const Clock& clock, IdGenerator& ids)
    : store_(store), clock_(clock), ids_(ids) {}

Result<User> Accounts::create(const NewAccount& a) {
  if (auto st = validate_username(a.username); !st) return tl::unexpected(st.error());
  if (auto st = validate_display_name(a.display_name); !st) return tl::unexpected(st.error());
  std::optional<AgentProfile> profile;
  if (has_agent_profile(a.role)) {
    profile.emplace();
    profile->skills = a.skills;
    profile->languages = a.languages;
    profile->queues = a.queues;
    profile->chat_capacity = a.chat_capacity.value_or(kDefaultChatCapacity);
    profile->voice_capacity = a.voice_capacity.value_or(kDefaultVoiceCapacity);
    if (auto st = validate_profile(*profile); !st) return tl::unexpected(st.error());
  } else if (!a.skills.empty() || !a.languages.empty() || !a.queues.empty() || a.chat_capacity ||
             a.voice_capacity) {
    return make_error(ErrorCode::kInvalidArgument, "an admin has no agent profile",
                      {{"field", "role"}});
  }
  // Checked before hashing: the hash is the expensive part.
  if (auto st = check_password_policy(a.password); !st) return tl::unexpected(st.error());
  auto hash = hash_password(a.password);
  if (!hash) return tl::unexpected(hash.error());
  const TimePoint now = clock_.now();
  User user;
  user.id = ids_.uuid();
  user.username = a.username;
  user.display_name = a.display_name;
  user.role = a.role;
  user.password_hash = std::move(*hash);
  user.created_at = now;
  user.updated_at = now;
  if (profile) {
    profile->user_id = user.id;
    profile->state = AgentState::kOffline;
    profile->state_since = now;
    profile->updated_at = now;
  }
  return store_.create_user(user, profile);
}

Result<User> Accounts::set_password(std::string_view username, std::string_view password) {
  if (auto st = check_password_policy(password); !st) return tl::unexpected(st.error());
  auto user = store_.find_user_by_username(username);
  if (!user) return user;
  auto hash = hash_password(password);
  if (!hash) return tl::unexpected(hash.error());
  user->password_hash = std::move(*hash);
  user->updated_at = clock_.now();
  auto saved = store_.update_user(*user);
  if (!saved) return saved;
  // Whoever knew the old password may hold a session: it ends now.
  if (auto revoked = store_.revoke_user_sessions(saved->id, saved->updated_at); !revoked)
    return tl::unexpected(revoked.error());
  return saved;
}

Result<User> Accounts::disable(std::string_view username) {
  auto user = store_.find_user_by_username(username);
  if (!user) return user;
  user->active = false;
  user->updated_at = clock_.now();
  auto saved = store_.update_user(*user);
  if (!saved) return saved;
  if (auto revoked = store_.revoke_user_sessions(saved->id, saved->updated_at); !revoked)
    return tl::unexpected(revoked.error());
  return saved;
}

Result<User> Accounts::enable(std::string_view username) {
  auto user = store_.find_user_by_username(username);
  if (!user) return user;
  if (user->active) return user;
  user->active = true;
  user->updated_at = clock_.now();
  return store_.update_user(*user);
}

Result<User> Accounts::change_role(std::string_view username, Role role) {
  auto user = store_.find_user_by_username(username);
  if (!user) return user;
  if (user->role == role) return user;
  if (has_agent_profile(user->role) != has_agent_profile(role))
    return make_error(ErrorCode::kFailedPrecondition,
                      "an admin has no agent profile: " + std::string(to_string(user->role)) +
                          " cannot become " + std::string(to_string(role)) +
                          "; create a separate user",
                      {{"field", "role"}});
  user->role = role;
  user->updated_at = clock_.now();
  auto saved = store_.update_user(*user);
  if (!saved) return saved;
  if (auto revoked = store_.revoke_user_sessions(saved->id, saved->updated_at); !revoked)
    return tl::unexpected(revoked.error());
  return saved;
}

Result<Agent> Accounts::update_agent(std::string_view user_id, const AgentChange& change) {
  auto agent = store_.get_agent(user_id);
  if (!agent) return agent;
  AgentProfile& p = agent->profile;
  if (change.skills) p.skills = *change.skills;
  if (change.languages) p.languages = *change.languages;
  if (change.queues) p.queues = *change.queues;
  if (change.chat_capacity) p.chat_capacity = *change.chat_capacity;
  if (change.voice_capacity) p.voice_capacity = *change.voice_capacity;
  if (auto st = validate_profile(p); !st) return tl::unexpected(st.error());
  if (change.display_name) {
    if (auto st = validate_display_name(*change.display_name); !st)
      return tl::unexpected(st.error());
  }
  const TimePoint now = clock_.now();
  if (change.display_name && *change.display_name != agent->user.display_name) {
    agent->user.display_name = *change.display_name;
    agent->user.updated_at = now;
    if (auto saved = store_.update_user(agent->user); !saved) return tl::unexpected(saved.error());
  }
  p.updated_at = now;
  return store_.update_agent_profile(p);
}

Result<Agent> Accounts::set_state(std::string_view user_id, AgentState state,
                                  std::string_view reason) {
  if (!agent_may_choose(state))
    return make_error(ErrorCode::kFailedPrecondition,
                      "state " + std::string(to_string(state)) + " is set by routing, not chosen",
                      {{"field", "state"}});
  if (auto st = validate_state_reason(reason); !st) return tl::unexpected(st.error());
  return store_.set_agent_state(user_id, state, reason, clock_.now());
}

}  // namespace aicc
