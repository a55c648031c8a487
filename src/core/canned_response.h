// A canned response: a reply an agent picks from a list (or by its shortcut, "/refund")
// instead of typing it. Admins manage them (PRODUCT.md §9); agents read them.
#pragma once

#include <optional>
#include <string>

#include "core/clock.h"

namespace aicc {

// Limits, in Unicode code points (the text's is a customer-visible message's).
inline constexpr std::size_t kMaxCannedTitleChars = 100;
inline constexpr std::size_t kMaxCannedTextChars = 1000;
// A shortcut is "/" and 1…32 of [a-z0-9_-].
inline constexpr std::size_t kMaxCannedShortcutChars = 33;

struct CannedResponse {
  std::string id;
  std::string title;     // what the agent sees in the list
  std::string text;      // what the customer receives
  std::string language;  // "ko" | "en"
  std::string queue;     // the queue it is meant for; empty: every queue
  std::string shortcut;  // e.g. "/refund"; empty: none. Unique per language.
  TimePoint created_at{};
  TimePoint updated_at{};
};

// What is wrong with a canned response, or nullopt. `field` names the offending field.
struct CannedProblem {
  std::string field;
  std::string message;
};
std::optional<CannedProblem> canned_response_problem(const CannedResponse& c);

}  // namespace aicc
