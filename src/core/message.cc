#include "core/message.h"

namespace aicc {

std::string_view to_string(Sender s) {
  switch (s) {
    case Sender::kCustomer:
      return "customer";
    case Sender::kBot:
      return "bot";
    case Sender::kAgent:
      return "agent";
    case Sender::kSystem:
      return "system";
  }
  return "system";
}

std::optional<Sender> parse_sender(std::string_view s) {
  for (auto v : {Sender::kCustomer, Sender::kBot, Sender::kAgent, Sender::kSystem})
    if (to_string(v) == s) return v;
  return std::nullopt;
}

}  // namespace aicc
