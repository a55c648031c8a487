// How canned responses map to rows, and the SQL both backends share (row_codec.h
// conventions; parameters "?" for SQLite, "$n" for PostgreSQL).
#pragma once

#include <string>
#include <vector>

#include "core/canned_response.h"
#include "store/faq_rows.h"
#include "store/row_codec.h"

namespace aicc::store {

inline constexpr std::string_view kCannedColumns =
    "id, title, text, language, queue, shortcut, created_at, updated_at";
inline constexpr int kCannedColumnCount = 8;

// kInvalidArgument (details.field) when canned_response_problem objects.
Status check_canned_response(const CannedResponse& c);
// Each one checked, and no id and no (language, shortcut) twice.
Status check_canned_responses(const std::vector<CannedResponse>& all);

std::vector<SqlValue> canned_values(const CannedResponse& c);
std::string canned_insert_sql(Dialect dialect);
// "UPDATE … SET title, text, language, queue, shortcut, updated_at WHERE id RETURNING …";
// its parameters are canned_update_values(c).
std::string canned_update_sql(Dialect dialect);
std::vector<SqlValue> canned_update_values(const CannedResponse& c);
// "SELECT … [WHERE language = p1]" in no particular order (sort_canned sorts: the
// backends' collations differ).
std::string canned_list_sql(Dialect dialect, bool by_language);
// ko before en, then title and id as bytes.
void sort_canned(std::vector<CannedResponse>& all);

// kConflict for a shortcut another response of the language has.
Error shortcut_taken(const CannedResponse& c);

template <typename Row>
CannedResponse canned_from_row(const Row& r) {
  CannedResponse c;
  c.id = r.text(0);
  c.title = r.text(1);
  c.text = r.text(2);
  c.language = r.text(3);
  c.queue = r.text(4);
  c.shortcut = r.text(5);
  c.created_at = from_unix_micros(r.i64(6));
  c.updated_at = from_unix_micros(r.i64(7));
  return c;
}

}  // namespace aicc::store
