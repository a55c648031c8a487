// /api/v1/analytics…: the contact center's numbers for a range (supervisors), and
// /api/v1/admin/export/conversations: conversations as JSON Lines, masked unless an admin
// asks for raw (audited).
#include <cctype>
#include <map>

#include "api/analytics_json.h"
#include "api/api.h"
#include "api/json_io.h"
#include "api/schemas.h"
#include "service/analytics_service.h"
#include "service/conversation_export.h"

namespace aicc::api {
namespace {

using net::ParamDoc;

std::vector<ResponseDoc> with_errors(std::vector<ResponseDoc> ok) {
  static const std::map<int, std::string> text = {
      {400, "A malformed date, range, filter, group_by or format"}};
  return with_error_docs(std::move(ok), {400}, text);
}

std::string param_or_empty(const Request& req, std::string_view name) {
  auto v = req.query_param(name);
  return v ? *v : std::string();
}

Response bad_request(std::string_view message, std::string_view parameter) {
  return net::error_response(400, "invalid_argument", message,
                             {{"parameter", std::string(parameter)}});
}

// Filters: plain identifiers, so a typo is an error rather than an empty report.
std::optional<Response> read_filter(const Request& req, MetricFilter& f) {
  const std::pair<std::string_view, std::string*> fields[] = {{"channel", &f.channel},
                                                              {"queue", &f.queue_id},
                                                              {"agent", &f.agent_id},
                                                              {"intent", &f.intent}};
  for (const auto& [name, out] : fields) {
    *out = param_or_empty(req, name);
    if (out->size() > 100) return bad_request(std::string(name) + " is too long", name);
    for (char c : *out)
      if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.'))
        return bad_request(std::string(name) + " must be an identifier (letters, digits, _ - .)",
                           name);
  }
  return std::nullopt;
}

std::optional<Response> read_range(ApiContext& ctx, const Request& req, AnalyticsRange& range) {
  auto parsed = parse_analytics_range(param_or_empty(req, "from"), param_or_empty(req, "to"),
                                      ctx.clock.now());
  if (!parsed) return net::error_response(parsed.error());
  range = *parsed;
  return std::nullopt;
}

Response summary(ApiContext& ctx, Request& req) {
  AnalyticsRange range;
  MetricFilter filter;
  if (auto bad = read_range(ctx, req, range)) return *bad;
  if (auto bad = read_filter(req, filter)) return *bad;
  AnalyticsService analytics(ctx.store);
  auto s = analytics.summary(range, filter);
  if (!s) return net::error_response(s.error());
  return json_response(200, summary_json(*s));
}

Response report(ApiContext& ctx, Request& req) {
  AnalyticsRange range;
  MetricFilter filter;
  if (auto bad = read_range(ctx, req, range)) return *bad;
  if (auto bad = read_filter(req, filter)) return *bad;
  const std::string group_text = req.query_param("group_by").value_or("day");
  const auto grouping = parse_report_grouping(group_text);
  if (!grouping)
    return bad_request("group_by must be day, hour, queue, agent, intent or channel", "group_by");
  const std::string format = req.query_param("format").value_or("json");
  if (format != "json" && format != "csv")
    return bad_request("format must be json or csv", "format");
  AnalyticsService analytics(ctx.store);
  auto rows = analytics.report(range, filter, *grouping);
  if (!rows) return net::error_response(rows.error());
  if (format == "json") return json_response(200, report_json(range, group_text, *rows));
  Response r;
  r.content_type = "text/csv; charset=utf-8";
  r.body = report_csv(*rows);
  r.set_header("Content-Disposition",
               "attachment; filename=\"aicc-report-" + group_text + ".csv\"");
  return r;
}

Response export_conversations_route(ApiContext& ctx, Request& req) {
  AnalyticsRange range;
  if (auto bad = read_range(ctx, req, range)) return *bad;
  const std::string raw_text = req.query_param("raw").value_or("false");
  if (raw_text != "true" && raw_text != "false")
    return bad_request("raw must be true or false", "raw");
  const bool raw = raw_text == "true";
  std::string body;
  auto count = export_conversations(ctx.store, range.from, range.to, raw,
                                    [&](const ConversationRecord& r) -> Status {
                                      body += json::serialize(export_json(r));
                                      body += '\n';
                                      return {};
                                    });
  if (!count) return net::error_response(count.error());
  if (raw) {
    // Who read personal data in clear, and which.
    json::object what{{"from", format_iso8601(range.from)},
                      {"to", format_iso8601(range.to)},
                      {"conversations", *count},
                      {"raw", true}};
    ctx.audit.record(audit_actor(req), "conversations.export_raw", "conversations",
                     format_iso8601(range.from) + "/" + format_iso8601(range.to), "null",
                     json::serialize(what));
  }
  Response r;
  r.content_type = "application/x-ndjson; charset=utf-8";
  r.body = std::move(body);
  r.set_header("X-AICC-Export-Count", std::to_string(*count));
  return r;
}

std::vector<ParamDoc> range_params() {
  return {{"from", "query", "First day (YYYY-MM-DD, Asia/Seoul) or RFC 3339 timestamp"},
          {"to", "query", "Last day (inclusive) or RFC 3339 timestamp (exclusive)"}};
}

std::vector<ParamDoc> filter_params() {
  auto p = range_params();
  p.push_back({"channel", "query", "Only this channel (web, api, …)"});
  p.push_back({"queue", "query", "Only this queue"});
  p.push_back({"agent", "query", "Only this agent (user id)"});
  p.push_back({"intent", "query", "Only this intent (NLU metrics)"});
  return p;
}

}  // namespace

void add_analytics_routes(net::Router& r, ApiContext& ctx) {
  r.add(
      Method::kGet, "/api/v1/analytics/summary", [&ctx](Request& q) { return summary(ctx, q); },
      RouteDoc{.operation_id = "analyticsSummary",
               .summary = "The contact center's numbers for a range",
               .description = "Conversations, bot containment, escalations by reason and "
                              "priority, average wait and handle time, first-contact "
                              "resolution, CSAT, NLU intents, confidence and out-of-scope rate, "
                              "top unanswered questions, FAQ feedback. Default range: today "
                              "(Asia/Seoul). See docs/api.md for what each filter applies to.",
               .tag = "Analytics",
               .params = filter_params(),
               .responses = with_errors({{200, "The summary", ""}}),
               .required_role = Role::kSupervisor});
  auto report_params = filter_params();
  report_params.push_back(
      {"group_by", "query", "day (default) | hour | queue | agent | intent | channel"});
  report_params.push_back({"format", "query", "json (default) | csv"});
  r.add(
      Method::kGet, "/api/v1/analytics/report", [&ctx](Request& q) { return report(ctx, q); },
      RouteDoc{.operation_id = "analyticsReport",
               .summary = "The numbers per day, hour, queue, agent, intent or channel",
               .tag = "Analytics",
               .params = report_params,
               .responses = with_errors({{200, "The report rows (JSON or CSV)", ""}}),
               .required_role = Role::kSupervisor});
  auto export_params = range_params();
  export_params.push_back(
      {"raw", "query", "true: personal data in clear (audited); default false (masked)"});
  r.add(
      Method::kGet, "/api/v1/admin/export/conversations",
      [&ctx](Request& q) { return export_conversations_route(ctx, q); },
      RouteDoc{.operation_id = "exportConversations",
               .summary = "Conversations created in a range as JSON Lines",
               .description = "One line per conversation: conversation, customer, messages, "
                              "latest escalation. Phone numbers, e-mail addresses, card and "
                              "resident numbers and the customer's name are masked unless "
                              "raw=true, which is written to the audit log.",
               .tag = "Admin",
               .params = export_params,
               .responses = with_errors({{200, "application/x-ndjson", ""}}),
               .required_role = Role::kAdmin});
}

}  // namespace aicc::api
