// The LLM as an optional second opinion: its answer is used when it is valid, and the local
// classifier's otherwise — on error, timeout, invalid JSON, missing fields or an intent the bot
// does not have — with the reason recorded. The local model stays the default and the LLM is
// never needed for a reply.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "core/result.h"
#include "nlu/intent/classifier.h"
#include "nlu/llm/llm_backend.h"

namespace aicc::nlu {

enum class NluSource { kLocal, kLlm };

struct NluDecision {
  NluSource source = NluSource::kLocal;
  std::string intent;  // the chosen intent, or "out_of_scope"
  double confidence = 0;
  bool out_of_scope = false;
  std::optional<LlmUnderstanding> llm;  // the LLM's validated answer when source == kLlm
  // Set when source == kLocal: an llm_reason value ("disabled", "timeout", "invalid_json",
  // "unknown_intent", …) and a human sentence, for logs and metrics.
  std::string fallback_reason;
  std::string fallback_message;
};

// Chooses between the local prediction and the LLM's result. Pure.
NluDecision choose_understanding(const IntentPrediction& local,
                                 const Result<LlmUnderstanding>& llm);

class LlmWithFallback {
 public:
  // A null backend means no LLM: every decision is the local one with reason "disabled".
  explicit LlmWithFallback(std::shared_ptr<const LlmBackend> backend);

  // Asks the backend (blocking, bounded by its timeout) and chooses. Exceptions from the
  // backend are caught and recorded as reason "exception"; nothing propagates.
  NluDecision decide(const IntentPrediction& local, const LlmRequest& request) const;
  bool enabled() const { return backend_ != nullptr; }

 private:
  std::shared_ptr<const LlmBackend> backend_;
};

}  // namespace aicc::nlu
