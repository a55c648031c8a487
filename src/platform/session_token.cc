#include "platform/session_token.h"

#include <sodium.h>

#include <algorithm>

namespace aicc {
namespace {

std::string hex(const unsigned char* data, std::size_t size) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(size * 2);
  for (std::size_t i = 0; i < size; ++i) {
    out.push_back(kDigits[data[i] >> 4]);
    out.push_back(kDigits[data[i] & 0x0f]);
  }
  return out;
}

}  // namespace

std::string new_session_token(RandomSource& random) {
  unsigned char bytes[32];
  for (std::size_t i = 0; i < sizeof bytes; i += 8) {
    const std::uint64_t r = random.next_u64();
    for (std::size_t k = 0; k < 8; ++k) bytes[i + k] = static_cast<unsigned char>(r >> (8 * k));
  }
  return hex(bytes, sizeof bytes);
}

bool looks_like_session_token(std::string_view token) {
  return token.size() == kSessionTokenLength && std::all_of(token.begin(), token.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

std::string session_token_hash(std::string_view token) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  // libsodium asks for sodium_init before any call; it is idempotent and thread-safe.
  [[maybe_unused]] static const int init = sodium_init();
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(token.data()), token.size());
  return hex(digest, sizeof digest);
}

}  // namespace aicc
