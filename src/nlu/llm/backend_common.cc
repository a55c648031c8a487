#include "nlu/llm/backend_common.h"

#include <map>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <boost/url/parse.hpp>

#include "nlu/llm/reply.h"

namespace aicc::nlu::detail {
namespace json = boost::json;

Result<BaseUrl> parse_base_url(std::string_view url) {
  const auto parsed = boost::urls::parse_absolute_uri(url);
  if (!parsed) {
    return tl::unexpected(
        llm_error(llm_reason::kConfig, "invalid base URL \"" + std::string(url) + "\""));
  }
  const auto& u = *parsed;
  if ((u.scheme() != "http" && u.scheme() != "https") || u.host().empty() || u.has_query() ||
      u.has_fragment() || u.has_userinfo()) {
    return tl::unexpected(llm_error(
        llm_reason::kConfig,
        "base URL must be http(s)://host[:port][/path] without credentials, query or fragment"));
  }
  BaseUrl out;
  out.authority = std::string(u.encoded_host_and_port());
  out.origin = std::string(u.scheme()) + "://" + out.authority;
  out.path = std::string(u.encoded_path());
  while (!out.path.empty() && out.path.back() == '/') out.path.pop_back();
  return out;
}

Error http_status_error(std::string_view provider, const HttpResponse& response,
                        std::string_view error_type_header) {
  std::map<std::string, std::string> details{{"status", std::to_string(response.status)}};
  std::string error_type;
  if (!error_type_header.empty()) {
    if (const auto it = response.headers.find(std::string(error_type_header));
        it != response.headers.end()) {
      error_type = it->second.substr(0, it->second.find(':'));  // "ThrottlingException:http://…"
    }
  }
  std::string message;
  json::error_code ec;
  const json::value body = json::parse(response.body, ec);
  if (!ec && body.is_object()) {
    const json::object* object = &body.get_object();
    if (const auto* nested = object->if_contains("error"); nested && nested->is_object()) {
      object = &nested->get_object();  // OpenAI: {"error": {"message", "type", "code"}}
    }
    for (const char* key : {"message", "Message"}) {
      if (const auto* m = object->if_contains(key); m && m->is_string()) {
        message = std::string(m->get_string());
        break;
      }
    }
    if (const auto* t = object->if_contains("type"); error_type.empty() && t && t->is_string()) {
      error_type = std::string(t->get_string());
    }
  }
  if (!error_type.empty()) details["error_type"] = error_type;
  std::string text = std::string(provider) + " answered HTTP " + std::to_string(response.status);
  if (!error_type.empty()) text += " " + error_type;
  if (!message.empty()) text += ": " + message.substr(0, 300);
  return llm_error(llm_reason::kHttpStatus, std::move(text), std::move(details));
}

}  // namespace aicc::nlu::detail
