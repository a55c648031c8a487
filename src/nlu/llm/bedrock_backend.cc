#include "nlu/llm/bedrock_backend.h"

#include <exception>
#include <utility>

#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "nlu/llm/backend_common.h"

namespace aicc::nlu {
namespace json = boost::json;

Result<std::unique_ptr<BedrockBackend>> BedrockBackend::create(
    BedrockOptions options, std::shared_ptr<const IntentCatalog> catalog,
    std::shared_ptr<const HttpClient> http, std::shared_ptr<const Clock> clock) {
  if (options.region.empty() || options.model_id.empty()) {
    return tl::unexpected(llm_error(llm_reason::kConfig, "Bedrock needs a region and a model id"));
  }
  if (options.credentials.access_key_id.empty() || options.credentials.secret_access_key.empty()) {
    return tl::unexpected(llm_error(llm_reason::kConfig,
                                    "Bedrock needs AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY"));
  }
  if (!catalog || !http || !clock) {
    return tl::unexpected(llm_error(llm_reason::kConfig, "Bedrock needs a catalogue, HTTP, clock"));
  }
  const std::string base = options.base_url.empty()
                               ? "https://bedrock-runtime." + options.region + ".amazonaws.com"
                               : options.base_url;
  auto url = detail::parse_base_url(base);
  if (!url) return tl::unexpected(std::move(url).error());

  std::unique_ptr<BedrockBackend> backend(new BedrockBackend());
  backend->origin_ = url->origin;
  backend->authority_ = url->authority;
  // The model id is one path segment: "anthropic.claude-3-sonnet-20240229-v1:0" goes out as
  // "…-v1%3A0", and SigV4 then encodes that once more in the canonical URI.
  backend->path_ = url->path + "/model/" + sigv4::uri_encode(options.model_id, false) + "/invoke";
  backend->options_ = std::move(options);
  backend->catalog_ = std::move(catalog);
  backend->http_ = std::move(http);
  backend->clock_ = std::move(clock);
  return backend;
}

Result<HttpRequest> BedrockBackend::build_request(const LlmRequest& request) const {
  json::object body;
  body["anthropic_version"] = "bedrock-2023-05-31";
  body["max_tokens"] = options_.max_tokens;
  body["temperature"] = options_.temperature;
  body["system"] = catalog_->system_prompt();
  json::array messages;
  messages.push_back(json::object{{"role", "user"}, {"content", build_user_prompt(request)}});
  body["messages"] = std::move(messages);

  HttpRequest http;
  http.method = "POST";
  http.url = origin_ + path_;
  http.body = json::serialize(body);
  http.headers = {
      {"host", authority_}, {"content-type", "application/json"}, {"accept", "application/json"}};

  sigv4::Request to_sign;
  to_sign.method = http.method;
  to_sign.host = authority_;
  to_sign.path = path_;
  to_sign.headers = http.headers;
  to_sign.payload = http.body;
  sigv4::Options sign_options;
  sign_options.region = options_.region;
  sign_options.service = "bedrock";
  sign_options.add_content_sha256 = true;
  auto signature = sigv4::sign(to_sign, options_.credentials, sign_options, clock_->now());
  if (!signature) {
    return tl::unexpected(llm_error(llm_reason::kConfig, signature.error().message));
  }
  for (auto& header : signature->headers) http.headers.push_back(std::move(header));
  return http;
}

Result<std::string> claude_response_text(std::string_view body) {
  json::error_code ec;
  const json::value parsed = json::parse(body, ec);
  if (ec || !parsed.is_object()) {
    return tl::unexpected(
        llm_error(llm_reason::kBadEnvelope, "Bedrock response body is not a JSON object"));
  }
  const auto* content = parsed.get_object().if_contains("content");
  if (content == nullptr || !content->is_array()) {
    return tl::unexpected(
        llm_error(llm_reason::kBadEnvelope, "Bedrock response has no \"content\" array"));
  }
  for (const auto& block : content->get_array()) {
    if (!block.is_object()) continue;
    const auto* type = block.get_object().if_contains("type");
    const auto* text = block.get_object().if_contains("text");
    if (type && type->is_string() && type->get_string() == "text" && text && text->is_string()) {
      return std::string(text->get_string());
    }
  }
  return tl::unexpected(
      llm_error(llm_reason::kBadEnvelope, "Bedrock response has no text content block"));
}

Result<LlmUnderstanding> BedrockBackend::understand_or_throw(const LlmRequest& request) const {
  auto http_request = build_request(request);
  if (!http_request) return tl::unexpected(std::move(http_request).error());
  auto response = http_->send(*http_request);
  if (!response) return tl::unexpected(std::move(response).error());
  if (response->status != 200) {
    return tl::unexpected(detail::http_status_error("Bedrock", *response, "x-amzn-errortype"));
  }
  auto text = claude_response_text(response->body);
  if (!text) return tl::unexpected(std::move(text).error());
  return parse_llm_reply(*text, *catalog_, options_.limits);
}

Result<LlmUnderstanding> BedrockBackend::understand(const LlmRequest& request) const {
  try {
    return understand_or_throw(request);
  } catch (const std::exception& e) {
    return tl::unexpected(llm_error(llm_reason::kException, e.what()));
  }
}

}  // namespace aicc::nlu
