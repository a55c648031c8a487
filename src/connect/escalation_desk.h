// Queues, escalations and the Connect contact center assembled as one, the same way for
// `aicc serve` and `aicc flow run`: the queue configuration in force comes from the store
// (seeded from <bot>/queues.json at the first start, then edited by admins), the
// EscalationService escalates into it, and the ContactCenterPort answers hours checks,
// queue status and transfers with both.
#pragma once

#include <filesystem>
#include <memory>

#include "connect/escalation_contact_center.h"
#include "core/clock.h"
#include "core/ids.h"
#include "core/result.h"
#include "routing/queues.h"
#include "service/escalation_service.h"
#include "service/queue_admin.h"
#include "store/store.h"

namespace aicc::connect {

struct EscalationDesk {
  EscalationDesk(Store& store, routing::QueueSet seed, const Clock& clock, IdGenerator& ids,
                 EscalationSettings settings)
      : queues(std::move(seed)),
        admin(store, queues, clock),
        escalations(store, queues, clock, ids, settings),
        contact_center(store, queues, escalations) {}

  routing::LiveQueueSet queues;
  QueueAdmin admin;
  EscalationService escalations;
  EscalationContactCenter contact_center;
};

// Loads <bot_dir>/queues.json (an error names the file and key), seeds the store with it
// unless it holds a configuration already, and puts the stored one in force.
Result<std::unique_ptr<EscalationDesk>> assemble_escalation_desk(
    Store& store, const std::filesystem::path& bot_dir, const Clock& clock, IdGenerator& ids,
    EscalationSettings settings = {});

}  // namespace aicc::connect
