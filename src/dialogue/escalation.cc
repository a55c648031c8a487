#include "dialogue/escalation.h"

#include <algorithm>
#include <array>

namespace aicc::dialogue {

std::string_view to_string(Priority p) {
  switch (p) {
    case Priority::kLow:
      return "low";
    case Priority::kMedium:
      return "medium";
    case Priority::kHigh:
      return "high";
    case Priority::kCritical:
      return "critical";
  }
  return "medium";
}

namespace {
struct ReasonPriority {
  std::string_view reason;
  Priority base;
};
constexpr std::array<ReasonPriority, 8> kReasons = {{
    {"urgent_matter", Priority::kCritical},
    {"complaint", Priority::kHigh},
    {"payment_issue", Priority::kHigh},
    {"system_error", Priority::kHigh},
    {"technical_support", Priority::kMedium},
    {"complex_inquiry", Priority::kMedium},
    {"customer_request", Priority::kLow},
    {"bot_limitation", Priority::kLow},
}};
}  // namespace

bool is_escalation_reason(std::string_view reason) {
  return std::any_of(kReasons.begin(), kReasons.end(),
                     [&](const ReasonPriority& r) { return r.reason == reason; });
}

Priority priority_for(std::string_view reason, bool vip, std::int64_t message_count,
                      std::int64_t long_conversation_messages) {
  Priority p = Priority::kMedium;
  for (const auto& r : kReasons)
    if (r.reason == reason) p = r.base;
  if (vip && p < Priority::kHigh) return Priority::kHigh;
  if (message_count > long_conversation_messages && p < Priority::kMedium) return Priority::kMedium;
  return p;
}

}  // namespace aicc::dialogue
