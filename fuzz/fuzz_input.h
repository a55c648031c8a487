// Helpers shared by the libFuzzer targets: carving one fuzz input into a small selector
// and the rest (so one target can cover several formats of the same loader).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace aicc::fuzz {

struct Input {
  std::uint8_t selector = 0;  // the first byte, or 0 for an empty input
  std::string_view rest;      // everything after it
};

inline Input split_selector(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return {};
  return {data[0], std::string_view(reinterpret_cast<const char*>(data + 1), size - 1)};
}

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

}  // namespace aicc::fuzz
