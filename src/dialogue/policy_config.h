// The dialogue policy's rules and texts, as bot data: bot/policy.json (what each intent
// does, the escalation triggers and their limits) and bot/responses.json (everything the
// bot says outside scenarios and FAQ answers, in Korean and English). Validated on load:
// an error names the file and the key.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "nlu/text/language.h"

namespace aicc::dialogue {

// What a confident intent makes the bot do.
struct IntentAction {
  enum class Kind { kGreet, kGoodbye, kScenario, kFaq, kEscalate, kReply };
  Kind kind = Kind::kFaq;
  std::string scenario;  // kScenario: the scenario to start
  std::string reason;    // kEscalate: the escalation reason
  std::string reply;     // kReply, or kFaq when no FAQ entry is confident: a response key
};

struct EscalationRules {
  int invalid_inputs = 3;  // consecutive invalid scenario answers (scenario retry limit)
  int anger_window = 3;    // anger in any of the last N customer messages
  int repeat_intent = 3;   // the same intent N times in a row
  int max_turns = 8;       // more than N customer turns without resolution
  int vip_turns = 3;       // a VIP with N+ turns
  int long_conversation_messages = 10;  // more messages: priority at least medium
  // Words that turn a payment question into a payment problem (lower-cased substrings).
  std::vector<std::string> payment_error_cues;
};

struct PolicyConfig {
  std::map<std::string, IntentAction> intent_actions;
  EscalationRules escalation;
  int offer_agent_after_misses = 2;
  std::optional<double> faq_auto_answer_threshold;  // unset: the FAQ module's own
};

// Texts by key and language, with {name} placeholders.
class Responses {
 public:
  // The text for `key` in `language`; an empty string if the key is unknown (load()
  // guarantees the keys the policy uses).
  const std::string& text(std::string_view key, nlu::Language language) const;
  std::vector<std::string> list(std::string_view key, nlu::Language language) const;
  // The intent's display name ("주문 조회"), or the intent id if none is given.
  std::string intent_label(std::string_view intent, nlu::Language language) const;

  // Every key the dialogue policy needs.
  static const std::vector<std::string>& required_keys();

  std::map<std::string, std::map<std::string, std::string>, std::less<>>
      texts;  // key → lang → text
  std::map<std::string, std::map<std::string, std::vector<std::string>>, std::less<>> lists;
  std::map<std::string, std::map<std::string, std::string>, std::less<>> intent_labels;
};

Result<PolicyConfig> load_policy_config(const std::filesystem::path& file);
Result<Responses> load_responses(const std::filesystem::path& file);

// "{name}" → value, for each pair; unknown placeholders are left as they are.
std::string fill_template(std::string_view text,
                          const std::vector<std::pair<std::string, std::string>>& values);

}  // namespace aicc::dialogue
