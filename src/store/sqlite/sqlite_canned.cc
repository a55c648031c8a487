#include "store/sqlite/sqlite_canned.h"

#include "store/canned_rows.h"
#include "store/sqlite/statement_steps.h"

namespace aicc::sqlite {
namespace {

constexpr auto kSqlite = store::Dialect::kSqlite;

Result<CannedResponse> canned_row(Statement& stmt) {
  return store::canned_from_row(stmt);
}

// Whether another response of the language has the shortcut. The single writer makes
// this check and the write that follows one step.
Result<bool> shortcut_used(Connection& conn, const CannedResponse& c) {
  if (c.shortcut.empty()) return false;
  auto stmt = conn.prepare(
      "SELECT 1 FROM canned_responses WHERE language = ? AND shortcut = ? AND id <> ?");
  if (!stmt) return tl::unexpected(stmt.error());
  stmt->bind_all({c.language, c.shortcut, c.id});
  auto rows = changed_rows(*stmt, conn, "check canned shortcut");
  if (!rows) return tl::unexpected(rows.error());
  return *rows > 0;
}

}  // namespace

Result<std::size_t> seed_canned(Connection& conn, const std::vector<CannedResponse>& all) {
  auto count = conn.prepare("SELECT 1 FROM canned_responses LIMIT 1");
  if (!count) return tl::unexpected(count.error());
  auto any = changed_rows(*count, conn, "count canned responses");
  if (!any) return tl::unexpected(any.error());
  if (*any > 0) return std::size_t{0};
  for (const auto& c : all)
    if (auto r = insert_canned(conn, c); !r) return tl::unexpected(r.error());
  return all.size();
}

Result<CannedResponse> insert_canned(Connection& conn, const CannedResponse& c) {
  auto used = shortcut_used(conn, c);
  if (!used) return tl::unexpected(used.error());
  if (*used) return tl::unexpected(store::shortcut_taken(c));
  static const std::string sql = store::canned_insert_sql(kSqlite);
  auto stmt = conn.prepare(sql);
  if (!stmt) return tl::unexpected(stmt.error());
  stmt->bind_all(store::canned_values(c));
  const int rc = stmt->step();
  if (rc == SQLITE_DONE) return c;
  if (is_constraint(rc))
    return make_error(ErrorCode::kConflict, "canned response id already exists",
                      {{"reason", "id_taken"}});
  return tl::unexpected(conn.error("insert canned response", rc));
}

Result<CannedResponse> load_canned(Connection& conn, std::string_view id) {
  static const std::string sql =
      store::select_from(store::kCannedColumns, "canned_responses") + "WHERE id = ?";
  auto stmt = conn.prepare(sql);
  if (!stmt) return tl::unexpected(stmt.error());
  stmt->bind(1, id);
  auto rows = collect_rows<CannedResponse>(*stmt, conn, "read canned response", canned_row);
  if (!rows) return tl::unexpected(rows.error());
  if (rows->empty()) return make_error(ErrorCode::kNotFound, "no such canned response");
  return std::move(rows->front());
}

Result<std::vector<CannedResponse>> list_canned(Connection& conn,
                                                const std::optional<std::string>& language) {
  auto stmt = conn.prepare(store::canned_list_sql(kSqlite, language.has_value()));
  if (!stmt) return tl::unexpected(stmt.error());
  if (language) stmt->bind(1, *language);
  auto rows = collect_rows<CannedResponse>(*stmt, conn, "list canned responses", canned_row);
  if (!rows) return tl::unexpected(rows.error());
  store::sort_canned(*rows);
  return rows;
}

Result<CannedResponse> save_canned(Connection& conn, const CannedResponse& c) {
  auto used = shortcut_used(conn, c);
  if (!used) return tl::unexpected(used.error());
  if (*used) return tl::unexpected(store::shortcut_taken(c));
  static const std::string sql = store::canned_update_sql(kSqlite);
  auto stmt = conn.prepare(sql);
  if (!stmt) return tl::unexpected(stmt.error());
  stmt->bind_all(store::canned_update_values(c));
  auto rows = collect_rows<CannedResponse>(*stmt, conn, "update canned response", canned_row);
  if (!rows) return tl::unexpected(rows.error());
  if (rows->empty()) return make_error(ErrorCode::kNotFound, "no such canned response");
  return std::move(rows->front());
}

Status remove_canned(Connection& conn, std::string_view id) {
  auto stmt = conn.prepare("DELETE FROM canned_responses WHERE id = ? RETURNING 1");
  if (!stmt) return tl::unexpected(stmt.error());
  stmt->bind(1, id);
  auto rows = changed_rows(*stmt, conn, "delete canned response");
  if (!rows) return tl::unexpected(rows.error());
  if (*rows == 0) return make_error(ErrorCode::kNotFound, "no such canned response");
  return {};
}

}  // namespace aicc::sqlite
