// The prompt of the prototype (spec-D §7.4–§7.6): a system prompt listing the bot's intents
// and the 7-field JSON contract, and a user prompt carrying the conversation context.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "nlu/llm/llm_backend.h"

namespace aicc::nlu {

struct IntentSpec {
  std::string name;
  std::string description;
  std::vector<std::string> examples;  // the first three go into the prompt
};

// The intents the LLM may answer with, in prompt order. Immutable once built; share it.
class IntentCatalog {
 public:
  explicit IntentCatalog(std::vector<IntentSpec> intents);

  // The prototype's eight intents with their Korean descriptions and examples (spec-D §7.3).
  static IntentCatalog prototype_defaults();

  const std::vector<IntentSpec>& intents() const { return intents_; }
  bool contains(std::string_view name) const;
  // Built once at construction: the system prompt of spec-D §7.4.
  const std::string& system_prompt() const { return system_prompt_; }

 private:
  std::vector<IntentSpec> intents_;
  std::string system_prompt_;
};

// The catalogue of a bot's intent files (bot/intents/*.json, by file name): "intent", then
// "description" (a string, or {"ko": …, "en": …} — Korean preferred) and "examples" (an
// array, or {"ko": […], "en": […]} — Korean first). out_of_scope files are skipped. Fails with
// kNotFound for a missing directory and kInvalidArgument naming the file otherwise.
Result<IntentCatalog> load_intent_catalog(const std::filesystem::path& dir);

std::string build_system_prompt(const std::vector<IntentSpec>& intents);

// The user message of spec-D §7.6: context lines from the session attributes (or
// "새로운 대화"), then the customer's message in double quotes.
std::string build_user_prompt(const LlmRequest& request);

}  // namespace aicc::nlu
