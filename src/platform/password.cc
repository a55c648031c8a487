#include "platform/password.h"

#include <sodium.h>

#include <algorithm>
#include <stdexcept>

#include "core/utf8.h"

namespace aicc {
namespace {

// sodium_init is thread-safe and idempotent; it must run before any other call.
void ensure_sodium() {
  static const bool ready = sodium_init() >= 0;
  if (!ready) throw std::runtime_error("libsodium failed to initialise");
}

}  // namespace

Status check_password_policy(std::string_view password) {
  const auto bad = [](const char* rule) {
    return make_error(ErrorCode::kInvalidArgument, rule, {{"field", "password"}});
  };
  if (password.size() > 1024) return bad("password must be at most 1024 bytes");
  const auto length = utf8_length(password);
  if (!length) return bad("password must be valid UTF-8");
  if (std::any_of(password.begin(), password.end(),
                  [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; }))
    return bad("password must not contain control characters");
  if (*length < 10) return bad("password must be at least 10 characters");
  return {};
}

Result<std::string> hash_password(std::string_view password) {
  if (auto st = check_password_policy(password); !st) return tl::unexpected(st.error());
  ensure_sodium();
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(),
                            crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE,
                            crypto_pwhash_ALG_ARGON2ID13) != 0)
    return make_error(ErrorCode::kInternal, "password hashing ran out of memory");
  return std::string(out);
}

bool verify_password(std::string_view hash, std::string_view password) {
  ensure_sodium();
  // libsodium wants a NUL-terminated string of at most STRBYTES - 1 characters.
  if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) return false;
  const std::string terminated(hash);
  return crypto_pwhash_str_verify(terminated.c_str(), password.data(), password.size()) == 0;
}

const std::string& dummy_password_hash() {
  static const std::string hash = [] {
    auto h = hash_password("not a real password, only for timing");
    return h ? *h : std::string();
  }();
  return hash;
}

}  // namespace aicc
