#include "nlu/sentiment/units.h"

namespace aicc::nlu::sentiment_detail {
namespace {

constexpr std::uint32_t kReplacement = 0xFFFD;

std::uint8_t byte_at(std::string_view s, std::size_t i) {
  return static_cast<std::uint8_t>(s[i]);
}

// Decodes one code point; malformed input yields U+FFFD and advances one byte.
std::uint32_t decode(std::string_view s, std::size_t i, std::size_t* len) {
  const std::uint8_t b0 = byte_at(s, i);
  const std::size_t left = s.size() - i;
  auto cont = [&](std::size_t k) { return (byte_at(s, i + k) & 0xC0) == 0x80; };
  *len = 1;
  if (b0 < 0x80) return b0;
  if (b0 >= 0xC2 && b0 < 0xE0 && left >= 2 && cont(1)) {
    *len = 2;
    return ((b0 & 0x1Fu) << 6) | (byte_at(s, i + 1) & 0x3Fu);
  }
  if (b0 >= 0xE0 && b0 < 0xF0 && left >= 3 && cont(1) && cont(2)) {
    const std::uint32_t cp =
        ((b0 & 0x0Fu) << 12) | ((byte_at(s, i + 1) & 0x3Fu) << 6) | (byte_at(s, i + 2) & 0x3Fu);
    if (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF)) return kReplacement;
    *len = 3;
    return cp;
  }
  if (b0 >= 0xF0 && b0 < 0xF5 && left >= 4 && cont(1) && cont(2) && cont(3)) {
    const std::uint32_t cp = ((b0 & 0x07u) << 18) | ((byte_at(s, i + 1) & 0x3Fu) << 12) |
                             ((byte_at(s, i + 2) & 0x3Fu) << 6) | (byte_at(s, i + 3) & 0x3Fu);
    if (cp < 0x10000 || cp > 0x10FFFF) return kReplacement;
    *len = 4;
    return cp;
  }
  return kReplacement;
}

std::uint32_t fold(std::uint32_t cp) {
  if (cp >= 'A' && cp <= 'Z') return cp - 'A' + 'a';
  if (cp >= 0xFF01 && cp <= 0xFF5E) return fold(cp - 0xFEE0);  // full-width ASCII
  if (cp == 0x2018 || cp == 0x2019) return '\'';
  if (cp == 0x00A0) return ' ';
  return cp;
}

}  // namespace

void to_units(std::string_view text, std::vector<Unit>& out) {
  out.clear();
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    std::size_t len = 0;
    const std::uint32_t cp = fold(decode(text, i, &len));
    const auto at = static_cast<std::uint32_t>(i);
    if (cp >= 0xAC00 && cp <= 0xD7A3) {  // Hangul syllable → L V (T)
      const std::uint32_t s = cp - 0xAC00;
      out.push_back({0x1100 + s / 588, at, true});
      out.push_back({0x1161 + (s % 588) / 28, at, false});
      if (s % 28 != 0) out.push_back({0x11A7 + s % 28, at, false});
    } else {
      // Conjoining jamo typed directly (NFD text) continue the syllable they belong to.
      out.push_back({cp, at, !(is_vowel_jamo(cp) || is_final_jamo(cp))});
    }
    i += len;
  }
}

}  // namespace aicc::nlu::sentiment_detail
