// Records administrative changes in the store's audit log: who (the logged-in user, or the
// CLI), what (an action on a resource, with the resource before and after as JSON), when,
// and from which request. Callers record after their change succeeded; a failure to record
// is logged as an error, not returned, because the change itself has already happened.
#pragma once

#include <string>

#include "core/audit.h"
#include "core/clock.h"
#include "core/ids.h"
#include "store/store.h"

namespace aicc {

struct AuditActor {
  std::string user_id;   // "" for the CLI
  std::string username;  // "cli" for the CLI
  std::string request_id;
  std::string client_address;
};

class AuditLog {
 public:
  AuditLog(Store& store, const Clock& clock, IdGenerator& ids)
      : store_(store), clock_(clock), ids_(ids) {}

  // `before_json` / `after_json`: the resource as JSON, "null" when it did not / no longer
  // exists. They must not hold secrets (callers leave them out).
  void record(const AuditActor& actor, std::string action, std::string resource_type,
              std::string resource_id, std::string before_json, std::string after_json);

 private:
  Store& store_;
  const Clock& clock_;
  IdGenerator& ids_;
};

}  // namespace aicc
