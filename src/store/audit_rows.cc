#include "store/audit_rows.h"

namespace aicc::store {

Status check_audit_entry(const AuditEntry& e) {
  if (e.id.empty() || e.action.empty() || e.resource_type.empty())
    return make_error(ErrorCode::kInvalidArgument,
                      "an audit entry needs an id, an action and a resource type");
  return {};
}

Status check_audit_filter(const AuditFilter& f) {
  if (f.limit < 1 || f.limit > 500)
    return make_error(ErrorCode::kInvalidArgument, "limit must be between 1 and 500",
                      {{"field", "limit"}});
  return {};
}

std::vector<SqlValue> audit_values(const AuditEntry& e) {
  return {e.id,         to_unix_micros(e.at), e.actor_id,      e.actor_name,
          e.action,     e.resource_type,      e.resource_id,   e.before_json,
          e.after_json, e.request_id,         e.client_address};
}

std::string audit_insert_sql(Dialect dialect) {
  std::string values;
  for (int i = 1; i <= kAuditColumnCount; ++i)
    values += (i == 1 ? "" : ", ") +
              (dialect == Dialect::kSqlite ? std::string("?") : "$" + std::to_string(i));
  return "INSERT INTO audit_log (" + std::string(kAuditColumns) + ") VALUES (" + values + ")";
}

std::string audit_list_sql(Dialect dialect, const AuditFilter& f, std::vector<SqlValue>& params) {
  auto next = [&](SqlValue v) {
    params.push_back(std::move(v));
    return dialect == Dialect::kSqlite ? std::string("?") : "$" + std::to_string(params.size());
  };
  std::string where;
  auto add = [&](const std::string& condition) {
    where += (where.empty() ? "WHERE " : " AND ") + condition;
  };
  if (f.resource_type) add("resource_type = " + next(*f.resource_type));
  if (f.resource_id) add("resource_id = " + next(*f.resource_id));
  if (f.actor_id) add("actor_id = " + next(*f.actor_id));
  if (f.since) add("at >= " + next(to_unix_micros(*f.since)));
  if (f.until) add("at < " + next(to_unix_micros(*f.until)));
  if (f.before_id) {
    const std::string a = next(*f.before_id);
    const std::string b = next(*f.before_id);
    const std::string c = next(*f.before_id);
    add("(at < (SELECT at FROM audit_log WHERE id = " + a +
        ") OR (at = (SELECT at FROM audit_log WHERE id = " + b + ") AND id < " + c + "))");
  }
  return select_from(kAuditColumns, "audit_log") + where + " ORDER BY at DESC, id DESC LIMIT " +
         next(std::int64_t{f.limit});
}

}  // namespace aicc::store
