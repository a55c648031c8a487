#include "store/faq_rows.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <utility>

#include "core/utf8.h"
#include "faq/query_key.h"

namespace aicc::store {
namespace {

std::string param(Dialect dialect, int index) {
  return dialect == Dialect::kSqlite ? std::string("?") : "$" + std::to_string(index);
}

std::string code_of(faq::Language language) {
  return std::string(nlu::language_code(language));
}

std::string_view counter_column(FaqCounter counter) {
  switch (counter) {
    case FaqCounter::kView:
      return "view_count";
    case FaqCounter::kHelpful:
      return "helpful_count";
    case FaqCounter::kNotHelpful:
      return "not_helpful_count";
  }
  return "view_count";
}

}  // namespace

std::vector<SqlValue> faq_values(const faq::FaqEntry& e) {
  return {e.id,
          code_of(e.language),
          e.category,
          e.question,
          encode_tags(e.alternatives),
          e.answer,
          encode_tags(e.keywords),
          std::int64_t{e.priority},
          std::int64_t{e.active ? 1 : 0},
          e.intent,
          e.view_count,
          e.helpful_count,
          e.not_helpful_count,
          to_unix_micros(e.updated_at)};
}

Status check_faq_entry(const faq::FaqEntry& e) {
  const std::string problem = faq::entry_problem(e);
  if (problem.empty()) return {};
  const std::string language = code_of(e.language);
  return make_error(ErrorCode::kInvalidArgument,
                    "FAQ entry \"" + e.id + "\" (" + language + "): " + problem,
                    {{"id", e.id}, {"language", language}, {"reason", problem}});
}

Status check_faq_entries(const std::vector<faq::FaqEntry>& entries) {
  std::set<std::pair<std::string, faq::Language>> keys;
  for (const auto& e : entries) {
    if (auto st = check_faq_entry(e); !st) return st;
    if (!keys.emplace(e.id, e.language).second) {
      const std::string language = code_of(e.language);
      return make_error(ErrorCode::kInvalidArgument,
                        "FAQ entry \"" + e.id + "\" (" + language + ") appears twice",
                        {{"id", e.id}, {"language", language}, {"reason", "duplicate key"}});
    }
  }
  return {};
}

std::string faq_upsert_sql(Dialect dialect) {
  std::string sql = "INSERT INTO faq_entries (" + std::string(kFaqColumns) + ") VALUES (";
  for (int i = 1; i <= kFaqColumnCount; ++i) sql += (i == 1 ? "" : ", ") + param(dialect, i);
  // Counters are left out of the update: they belong to the customers, not to the editor.
  sql +=
      ") ON CONFLICT (id, language) DO UPDATE SET category = excluded.category, "
      "question = excluded.question, alternatives = excluded.alternatives, "
      "answer = excluded.answer, keywords = excluded.keywords, priority = excluded.priority, "
      "active = excluded.active, intent = excluded.intent, updated_at = excluded.updated_at "
      "RETURNING " +
      std::string(kFaqColumns);
  return sql;
}

std::string faq_list_sql(Dialect dialect, const FaqFilter& filter, std::vector<SqlValue>& params) {
  std::string sql = select_from(kFaqColumns, "faq_entries");
  std::string where;
  auto add = [&](std::string_view column, SqlValue value) {
    params.push_back(std::move(value));
    where += (where.empty() ? "WHERE " : " AND ") + std::string(column) + " = " +
             param(dialect, static_cast<int>(params.size()));
  };
  if (filter.language) add("language", code_of(*filter.language));
  if (filter.category) add("category", *filter.category);
  if (filter.active) add("active", std::int64_t{*filter.active ? 1 : 0});
  return sql + where;
}

std::string faq_bump_sql(Dialect dialect, FaqCounter counter) {
  const std::string column(counter_column(counter));
  return "UPDATE faq_entries SET " + column + " = " + column +
         " + 1 WHERE id = " + param(dialect, 1) + " AND language = " + param(dialect, 2) +
         " RETURNING " + std::string(kFaqColumns);
}

void sort_faq_entries(std::vector<faq::FaqEntry>& entries) {
  std::stable_sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
    if (a.id != b.id) return a.id < b.id;
    return a.language < b.language;  // kKorean before kEnglish
  });
}

Status check_unanswered_query(const UnansweredQuery& q) {
  const auto length = utf8_length(q.text);
  if (!length)
    return make_error(ErrorCode::kInvalidArgument, "query text is not valid UTF-8",
                      {{"field", "text"}});
  if (q.text.find_first_not_of(" \t\r\n") == std::string::npos)
    return make_error(ErrorCode::kInvalidArgument, "query text is empty", {{"field", "text"}});
  if (*length > faq::kMaxQueryLength)
    return make_error(
        ErrorCode::kInvalidArgument,
        "query text is longer than " + std::to_string(faq::kMaxQueryLength) + " characters",
        {{"field", "text"}});
  if (q.best_confidence &&
      (!std::isfinite(*q.best_confidence) || *q.best_confidence < 0 || *q.best_confidence > 1))
    return make_error(ErrorCode::kInvalidArgument, "best_confidence must be within [0, 1]",
                      {{"field", "best_confidence"}});
  if (!is_valid_utf8(q.conversation_id) || !is_valid_utf8(q.best_faq_id))
    return make_error(ErrorCode::kInvalidArgument, "ids must be valid UTF-8",
                      {{"field", "conversation_id"}});
  return {};
}

std::string unanswered_insert_sql(Dialect dialect) {
  std::string sql =
      "INSERT INTO faq_unanswered (text, query_key, language, conversation_id, best_faq_id, "
      "best_confidence, created_at) VALUES (";
  for (int i = 1; i <= 7; ++i) sql += (i == 1 ? "" : ", ") + param(dialect, i);
  return sql + ")";
}

std::vector<SqlValue> unanswered_values(const UnansweredQuery& q) {
  SqlValue confidence;
  if (q.best_confidence) confidence = *q.best_confidence;
  return {q.text,
          faq::query_key(q.text),
          code_of(q.language),
          q.conversation_id,
          q.best_faq_id,
          confidence,
          to_unix_micros(q.created_at)};
}

std::string top_unanswered_sql(Dialect dialect, int limit, std::optional<nlu::Language> language,
                               std::vector<SqlValue>& params) {
  std::string where;
  if (language) {
    params.push_back(code_of(*language));
    where = "WHERE language = " + param(dialect, static_cast<int>(params.size())) + " ";
  }
  params.push_back(std::int64_t{limit});
  const std::string limit_param = param(dialect, static_cast<int>(params.size()));
  // The group's newest row (highest id) gives the text and candidate shown; ties in count
  // and time are broken by that id, so both backends list in the same order.
  return "SELECT g.query_key, g.language, g.n, g.last_seen, q.text, q.best_faq_id, "
         "q.best_confidence FROM (SELECT language, query_key, count(*) AS n, "
         "max(created_at) AS last_seen, max(id) AS last_id FROM faq_unanswered " +
         where +
         "GROUP BY language, query_key ORDER BY n DESC, last_seen DESC, last_id DESC LIMIT " +
         limit_param +
         ") g JOIN faq_unanswered q ON q.id = g.last_id "
         "ORDER BY g.n DESC, g.last_seen DESC, g.last_id DESC";
}

}  // namespace aicc::store
