#include "store/sqlite/sqlite_faq.h"

#include <string>

#include "store/faq_rows.h"
#include "store/sqlite/statement_steps.h"

namespace aicc::sqlite {
namespace {

using store::Dialect;

Error no_entry(std::string_view id, faq::Language language) {
  const std::string code(nlu::language_code(language));
  return Error(ErrorCode::kNotFound, "no FAQ entry \"" + std::string(id) + "\" (" + code + ")",
               {{"id", std::string(id)}, {"language", code}});
}

// Reads every row of `stmt` as FAQ entries.
Result<std::vector<faq::FaqEntry>> read_entries(Statement& stmt, const Connection& conn) {
  std::vector<faq::FaqEntry> out;
  for (;;) {
    auto row = next_row(stmt, conn, "read FAQ entries");
    if (!row) return tl::unexpected(row.error());
    if (!*row) return out;
    auto entry = store::faq_from_row(stmt);
    if (!entry) return tl::unexpected(entry.error());
    out.push_back(std::move(*entry));
  }
}

Result<std::int64_t> count_entries(Connection& conn) {
  auto stmt = conn.prepare("SELECT count(*) FROM faq_entries");
  if (!stmt) return tl::unexpected(stmt.error());
  auto row = next_row(*stmt, conn, "count FAQ entries");
  if (!row) return tl::unexpected(row.error());
  return *row ? stmt->i64(0) : 0;
}

}  // namespace

Result<std::size_t> seed_faq(Connection& conn, const std::vector<faq::FaqEntry>& entries) {
  auto count = count_entries(conn);
  if (!count) return tl::unexpected(count.error());
  if (*count > 0) return std::size_t{0};
  static const std::string sql = "INSERT INTO faq_entries (" + std::string(store::kFaqColumns) +
                                 ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  for (const auto& e : entries) {
    faq::FaqEntry fresh = e;
    fresh.view_count = fresh.helpful_count = fresh.not_helpful_count = 0;
    auto stmt = conn.prepare(sql);
    if (!stmt) return tl::unexpected(stmt.error());
    stmt->bind_all(store::faq_values(fresh));
    if (const int rc = stmt->step(); rc != SQLITE_DONE)
      return tl::unexpected(conn.error("seed FAQ entry " + e.id, rc));
  }
  return entries.size();
}

Result<FaqUpsertResult> upsert_faq(Connection& conn, const faq::FaqEntry& entry) {
  // The writer thread is the only writer, so nothing can appear between the two steps.
  auto existing = load_faq(conn, entry.id, entry.language);
  if (!existing && existing.error().code != ErrorCode::kNotFound)
    return tl::unexpected(existing.error());
  static const std::string sql = store::faq_upsert_sql(Dialect::kSqlite);
  auto stmt = conn.prepare(sql);
  if (!stmt) return tl::unexpected(stmt.error());
  faq::FaqEntry fresh = entry;
  fresh.view_count = fresh.helpful_count = fresh.not_helpful_count = 0;
  stmt->bind_all(store::faq_values(fresh));
  auto row = next_row(*stmt, conn, "upsert FAQ entry");
  if (!row) return tl::unexpected(row.error());
  if (!*row) return make_error(ErrorCode::kInternal, "upsert returned no row");
  auto stored = store::faq_from_row(*stmt);
  if (!stored) return tl::unexpected(stored.error());
  return FaqUpsertResult{std::move(*stored), !existing.has_value()};
}

Result<faq::FaqEntry> bump_faq(Connection& conn, std::string_view id, faq::Language language,
                               FaqCounter counter) {
  auto stmt = conn.prepare(store::faq_bump_sql(Dialect::kSqlite, counter));
  if (!stmt) return tl::unexpected(stmt.error());
  stmt->bind(1, id).bind(2, nlu::language_code(language));
  auto row = next_row(*stmt, conn, "count FAQ feedback");
  if (!row) return tl::unexpected(row.error());
  if (!*row) return tl::unexpected(no_entry(id, language));
  return store::faq_from_row(*stmt);
}

Status insert_unanswered(Connection& conn, const UnansweredQuery& query) {
  static const std::string sql = store::unanswered_insert_sql(Dialect::kSqlite);
  auto stmt = conn.prepare(sql);
  if (!stmt) return tl::unexpected(stmt.error());
  stmt->bind_all(store::unanswered_values(query));
  if (const int rc = stmt->step(); rc != SQLITE_DONE)
    return tl::unexpected(conn.error("record unanswered query", rc));
  return {};
}

Result<faq::FaqEntry> load_faq(Connection& conn, std::string_view id, faq::Language language) {
  static const std::string sql =
      store::select_from(store::kFaqColumns, "faq_entries") + "WHERE id = ? AND language = ?";
  auto stmt = conn.prepare(sql);
  if (!stmt) return tl::unexpected(stmt.error());
  stmt->bind(1, id).bind(2, nlu::language_code(language));
  auto row = next_row(*stmt, conn, "read FAQ entry");
  if (!row) return tl::unexpected(row.error());
  if (!*row) return tl::unexpected(no_entry(id, language));
  return store::faq_from_row(*stmt);
}

Result<std::vector<faq::FaqEntry>> list_faq(Connection& conn, const FaqFilter& filter) {
  std::vector<store::SqlValue> params;
  const std::string sql = store::faq_list_sql(Dialect::kSqlite, filter, params);
  auto stmt = conn.prepare(sql);
  if (!stmt) return tl::unexpected(stmt.error());
  stmt->bind_all(params);
  auto entries = read_entries(*stmt, conn);
  if (entries) store::sort_faq_entries(*entries);
  return entries;
}

Result<std::vector<UnansweredSummary>> top_unanswered(Connection& conn, int limit,
                                                      std::optional<faq::Language> language) {
  std::vector<store::SqlValue> params;
  const std::string sql = store::top_unanswered_sql(Dialect::kSqlite, limit, language, params);
  auto stmt = conn.prepare(sql);
  if (!stmt) return tl::unexpected(stmt.error());
  stmt->bind_all(params);
  std::vector<UnansweredSummary> out;
  for (;;) {
    auto row = next_row(*stmt, conn, "list unanswered queries");
    if (!row) return tl::unexpected(row.error());
    if (!*row) return out;
    auto summary = store::unanswered_summary_from_row(*stmt);
    if (!summary) return tl::unexpected(summary.error());
    out.push_back(std::move(*summary));
  }
}

}  // namespace aicc::sqlite
