#include "store/escalation_guard.h"

#include <algorithm>
#include <string>

namespace aicc::store {

Status check_escalation_update(const Escalation& stored, const std::vector<EscalationState>& from,
                               std::optional<std::string_view> agent_id) {
  const std::string state(to_string(stored.state));
  if (agent_id && stored.agent_id != *agent_id)
    return make_error(ErrorCode::kConflict,
                      "escalation " + stored.id + " is not with agent " + std::string(*agent_id),
                      {{"reason", "not_yours"}, {"state", state}});
  if (std::find(from.begin(), from.end(), stored.state) == from.end())
    return make_error(ErrorCode::kConflict, "escalation " + stored.id + " is " + state,
                      {{"state", state}});
  return {};
}

}  // namespace aicc::store
