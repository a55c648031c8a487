// Logging in and out, and recognising a logged-in caller by their session token.
//
// Login answers one way for an unknown user, a wrong password and a disabled user
// (kUnauthenticated, same message, and the same Argon2id cost), so the answer does not
// tell which usernames exist. Failed logins are throttled per username and client
// address (kResourceExhausted with details.retry_after_s).
#pragma once

#include <semaphore>
#include <string>
#include <string_view>

#include "auth/login_throttle.h"
#include "core/clock.h"
#include "core/random.h"
#include "core/user.h"
#include "store/store.h"

namespace aicc {

struct AuthOptions {
  Micros session_ttl = std::chrono::hours(12);
  int max_failures = 5;
  Micros lockout = std::chrono::seconds(60);
  // A session's last_seen_at is written at most this often, not on every request.
  Micros touch_interval = std::chrono::seconds(60);
};

struct LoginResult {
  std::string token;  // give to the client once; only its hash is stored
  Session session;
  User user;
};

// Who is calling: the user as stored now (role, active) and their session.
struct Principal {
  User user;
  Session session;
};

class AuthService {
 public:
  AuthService(Store& store, const Clock& clock, RandomSource& random, AuthOptions options);

  Result<LoginResult> login(std::string_view username, std::string_view password,
                            std::string_view client_address);
  // kUnauthenticated for a malformed, unknown, expired or revoked token, or a disabled user.
  Result<Principal> authenticate(std::string_view token);
  // Revokes the session of `token`; kUnauthenticated if it is not a valid one.
  Status logout(std::string_view token);

 private:
  Store& store_;
  const Clock& clock_;
  RandomSource& random_;
  const AuthOptions options_;
  LoginThrottle throttle_;
  // Each Argon2id verification takes 64 MiB; a burst of logins must not take gigabytes.
  std::counting_semaphore<64> hashing_slots_{4};
};

}  // namespace aicc
