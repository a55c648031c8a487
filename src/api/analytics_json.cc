#include "api/analytics_json.h"

#include <cstdio>
#include <set>

namespace aicc::api {
namespace {

json::value optional_number(const std::optional<double>& v) {
  return v ? json::value(*v) : json::value(nullptr);
}

json::object counts_json(const std::map<std::string, std::int64_t>& counts) {
  json::object o;
  for (const auto& [k, n] : counts) o[k] = n;
  return o;
}

std::string csv_number(const std::optional<double>& v) {
  if (!v) return "";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4f", *v);
  return buf;
}

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace

json::object totals_json(const MetricTotals& t) {
  json::array csat;
  for (auto n : t.csat) csat.emplace_back(n);
  return {
      {"conversations", json::object{{"started", t.started},
                                     {"ended", t.ended},
                                     {"contained", t.contained},
                                     {"containment_rate", optional_number(t.containment_rate())}}},
      {"escalations", json::object{{"total", t.escalations},
                                   {"by_reason", counts_json(t.escalations_by_reason)},
                                   {"by_priority", counts_json(t.escalations_by_priority)}}},
      {"wait", json::object{{"assigned", t.assigned},
                            {"average_seconds", optional_number(t.average_wait_seconds())}}},
      {"handle", json::object{{"handled", t.handled},
                              {"average_seconds", optional_number(t.average_handle_seconds())}}},
      {"csat", json::object{{"distribution", std::move(csat)},
                            {"count", t.csat_count()},
                            {"average", optional_number(t.csat_average())}}},
      {"nlu", json::object{{"turns", t.turns},
                           {"average_confidence", optional_number(t.average_confidence())},
                           {"out_of_scope", t.out_of_scope},
                           {"out_of_scope_rate", optional_number(t.out_of_scope_rate())},
                           {"intents", counts_json(t.intents)}}},
  };
}

json::object summary_json(const AnalyticsSummary& s) {
  json::object o = totals_json(s.totals);
  o["from"] = format_iso8601(s.range.from);
  o["to"] = format_iso8601(s.range.to);
  o["filter"] = json::object{{"channel", s.filter.channel},
                             {"queue", s.filter.queue_id},
                             {"agent", s.filter.agent_id},
                             {"intent", s.filter.intent}};
  const auto& fcr = s.first_contact;
  o["first_contact_resolution"] = json::object{
      {"ended", fcr.ended},
      {"resolved", fcr.resolved},
      {"rate", fcr.ended > 0
                   ? json::value(static_cast<double>(fcr.resolved) / static_cast<double>(fcr.ended))
                   : json::value(nullptr)},
      {"window_days", 7}};
  json::array unanswered;
  for (const auto& u : s.top_unanswered)
    unanswered.push_back(json::object{{"text", u.text},
                                      {"key", u.key},
                                      {"language", nlu::language_code(u.language)},
                                      {"count", u.count},
                                      {"last_seen", format_iso8601(u.last_seen)}});
  o["top_unanswered"] = std::move(unanswered);
  o["faq"] = json::object{{"views", s.faq.views},
                          {"helpful", s.faq.helpful},
                          {"not_helpful", s.faq.not_helpful},
                          {"scope", "all time"}};
  return o;
}

json::object report_json(const AnalyticsRange& range, const std::string& group_by,
                         const std::vector<ReportRow>& rows) {
  json::array items;
  for (const auto& r : rows) {
    json::object row = totals_json(r.totals);
    row["group"] = r.group;
    items.push_back(std::move(row));
  }
  return {{"from", format_iso8601(range.from)},
          {"to", format_iso8601(range.to)},
          {"group_by", group_by},
          {"rows", std::move(items)}};
}

std::string report_csv(const std::vector<ReportRow>& rows) {
  // Every reason the store accepts (migration 5), so columns do not depend on the data.
  static const std::vector<std::string> reasons = {
      "complex_inquiry", "complaint",      "technical_support", "payment_issue",
      "urgent_matter",   "bot_limitation", "customer_request",  "system_error"};
  std::string out =
      "group,conversations_started,conversations_ended,contained,containment_rate,escalations";
  for (const auto& r : reasons) out += ",escalations_" + r;
  out +=
      ",average_wait_seconds,average_handle_seconds,csat_count,csat_average,csat_1,csat_2,"
      "csat_3,csat_4,csat_5,turns,average_confidence,out_of_scope,out_of_scope_rate\r\n";
  for (const auto& row : rows) {
    const auto& t = row.totals;
    out += csv_field(row.group) + "," + std::to_string(t.started) + "," + std::to_string(t.ended) +
           "," + std::to_string(t.contained) + "," + csv_number(t.containment_rate()) + "," +
           std::to_string(t.escalations);
    for (const auto& r : reasons) {
      auto it = t.escalations_by_reason.find(r);
      out += "," + std::to_string(it == t.escalations_by_reason.end() ? 0 : it->second);
    }
    out += "," + csv_number(t.average_wait_seconds()) + "," +
           csv_number(t.average_handle_seconds()) + "," + std::to_string(t.csat_count()) + "," +
           csv_number(t.csat_average());
    for (auto n : t.csat) out += "," + std::to_string(n);
    out += "," + std::to_string(t.turns) + "," + csv_number(t.average_confidence()) + "," +
           std::to_string(t.out_of_scope) + "," + csv_number(t.out_of_scope_rate()) + "\r\n";
  }
  return out;
}

json::object export_json(const ConversationRecord& r) {
  json::array messages;
  for (const auto& m : r.messages) messages.push_back(to_json(m));
  json::value escalation = nullptr;
  if (r.escalation) {
    json::object e = agent_work_json(*r.escalation);
    e["callback_phone"] = r.escalation->callback_phone;
    e["csat"] = r.escalation->csat ? json::value(*r.escalation->csat) : json::value(nullptr);
    escalation = std::move(e);
  }
  return {{"conversation", to_json(r.conversation)},
          {"customer", r.customer ? json::value(to_json(*r.customer)) : json::value(nullptr)},
          {"messages", std::move(messages)},
          {"escalation", std::move(escalation)}};
}

}  // namespace aicc::api
