#include "core/ids.h"

#include <cstdint>
#include <cstdio>

namespace aicc {

std::string IdGenerator::uuid() {
  const auto ms = static_cast<std::uint64_t>(to_unix_micros(clock_.now()) / 1000);
  const std::uint64_t r1 = random_.next_u64();
  const std::uint64_t r2 = random_.next_u64();
  unsigned char b[16];
  for (int i = 0; i < 6; ++i) b[i] = static_cast<unsigned char>(ms >> (40 - 8 * i));
  for (int i = 0; i < 8; ++i) b[6 + i] = static_cast<unsigned char>(r1 >> (8 * i));
  for (int i = 0; i < 2; ++i) b[14 + i] = static_cast<unsigned char>(r2 >> (8 * i));
  b[6] = static_cast<unsigned char>(0x70 | (b[6] & 0x0F));  // version 7
  b[8] = static_cast<unsigned char>(0x80 | (b[8] & 0x3F));  // RFC 4122 variant
  char out[37];
  std::snprintf(out, sizeof out,
                "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0], b[1],
                b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14],
                b[15]);
  return out;
}

std::string IdGenerator::escalation_reference() {
  char out[16];
  std::snprintf(out, sizeof out, "ESC-%08X", static_cast<unsigned>(random_.next_u64()));
  return out;
}

bool is_uuid(std::string_view t) {
  if (t.size() != 36) return false;
  for (std::size_t i = 0; i < t.size(); ++i) {
    const char c = t[i];
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (c != '-') return false;
    } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
      return false;
    }
  }
  return true;
}

}  // namespace aicc
