// Slows down password guessing: after `max_failures` failed logins for one key
// (username and client address) within `window`, further attempts for that key are
// refused for `lockout`, whatever the password. Success clears the key.
//
// In memory, per process: with several nodes an attacker gets max_failures per node,
// which is still a small constant. Memory is bounded (max_keys); when full, keys that
// are not locked are forgotten first.
#pragma once

#include <cstddef>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/clock.h"

namespace aicc {

struct LoginThrottleOptions {
  int max_failures = 5;
  Micros lockout = std::chrono::seconds(60);
  Micros window = std::chrono::minutes(15);  // failures older than this are forgotten
  std::size_t max_keys = 100000;
};

class LoginThrottle {
 public:
  LoginThrottle(const Clock& clock, LoginThrottleOptions options);

  // The key of a login attempt: the username ignoring case, and the client address.
  static std::string key(std::string_view username, std::string_view client);

  // How long until `key` may try again; nullopt if it may now. Thread-safe.
  std::optional<Micros> retry_after(const std::string& key);
  void record_failure(const std::string& key);
  void record_success(const std::string& key);
  // How many keys are remembered now (for tests and metrics).
  std::size_t tracked_keys();

 private:
  struct Entry {
    int failures = 0;
    TimePoint last_failure{};
    std::optional<TimePoint> locked_until;
  };
  void make_room(TimePoint now);  // with mu_ held

  const Clock& clock_;
  const LoginThrottleOptions options_;
  std::mutex mu_;
  std::unordered_map<std::string, Entry> entries_;
};

}  // namespace aicc
