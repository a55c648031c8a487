// Versioned schema migrations. Each backend keeps its own list (the SQL dialects
// differ) of the same logical schema: version N means the same tables, columns and
// constraints on SQLite and on PostgreSQL. Versions start at 1 and have no gaps.
//
// A shipped migration is never edited, only followed by a new one. Each migration
// runs in its own transaction together with its row in
//   schema_migrations(version INTEGER PRIMARY KEY, applied_at BIGINT unix micros).
#pragma once

#include <span>
#include <string_view>

#include "core/result.h"

namespace aicc::store {

struct Migration {
  int version;
  std::string_view name;
  std::string_view sql;  // one or more statements, no parameters
};

std::span<const Migration> sqlite_migrations();
std::span<const Migration> postgres_migrations();

// The highest version in `migrations`.
int latest_version(std::span<const Migration> migrations);

// kFailedPrecondition when the database was migrated by a newer binary: running
// against a schema we do not know could corrupt it.
Status refuse_newer_schema(int database_version, int binary_version);

}  // namespace aicc::store
