#include "scenario/template.h"

namespace aicc::scenario {

namespace {

bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// Walks the template, calling on_text for literal runs and on_name for placeholders.
// Returns an error text, or an empty string when well formed.
template <typename OnText, typename OnName>
std::string walk(std::string_view text, OnText on_text, OnName on_name) {
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (c == '{' || c == '}') {
      if (i + 1 < text.size() && text[i + 1] == c) {
        on_text(std::string_view(&text[i], 1));
        i += 2;
        continue;
      }
      if (c == '}') return "'}' without '{' at byte " + std::to_string(i) + " (write '}}')";
      const std::size_t close = text.find('}', i + 1);
      if (close == std::string_view::npos) {
        return "'{' without '}' at byte " + std::to_string(i) + " (write '{{')";
      }
      const std::string_view name = text.substr(i + 1, close - i - 1);
      bool valid = !name.empty();
      for (char n : name) valid = valid && is_name_char(n);
      if (!valid) return "bad placeholder '{" + std::string(name) + "}' (letters, digits, _)";
      on_name(name);
      i = close + 1;
      continue;
    }
    std::size_t j = i;
    while (j < text.size() && text[j] != '{' && text[j] != '}') ++j;
    on_text(text.substr(i, j - i));
    i = j;
  }
  return {};
}

}  // namespace

TemplateParse parse_template(std::string_view text) {
  TemplateParse parse;
  parse.error = walk(
      text, [](std::string_view) {},
      [&](std::string_view name) { parse.placeholders.emplace_back(name); });
  return parse;
}

std::string render_template(
    std::string_view text,
    const std::function<std::optional<std::string>(std::string_view)>& lookup) {
  std::string out;
  out.reserve(text.size() + 16);
  const std::string error = walk(
      text, [&](std::string_view literal) { out.append(literal); },
      [&](std::string_view name) {
        if (auto value = lookup(name)) {
          out += *value;
        } else {
          out += '{';
          out.append(name);
          out += '}';
        }
      });
  // Validated templates never fail; an unvalidated one is shown as written rather than cut.
  if (!error.empty()) return std::string(text);
  return out;
}

}  // namespace aicc::scenario
