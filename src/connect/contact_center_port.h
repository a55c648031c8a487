// What a Connect contact needs from the contact center around the bot: business hours,
// queue status, and handing a contact to a queue. The Lambda endpoint and the flow
// simulator ask through this port only, so the queues and hours that AICC manages can be
// plugged in without touching either.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/result.h"

namespace aicc::connect {

struct HoursCheck {
  bool open = false;
  std::string schedule;  // the opening hours in words, for the customer ("평일 오전 9시부터 …")
};

struct QueueStatus {
  int available_agents = 0;
  std::optional<int> waiting;           // contacts in the queue, when known
  std::optional<int> estimated_wait_s;  // when known
};

struct TransferRequest {
  std::string conversation_id;  // the contact's conversation
  std::string queue;            // a queue id or ARN as the flow names it; empty: the default
  std::string reason;           // customer_request | bot_limitation | callback | …
  std::string priority;         // low | medium | high | urgent; empty: the queue's default
};

struct TransferOutcome {
  bool accepted = false;  // false: the queue is at capacity (Connect's QueueAtCapacity)
  std::string queue;      // the queue the contact waits in
};

class ContactCenterPort {
 public:
  virtual ~ContactCenterPort() = default;
  // Whether `hours` (an hours-of-operation id or ARN; empty: the default hours) are open
  // at `at`.
  virtual Result<HoursCheck> is_open(std::string_view hours, TimePoint at) = 0;
  virtual Result<QueueStatus> queue_status(std::string_view queue) = 0;
  // Puts the conversation in the queue (an escalation). Repeating it for a conversation
  // that already waits is not an error.
  virtual Result<TransferOutcome> transfer(const TransferRequest& request) = 0;
};

}  // namespace aicc::connect
