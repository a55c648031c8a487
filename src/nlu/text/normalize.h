// Unicode normalisation of user text before any NLU step.
//
// Customers type the same words in many shapes: full-width Latin (ＡＢＣ), compatibility
// characters, upper case, "ㅋㅋㅋㅋㅋ", "!!!!", tabs and double spaces, zero-width spaces
// pasted from a messenger. normalize_text() maps these to one canonical form so that the
// classifier and the entity/sentiment modules see stable input.
#pragma once

#include <string>
#include <string_view>

namespace aicc::nlu {

struct NormalizeOptions {
  bool casefold = true;       // "Refund" and "REFUND" are one word for intent purposes
  int max_letter_repeat = 2;  // "ㅋㅋㅋㅋ" → "ㅋㅋ", "soooo" → "soo" (2 keeps "good", "too")
  int max_symbol_repeat = 1;  // "!!!!" → "!", "???" → "?"
};

// Returns the normalised text:
//   1. invalid UTF-8 bytes become U+FFFD (the function never fails);
//   2. NFKC (full-width and compatibility forms → canonical ones, Hangul composed),
//      Unicode case folding, default-ignorable code points (ZWSP, soft hyphen …) removed,
//      control characters and every kind of Unicode space turned into a plain space,
//      look-alike punctuation lumped to ASCII (‘’ → ', – → -);
//   3. runs of one repeated letter cut to max_letter_repeat, of one repeated punctuation or
//      symbol cut to max_symbol_repeat; digits are never touched ("1000원" stays);
//   4. whitespace runs collapsed to one space and trimmed.
// Note: NFKC maps Hangul compatibility jamo (ㅋ U+314B) to conjoining jamo (U+110F); that is
// fine for matching, since training and inference both go through this function.
std::string normalize_text(std::string_view text, const NormalizeOptions& options = {});

// Replaces every ill-formed UTF-8 sequence with U+FFFD; well-formed input is returned as is.
std::string sanitize_utf8(std::string_view text);

}  // namespace aicc::nlu
