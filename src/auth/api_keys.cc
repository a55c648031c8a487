#include "auth/api_keys.h"

#include "core/utf8.h"
#include "platform/session_token.h"

namespace aicc {

ApiKeys::ApiKeys(Store& store, const Clock& clock, RandomSource& random, IdGenerator& ids)
    : store_(store), clock_(clock), random_(random), ids_(ids) {}

Result<CreatedApiKey> ApiKeys::create(const NewApiKey& r) {
  if (r.name.find_first_not_of(" \t") == std::string::npos || r.name.size() > 100 ||
      !is_valid_utf8(r.name))
    return make_error(ErrorCode::kInvalidArgument, "name must be 1–100 characters of UTF-8",
                      {{"field", "name"}});
  const TimePoint now = clock_.now();
  if (r.expires_at && *r.expires_at <= now)
    return make_error(ErrorCode::kInvalidArgument, "expires_at must be in the future",
                      {{"field", "expires_at"}});
  CreatedApiKey out;
  out.secret = std::string(kApiKeyPrefix) + new_session_token(random_);
  out.key.id = ids_.uuid();
  out.key.name = r.name;
  out.key.prefix = out.secret.substr(0, kApiKeyPrefix.size() + 8);
  out.key.key_hash = session_token_hash(out.secret);
  out.key.role = r.role;
  out.key.created_by = r.created_by;
  out.key.created_at = now;
  out.key.expires_at = r.expires_at;
  if (auto st = store_.create_api_key(out.key); !st) return tl::unexpected(st.error());
  return out;
}

Result<std::vector<ApiKey>> ApiKeys::list() {
  return store_.list_api_keys();
}

Result<ApiKey> ApiKeys::revoke(std::string_view id) {
  return store_.revoke_api_key(id, clock_.now());
}

Result<ApiKey> ApiKeys::authenticate(std::string_view secret) {
  const auto refuse = [] {
    return make_error(ErrorCode::kUnauthenticated, "invalid, revoked or expired API key");
  };
  if (!secret.starts_with(kApiKeyPrefix) ||
      !looks_like_session_token(secret.substr(kApiKeyPrefix.size())))
    return refuse();
  auto key = store_.find_api_key_by_hash(session_token_hash(secret));
  if (!key) {
    if (key.error().code == ErrorCode::kNotFound) return refuse();
    return key;
  }
  if (!key->valid_at(clock_.now())) return refuse();
  return key;
}

}  // namespace aicc
