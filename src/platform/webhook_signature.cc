#include "platform/webhook_signature.h"

#include <sodium.h>

namespace aicc {

std::string webhook_hmac_hex(std::string_view secret, std::int64_t unix_seconds,
                             std::string_view body) {
  // libsodium's HMAC-SHA256 takes a key of any length (hashed first when over 64 bytes,
  // as RFC 2104 says), so every receiver's HMAC library computes the same value.
  [[maybe_unused]] static const int init = sodium_init();  // idempotent, thread-safe
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(secret.data()),
                              secret.size());
  const std::string prefix = std::to_string(unix_seconds) + ".";
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(prefix.data()),
                                prefix.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(body.data()),
                                body.size());
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_final(&state, mac);
  char hex[crypto_auth_hmacsha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, mac, sizeof mac);
  return std::string(hex, crypto_auth_hmacsha256_BYTES * 2);
}

std::string webhook_signature_header(std::string_view secret, std::int64_t unix_seconds,
                                     std::string_view body) {
  return "t=" + std::to_string(unix_seconds) +
         ",v1=" + webhook_hmac_hex(secret, unix_seconds, body);
}

std::string new_webhook_secret() {
  [[maybe_unused]] static const int init = sodium_init();
  unsigned char bytes[24];
  randombytes_buf(bytes, sizeof bytes);
  char hex[sizeof bytes * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, bytes, sizeof bytes);
  return "whsec_" + std::string(hex, sizeof bytes * 2);
}

}  // namespace aicc
