#include "faq/query_key.h"

#include "nlu/text/normalize.h"

namespace aicc::faq {
namespace {

bool is_trailing_noise(char c) {
  switch (c) {
    case ' ':
    case '?':
    case '!':
    case '.':
    case ',':
    case '~':
    case ';':
    case ':':
      return true;
    default:
      return false;
  }
}

}  // namespace

std::string query_key(std::string_view text) {
  std::string key = nlu::normalize_text(text);
  while (!key.empty() && is_trailing_noise(key.back())) key.pop_back();
  return key;
}

std::string clip_utf8(std::string_view text, std::size_t max_code_points) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    // A code point starts at every byte that is not a continuation byte (10xxxxxx).
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      if (count == max_code_points) return std::string(text.substr(0, i));
      ++count;
    }
  }
  return std::string(text);
}

}  // namespace aicc::faq
