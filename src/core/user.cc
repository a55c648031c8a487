#include "core/user.h"

#include <algorithm>

#include "core/utf8.h"

namespace aicc {

std::string_view to_string(Role r) {
  switch (r) {
    case Role::kAgent:
      return "agent";
    case Role::kSupervisor:
      return "supervisor";
    case Role::kAdmin:
      return "admin";
  }
  return "agent";
}

std::optional<Role> parse_role(std::string_view s) {
  if (s == "agent") return Role::kAgent;
  if (s == "supervisor") return Role::kSupervisor;
  if (s == "admin") return Role::kAdmin;
  return std::nullopt;
}

bool role_allows(Role have, Role need) {
  return static_cast<int>(have) >= static_cast<int>(need);
}

bool has_agent_profile(Role r) {
  return r == Role::kAgent || r == Role::kSupervisor;
}

Status validate_username(std::string_view u) {
  const auto bad = [&](std::string why) {
    return make_error(ErrorCode::kInvalidArgument, "username " + why, {{"field", "username"}});
  };
  if (u.size() < 3 || u.size() > 64) return bad("must be 3–64 characters");
  const auto alnum = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  };
  if (!alnum(u.front())) return bad("must start with a letter or digit");
  for (char c : u)
    if (!alnum(c) && c != '.' && c != '_' && c != '-' && c != '@')
      return bad("may contain only ASCII letters, digits and . _ - @");
  return {};
}

Status validate_display_name(std::string_view name) {
  const bool control = std::any_of(name.begin(), name.end(), [](char c) {
    return static_cast<unsigned char>(c) < 0x20 || c == 0x7f;
  });
  if (name.size() > 200 || !is_valid_utf8(name) || control)
    return make_error(ErrorCode::kInvalidArgument,
                      "display name must be at most 200 bytes of UTF-8 without control characters",
                      {{"field", "display_name"}});
  return {};
}

}  // namespace aicc
