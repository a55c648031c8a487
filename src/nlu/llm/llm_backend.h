// The optional LLM backend of the NLU: one interface in front of Amazon Bedrock (Claude) and
// OpenAI-compatible chat-completions servers. The LLM is asked for the prototype's 7-field
// JSON reply (spec-D §7.5); its answer is validated strictly before anyone sees it, and the
// caller falls back to the local classifier on any failure (fallback.h).
//
//   auto catalog = std::make_shared<const IntentCatalog>(IntentCatalog::prototype_defaults());
//   auto backend = make_llm_backend(config, catalog, clock);   // llm_config.h
//   Result<LlmUnderstanding> r = (*backend)->understand({.text = "결제가 안돼요"});
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace aicc::nlu {

// The intent name used when a message fits none of the bot's intents.
inline constexpr std::string_view kOutOfScopeIntent = "out_of_scope";

// What the LLM is asked about one message.
struct LlmRequest {
  std::string text;
  // Conversation context (spec-D §7.6); only these keys are used, in this order when present:
  // user_id, last_intent, conversation_stage, customer_mood.
  std::map<std::string, std::string> session_attributes;
};

// The validated 7-field reply of spec-D §7.5.
struct LlmUnderstanding {
  std::string intent;                           // one of the catalogue's intents, or "out_of_scope"
  double confidence = 0;                        // in [0, 1]
  std::map<std::string, std::string> entities;  // free-form keys chosen by the model
  std::string reasoning;                        // the model's rationale
  std::string response_text;                    // suggested reply to the customer
  std::string next_action;  // continue, clarify, escalate, retry, … (as given)
  std::vector<std::string> suggested_actions;
  // Set when the model named an intent outside the catalogue; `intent` is then out_of_scope.
  std::string unknown_intent;
};

// Error details of a failed understand() carry "reason" with one of these values, so the
// fallback can say why without parsing messages.
namespace llm_reason {
inline constexpr std::string_view kDisabled = "disabled";
inline constexpr std::string_view kConfig = "config";
inline constexpr std::string_view kTimeout = "timeout";
inline constexpr std::string_view kConnect = "connect";
inline constexpr std::string_view kTransport = "transport";
inline constexpr std::string_view kTooLarge = "too_large";
inline constexpr std::string_view kHttpStatus = "http_status";
inline constexpr std::string_view kBadEnvelope = "bad_envelope";  // provider JSON around the reply
inline constexpr std::string_view kInvalidJson = "invalid_json";  // the reply is not JSON
inline constexpr std::string_view kMissingField = "missing_field";
inline constexpr std::string_view kWrongType = "wrong_type";
inline constexpr std::string_view kOutOfRange = "out_of_range";
inline constexpr std::string_view kUnknownIntent = "unknown_intent";
inline constexpr std::string_view kException = "exception";
}  // namespace llm_reason

class LlmBackend {
 public:
  virtual ~LlmBackend() = default;
  // Blocking; bounded by the configured total timeout. Never throws: every failure is an
  // Error whose details hold "reason" (llm_reason) and, for HTTP failures, "status".
  virtual Result<LlmUnderstanding> understand(const LlmRequest& request) const = 0;
  // "bedrock" or "openai", for logs and the fallback record.
  virtual std::string_view name() const = 0;
};

}  // namespace aicc::nlu
