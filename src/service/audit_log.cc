#include "service/audit_log.h"

#include "platform/log.h"

namespace aicc {

void AuditLog::record(const AuditActor& actor, std::string action, std::string resource_type,
                      std::string resource_id, std::string before_json, std::string after_json) {
  AuditEntry e;
  e.id = ids_.uuid();
  e.at = clock_.now();
  e.actor_id = actor.user_id;
  e.actor_name = actor.username;
  e.action = std::move(action);
  e.resource_type = std::move(resource_type);
  e.resource_id = std::move(resource_id);
  e.before_json = before_json.empty() ? "null" : std::move(before_json);
  e.after_json = after_json.empty() ? "null" : std::move(after_json);
  e.request_id = actor.request_id;
  e.client_address = actor.client_address;
  if (auto st = store_.append_audit_entry(e); !st)
    log::error("audit entry not recorded", {{"action", e.action},
                                            {"resource_type", e.resource_type},
                                            {"resource_id", e.resource_id},
                                            {"actor", e.actor_name},
                                            {"error", st.error().message}});
}

}  // namespace aicc
