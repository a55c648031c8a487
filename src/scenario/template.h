// `{slot}` templates in prompts and completion messages. "{{" and "}}" are literal braces;
// a placeholder name is letters, digits and '_'. The loader rejects malformed templates and
// placeholders that may be unfilled, so rendering never has to guess.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace aicc::scenario {

struct TemplateParse {
  std::vector<std::string> placeholders;  // in order of appearance, repeats kept
  std::string error;                      // empty when the template is well formed
};

TemplateParse parse_template(std::string_view text);

// Replaces each placeholder with lookup(name); a name lookup() does not know is kept as
// written ("{name}"), so a missing value shows up in review instead of vanishing.
std::string render_template(
    std::string_view text,
    const std::function<std::optional<std::string>(std::string_view)>& lookup);

}  // namespace aicc::scenario
