// A customer (Chatwoot's "contact"): who is talking to us, across conversations.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"

namespace aicc {

enum class CustomerTier { kRegular, kVip, kPremium, kCorporate };

std::string_view to_string(CustomerTier t);
std::optional<CustomerTier> parse_customer_tier(std::string_view s);

struct Customer {
  std::string id;
  std::string external_id;  // the integrator's own id (CRM, phone system); empty if none
  std::string name;
  std::string phone;
  std::string email;
  CustomerTier tier = CustomerTier::kRegular;
  std::string language;  // preferred language, "ko" | "en" | empty
  std::vector<std::string> tags;
  std::int64_t escalation_count = 0;
  std::optional<double> satisfaction;  // average CSAT 1–5, once rated
  TimePoint created_at{};
  TimePoint updated_at{};
};

}  // namespace aicc
