#include "store/canned_rows.h"

#include <algorithm>
#include <set>
#include <tuple>

namespace aicc::store {
namespace {

std::string placeholder(Dialect dialect, int i) {
  return dialect == Dialect::kSqlite ? std::string("?") : "$" + std::to_string(i);
}

}  // namespace

Status check_canned_response(const CannedResponse& c) {
  if (auto p = canned_response_problem(c))
    return make_error(ErrorCode::kInvalidArgument, p->message, {{"field", p->field}});
  return {};
}

Status check_canned_responses(const std::vector<CannedResponse>& all) {
  std::set<std::string> ids;
  std::set<std::pair<std::string, std::string>> shortcuts;
  for (const auto& c : all) {
    if (auto st = check_canned_response(c); !st) return st;
    if (!ids.insert(c.id).second)
      return make_error(ErrorCode::kInvalidArgument, "canned response id " + c.id + " repeats",
                        {{"field", "id"}});
    if (!c.shortcut.empty() && !shortcuts.insert({c.language, c.shortcut}).second)
      return make_error(ErrorCode::kInvalidArgument,
                        "shortcut " + c.shortcut + " repeats in language " + c.language,
                        {{"field", "shortcut"}});
  }
  return {};
}

std::vector<SqlValue> canned_values(const CannedResponse& c) {
  return {c.id,
          c.title,
          c.text,
          c.language,
          c.queue,
          c.shortcut,
          to_unix_micros(c.created_at),
          to_unix_micros(c.updated_at)};
}

std::string canned_insert_sql(Dialect dialect) {
  std::string values;
  for (int i = 1; i <= kCannedColumnCount; ++i)
    values += (i == 1 ? "" : ", ") + placeholder(dialect, i);
  return "INSERT INTO canned_responses (" + std::string(kCannedColumns) + ") VALUES (" + values +
         ")";
}

std::string canned_update_sql(Dialect dialect) {
  auto p = [dialect](int i) { return placeholder(dialect, i); };
  return "UPDATE canned_responses SET title = " + p(1) + ", text = " + p(2) +
         ", language = " + p(3) + ", queue = " + p(4) + ", shortcut = " + p(5) +
         ", updated_at = " + p(6) + " WHERE id = " + p(7) + " RETURNING " +
         std::string(kCannedColumns);
}

std::vector<SqlValue> canned_update_values(const CannedResponse& c) {
  return {c.title, c.text, c.language, c.queue, c.shortcut, to_unix_micros(c.updated_at), c.id};
}

std::string canned_list_sql(Dialect dialect, bool by_language) {
  return select_from(kCannedColumns, "canned_responses") +
         (by_language ? "WHERE language = " + placeholder(dialect, 1) : std::string());
}

void sort_canned(std::vector<CannedResponse>& all) {
  std::sort(all.begin(), all.end(), [](const CannedResponse& a, const CannedResponse& b) {
    // "en" < "ko" as bytes; Korean comes first.
    return std::make_tuple(a.language != "ko", std::cref(a.title), std::cref(a.id)) <
           std::make_tuple(b.language != "ko", std::cref(b.title), std::cref(b.id));
  });
}

Error shortcut_taken(const CannedResponse& c) {
  return Error(ErrorCode::kConflict,
               "shortcut " + c.shortcut + " is taken in language " + c.language,
               {{"reason", "shortcut_taken"}, {"field", "shortcut"}});
}

}  // namespace aicc::store
