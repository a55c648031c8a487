// The analytics and retention part of SqliteStore, as functions on one connection:
// roll-ups and purges run on the group-commit writer, queries on a reader.
#pragma once

#include <chrono>
#include <string_view>
#include <vector>

#include "store/sqlite/sqlite_connection.h"
#include "store/store.h"

namespace aicc::sqlite {

Result<TimePoint> read_rollup_mark(Connection& conn);
Result<TimePoint> roll_up(Connection& conn, TimePoint until);
Result<std::vector<MetricRow>> select_metrics(Connection& conn, const MetricQuery& query);
Result<ResolutionCount> count_resolution(Connection& conn, TimePoint from, TimePoint to,
                                         std::string_view channel, std::chrono::seconds window);
Result<std::vector<UnansweredSummary>> select_unanswered_between(Connection& conn, TimePoint from,
                                                                 TimePoint to, int limit);
Result<std::vector<Conversation>> select_conversations_between(Connection& conn, TimePoint from,
                                                               TimePoint to,
                                                               std::string_view after_id,
                                                               int limit);
Result<PurgeCount> purge(Connection& conn, TimePoint closed_before, bool dry_run);

}  // namespace aicc::sqlite
