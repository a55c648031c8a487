// The audit log: who changed what in the administration of AICC, with the resource
// before and after, and when (PRODUCT.md §11). Entries are only ever appended.
#pragma once

#include <optional>
#include <string>

#include "core/clock.h"

namespace aicc {

struct AuditEntry {
  std::string id;
  TimePoint at{};
  std::string actor_id;       // the user who made the change ("" for the CLI)
  std::string actor_name;     // their username at the time, or "cli"
  std::string action;         // e.g. "webhook.create", "agent.update"
  std::string resource_type;  // e.g. "webhook", "agent"
  std::string resource_id;
  std::string before_json;  // the resource before ("null" when created), secrets masked
  std::string after_json;   // … and after ("null" when deleted)
  std::string request_id;   // ties the entry to the access log line
  std::string client_address;
};

// Which entries list_audit_entries returns; unset fields do not filter.
struct AuditFilter {
  std::optional<std::string> resource_type;
  std::optional<std::string> resource_id;
  std::optional<std::string> actor_id;
  std::optional<TimePoint> since;        // at >= since
  std::optional<TimePoint> until;        // at < until
  std::optional<std::string> before_id;  // paging: entries older than this one
  int limit = 100;                       // 1…500
};

}  // namespace aicc
