#include "store/api_key_rows.h"

namespace aicc::store {
namespace {

SqlValue optional_time(const std::optional<TimePoint>& t) {
  if (!t) return std::monostate{};
  return to_unix_micros(*t);
}

}  // namespace

std::vector<SqlValue> api_key_values(const ApiKey& k) {
  return {k.id,
          k.name,
          k.prefix,
          k.key_hash,
          std::string(to_string(k.role)),
          k.created_by,
          to_unix_micros(k.created_at),
          optional_time(k.expires_at),
          optional_time(k.revoked_at)};
}

std::string api_key_insert_sql(Dialect dialect) {
  std::string values;
  for (int i = 1; i <= kApiKeyColumnCount; ++i)
    values += (i == 1 ? "" : ", ") +
              (dialect == Dialect::kSqlite ? std::string("?") : "$" + std::to_string(i));
  return "INSERT INTO api_keys (" + std::string(kApiKeyColumns) + ") VALUES (" + values + ")";
}

}  // namespace aicc::store
