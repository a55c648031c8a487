// Amazon Bedrock InvokeModel with an Anthropic Claude model (messages API body, spec-D §7.7),
// signed with AWS Signature Version 4 (service "bedrock").
//
//   POST https://bedrock-runtime.{region}.amazonaws.com/model/{modelId}/invoke
//   {"anthropic_version":"bedrock-2023-05-31","max_tokens":1000,"temperature":0.1,
//    "system":"…","messages":[{"role":"user","content":"…"}]}
//   → 200 {"content":[{"type":"text","text":"{…7 fields…}"}], "stop_reason":"end_turn", …}
//   → 4xx/5xx {"message":"…"} with header x-amzn-ErrorType (ThrottlingException, …)
#pragma once

#include <memory>
#include <string>

#include "core/clock.h"
#include "nlu/llm/http_client.h"
#include "nlu/llm/llm_backend.h"
#include "nlu/llm/prompt.h"
#include "nlu/llm/reply.h"
#include "nlu/llm/sigv4.h"

namespace aicc::nlu {

struct BedrockOptions {
  std::string region = "us-east-1";
  std::string model_id = "anthropic.claude-3-sonnet-20240229-v1:0";
  // Empty: https://bedrock-runtime.{region}.amazonaws.com. Set for tests or a VPC endpoint.
  std::string base_url;
  sigv4::Credentials credentials;
  int max_tokens = 1000;
  double temperature = 0.1;
  ReplyLimits limits;
};

class BedrockBackend final : public LlmBackend {
 public:
  // Fails (reason config) on a missing region, model id or credentials, or a bad base URL.
  static Result<std::unique_ptr<BedrockBackend>> create(
      BedrockOptions options, std::shared_ptr<const IntentCatalog> catalog,
      std::shared_ptr<const HttpClient> http, std::shared_ptr<const Clock> clock);

  Result<LlmUnderstanding> understand(const LlmRequest& request) const override;
  std::string_view name() const override { return "bedrock"; }

  // The signed request understand() sends (exposed for tests and diagnostics).
  Result<HttpRequest> build_request(const LlmRequest& request) const;

 private:
  BedrockBackend() = default;
  Result<LlmUnderstanding> understand_or_throw(const LlmRequest& request) const;

  BedrockOptions options_;
  std::string origin_;     // scheme://host[:port]
  std::string authority_;  // host[:port], signed as the Host header
  std::string path_;       // base path + /model/{encoded id}/invoke
  std::shared_ptr<const IntentCatalog> catalog_;
  std::shared_ptr<const HttpClient> http_;
  std::shared_ptr<const Clock> clock_;
};

// The text of the first "text" block of a Claude messages response, or an error (bad_envelope).
Result<std::string> claude_response_text(std::string_view body);

}  // namespace aicc::nlu
