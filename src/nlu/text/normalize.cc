#include "nlu/text/normalize.h"

#include <cstdlib>
#include <memory>

#include <utf8proc.h>

namespace aicc::nlu {
namespace {

enum class CharClass { kSpace, kLetter, kDigit, kSymbol, kOther };

CharClass classify(utf8proc_int32_t cp) {
  switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_ZS:
    case UTF8PROC_CATEGORY_ZL:
    case UTF8PROC_CATEGORY_ZP:
    case UTF8PROC_CATEGORY_CC:
      return CharClass::kSpace;
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
      return CharClass::kLetter;
    case UTF8PROC_CATEGORY_ND:
      return CharClass::kDigit;
    case UTF8PROC_CATEGORY_PC:
    case UTF8PROC_CATEGORY_PD:
    case UTF8PROC_CATEGORY_PS:
    case UTF8PROC_CATEGORY_PE:
    case UTF8PROC_CATEGORY_PI:
    case UTF8PROC_CATEGORY_PF:
    case UTF8PROC_CATEGORY_PO:
    case UTF8PROC_CATEGORY_SM:
    case UTF8PROC_CATEGORY_SC:
    case UTF8PROC_CATEGORY_SK:
    case UTF8PROC_CATEGORY_SO:
      return CharClass::kSymbol;
    default:
      return CharClass::kOther;
  }
}

void append_utf8(std::string& out, utf8proc_int32_t cp) {
  utf8proc_uint8_t buf[4];
  const auto n = utf8proc_encode_char(cp, buf);
  out.append(reinterpret_cast<const char*>(buf), static_cast<std::size_t>(n));
}

struct FreeDeleter {
  void operator()(utf8proc_uint8_t* p) const { std::free(p); }
};

}  // namespace

std::string sanitize_utf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  auto remaining = static_cast<utf8proc_ssize_t>(text.size());
  while (remaining > 0) {
    utf8proc_int32_t cp = 0;
    const auto n = utf8proc_iterate(p, remaining, &cp);
    if (n <= 0) {
      append_utf8(out, 0xFFFD);  // skip one byte and resynchronise
      p += 1;
      remaining -= 1;
      continue;
    }
    out.append(reinterpret_cast<const char*>(p), static_cast<std::size_t>(n));
    p += n;
    remaining -= n;
  }
  return out;
}

std::string normalize_text(std::string_view text, const NormalizeOptions& options) {
  const std::string clean = sanitize_utf8(text);
  int flags = UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT | UTF8PROC_IGNORE |
              UTF8PROC_STRIPCC | UTF8PROC_LUMP;
  if (options.casefold) flags |= UTF8PROC_CASEFOLD;

  utf8proc_uint8_t* mapped_raw = nullptr;
  const auto mapped_len = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(clean.data()),
                                       static_cast<utf8proc_ssize_t>(clean.size()), &mapped_raw,
                                       static_cast<utf8proc_option_t>(flags));
  std::unique_ptr<utf8proc_uint8_t, FreeDeleter> mapped(mapped_raw);
  if (mapped_len < 0) return {};  // cannot happen on sanitised input; be safe anyway

  std::string out;
  out.reserve(static_cast<std::size_t>(mapped_len));
  const utf8proc_uint8_t* p = mapped.get();
  utf8proc_ssize_t remaining = mapped_len;
  utf8proc_int32_t previous = -1;
  int run = 0;
  bool pending_space = false;
  while (remaining > 0) {
    utf8proc_int32_t cp = 0;
    const auto n = utf8proc_iterate(p, remaining, &cp);
    if (n <= 0) break;
    p += n;
    remaining -= n;

    const CharClass cls = classify(cp);
    if (cls == CharClass::kSpace) {
      pending_space = !out.empty();
      previous = -1;
      run = 0;
      continue;
    }
    if (cp == previous) {
      ++run;
      if (cls == CharClass::kLetter && run > options.max_letter_repeat) continue;
      if (cls == CharClass::kSymbol && run > options.max_symbol_repeat) continue;
    } else {
      previous = cp;
      run = 1;
    }
    if (pending_space) {
      out.push_back(' ');
      pending_space = false;
    }
    append_utf8(out, cp);
  }
  return out;
}

}  // namespace aicc::nlu
