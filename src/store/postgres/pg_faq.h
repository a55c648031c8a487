// The FAQ part of the PostgreSQL backend (see Store's "FAQ knowledge base" methods). The
// write functions run inside a transaction opened by the caller (PgStore); inputs are
// checked before that.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "faq/faq_entry.h"
#include "store/postgres/pg_connection.h"
#include "store/store.h"

namespace aicc::pg {

// Takes a transaction-scoped advisory lock first: nodes starting together seed one after
// the other, and all but the first find the table filled.
Result<std::size_t> seed_faq(PgConnection& conn, const std::vector<faq::FaqEntry>& entries);
Result<FaqUpsertResult> upsert_faq(PgConnection& conn, const faq::FaqEntry& entry);
// One UPDATE … SET n = n + 1: the row lock makes concurrent bumps queue, none is lost.
Result<faq::FaqEntry> bump_faq(PgConnection& conn, std::string_view id, faq::Language language,
                               FaqCounter counter);
Status insert_unanswered(PgConnection& conn, const UnansweredQuery& query);

Result<faq::FaqEntry> load_faq(PgConnection& conn, std::string_view id, faq::Language language);
Result<std::vector<faq::FaqEntry>> list_faq(PgConnection& conn, const FaqFilter& filter);
Result<std::vector<UnansweredSummary>> top_unanswered(PgConnection& conn, int limit,
                                                      std::optional<faq::Language> language);

}  // namespace aicc::pg
