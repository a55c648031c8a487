// How API keys map to rows, and the SQL both backends share (row_codec.h conventions;
// parameters "?" for SQLite, "$n" for PostgreSQL).
#pragma once

#include <string>
#include <vector>

#include "core/api_key.h"
#include "store/faq_rows.h"
#include "store/row_codec.h"

namespace aicc::store {

inline constexpr std::string_view kApiKeyColumns =
    "id, name, prefix, key_hash, role, created_by, created_at, expires_at, revoked_at";
inline constexpr int kApiKeyColumnCount = 9;

std::vector<SqlValue> api_key_values(const ApiKey& k);
std::string api_key_insert_sql(Dialect dialect);

template <typename Row>
ApiKey api_key_from_row(const Row& r) {
  ApiKey k;
  k.id = r.text(0);
  k.name = r.text(1);
  k.prefix = r.text(2);
  k.key_hash = r.text(3);
  k.role = parse_role(r.text(4)).value_or(Role::kAgent);
  k.created_by = r.text(5);
  k.created_at = from_unix_micros(r.i64(6));
  if (!r.is_null(7)) k.expires_at = from_unix_micros(r.i64(7));
  if (!r.is_null(8)) k.revoked_at = from_unix_micros(r.i64(8));
  return k;
}

}  // namespace aicc::store
