// How audit entries map to rows, and the SQL both backends share (row_codec.h
// conventions; parameters "?" for SQLite, "$n" for PostgreSQL).
#pragma once

#include <string>
#include <vector>

#include "core/audit.h"
#include "store/faq_rows.h"
#include "store/row_codec.h"

namespace aicc::store {

inline constexpr std::string_view kAuditColumns =
    "id, at, actor_id, actor_name, action, resource_type, resource_id, before_json, after_json, "
    "request_id, client_address";
inline constexpr int kAuditColumnCount = 11;

// kInvalidArgument for an empty id, action or resource type, or a limit outside 1…500.
Status check_audit_entry(const AuditEntry& e);
Status check_audit_filter(const AuditFilter& f);

std::vector<SqlValue> audit_values(const AuditEntry& e);
std::string audit_insert_sql(Dialect dialect);
// "SELECT … WHERE <the filter's set fields> ORDER BY at DESC, id DESC LIMIT n", with the
// parameters appended to `params`.
std::string audit_list_sql(Dialect dialect, const AuditFilter& filter,
                           std::vector<SqlValue>& params);

template <typename Row>
AuditEntry audit_from_row(const Row& r) {
  AuditEntry e;
  e.id = r.text(0);
  e.at = from_unix_micros(r.i64(1));
  e.actor_id = r.text(2);
  e.actor_name = r.text(3);
  e.action = r.text(4);
  e.resource_type = r.text(5);
  e.resource_id = r.text(6);
  e.before_json = r.text(7);
  e.after_json = r.text(8);
  e.request_id = r.text(9);
  e.client_address = r.text(10);
  return e;
}

}  // namespace aicc::store
