// API keys for programs: created by admins with a name, a role and an optional expiry; the
// secret ("aicc_" + 64 hex characters, 256 random bits) is returned once and only its
// SHA-256 is stored; revoked keys and expired ones stop working at once. Callers send the
// secret as `X-API-Key: <secret>` or `Authorization: ApiKey <secret>`.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/api_key.h"
#include "core/clock.h"
#include "core/ids.h"
#include "core/random.h"
#include "store/store.h"

namespace aicc {

inline constexpr std::string_view kApiKeyPrefix = "aicc_";

struct NewApiKey {
  std::string name;
  Role role = Role::kAgent;
  std::optional<TimePoint> expires_at;
  std::string created_by;
};

struct CreatedApiKey {
  ApiKey key;
  std::string secret;  // shown once
};

class ApiKeys {
 public:
  ApiKeys(Store& store, const Clock& clock, RandomSource& random, IdGenerator& ids);

  // kInvalidArgument for a blank or over-long name (details.field "name") or an expiry in
  // the past ("expires_at").
  Result<CreatedApiKey> create(const NewApiKey& request);
  Result<std::vector<ApiKey>> list();
  // kNotFound for an unknown id; revoking twice keeps the first time.
  Result<ApiKey> revoke(std::string_view id);
  // The key a secret names if it is valid now; kUnauthenticated otherwise (one answer for
  // malformed, unknown, revoked and expired).
  Result<ApiKey> authenticate(std::string_view secret);

 private:
  Store& store_;
  const Clock& clock_;
  RandomSource& random_;
  IdGenerator& ids_;
};

}  // namespace aicc
