// The ContactCenterPort until queues and business hours are managed objects: the hours
// are the prototype's (spec-D §6.4: weekdays 09–18, weekends 10–17, Asia/Seoul, which has
// no daylight saving), the queue status counts the agents whose state is available, and
// a transfer moves the conversation to `queued` in the store, where agents and
// supervisors see it. Hours and queue ids in flows are not interpreted yet: every id
// means these default hours and the one queue.
#pragma once

#include "connect/contact_center_port.h"
#include "store/store.h"

namespace aicc::connect {

class StoreContactCenter final : public ContactCenterPort {
 public:
  StoreContactCenter(Store& store, const Clock& clock) : store_(store), clock_(clock) {}

  Result<HoursCheck> is_open(std::string_view hours, TimePoint at) override;
  Result<QueueStatus> queue_status(std::string_view queue) override;
  Result<TransferOutcome> transfer(const TransferRequest& request) override;

 private:
  Store& store_;
  const Clock& clock_;
};

// The prototype's schedule (spec-D §6.4) at `at`, computed in Korea time (UTC+9).
HoursCheck default_business_hours(TimePoint at);

}  // namespace aicc::connect
