#include "auth/login_throttle.h"

#include <cctype>

namespace aicc {

LoginThrottle::LoginThrottle(const Clock& clock, LoginThrottleOptions options)
    : clock_(clock), options_(options) {}

std::string LoginThrottle::key(std::string_view username, std::string_view client) {
  std::string out;
  out.reserve(username.size() + client.size() + 1);
  for (char c : username)
    out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  out.push_back('\n');  // cannot occur in either part, so keys cannot collide
  out.append(client);
  return out;
}

std::optional<Micros> LoginThrottle::retry_after(const std::string& key) {
  std::lock_guard lock(mu_);
  const auto it = entries_.find(key);
  if (it == entries_.end() || !it->second.locked_until) return std::nullopt;
  const TimePoint now = clock_.now();
  if (now < *it->second.locked_until) return *it->second.locked_until - now;
  entries_.erase(it);  // the lockout is over: a fresh start
  return std::nullopt;
}

void LoginThrottle::record_failure(const std::string& key) {
  std::lock_guard lock(mu_);
  const TimePoint now = clock_.now();
  if (entries_.size() >= options_.max_keys && !entries_.contains(key)) make_room(now);
  Entry& e = entries_[key];
  if (e.failures > 0 && now - e.last_failure > options_.window) e = Entry{};
  ++e.failures;
  e.last_failure = now;
  if (e.failures >= options_.max_failures) e.locked_until = now + options_.lockout;
}

void LoginThrottle::record_success(const std::string& key) {
  std::lock_guard lock(mu_);
  entries_.erase(key);
}

std::size_t LoginThrottle::tracked_keys() {
  std::lock_guard lock(mu_);
  return entries_.size();
}

void LoginThrottle::make_room(TimePoint now) {
  std::erase_if(entries_, [&](const auto& item) {
    const Entry& e = item.second;
    return !e.locked_until || *e.locked_until <= now;
  });
  // Only locked keys are left; if even they fill the table, some lockouts are dropped
  // (a bounded table matters more than one attacker getting a few more attempts).
  while (entries_.size() >= options_.max_keys) entries_.erase(entries_.begin());
}

}  // namespace aicc
