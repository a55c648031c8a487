#include "store/postgres/pg_faq.h"

#include <string>

#include "store/faq_rows.h"

namespace aicc::pg {
namespace {

using store::Dialect;
using store::SqlValue;

// Serialises first-start seeding across nodes ("aicd": next to the migration lock's "aicc").
constexpr std::string_view kLockSeeding = "SELECT pg_advisory_xact_lock(1634296676)";

Error no_entry(std::string_view id, faq::Language language) {
  const std::string code(nlu::language_code(language));
  return Error(ErrorCode::kNotFound, "no FAQ entry \"" + std::string(id) + "\" (" + code + ")",
               {{"id", std::string(id)}, {"language", code}});
}

SqlValue code_of(faq::Language language) {
  return std::string(nlu::language_code(language));
}

}  // namespace

Result<std::size_t> seed_faq(PgConnection& conn, const std::vector<faq::FaqEntry>& entries) {
  if (auto st = conn.query(kLockSeeding); !st) return tl::unexpected(st.error());
  // Read after the lock: READ COMMITTED gives this statement a fresh snapshot, which sees
  // the rows of a node that seeded while we waited.
  auto count = conn.query("SELECT count(*) FROM faq_entries");
  if (!count) return tl::unexpected(count.error());
  if (PgRow(*count, 0).i64(0) > 0) return std::size_t{0};
  static const std::string sql = [] {
    std::string s = "INSERT INTO faq_entries (" + std::string(store::kFaqColumns) + ") VALUES (";
    for (int i = 1; i <= store::kFaqColumnCount; ++i)
      s += (i == 1 ? "$" : ", $") + std::to_string(i);
    return s + ")";
  }();
  for (const auto& e : entries) {
    faq::FaqEntry fresh = e;
    fresh.view_count = fresh.helpful_count = fresh.not_helpful_count = 0;
    if (auto r = conn.query(sql, store::faq_values(fresh)); !r) return tl::unexpected(r.error());
  }
  return entries.size();
}

Result<FaqUpsertResult> upsert_faq(PgConnection& conn, const faq::FaqEntry& entry) {
  // xmax is 0 on a row version this statement inserted, and set on one it updated: the
  // one race-free way to tell "created" from "replaced" in a single statement.
  static const std::string sql = store::faq_upsert_sql(Dialect::kPostgres) + ", (xmax = 0)";
  faq::FaqEntry fresh = entry;
  fresh.view_count = fresh.helpful_count = fresh.not_helpful_count = 0;
  auto result = conn.query(sql, store::faq_values(fresh));
  if (!result) return tl::unexpected(result.error());
  if (result->rows() != 1) return make_error(ErrorCode::kInternal, "upsert returned no row");
  auto stored = store::faq_from_row(PgRow(*result, 0));
  if (!stored) return tl::unexpected(stored.error());
  return FaqUpsertResult{std::move(*stored), result->text(0, store::kFaqColumnCount) == "t"};
}

Result<faq::FaqEntry> bump_faq(PgConnection& conn, std::string_view id, faq::Language language,
                               FaqCounter counter) {
  auto result = conn.query(store::faq_bump_sql(Dialect::kPostgres, counter),
                           {std::string(id), code_of(language)});
  if (!result) return tl::unexpected(result.error());
  if (result->rows() == 0) return tl::unexpected(no_entry(id, language));
  return store::faq_from_row(PgRow(*result, 0));
}

Status insert_unanswered(PgConnection& conn, const UnansweredQuery& query) {
  static const std::string sql = store::unanswered_insert_sql(Dialect::kPostgres);
  if (auto r = conn.query(sql, store::unanswered_values(query)); !r)
    return tl::unexpected(r.error());
  return {};
}

Result<faq::FaqEntry> load_faq(PgConnection& conn, std::string_view id, faq::Language language) {
  static const std::string sql =
      store::select_from(store::kFaqColumns, "faq_entries") + "WHERE id = $1 AND language = $2";
  auto result = conn.query(sql, {std::string(id), code_of(language)});
  if (!result) return tl::unexpected(result.error());
  if (result->rows() == 0) return tl::unexpected(no_entry(id, language));
  return store::faq_from_row(PgRow(*result, 0));
}

Result<std::vector<faq::FaqEntry>> list_faq(PgConnection& conn, const FaqFilter& filter) {
  std::vector<SqlValue> params;
  const std::string sql = store::faq_list_sql(Dialect::kPostgres, filter, params);
  auto result = conn.query(sql, params);
  if (!result) return tl::unexpected(result.error());
  std::vector<faq::FaqEntry> out;
  for (int row = 0; row < result->rows(); ++row) {
    auto entry = store::faq_from_row(PgRow(*result, row));
    if (!entry) return tl::unexpected(entry.error());
    out.push_back(std::move(*entry));
  }
  store::sort_faq_entries(out);
  return out;
}

Result<std::vector<UnansweredSummary>> top_unanswered(PgConnection& conn, int limit,
                                                      std::optional<faq::Language> language) {
  std::vector<SqlValue> params;
  const std::string sql = store::top_unanswered_sql(Dialect::kPostgres, limit, language, params);
  auto result = conn.query(sql, params);
  if (!result) return tl::unexpected(result.error());
  std::vector<UnansweredSummary> out;
  for (int row = 0; row < result->rows(); ++row) {
    auto summary = store::unanswered_summary_from_row(PgRow(*result, row));
    if (!summary) return tl::unexpected(summary.error());
    out.push_back(std::move(*summary));
  }
  return out;
}

}  // namespace aicc::pg
