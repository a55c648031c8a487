#include "core/customer.h"

namespace aicc {

std::string_view to_string(CustomerTier t) {
  switch (t) {
    case CustomerTier::kRegular:
      return "regular";
    case CustomerTier::kVip:
      return "vip";
    case CustomerTier::kPremium:
      return "premium";
    case CustomerTier::kCorporate:
      return "corporate";
  }
  return "regular";
}

std::optional<CustomerTier> parse_customer_tier(std::string_view s) {
  for (auto t : {CustomerTier::kRegular, CustomerTier::kVip, CustomerTier::kPremium,
                 CustomerTier::kCorporate})
    if (to_string(t) == s) return t;
  return std::nullopt;
}

}  // namespace aicc
