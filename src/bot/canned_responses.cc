#include "bot/canned_responses.h"

#include <fstream>
#include <set>
#include <sstream>

#include <boost/json.hpp>

namespace aicc::bot {
namespace {

namespace json = boost::json;

tl::unexpected<Error> bad(const std::filesystem::path& file, const std::string& where,
                          const std::string& field, const std::string& message) {
  return make_error(ErrorCode::kInvalidArgument,
                    file.string() + ": " + (where.empty() ? "" : where + ": ") + message,
                    {{"file", file.string()}, {"entry", where}, {"field", field}});
}

}  // namespace

Result<std::vector<CannedResponse>> load_canned_responses(const std::filesystem::path& file,
                                                          TimePoint now) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::vector<CannedResponse>{};
  std::stringstream buffer;
  buffer << in.rdbuf();
  boost::system::error_code ec;
  json::value doc = json::parse(buffer.str(), ec);
  if (ec) return bad(file, "", "", "not valid JSON: " + ec.message());
  const auto* root = doc.if_object();
  const auto* list = root ? root->if_contains("responses") : nullptr;
  if (!list || !list->is_array()) return bad(file, "", "responses", "needs a \"responses\" array");
  std::vector<CannedResponse> out;
  std::set<std::string> ids;
  std::set<std::pair<std::string, std::string>> shortcuts;
  for (std::size_t i = 0; i < list->as_array().size(); ++i) {
    const std::string where = "responses[" + std::to_string(i) + "]";
    const auto* item = list->as_array()[i].if_object();
    if (!item) return bad(file, where, "", "must be an object");
    CannedResponse c;
    for (const auto& [key, value] : *item) {
      std::string* slot = key == "id"         ? &c.id
                          : key == "language" ? &c.language
                          : key == "title"    ? &c.title
                          : key == "text"     ? &c.text
                          : key == "queue"    ? &c.queue
                          : key == "shortcut" ? &c.shortcut
                                              : nullptr;
      if (!slot) return bad(file, where, key, "unknown field \"" + std::string(key) + "\"");
      if (!value.is_string()) return bad(file, where, key, std::string(key) + " must be a string");
      *slot = std::string(value.as_string());
    }
    c.created_at = c.updated_at = now;
    if (auto p = canned_response_problem(c)) return bad(file, where, p->field, p->message);
    if (!ids.insert(c.id).second) return bad(file, where, "id", "id " + c.id + " repeats");
    if (!c.shortcut.empty() && !shortcuts.insert({c.language, c.shortcut}).second)
      return bad(file, where, "shortcut", "shortcut " + c.shortcut + " repeats in " + c.language);
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace aicc::bot
