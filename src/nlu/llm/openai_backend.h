// Any OpenAI-compatible chat-completions server (llama.cpp server, vLLM, Ollama, OpenAI).
//
//   POST {base_url}/v1/chat/completions      Authorization: Bearer {api_key} (when set)
//   {"model":"…","messages":[{"role":"system",…},{"role":"user",…}],"temperature":0.1,
//    "max_tokens":1000,"response_format":{"type":"json_object"}}
//   → 200 {"choices":[{"message":{"role":"assistant","content":"{…7 fields…}"}}], …}
//   → 4xx/5xx {"error":{"message":"…","type":"…"}}
#pragma once

#include <memory>
#include <string>

#include "nlu/llm/http_client.h"
#include "nlu/llm/llm_backend.h"
#include "nlu/llm/prompt.h"
#include "nlu/llm/reply.h"

namespace aicc::nlu {

struct OpenAiOptions {
  // "http://127.0.0.1:8080" or "https://api.openai.com"; a trailing "/v1" is accepted too.
  std::string base_url;
  std::string api_key;  // empty: no Authorization header (local servers)
  std::string model;    // sent as "model"; local servers often ignore it
  // Ask for a JSON object (response_format). Turn off for servers that reject the field.
  bool json_mode = true;
  int max_tokens = 1000;
  double temperature = 0.1;
  ReplyLimits limits;
};

class OpenAiBackend final : public LlmBackend {
 public:
  // Fails (reason config) on a missing or bad base URL.
  static Result<std::unique_ptr<OpenAiBackend>> create(OpenAiOptions options,
                                                       std::shared_ptr<const IntentCatalog> catalog,
                                                       std::shared_ptr<const HttpClient> http);

  Result<LlmUnderstanding> understand(const LlmRequest& request) const override;
  std::string_view name() const override { return "openai"; }

  HttpRequest build_request(const LlmRequest& request) const;

 private:
  OpenAiBackend() = default;
  Result<LlmUnderstanding> understand_or_throw(const LlmRequest& request) const;

  OpenAiOptions options_;
  std::string url_;
  std::shared_ptr<const IntentCatalog> catalog_;
  std::shared_ptr<const HttpClient> http_;
};

// choices[0].message.content of a chat-completions response, or an error (bad_envelope).
Result<std::string> chat_completion_text(std::string_view body);

}  // namespace aicc::nlu
