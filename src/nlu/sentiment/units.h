// Internal: the matching alphabet of the sentiment lexicon.
//
// Text and lexicon terms are both turned into "units": code points after folding (full-width
// ASCII → ASCII, upper → lower case, ’ → ') with every Hangul syllable decomposed into its
// conjoining jamo (화 → ᄒ ᅪ). Matching jamo instead of syllables is what lets one stem cover
// Korean conjugation without a morphological analyser: 화나 (ᄒ ᅪ ᄂ ᅡ) is a prefix of
// 화났어요 (ᄒ ᅪ ᄂ ᅡ ᆻ …), 나쁘 of 나쁜, 고마 of 고맙습니다, 미치 of 미친.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace aicc::nlu::sentiment_detail {

struct Unit {
  std::uint32_t cp = 0;     // folded code point or conjoining jamo
  std::uint32_t byte = 0;   // offset of the source character in the text
  bool char_start = false;  // first unit of a source character (a syllable, a letter)
};

inline bool is_blank_unit(std::uint32_t cp) {
  return cp == ' ' || cp == '\t' || cp == 0x3000;
}
inline bool is_ascii_letter(std::uint32_t cp) {
  return cp >= 'a' && cp <= 'z';
}
inline bool is_ascii_alnum(std::uint32_t cp) {
  return is_ascii_letter(cp) || (cp >= '0' && cp <= '9');
}
inline bool is_lead_jamo(std::uint32_t cp) {  // choseong
  return cp >= 0x1100 && cp <= 0x115F;
}
inline bool is_vowel_jamo(std::uint32_t cp) {  // jungseong
  return cp >= 0x1160 && cp <= 0x11A7;
}
inline bool is_final_jamo(std::uint32_t cp) {  // jongseong
  return cp >= 0x11A8 && cp <= 0x11FF;
}
// Hangul in any form: conjoining or compatibility jamo (ㅋ, ㅠ) — syllables are decomposed.
inline bool is_hangul_unit(std::uint32_t cp) {
  return (cp >= 0x1100 && cp <= 0x11FF) || (cp >= 0x3131 && cp <= 0x318E);
}
// Characters that end a clause: negation and intensifiers do not reach across them.
inline bool is_clause_break(std::uint32_t cp) {
  return cp == '.' || cp == ',' || cp == '!' || cp == '?' || cp == ';' || cp == '\n' ||
         cp == 0x2026 || cp == 0x3002;
}

// Appends the units of `text` to `out` (cleared first). Invalid UTF-8 bytes become U+FFFD.
void to_units(std::string_view text, std::vector<Unit>& out);

}  // namespace aicc::nlu::sentiment_detail
