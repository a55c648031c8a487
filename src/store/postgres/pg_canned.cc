#include "store/postgres/pg_canned.h"

#include "store/canned_rows.h"

namespace aicc::pg {
namespace {

constexpr auto kPostgres = store::Dialect::kPostgres;

// Serialises first-start seeding of canned responses across nodes ("aice").
constexpr std::string_view kLockCannedSeeding = "SELECT pg_advisory_xact_lock(1634296677)";

// A unique violation named by its constraint: the id or the (language, shortcut).
Error write_conflict(const Error& e, const CannedResponse& c) {
  const auto it = e.details.find("constraint");
  const std::string constraint = it == e.details.end() ? "" : it->second;
  if (constraint == "canned_responses_shortcut_idx") return store::shortcut_taken(c);
  if (constraint == "canned_responses_pkey")
    return Error(ErrorCode::kConflict, "canned response id already exists",
                 {{"reason", "id_taken"}});
  return e;
}

}  // namespace

Result<std::size_t> seed_canned(PgConnection& conn, const std::vector<CannedResponse>& all) {
  if (auto st = conn.query(kLockCannedSeeding); !st) return tl::unexpected(st.error());
  // Read after the lock: this statement's fresh snapshot sees another node's seeding.
  auto count = conn.query("SELECT count(*) FROM canned_responses");
  if (!count) return tl::unexpected(count.error());
  if (PgRow(*count, 0).i64(0) > 0) return std::size_t{0};
  for (const auto& c : all)
    if (auto r = insert_canned(conn, c); !r) return tl::unexpected(r.error());
  return all.size();
}

Result<CannedResponse> insert_canned(PgConnection& conn, const CannedResponse& c) {
  static const std::string sql = store::canned_insert_sql(kPostgres);
  auto r = conn.query(sql, store::canned_values(c));
  if (!r) return tl::unexpected(write_conflict(r.error(), c));
  return c;
}

Result<CannedResponse> load_canned(PgConnection& conn, std::string_view id) {
  static const std::string sql =
      store::select_from(store::kCannedColumns, "canned_responses") + "WHERE id = $1";
  auto r = conn.query(sql, {std::string(id)});
  if (!r) return tl::unexpected(r.error());
  if (r->rows() == 0) return make_error(ErrorCode::kNotFound, "no such canned response");
  return store::canned_from_row(PgRow(*r, 0));
}

Result<std::vector<CannedResponse>> list_canned(PgConnection& conn,
                                                const std::optional<std::string>& language) {
  std::vector<store::SqlValue> params;
  if (language) params.push_back(*language);
  auto r = conn.query(store::canned_list_sql(kPostgres, language.has_value()), params);
  if (!r) return tl::unexpected(r.error());
  std::vector<CannedResponse> out;
  for (int row = 0; row < r->rows(); ++row) out.push_back(store::canned_from_row(PgRow(*r, row)));
  store::sort_canned(out);
  return out;
}

Result<CannedResponse> save_canned(PgConnection& conn, const CannedResponse& c) {
  static const std::string sql = store::canned_update_sql(kPostgres);
  auto r = conn.query(sql, store::canned_update_values(c));
  if (!r) return tl::unexpected(write_conflict(r.error(), c));
  if (r->rows() == 0) return make_error(ErrorCode::kNotFound, "no such canned response");
  return store::canned_from_row(PgRow(*r, 0));
}

Status remove_canned(PgConnection& conn, std::string_view id) {
  auto r = conn.query("DELETE FROM canned_responses WHERE id = $1 RETURNING 1", {std::string(id)});
  if (!r) return tl::unexpected(r.error());
  if (r->rows() == 0) return make_error(ErrorCode::kNotFound, "no such canned response");
  return {};
}

}  // namespace aicc::pg
