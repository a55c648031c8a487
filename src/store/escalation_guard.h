// The compare-and-set rule of an escalation update, shared by both backends: each reads
// (and on PostgreSQL locks) the stored row inside its transaction, asks this whether the
// update may go on, and writes only when it may — so SQLite and PostgreSQL refuse the same
// updates with the same errors.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "core/escalation.h"
#include "core/result.h"

namespace aicc::store {

// kConflict (reason not_yours, and the stored state) when `agent_id` is given and the
// stored escalation is not with that agent; kConflict (the stored state) when its state is
// none of `from`; otherwise success.
Status check_escalation_update(const Escalation& stored, const std::vector<EscalationState>& from,
                               std::optional<std::string_view> agent_id);

}  // namespace aicc::store
