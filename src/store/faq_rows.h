// How FAQ entries and unanswered queries map to rows, and the SQL both backends share.
// Values follow row_codec.h: timestamps as int64 unix micros, language as "ko"/"en",
// alternatives and keywords as JSON arrays of strings, the active flag as 0/1.
//
// SQL texts are built for one dialect (parameters "?" for SQLite, "$n" for PostgreSQL);
// identifiers in them come from this file only, never from a caller.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "faq/faq_entry.h"
#include "store/row_codec.h"
#include "store/store.h"

namespace aicc::store {

enum class Dialect { kSqlite, kPostgres };

inline constexpr std::string_view kFaqColumns =
    "id, language, category, question, alternatives, answer, keywords, priority, active, "
    "intent, view_count, helpful_count, not_helpful_count, updated_at";
inline constexpr int kFaqColumnCount = 14;

// The entry's values in kFaqColumns order, counters as given.
std::vector<SqlValue> faq_values(const faq::FaqEntry& e);

// kInvalidArgument naming the entry (details "id", "language", "reason") if
// faq::entry_problem objects.
Status check_faq_entry(const faq::FaqEntry& e);
// check_faq_entry for each, and no (id, language) twice.
Status check_faq_entries(const std::vector<faq::FaqEntry>& entries);

// "INSERT … ON CONFLICT (id, language) DO UPDATE" of every column but the counters,
// returning kFaqColumns.
std::string faq_upsert_sql(Dialect dialect);
// "SELECT kFaqColumns … WHERE <the filter's set fields>", with the parameters it needs
// appended to `params`. Unordered: see sort_faq_entries.
std::string faq_list_sql(Dialect dialect, const FaqFilter& filter, std::vector<SqlValue>& params);
// "UPDATE … SET <counter> = <counter> + 1 WHERE id = p1 AND language = p2 RETURNING …".
std::string faq_bump_sql(Dialect dialect, FaqCounter counter);

// The order list_faq_entries promises: id compared as bytes (a database collation may
// ignore '_' and '-'), then ko before en.
void sort_faq_entries(std::vector<faq::FaqEntry>& entries);

template <typename Row>
Result<faq::FaqEntry> faq_from_row(const Row& r) {
  faq::FaqEntry e;
  e.id = r.text(0);
  const std::string language = r.text(1);
  auto parsed = faq::parse_language(language);
  if (!parsed) return tl::unexpected(corrupt_row("faq_entries", "language", language));
  e.language = *parsed;
  e.category = r.text(2);
  e.question = r.text(3);
  auto alternatives = decode_tags(r.text(4));
  if (!alternatives) return tl::unexpected(alternatives.error());
  e.alternatives = std::move(*alternatives);
  e.answer = r.text(5);
  auto keywords = decode_tags(r.text(6));
  if (!keywords) return tl::unexpected(keywords.error());
  e.keywords = std::move(*keywords);
  e.priority = static_cast<int>(r.i64(7));
  e.active = r.i64(8) != 0;
  e.intent = r.text(9);
  e.view_count = r.i64(10);
  e.helpful_count = r.i64(11);
  e.not_helpful_count = r.i64(12);
  e.updated_at = from_unix_micros(r.i64(13));
  return e;
}

// ---- unanswered queries ----

// kInvalidArgument (details "field") for what the contract refuses.
Status check_unanswered_query(const UnansweredQuery& q);
// The INSERT of one query, its key computed here (faq::query_key), and its values.
std::string unanswered_insert_sql(Dialect dialect);
std::vector<SqlValue> unanswered_values(const UnansweredQuery& q);
// The grouped report (see Store::top_unanswered_queries), parameters appended to `params`.
std::string top_unanswered_sql(Dialect dialect, int limit, std::optional<nlu::Language> language,
                               std::vector<SqlValue>& params);

template <typename Row>
Result<UnansweredSummary> unanswered_summary_from_row(const Row& r) {
  UnansweredSummary s;
  s.key = r.text(0);
  const std::string language = r.text(1);
  auto parsed = faq::parse_language(language);
  if (!parsed) return tl::unexpected(corrupt_row("faq_unanswered", "language", language));
  s.language = *parsed;
  s.count = r.i64(2);
  s.last_seen = from_unix_micros(r.i64(3));
  s.text = r.text(4);
  s.best_faq_id = r.text(5);
  if (!r.is_null(6)) s.best_confidence = r.real(6);
  return s;
}

}  // namespace aicc::store
