// Stepping through a prepared statement's rows with errors as Results: the loops every
// SQLite store function would otherwise repeat.
#pragma once

#include <string_view>
#include <vector>

#include "store/sqlite/sqlite_connection.h"

namespace aicc::sqlite {

// true: a row is ready; false: no more rows.
inline Result<bool> next_row(Statement& stmt, const Connection& conn, std::string_view what) {
  const int rc = stmt.step();
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return tl::unexpected(conn.error(what, rc));
}

// Steps through every row of `stmt`, converting each with `convert(stmt)`.
template <typename T, typename Convert>
Result<std::vector<T>> collect_rows(Statement& stmt, const Connection& conn, std::string_view what,
                                    Convert convert) {
  std::vector<T> out;
  for (;;) {
    auto row = next_row(stmt, conn, what);
    if (!row) return tl::unexpected(row.error());
    if (!*row) return out;
    Result<T> item = convert(stmt);
    if (!item) return tl::unexpected(item.error());
    out.push_back(std::move(*item));
  }
}

// Runs a statement (e.g. an UPDATE … RETURNING 1) to completion and counts its rows.
inline Result<int> changed_rows(Statement& stmt, const Connection& conn, std::string_view what) {
  auto rows = collect_rows<int>(stmt, conn, what, [](Statement&) -> Result<int> { return 1; });
  if (!rows) return tl::unexpected(rows.error());
  return static_cast<int>(rows->size());
}

// Runs a statement that returns no rows (or ignores them) to completion.
inline Status run_statement(Statement& stmt, const Connection& conn, std::string_view what) {
  for (;;) {
    auto row = next_row(stmt, conn, what);
    if (!row) return tl::unexpected(row.error());
    if (!*row) return {};
  }
}

}  // namespace aicc::sqlite
