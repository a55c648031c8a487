#include "nlu/text/language.h"

#include <utf8proc.h>

namespace aicc::nlu {
namespace {

bool is_hangul(utf8proc_int32_t cp) {
  return (cp >= 0xAC00 && cp <= 0xD7A3) ||  // syllables
         (cp >= 0x1100 && cp <= 0x11FF) ||  // conjoining jamo
         (cp >= 0x3130 && cp <= 0x318F) ||  // compatibility jamo
         (cp >= 0xA960 && cp <= 0xA97F) || (cp >= 0xD7B0 && cp <= 0xD7FF);
}

bool is_latin_letter(utf8proc_int32_t cp) {
  return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= 0xFF21 && cp <= 0xFF3A) ||
         (cp >= 0xFF41 && cp <= 0xFF5A) ||  // full-width
         (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7);
}

}  // namespace

std::string_view language_code(Language language) {
  return language == Language::kEnglish ? "en" : "ko";
}

Language detect_language(std::string_view text) {
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  auto remaining = static_cast<utf8proc_ssize_t>(text.size());
  long hangul = 0;
  long latin = 0;
  while (remaining > 0) {
    utf8proc_int32_t cp = 0;
    const auto n = utf8proc_iterate(p, remaining, &cp);
    if (n <= 0) {  // ill-formed byte: skip it, it is evidence of nothing
      p += 1;
      remaining -= 1;
      continue;
    }
    p += n;
    remaining -= n;
    if (is_hangul(cp)) {
      ++hangul;
    } else if (is_latin_letter(cp)) {
      ++latin;
    }
  }
  if (hangul == 0 && latin > 0) return Language::kEnglish;
  if (hangul * 3 >= latin) return Language::kKorean;
  return Language::kEnglish;
}

}  // namespace aicc::nlu
