// UTF-8 checks used at the edges: every text that enters the store is valid UTF-8.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace aicc {

// Number of code points if `text` is well-formed UTF-8 (no overlongs, no surrogates,
// nothing above U+10FFFF); nullopt otherwise.
std::optional<std::size_t> utf8_length(std::string_view text);

inline bool is_valid_utf8(std::string_view text) {
  return utf8_length(text).has_value();
}

}  // namespace aicc
