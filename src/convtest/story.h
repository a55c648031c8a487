// Conversation tests as data (like Rasa's test stories): a story is a whole conversation
// — customer turns, each followed by what the bot must do. Stories live in YAML files; the
// format is documented in docs/bot-authoring.md ("Conversation tests").
//
//   stories:
//     - story: reservation in Korean
//       language: ko                      # ko | en; omitted: detected from the first turn
//       tier: vip                         # customer tier; default regular
//       now: 2026-03-02T10:00:00+09:00    # the clock for relative dates (내일, tomorrow)
//       welcome: {quick_replies_contain: 상품 문의}
//       turns:
//         - user: 예약하고 싶어요
//           decision: scenario_start
//           scenario: reservation
//
// Loading is strict: a malformed file, an unknown key or a bad value is an error naming
// the file and line, so a typo can never silently turn an expectation off.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/customer.h"
#include "core/result.h"

namespace aicc::convtest {

// One expectation on a bot turn: `key` compared with one value.
struct Check {
  enum class Kind {
    kIntent,               // the understood intent, or out_of_scope
    kDecision,             // the policy's decision name
    kReasonContains,       // substring of the decision's reason
    kReplyContains,        // substring of the reply text
    kReplyNotContains,     // must not be a substring of the reply text
    kQuickRepliesContain,  // one of the chips, exactly
    kSentiment,            // negative | neutral | positive
    kFaq,                  // FAQ entry id
    kScenario,             // scenario id of the turn
    kStep,                 // step id the scenario is now at
    kPercent,              // progress percent
    kEscalationReason,     // reason, or "none" for no escalation
    kEscalationPriority,   // low | medium | high | critical
    kConversationState,    // bot | queued | closed … after the turn
    kNoReply,              // "true": the bot must stay silent (people handle it)
  };
  Kind kind;
  std::string expected;
  int line = 0;
};

// The expectation key as written in a story file.
std::string_view key_name(Check::Kind kind);

struct Turn {
  std::string user;
  int line = 0;
  std::vector<Check> checks;
};

struct Story {
  std::string name;
  std::filesystem::path file;
  int line = 0;
  std::string language;  // "ko" | "en" | empty
  std::optional<CustomerTier> tier;
  std::optional<TimePoint> now;
  std::vector<Check> welcome;  // on the greeting sent when the conversation opens
  std::vector<Turn> turns;
};

// The start of every story's clock unless it sets `now`: a Monday morning in Seoul.
TimePoint default_story_time();

// Stories of one YAML file. Errors are "FILE:LINE: problem".
Result<std::vector<Story>> load_story_file(const std::filesystem::path& file);
// Every *.yaml / *.yml file of `dir` in name order. Story names must be unique.
Result<std::vector<Story>> load_story_dir(const std::filesystem::path& dir);

}  // namespace aicc::convtest
