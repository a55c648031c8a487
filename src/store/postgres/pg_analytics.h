// The analytics and retention part of the PostgreSQL store, as functions on one
// connection (the caller owns the transaction).
#pragma once

#include <chrono>
#include <string_view>
#include <vector>

#include "store/postgres/pg_connection.h"
#include "store/store.h"

namespace aicc::pg {

Result<TimePoint> read_rollup_mark(PgConnection& conn);
// Locks the mark's row (FOR UPDATE) so nodes rolling up at once close each hour once.
Result<TimePoint> roll_up(PgConnection& conn, TimePoint until);
Result<std::vector<MetricRow>> select_metrics(PgConnection& conn, const MetricQuery& query);
Result<ResolutionCount> count_resolution(PgConnection& conn, TimePoint from, TimePoint to,
                                         std::string_view channel, std::chrono::seconds window);
Result<std::vector<UnansweredSummary>> select_unanswered_between(PgConnection& conn, TimePoint from,
                                                                 TimePoint to, int limit);
Result<std::vector<Conversation>> select_conversations_between(PgConnection& conn, TimePoint from,
                                                               TimePoint to,
                                                               std::string_view after_id,
                                                               int limit);
Result<PurgeCount> purge(PgConnection& conn, TimePoint closed_before, bool dry_run);

}  // namespace aicc::pg
