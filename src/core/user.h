// People who log in: agents, supervisors and administrators, and their sessions.
// Roles are ordered (agent < supervisor < admin): a route that needs a role accepts
// every higher one, so a supervisor can do what an agent can.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/result.h"

namespace aicc {

enum class Role { kAgent, kSupervisor, kAdmin };

std::string_view to_string(Role r);
std::optional<Role> parse_role(std::string_view s);
// True if `have` grants what `need` requires.
bool role_allows(Role have, Role need);
// Agents and supervisors take contacts, so they have an agent profile; admins do not.
bool has_agent_profile(Role r);

struct User {
  std::string id;
  // Unique regardless of case ("Kim" and "kim" are one user); kept as typed for display.
  std::string username;
  std::string display_name;
  Role role = Role::kAgent;
  std::string password_hash;  // Argon2id, libsodium's encoded string; never leaves the server
  bool active = true;         // a disabled user cannot log in and has no valid session
  TimePoint created_at{};
  TimePoint updated_at{};
};

// 3–64 characters of ASCII letters, digits and . _ - @ (so that case-insensitive
// uniqueness means the same on SQLite and PostgreSQL), starting with a letter or digit.
Status validate_username(std::string_view username);
// At most 200 bytes of valid UTF-8 without control characters (empty is allowed).
Status validate_display_name(std::string_view name);

// A login session. The client holds a random token; the server keeps only its SHA-256
// (hex), so a leaked database does not leak usable tokens.
struct Session {
  std::string token_hash;
  std::string user_id;
  TimePoint created_at{};
  TimePoint expires_at{};
  TimePoint last_seen_at{};
  std::optional<TimePoint> revoked_at;

  // Valid at `now`: neither revoked nor expired.
  bool valid_at(TimePoint now) const { return !revoked_at && now < expires_at; }
};

}  // namespace aicc
