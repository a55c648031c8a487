// Settings of the optional LLM backend, and the factory that turns them into a backend.
// The platform config maps its keys onto LlmConfig (see docs/nlu.md, "Optional LLM backend");
// this module reads no files and no environment of its own: the caller passes the environment.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/result.h"
#include "nlu/llm/llm_backend.h"
#include "nlu/llm/prompt.h"

namespace aicc::nlu {

enum class LlmProvider { kNone, kBedrock, kOpenAi };

std::string_view to_string(LlmProvider provider);
// "none" (or ""), "bedrock", "openai"; anything else is kInvalidArgument.
Result<LlmProvider> parse_llm_provider(std::string_view text);

inline constexpr std::string_view kDefaultBedrockRegion = "us-east-1";
inline constexpr std::string_view kDefaultBedrockModel = "anthropic.claude-3-sonnet-20240229-v1:0";

struct LlmConfig {
  LlmProvider provider = LlmProvider::kNone;
  std::string region;             // Bedrock; empty: us-east-1
  std::string model_id;           // Bedrock model id (empty: Claude 3 Sonnet) or the OpenAI "model"
  std::string base_url;           // OpenAI: required; Bedrock: optional endpoint override
  std::string api_key;            // OpenAI-compatible bearer key, optional
  std::string access_key_id;      // Bedrock
  std::string secret_access_key;  // Bedrock
  std::string session_token;      // Bedrock, temporary credentials only
  std::chrono::milliseconds timeout{3000};          // total, per request
  std::chrono::milliseconds connect_timeout{1000};  // capped by `timeout`
  std::size_t max_response_bytes = 1024 * 1024;
  int max_tokens = 1000;
  double temperature = 0.1;
  bool json_mode = true;  // OpenAI response_format {"type":"json_object"}
};

// Fills the fields still empty from the environment the caller passes (e.g. a copy of
// environ): AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, BEDROCK_MODEL_ID,
// BEDROCK_REGION. AWS_REGION is not used: it names the Connect region (spec-D §2.5).
LlmConfig with_environment(LlmConfig config, const std::map<std::string, std::string>& env);

// Checks ranges and the fields the provider needs; kInvalidArgument naming the setting.
Status validate(const LlmConfig& config);

// The configured backend with its own libcurl client, or nullptr for provider none.
Result<std::shared_ptr<const LlmBackend>> make_llm_backend(
    const LlmConfig& config, std::shared_ptr<const IntentCatalog> catalog,
    std::shared_ptr<const Clock> clock);

}  // namespace aicc::nlu
