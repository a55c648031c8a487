// Escalation reasons and the priority that follows from them (PRODUCT.md §7; the
// prototype's rules in spec-B §1.5.1: never lowered; VIP at least high; a long
// conversation at least medium).
#pragma once

#include <cstdint>
#include <string_view>

namespace aicc::dialogue {

enum class Priority { kLow = 1, kMedium = 2, kHigh = 3, kCritical = 4 };

std::string_view to_string(Priority p);  // "low" | "medium" | "high" | "critical"

// customer_request, complaint, technical_support, payment_issue, urgent_matter,
// bot_limitation, complex_inquiry, system_error.
bool is_escalation_reason(std::string_view reason);

Priority priority_for(std::string_view reason, bool vip, std::int64_t message_count,
                      std::int64_t long_conversation_messages);

}  // namespace aicc::dialogue
