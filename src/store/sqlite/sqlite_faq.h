// The FAQ part of the SQLite backend (see Store's "FAQ knowledge base" methods). Each
// function works on the connection it is given: the writer's, inside its group-commit
// transaction, for writes; a pooled reader's for reads. Inputs are checked by the caller
// (SqliteStore) before a write is queued.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "faq/faq_entry.h"
#include "store/sqlite/sqlite_connection.h"
#include "store/store.h"

namespace aicc::sqlite {

// Inside the writer's transaction, so the emptiness check and the inserts are one step
// for every process that shares the file.
Result<std::size_t> seed_faq(Connection& conn, const std::vector<faq::FaqEntry>& entries);
Result<FaqUpsertResult> upsert_faq(Connection& conn, const faq::FaqEntry& entry);
Result<faq::FaqEntry> bump_faq(Connection& conn, std::string_view id, faq::Language language,
                               FaqCounter counter);
Status insert_unanswered(Connection& conn, const UnansweredQuery& query);

Result<faq::FaqEntry> load_faq(Connection& conn, std::string_view id, faq::Language language);
Result<std::vector<faq::FaqEntry>> list_faq(Connection& conn, const FaqFilter& filter);
Result<std::vector<UnansweredSummary>> top_unanswered(Connection& conn, int limit,
                                                      std::optional<faq::Language> language);

}  // namespace aicc::sqlite
