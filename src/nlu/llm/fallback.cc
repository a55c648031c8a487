#include "nlu/llm/fallback.h"

#include <exception>
#include <utility>

#include "nlu/llm/reply.h"

namespace aicc::nlu {
namespace {

NluDecision local_decision(const IntentPrediction& local, std::string_view reason,
                           std::string message) {
  NluDecision d;
  d.source = NluSource::kLocal;
  d.intent = local.out_of_scope ? std::string(kOutOfScopeIntent) : local.intent;
  d.confidence = local.confidence;
  d.out_of_scope = local.out_of_scope;
  d.fallback_reason = std::string(reason);
  d.fallback_message = std::move(message);
  return d;
}

}  // namespace

NluDecision choose_understanding(const IntentPrediction& local,
                                 const Result<LlmUnderstanding>& llm) {
  if (!llm) {
    const auto it = llm.error().details.find("reason");
    const std::string_view reason =
        it != llm.error().details.end() ? std::string_view(it->second) : llm_reason::kException;
    return local_decision(local, reason, llm.error().message);
  }
  if (!llm->unknown_intent.empty()) {
    return local_decision(
        local, llm_reason::kUnknownIntent,
        "the LLM answered intent \"" + llm->unknown_intent + "\", which the bot does not have");
  }
  NluDecision d;
  d.source = NluSource::kLlm;
  d.intent = llm->intent;
  d.confidence = llm->confidence;
  d.out_of_scope = llm->intent == kOutOfScopeIntent;
  d.llm = *llm;
  return d;
}

LlmWithFallback::LlmWithFallback(std::shared_ptr<const LlmBackend> backend)
    : backend_(std::move(backend)) {}

NluDecision LlmWithFallback::decide(const IntentPrediction& local,
                                    const LlmRequest& request) const {
  if (backend_ == nullptr) {
    return local_decision(local, llm_reason::kDisabled, "no LLM backend is configured");
  }
  try {
    return choose_understanding(local, backend_->understand(request));
  } catch (const std::exception& e) {
    return local_decision(local, llm_reason::kException, e.what());
  } catch (...) {
    return local_decision(local, llm_reason::kException, "unknown exception");
  }
}

}  // namespace aicc::nlu
