// Analytics summaries, reports and exported conversations as JSON (and reports as CSV):
// shared by the API and the CLI (`aicc report`, `aicc export`).
#pragma once

#include <string>
#include <vector>

#include "api/json_io.h"
#include "service/analytics_service.h"
#include "service/conversation_export.h"

namespace aicc::api {

json::object totals_json(const MetricTotals& t);
json::object summary_json(const AnalyticsSummary& s);
json::object report_json(const AnalyticsRange& range, const std::string& group_by,
                         const std::vector<ReportRow>& rows);
// A header line, then one line per row (RFC 4180; escalations by reason as columns).
std::string report_csv(const std::vector<ReportRow>& rows);
json::object export_json(const ConversationRecord& record);

}  // namespace aicc::api
