#include "auth/auth_service.h"

#include "platform/password.h"
#include "platform/session_token.h"

namespace aicc {
namespace {

constexpr const char* kBadCredentials = "invalid username or password";
constexpr const char* kBadSession = "missing, invalid or expired session token";

tl::unexpected<Error> unauthenticated(const char* message) {
  return make_error(ErrorCode::kUnauthenticated, message);
}

}  // namespace

AuthService::AuthService(Store& store, const Clock& clock, RandomSource& random,
                         AuthOptions options)
    : store_(store),
      clock_(clock),
      random_(random),
      options_(options),
      throttle_(clock, LoginThrottleOptions{.max_failures = options.max_failures,
                                            .lockout = options.lockout}) {}

Result<LoginResult> AuthService::login(std::string_view username, std::string_view password,
                                       std::string_view client_address) {
  // No username is longer than 64 bytes (validate_username), so a longer one cannot
  // match; refused before it becomes a throttle key that would hold its bytes.
  if (username.size() > 64) return unauthenticated(kBadCredentials);
  const std::string key = LoginThrottle::key(username, client_address);
  if (auto wait = throttle_.retry_after(key)) {
    const auto seconds = std::chrono::ceil<std::chrono::seconds>(*wait).count();
    return make_error(ErrorCode::kResourceExhausted,
                      "too many failed logins; try again in " + std::to_string(seconds) + " s",
                      {{"retry_after_s", std::to_string(seconds)}});
  }
  auto user = store_.find_user_by_username(username);
  if (!user && user.error().code != ErrorCode::kNotFound) return tl::unexpected(user.error());
  bool ok = false;
  {
    hashing_slots_.acquire();
    // An unknown user costs one verification too, so timing does not reveal it.
    ok = verify_password(user ? user->password_hash : dummy_password_hash(), password);
    hashing_slots_.release();
  }
  if (!user || !ok || !user->active) {
    throttle_.record_failure(key);
    return unauthenticated(kBadCredentials);
  }
  throttle_.record_success(key);
  const TimePoint now = clock_.now();
  LoginResult out;
  out.token = new_session_token(random_);
  out.session.token_hash = session_token_hash(out.token);
  out.session.user_id = user->id;
  out.session.created_at = now;
  out.session.last_seen_at = now;
  out.session.expires_at = now + options_.session_ttl;
  auto stored = store_.create_session(out.session);
  if (!stored) return tl::unexpected(stored.error());
  out.user = std::move(*user);
  return out;
}

Result<Principal> AuthService::authenticate(std::string_view token) {
  if (!looks_like_session_token(token)) return unauthenticated(kBadSession);
  const TimePoint now = clock_.now();
  auto session = store_.find_valid_session(session_token_hash(token), now);
  if (!session) {
    if (session.error().code == ErrorCode::kNotFound) return unauthenticated(kBadSession);
    return tl::unexpected(session.error());
  }
  auto user = store_.get_user(session->user_id);
  if (!user) return tl::unexpected(user.error());
  if (now - session->last_seen_at >= options_.touch_interval) {
    // Best effort: a missed last_seen_at update must not refuse the request.
    if (store_.touch_session(session->token_hash, now)) session->last_seen_at = now;
  }
  return Principal{std::move(*user), std::move(*session)};
}

Status AuthService::logout(std::string_view token) {
  auto principal = authenticate(token);
  if (!principal) return tl::unexpected(principal.error());
  return store_.revoke_session(principal->session.token_hash, clock_.now());
}

}  // namespace aicc
