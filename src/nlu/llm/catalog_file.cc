// load_intent_catalog: the bot's intent files as an IntentCatalog for the LLM prompt.
#include <algorithm>
#include <fstream>
#include <sstream>
#include <system_error>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include "nlu/llm/prompt.h"

namespace aicc::nlu {
namespace json = boost::json;
namespace {

tl::unexpected<Error> bad_file(const std::filesystem::path& file, const std::string& reason) {
  return make_error(ErrorCode::kInvalidArgument, file.string() + ": " + reason,
                    {{"file", file.string()}, {"reason", reason}});
}

// A string, or the "ko" (else "en") member of an object of strings.
std::string localized_text(const json::value* v) {
  if (v == nullptr) return "";
  if (v->is_string()) return std::string(v->get_string());
  if (!v->is_object()) return "";
  for (const char* language : {"ko", "en"}) {
    if (const auto* s = v->get_object().if_contains(language); s && s->is_string()) {
      return std::string(s->get_string());
    }
  }
  return "";
}

void append_strings(const json::value* v, std::vector<std::string>& out) {
  if (v == nullptr || !v->is_array()) return;
  for (const auto& item : v->get_array()) {
    if (item.is_string()) out.emplace_back(item.get_string());
  }
}

Result<IntentSpec> read_intent_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return bad_file(file, "cannot be read");
  std::ostringstream content;
  content << in.rdbuf();
  json::error_code ec;
  const json::value doc = json::parse(content.str(), ec);
  if (ec) return bad_file(file, "not valid JSON: " + ec.message());
  if (!doc.is_object()) return bad_file(file, "not a JSON object");
  const auto* intent = doc.get_object().if_contains("intent");
  if (intent == nullptr || !intent->is_string() || intent->get_string().empty()) {
    return bad_file(file, "no \"intent\" name");
  }
  IntentSpec spec;
  spec.name = std::string(intent->get_string());
  spec.description = localized_text(doc.get_object().if_contains("description"));
  const auto* examples = doc.get_object().if_contains("examples");
  if (examples != nullptr && examples->is_object()) {
    append_strings(examples->get_object().if_contains("ko"), spec.examples);
    append_strings(examples->get_object().if_contains("en"), spec.examples);
  } else {
    append_strings(examples, spec.examples);
  }
  return spec;
}

}  // namespace

Result<IntentCatalog> load_intent_catalog(const std::filesystem::path& dir) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) {
    return make_error(ErrorCode::kNotFound, dir.string() + ": no such directory",
                      {{"file", dir.string()}});
  }
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (entry.is_regular_file() && entry.path().extension() == ".json") {
      files.push_back(entry.path());
    }
  }
  if (ec) return make_error(ErrorCode::kNotFound, dir.string() + ": " + ec.message());
  std::sort(files.begin(), files.end());
  std::vector<IntentSpec> intents;
  for (const auto& file : files) {
    auto spec = read_intent_file(file);
    if (!spec) return tl::unexpected(std::move(spec).error());
    if (spec->name == kOutOfScopeIntent || spec->name == "oos") continue;
    intents.push_back(std::move(*spec));
  }
  if (intents.empty()) {
    return make_error(ErrorCode::kInvalidArgument, dir.string() + ": no intent files",
                      {{"file", dir.string()}});
  }
  return IntentCatalog(std::move(intents));
}

}  // namespace aicc::nlu
