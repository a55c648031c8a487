// API keys: credentials for programs (another channel's webhook, a reporting job) that act
// with a role without a person logging in. The secret is shown once at creation; the store
// keeps only its SHA-256, like session tokens.
#pragma once

#include <optional>
#include <string>

#include "core/clock.h"
#include "core/user.h"

namespace aicc {

struct ApiKey {
  std::string id;
  std::string name;      // what it is for ("kakao channel"), 1–100 characters
  std::string prefix;    // the secret's first characters, to recognise it in a list
  std::string key_hash;  // SHA-256 hex of the secret; never leaves the server
  Role role = Role::kAgent;
  std::string created_by;  // user id of the admin who made it
  TimePoint created_at{};
  std::optional<TimePoint> expires_at;  // none: until revoked
  std::optional<TimePoint> revoked_at;

  bool valid_at(TimePoint now) const { return !revoked_at && (!expires_at || now < *expires_at); }
};

}  // namespace aicc
