#include "nlu/llm/openai_backend.h"

#include <exception>
#include <utility>

#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "nlu/llm/backend_common.h"

namespace aicc::nlu {
namespace json = boost::json;

Result<std::unique_ptr<OpenAiBackend>> OpenAiBackend::create(
    OpenAiOptions options, std::shared_ptr<const IntentCatalog> catalog,
    std::shared_ptr<const HttpClient> http) {
  if (options.base_url.empty()) {
    return tl::unexpected(llm_error(llm_reason::kConfig, "the OpenAI backend needs a base URL"));
  }
  if (!catalog || !http) {
    return tl::unexpected(llm_error(llm_reason::kConfig, "OpenAI needs a catalogue and HTTP"));
  }
  auto url = detail::parse_base_url(options.base_url);
  if (!url) return tl::unexpected(std::move(url).error());
  std::unique_ptr<OpenAiBackend> backend(new OpenAiBackend());
  const bool has_v1 = url->path.ends_with("/v1");
  backend->url_ = url->origin + url->path + (has_v1 ? "" : "/v1") + "/chat/completions";
  backend->options_ = std::move(options);
  backend->catalog_ = std::move(catalog);
  backend->http_ = std::move(http);
  return backend;
}

HttpRequest OpenAiBackend::build_request(const LlmRequest& request) const {
  json::object body;
  body["model"] = options_.model;
  json::array messages;
  messages.push_back(json::object{{"role", "system"}, {"content", catalog_->system_prompt()}});
  messages.push_back(json::object{{"role", "user"}, {"content", build_user_prompt(request)}});
  body["messages"] = std::move(messages);
  body["temperature"] = options_.temperature;
  body["max_tokens"] = options_.max_tokens;
  if (options_.json_mode) body["response_format"] = json::object{{"type", "json_object"}};

  HttpRequest http;
  http.method = "POST";
  http.url = url_;
  http.body = json::serialize(body);
  http.headers = {{"content-type", "application/json"}, {"accept", "application/json"}};
  if (!options_.api_key.empty()) {
    http.headers.emplace_back("authorization", "Bearer " + options_.api_key);
  }
  return http;
}

Result<std::string> chat_completion_text(std::string_view body) {
  json::error_code ec;
  const json::value parsed = json::parse(body, ec);
  if (ec || !parsed.is_object()) {
    return tl::unexpected(
        llm_error(llm_reason::kBadEnvelope, "chat-completions body is not a JSON object"));
  }
  const auto* choices = parsed.get_object().if_contains("choices");
  if (choices == nullptr || !choices->is_array() || choices->get_array().empty() ||
      !choices->get_array().front().is_object()) {
    return tl::unexpected(
        llm_error(llm_reason::kBadEnvelope, "chat-completions response has no choices"));
  }
  const auto* message = choices->get_array().front().get_object().if_contains("message");
  if (message == nullptr || !message->is_object()) {
    return tl::unexpected(llm_error(llm_reason::kBadEnvelope, "choices[0] has no message object"));
  }
  const auto* content = message->get_object().if_contains("content");
  if (content == nullptr || !content->is_string()) {
    return tl::unexpected(
        llm_error(llm_reason::kBadEnvelope, "choices[0].message.content is not a string"));
  }
  return std::string(content->get_string());
}

Result<LlmUnderstanding> OpenAiBackend::understand_or_throw(const LlmRequest& request) const {
  auto response = http_->send(build_request(request));
  if (!response) return tl::unexpected(std::move(response).error());
  if (response->status < 200 || response->status > 299) {
    return tl::unexpected(detail::http_status_error("chat-completions server", *response, ""));
  }
  auto text = chat_completion_text(response->body);
  if (!text) return tl::unexpected(std::move(text).error());
  return parse_llm_reply(*text, *catalog_, options_.limits);
}

Result<LlmUnderstanding> OpenAiBackend::understand(const LlmRequest& request) const {
  try {
    return understand_or_throw(request);
  } catch (const std::exception& e) {
    return tl::unexpected(llm_error(llm_reason::kException, e.what()));
  }
}

}  // namespace aicc::nlu
