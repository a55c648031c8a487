// Strict parsing of the LLM's 7-field JSON reply (spec-D §7.5), and the error values every
// LLM failure is reported with.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "core/result.h"
#include "nlu/llm/llm_backend.h"
#include "nlu/llm/prompt.h"

namespace aicc::nlu {

// Bounds on what a reply may carry; anything larger is rejected as out of range.
struct ReplyLimits {
  std::size_t max_intent_bytes = 128;
  std::size_t max_text_bytes = 16 * 1024;  // reasoning, response_text, each value
  std::size_t max_entities = 64;
  std::size_t max_suggested_actions = 16;
};

// Parses the model's text. As the prototype does, the JSON object is the span from the first
// '{' to the last '}', so prose or a ```json fence around it is tolerated. Then, unlike the
// prototype, nothing is defaulted: all seven fields must be present with their types
// (intent, reasoning, response_text, next_action: strings; confidence: a number in [0, 1];
// entities: an object of strings; suggested_actions: an array of strings). An intent outside
// the catalogue becomes out_of_scope with `unknown_intent` set; "out_of_scope" itself is
// accepted. Failures carry reason invalid_json, missing_field, wrong_type or out_of_range.
Result<LlmUnderstanding> parse_llm_reply(std::string_view text, const IntentCatalog& catalog,
                                         const ReplyLimits& limits = {});

// An Error for an LLM failure: its code follows from the reason (llm_reason), and its details
// hold "reason" plus `details`.
Error llm_error(std::string_view reason, std::string message,
                std::map<std::string, std::string> details = {});

}  // namespace aicc::nlu
