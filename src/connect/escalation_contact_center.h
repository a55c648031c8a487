// The ContactCenterPort on AICC's own queues, hours and escalations: an hours or queue id
// in a flow (or the last part of a Connect ARN, ".../queue/payment-queue") names a queue of
// the configuration in force (admins edit it live), anything else means the default queue; a
// transfer is an escalation, routed to agents like any other, and refused (QueueAtCapacity) when
// the escalation had to offer a callback instead (outside the queue's hours or with the queue
// full).
#pragma once

#include "connect/contact_center_port.h"
#include "routing/queues.h"
#include "service/escalation_service.h"
#include "store/store.h"

namespace aicc::connect {

class EscalationContactCenter final : public ContactCenterPort {
 public:
  EscalationContactCenter(Store& store, const routing::LiveQueueSet& queues,
                          EscalationService& escalations)
      : store_(store), queues_(queues), escalations_(escalations) {}

  Result<HoursCheck> is_open(std::string_view hours, TimePoint at) override;
  Result<QueueStatus> queue_status(std::string_view queue) override;
  Result<TransferOutcome> transfer(const TransferRequest& request) override;

  // The queue a flow's id or ARN names (the default queue when none matches), as the
  // configuration in force has it now (a copy: an admin may replace it any time).
  routing::QueueDef queue_for(std::string_view id_or_arn) const;

 private:
  Store& store_;
  const routing::LiveQueueSet& queues_;
  EscalationService& escalations_;
};

}  // namespace aicc::connect
