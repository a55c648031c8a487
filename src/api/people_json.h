// Users and agents as API resources. A password hash never appears in any of them.
#pragma once

#include <optional>
#include <vector>

#include "api/json_io.h"
#include "core/agent.h"
#include "core/user.h"

namespace aicc::api {

json::object to_json(const User& u);
// The agent with its state and the whole seconds spent in it at `now`.
json::object to_json(const Agent& a, TimePoint now);

// Reads "skills": [{"name": "billing", "level": 3}, …] with FieldReader's errors
// (details.field "skills[1].level"); nullopt when absent or on error (see f.ok()).
std::optional<std::vector<AgentSkill>> read_skills(FieldReader& f);

}  // namespace aicc::api
