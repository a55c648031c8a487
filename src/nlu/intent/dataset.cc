#include "nlu/intent/dataset.h"

#include <algorithm>
#include <cctype>
#include <random>
#include <set>

#include <boost/json.hpp>

#include "nlu/intent/shuffle.h"
#include "nlu/text/normalize.h"

namespace aicc::nlu {
namespace {

namespace json = boost::json;

tl::unexpected<Error> malformed(std::string_view file, std::size_t line, std::string reason) {
  std::string msg(file);
  if (line > 0) msg += ":" + std::to_string(line);
  msg += ": " + reason;
  std::map<std::string, std::string> details{{"file", std::string(file)}, {"reason", reason}};
  if (line > 0) details["line"] = std::to_string(line);
  return make_error(ErrorCode::kInvalidArgument, std::move(msg), std::move(details));
}

std::string_view trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = s.find_last_not_of(" \t\r\n");
  return s.substr(first, last - first + 1);
}

// Checks one example; returns the reason it is unusable, or empty.
std::string check_example(const std::string& text, const std::string& label) {
  if (trim(text).empty()) return "empty text";
  if (label.empty()) return "empty label";
  if (sanitize_utf8(text) != text) return "text is not valid UTF-8";
  return {};
}

std::size_t line_of_offset(std::string_view content, std::size_t offset) {
  offset = std::min(offset, content.size());
  return 1 + static_cast<std::size_t>(
                 std::count(content.begin(), content.begin() + static_cast<long>(offset), '\n'));
}

// Parses a whole JSON document; syntax errors report the line they were found on.
Result<json::value> parse_json_document(std::string_view content, std::string_view file) {
  json::stream_parser parser;
  boost::system::error_code ec;
  const std::size_t consumed = parser.write(content.data(), content.size(), ec);
  if (!ec) parser.finish(ec);
  if (ec) {
    return malformed(file, line_of_offset(content, consumed), "invalid JSON: " + ec.message());
  }
  return parser.release();
}

// Splits a delimited record honouring double quotes. `line` is advanced past embedded
// newlines. Returns false with `reason` set on an unterminated quote.
bool split_record(std::string_view content, std::size_t& pos, char delim,
                  std::vector<std::string>& fields, std::size_t& line, std::string& reason) {
  fields.assign(1, std::string());
  bool quoted = false;
  bool was_quoted = false;
  while (pos < content.size()) {
    const char c = content[pos++];
    if (quoted) {
      if (c == '"') {
        if (pos < content.size() && content[pos] == '"') {
          fields.back().push_back('"');
          ++pos;
        } else {
          quoted = false;
        }
      } else {
        if (c == '\n') ++line;
        fields.back().push_back(c);
      }
      continue;
    }
    if (c == '"' && fields.back().empty() && !was_quoted) {
      quoted = was_quoted = true;
    } else if (c == delim) {
      fields.emplace_back();
      was_quoted = false;
    } else if (c == '\n') {
      break;
    } else if (c != '\r') {
      fields.back().push_back(c);
    }
  }
  if (quoted) {
    reason = "unterminated quoted field";
    return false;
  }
  return true;
}

}  // namespace

std::vector<std::string> Dataset::labels() const {
  std::set<std::string> set;
  for (const auto& e : examples) set.insert(e.label);
  return {set.begin(), set.end()};
}

void Dataset::append(const Dataset& other) {
  examples.insert(examples.end(), other.examples.begin(), other.examples.end());
  for (const auto& [k, v] : other.thresholds) thresholds[k] = v;
}

std::string canonical_label(std::string_view label) {
  std::string s(trim(label));
  std::string lower = s;
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (lower == "oos" || lower == "out_of_scope" || lower == "out-of-scope") {
    return std::string(kOutOfScope);
  }
  return s;
}

Result<Dataset> parse_delimited(std::string_view content, char delimiter, std::string_view file) {
  if (content.substr(0, 3) == "\xEF\xBB\xBF") content.remove_prefix(3);  // Excel's BOM
  Dataset data;
  std::size_t pos = 0;
  std::size_t line = 1;
  std::vector<std::string> fields;
  std::string reason;
  const std::size_t header_line = line;
  if (!split_record(content, pos, delimiter, fields, line, reason)) {
    return malformed(file, header_line, reason);
  }
  int text_col = -1;
  int label_col = -1;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    const std::string name(trim(fields[i]));
    if (name == "text") text_col = static_cast<int>(i);
    if (label_col < 0 && (name == "label" || name == "intent" || name == "category")) {
      label_col = static_cast<int>(i);
    }
  }
  if (text_col < 0 || label_col < 0) {
    return malformed(file, header_line,
                     "header must name a `text` column and a `label`, `intent` or `category` "
                     "column");
  }
  const std::size_t width = fields.size();
  while (pos < content.size()) {
    ++line;
    const std::size_t record_line = line;
    if (!split_record(content, pos, delimiter, fields, line, reason)) {
      return malformed(file, record_line, reason);
    }
    if (fields.size() == 1 && trim(fields[0]).empty()) continue;  // blank line
    if (fields.size() != width) {
      return malformed(
          file, record_line,
          "expected " + std::to_string(width) + " fields, found " + std::to_string(fields.size()));
    }
    Example ex{std::string(trim(fields[static_cast<std::size_t>(text_col)])),
               canonical_label(fields[static_cast<std::size_t>(label_col)])};
    if (auto why = check_example(ex.text, ex.label); !why.empty()) {
      return malformed(file, record_line, why);
    }
    data.examples.push_back(std::move(ex));
  }
  return data;
}

Result<Dataset> parse_jsonl(std::string_view content, std::string_view file) {
  Dataset data;
  std::size_t line = 0;
  std::size_t pos = 0;
  while (pos < content.size()) {
    ++line;
    auto end = content.find('\n', pos);
    if (end == std::string_view::npos) end = content.size();
    const std::string_view raw = trim(content.substr(pos, end - pos));
    pos = end + 1;
    if (raw.empty()) continue;
    boost::system::error_code ec;
    json::value v = json::parse(raw, ec);
    if (ec) return malformed(file, line, "invalid JSON: " + ec.message());
    if (!v.is_object()) return malformed(file, line, "expected a JSON object");
    const auto& obj = v.get_object();
    const json::value* text = obj.if_contains("text");
    const json::value* label = obj.if_contains("intent");
    if (label == nullptr) label = obj.if_contains("label");
    if (text == nullptr || !text->is_string()) {
      return malformed(file, line, "missing string field \"text\"");
    }
    if (label == nullptr || !label->is_string()) {
      return malformed(file, line, "missing string field \"intent\" (or \"label\")");
    }
    Example ex{std::string(trim(text->get_string())), canonical_label(label->get_string())};
    if (auto why = check_example(ex.text, ex.label); !why.empty()) {
      return malformed(file, line, why);
    }
    data.examples.push_back(std::move(ex));
  }
  return data;
}

Result<Dataset> parse_clinc150(std::string_view content, const std::vector<std::string>& splits,
                               std::string_view file) {
  auto doc = parse_json_document(content, file);
  if (!doc) return tl::unexpected(doc.error());
  if (!doc->is_object()) return malformed(file, 1, "expected a JSON object of splits");
  const auto& obj = doc->get_object();
  Dataset data;
  for (const auto& split : splits) {
    const json::value* arr = obj.if_contains(split);
    if (arr == nullptr) {
      std::string available;
      for (const auto& kv : obj)
        available += (available.empty() ? "" : ", ") + std::string(kv.key());
      return malformed(file, 0, "no split \"" + split + "\" (available: " + available + ")");
    }
    if (!arr->is_array()) return malformed(file, 0, "split \"" + split + "\" is not an array");
    std::size_t index = 0;
    for (const auto& item : arr->get_array()) {
      const std::string where = split + "[" + std::to_string(index++) + "]";
      if (!item.is_array() || item.get_array().size() != 2 || !item.get_array()[0].is_string() ||
          !item.get_array()[1].is_string()) {
        return malformed(file, 0, where + ": expected a [text, label] pair of strings");
      }
      Example ex{std::string(item.get_array()[0].get_string()),
                 canonical_label(item.get_array()[1].get_string())};
      if (auto why = check_example(ex.text, ex.label); !why.empty()) {
        return malformed(file, 0, where + ": " + why);
      }
      data.examples.push_back(std::move(ex));
    }
  }
  return data;
}

Result<Dataset> parse_intent_json(std::string_view content, std::string_view file) {
  auto doc = parse_json_document(content, file);
  if (!doc) return tl::unexpected(doc.error());
  if (!doc->is_object()) return malformed(file, 1, "expected a JSON object");
  const auto& obj = doc->get_object();
  const json::value* intent = obj.if_contains("intent");
  if (intent == nullptr || !intent->is_string() || trim(intent->get_string()).empty()) {
    return malformed(file, 0, "missing string field \"intent\"");
  }
  const std::string label = canonical_label(intent->get_string());
  Dataset data;
  if (const json::value* t = obj.if_contains("threshold"); t != nullptr) {
    if (!t->is_number() || t->to_number<double>() < 0.0 || t->to_number<double>() > 1.0) {
      return malformed(file, 0, "\"threshold\" must be a number between 0 and 1");
    }
    data.thresholds[label] = static_cast<float>(t->to_number<double>());
  }
  const json::value* examples = obj.if_contains("examples");
  if (examples == nullptr) return malformed(file, 0, "missing field \"examples\"");
  auto take = [&](const json::value& arr, const std::string& path) -> Status {
    if (!arr.is_array()) return malformed(file, 0, path + " must be an array of strings");
    std::size_t i = 0;
    for (const auto& item : arr.get_array()) {
      const std::string where = path + "[" + std::to_string(i++) + "]";
      if (!item.is_string()) return malformed(file, 0, where + " is not a string");
      Example ex{std::string(trim(item.get_string())), label};
      if (auto why = check_example(ex.text, ex.label); !why.empty()) {
        return malformed(file, 0, where + ": " + why);
      }
      data.examples.push_back(std::move(ex));
    }
    return {};
  };
  if (examples->is_object()) {
    for (const auto& kv : examples->get_object()) {
      if (auto st = take(kv.value(), "examples." + std::string(kv.key())); !st) {
        return tl::unexpected(st.error());
      }
    }
  } else if (auto st = take(*examples, "examples"); !st) {
    return tl::unexpected(st.error());
  }
  if (data.examples.empty()) return malformed(file, 0, "no examples");
  return data;
}

Result<Dataset> parse_intent_text(std::string_view content, std::string_view intent,
                                  std::string_view file) {
  Dataset data;
  const std::string label = canonical_label(intent);
  std::size_t line = 0;
  std::size_t pos = 0;
  while (pos < content.size()) {
    ++line;
    auto end = content.find('\n', pos);
    if (end == std::string_view::npos) end = content.size();
    const std::string_view raw = trim(content.substr(pos, end - pos));
    pos = end + 1;
    if (raw.empty() || raw.front() == '#') continue;
    Example ex{std::string(raw), label};
    if (auto why = check_example(ex.text, ex.label); !why.empty()) {
      return malformed(file, line, why);
    }
    data.examples.push_back(std::move(ex));
  }
  if (data.examples.empty()) return malformed(file, 0, "no examples");
  return data;
}

std::vector<int> stratified_folds(const Dataset& data, int folds, std::uint64_t seed) {
  std::map<std::string, std::vector<std::size_t>> by_label;
  for (std::size_t i = 0; i < data.examples.size(); ++i) {
    by_label[data.examples[i].label].push_back(i);
  }
  std::vector<int> fold(data.examples.size(), 0);
  std::mt19937_64 rng(seed);
  int next = 0;  // continue the round robin across labels so small classes spread evenly
  for (auto& [label, idx] : by_label) {
    seeded_shuffle(idx, rng);
    for (const std::size_t i : idx) {
      fold[i] = next;
      next = (next + 1) % folds;
    }
  }
  return fold;
}

}  // namespace aicc::nlu
