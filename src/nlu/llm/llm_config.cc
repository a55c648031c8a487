#include "nlu/llm/llm_config.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "nlu/llm/bedrock_backend.h"
#include "nlu/llm/http_client.h"
#include "nlu/llm/openai_backend.h"

namespace aicc::nlu {
namespace {

void fill(std::string& field, const std::map<std::string, std::string>& env,
          const std::string& name) {
  if (!field.empty()) return;
  if (const auto it = env.find(name); it != env.end()) field = it->second;
}

tl::unexpected<Error> bad(std::string setting, std::string message) {
  return make_error(ErrorCode::kInvalidArgument, "llm." + setting + ": " + message,
                    {{"setting", "llm." + setting}});
}

}  // namespace

std::string_view to_string(LlmProvider provider) {
  switch (provider) {
    case LlmProvider::kNone:
      return "none";
    case LlmProvider::kBedrock:
      return "bedrock";
    case LlmProvider::kOpenAi:
      return "openai";
  }
  return "none";
}

Result<LlmProvider> parse_llm_provider(std::string_view text) {
  if (text.empty() || text == "none") return LlmProvider::kNone;
  if (text == "bedrock") return LlmProvider::kBedrock;
  if (text == "openai") return LlmProvider::kOpenAi;
  return bad("provider", "expected none, bedrock or openai, got \"" + std::string(text) + "\"");
}

LlmConfig with_environment(LlmConfig config, const std::map<std::string, std::string>& env) {
  fill(config.access_key_id, env, "AWS_ACCESS_KEY_ID");
  fill(config.secret_access_key, env, "AWS_SECRET_ACCESS_KEY");
  fill(config.session_token, env, "AWS_SESSION_TOKEN");
  if (config.provider == LlmProvider::kBedrock) {
    fill(config.model_id, env, "BEDROCK_MODEL_ID");
    fill(config.region, env, "BEDROCK_REGION");
  }
  return config;
}

Status validate(const LlmConfig& config) {
  using std::chrono::milliseconds;
  if (config.timeout < milliseconds(50) || config.timeout > milliseconds(120000)) {
    return bad("timeout_ms", "must be within 50..120000");
  }
  if (config.connect_timeout < milliseconds(10)) {
    return bad("connect_timeout_ms", "must be at least 10");
  }
  if (config.max_response_bytes < 1024 || config.max_response_bytes > (64u << 20)) {
    return bad("max_response_bytes", "must be within 1 KiB..64 MiB");
  }
  if (config.max_tokens < 1 || config.max_tokens > 100000) {
    return bad("max_tokens", "must be within 1..100000");
  }
  if (!std::isfinite(config.temperature) || config.temperature < 0 || config.temperature > 2) {
    return bad("temperature", "must be within 0..2");
  }
  if (config.provider == LlmProvider::kBedrock &&
      (config.access_key_id.empty() || config.secret_access_key.empty())) {
    return bad("access_key_id", "Bedrock needs AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY");
  }
  if (config.provider == LlmProvider::kOpenAi && config.base_url.empty()) {
    return bad("base_url", "the openai provider needs a base URL");
  }
  return {};
}

Result<std::shared_ptr<const LlmBackend>> make_llm_backend(
    const LlmConfig& config, std::shared_ptr<const IntentCatalog> catalog,
    std::shared_ptr<const Clock> clock) {
  if (auto ok = validate(config); !ok) return tl::unexpected(std::move(ok).error());
  if (config.provider == LlmProvider::kNone) return std::shared_ptr<const LlmBackend>();

  HttpOptions http_options;
  http_options.total_timeout = config.timeout;
  http_options.connect_timeout = std::min(config.connect_timeout, config.timeout);
  http_options.max_response_bytes = config.max_response_bytes;
  auto http = std::make_shared<const CurlHttpClient>(http_options);

  if (config.provider == LlmProvider::kBedrock) {
    BedrockOptions options;
    options.region = config.region.empty() ? std::string(kDefaultBedrockRegion) : config.region;
    options.model_id =
        config.model_id.empty() ? std::string(kDefaultBedrockModel) : config.model_id;
    options.base_url = config.base_url;
    options.credentials = {config.access_key_id, config.secret_access_key, config.session_token};
    options.max_tokens = config.max_tokens;
    options.temperature = config.temperature;
    auto backend = BedrockBackend::create(std::move(options), std::move(catalog), std::move(http),
                                          std::move(clock));
    if (!backend) return tl::unexpected(std::move(backend).error());
    return std::shared_ptr<const LlmBackend>(std::move(*backend));
  }
  OpenAiOptions options;
  options.base_url = config.base_url;
  options.api_key = config.api_key;
  options.model = config.model_id;
  options.json_mode = config.json_mode;
  options.max_tokens = config.max_tokens;
  options.temperature = config.temperature;
  auto backend = OpenAiBackend::create(std::move(options), std::move(catalog), std::move(http));
  if (!backend) return tl::unexpected(std::move(backend).error());
  return std::shared_ptr<const LlmBackend>(std::move(*backend));
}

}  // namespace aicc::nlu
