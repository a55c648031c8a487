// Parsing and validation of bot/faq/*.json. Unknown fields are errors, not ignored: a typo
// such as "anwser" would otherwise ship an entry without its answer.
#include "faq/loader.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include <boost/json.hpp>

#include "core/utf8.h"

namespace aicc::faq {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;

tl::unexpected<Error> invalid(std::string_view file, std::string_view id, std::string reason) {
  std::string message(file);
  if (!id.empty()) message += ": entry \"" + std::string(id) + "\"";
  message += ": " + reason;
  return make_error(ErrorCode::kInvalidArgument, std::move(message),
                    {{"file", std::string(file)}, {"id", std::string(id)}, {"reason", reason}});
}

Result<json::value> parse_json(std::string_view content, std::string_view file) {
  if (!is_valid_utf8(content)) return invalid(file, "", "file is not valid UTF-8");
  boost::system::error_code ec;
  json::value doc = json::parse(content, ec);
  if (ec) return invalid(file, "", "invalid JSON: " + ec.message());
  return doc;
}

// The only keys `obj` may have; names the first stranger.
std::string unknown_key(const json::object& obj, std::initializer_list<std::string_view> allowed) {
  for (const auto& kv : obj) {
    if (std::find(allowed.begin(), allowed.end(), kv.key()) == allowed.end()) {
      return "unknown field \"" + std::string(kv.key()) + "\"";
    }
  }
  return {};
}

// A required string field; `problem` is set when it is absent or not a string.
std::string string_field(const json::object& obj, std::string_view key, std::string& problem) {
  const json::value* v = obj.if_contains(key);
  if (v == nullptr || !v->is_string()) {
    problem = "missing " + std::string(key);
    return {};
  }
  return std::string(v->get_string());
}

// An optional array of strings (absent → empty).
std::vector<std::string> string_list(const json::object& obj, std::string_view key,
                                     std::string& problem) {
  std::vector<std::string> out;
  const json::value* v = obj.if_contains(key);
  if (v == nullptr) return out;
  if (!v->is_array()) {
    problem = std::string(key) + " must be an array of strings";
    return out;
  }
  for (const auto& item : v->get_array()) {
    if (!item.is_string()) {
      problem = std::string(key) + " must be an array of strings";
      return out;
    }
    out.emplace_back(item.get_string());
  }
  return out;
}

// Fills the language-specific part of `entry` from {"question", "alternatives", "answer",
// "keywords"}; returns a problem or "".
std::string read_variant(const json::value& v, std::string_view lang, FaqEntry& entry) {
  const std::string where = std::string(lang) + ": ";
  if (!v.is_object()) return where + "must be an object";
  const auto& obj = v.get_object();
  if (auto k = unknown_key(obj, {"question", "alternatives", "answer", "keywords"}); !k.empty()) {
    return where + k;
  }
  std::string problem;
  entry.question = string_field(obj, "question", problem);
  if (problem.empty()) entry.answer = string_field(obj, "answer", problem);
  if (problem.empty()) entry.alternatives = string_list(obj, "alternatives", problem);
  if (problem.empty()) entry.keywords = string_list(obj, "keywords", problem);
  if (problem.empty()) problem = entry_problem(entry);
  return problem.empty() ? problem : where + problem;
}

// One element of "entries": the shared fields, then one FaqEntry per language variant.
Result<std::vector<FaqEntry>> read_entry(const json::value& v, std::size_t index,
                                         std::string_view file,
                                         const std::vector<FaqCategory>& categories,
                                         TimePoint updated_at) {
  const std::string position = "entries[" + std::to_string(index) + "]";
  if (!v.is_object()) return invalid(file, position, "must be an object");
  const auto& obj = v.get_object();
  std::string problem;
  FaqEntry shared;
  shared.id = string_field(obj, "id", problem);
  if (!problem.empty()) return invalid(file, position, problem);
  const std::string& id = shared.id;
  if (auto k = unknown_key(
          obj, {"id", "category", "priority", "active", "intent", "updated_at", "ko", "en"});
      !k.empty()) {
    return invalid(file, id, k);
  }
  shared.category = string_field(obj, "category", problem);
  if (!problem.empty()) return invalid(file, id, problem);
  const bool known = std::any_of(categories.begin(), categories.end(),
                                 [&](const FaqCategory& c) { return c.name == shared.category; });
  if (!known) return invalid(file, id, "unknown category \"" + shared.category + "\"");
  if (const json::value* p = obj.if_contains("priority"); p != nullptr) {
    if (!p->is_int64() || p->get_int64() < -100 || p->get_int64() > 100) {
      return invalid(file, id, "priority must be an integer between -100 and 100");
    }
    shared.priority = static_cast<int>(p->get_int64());
  }
  if (const json::value* a = obj.if_contains("active"); a != nullptr) {
    if (!a->is_bool()) return invalid(file, id, "active must be true or false");
    shared.active = a->get_bool();
  }
  if (const json::value* i = obj.if_contains("intent"); i != nullptr) {
    if (!i->is_string()) return invalid(file, id, "intent must be a string");
    shared.intent = std::string(i->get_string());
  }
  shared.updated_at = updated_at;
  if (const json::value* u = obj.if_contains("updated_at"); u != nullptr) {
    const auto t = u->is_string() ? parse_iso8601(u->get_string()) : std::nullopt;
    if (!t) return invalid(file, id, "updated_at must be an ISO-8601 time");
    shared.updated_at = *t;
  }
  std::vector<FaqEntry> variants;
  for (const auto& [lang_code, language] :
       {std::pair{"ko", Language::kKorean}, std::pair{"en", Language::kEnglish}}) {
    const json::value* variant = obj.if_contains(lang_code);
    if (variant == nullptr) continue;
    FaqEntry entry = shared;
    entry.language = language;
    if (auto why = read_variant(*variant, lang_code, entry); !why.empty()) {
      return invalid(file, id, why);
    }
    variants.push_back(std::move(entry));
  }
  if (variants.empty()) return invalid(file, id, "no language variant (\"ko\" or \"en\")");
  return variants;
}

Result<std::string> read_text_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return make_error(ErrorCode::kNotFound, "cannot open " + path.string(),
                      {{"file", path.string()}});
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

Result<std::vector<FaqCategory>> parse_faq_categories(std::string_view content,
                                                      std::string_view file) {
  auto doc = parse_json(content, file);
  if (!doc) return tl::unexpected(doc.error());
  const json::value* list =
      doc->is_object() ? doc->get_object().if_contains("categories") : nullptr;
  if (list == nullptr || !list->is_array()) {
    return invalid(file, "", "expected {\"categories\": [...]}");
  }
  std::vector<FaqCategory> categories;
  for (const auto& item : list->get_array()) {
    std::string problem;
    const auto* obj = item.if_object();
    if (obj == nullptr) return invalid(file, "", "each category must be an object");
    if (auto k = unknown_key(*obj, {"name", "en"}); !k.empty()) return invalid(file, "", k);
    FaqCategory c{string_field(*obj, "name", problem), string_field(*obj, "en", problem)};
    if (!problem.empty() || c.name.empty() || c.name_en.empty()) {
      return invalid(file, "", "each category needs a non-empty \"name\" and \"en\"");
    }
    for (const auto& seen : categories) {
      if (seen.name == c.name) return invalid(file, "", "duplicate category \"" + c.name + "\"");
    }
    categories.push_back(std::move(c));
  }
  if (categories.empty()) return invalid(file, "", "no categories");
  return categories;
}

Result<std::vector<FaqEntry>> parse_faq_file(std::string_view content, std::string_view file,
                                             const std::vector<FaqCategory>& categories,
                                             TimePoint updated_at) {
  auto doc = parse_json(content, file);
  if (!doc) return tl::unexpected(doc.error());
  if (!doc->is_object()) return invalid(file, "", "expected {\"entries\": [...]}");
  if (auto k = unknown_key(doc->get_object(), {"entries"}); !k.empty()) {
    return invalid(file, "", k);
  }
  const json::value* list = doc->get_object().if_contains("entries");
  if (list == nullptr || !list->is_array()) {
    return invalid(file, "", "expected {\"entries\": [...]}");
  }
  std::vector<FaqEntry> entries;
  std::set<std::string, std::less<>> ids;
  std::size_t index = 0;
  for (const auto& item : list->get_array()) {
    auto variants = read_entry(item, index++, file, categories, updated_at);
    if (!variants) return tl::unexpected(variants.error());
    if (!ids.insert(variants->front().id).second) {
      return invalid(file, variants->front().id, "duplicate id");
    }
    for (auto& e : *variants) entries.push_back(std::move(e));
  }
  return entries;
}

Result<FaqData> load_faq_directory(const fs::path& dir, TimePoint updated_at) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    return make_error(ErrorCode::kNotFound, "no FAQ directory " + dir.string(),
                      {{"file", dir.string()}});
  }
  const fs::path categories_path = dir / kCategoriesFile;
  auto categories_text = read_text_file(categories_path);
  if (!categories_text) return tl::unexpected(categories_text.error());
  FaqData data;
  auto categories = parse_faq_categories(*categories_text, categories_path.string());
  if (!categories) return tl::unexpected(categories.error());
  data.categories = std::move(*categories);

  std::vector<fs::path> files;
  for (const auto& item : fs::directory_iterator(dir, ec)) {
    const auto& p = item.path();
    if (item.is_regular_file() && p.extension() == ".json" && p.filename() != kCategoriesFile) {
      files.push_back(p);
    }
  }
  std::sort(files.begin(), files.end());  // directory order differs between file systems
  std::map<std::string, std::string, std::less<>> first_file_of_id;
  for (const auto& path : files) {
    auto text = read_text_file(path);
    if (!text) return tl::unexpected(text.error());
    auto entries = parse_faq_file(*text, path.string(), data.categories, updated_at);
    if (!entries) return tl::unexpected(entries.error());
    for (auto& e : *entries) {
      auto [it, fresh] = first_file_of_id.emplace(e.id, path.string());
      if (!fresh && it->second != path.string()) {
        return invalid(path.string(), e.id, "duplicate id (also in " + it->second + ")");
      }
      data.entries.push_back(std::move(e));
    }
  }
  if (data.entries.empty()) return invalid(dir.string(), "", "no FAQ entries");
  std::sort(data.entries.begin(), data.entries.end(), [](const FaqEntry& a, const FaqEntry& b) {
    return std::tie(a.id, a.language) < std::tie(b.id, b.language);
  });
  return data;
}

}  // namespace aicc::faq
