// /api/v1/admin/audit: the audit log of administrative changes, newest first. Admins only.

#include "api/api.h"
#include "api/json_io.h"
#include "api/schemas.h"

namespace aicc::api {
namespace {

json::value parsed_or_text(const std::string& text) {
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  return ec ? json::value(text) : v;
}

json::object to_json(const AuditEntry& e) {
  return {{"id", e.id},
          {"at", format_iso8601(e.at)},
          {"actor", {{"user_id", e.actor_id}, {"username", e.actor_name}}},
          {"action", e.action},
          {"resource_type", e.resource_type},
          {"resource_id", e.resource_id},
          {"before", parsed_or_text(e.before_json)},
          {"after", parsed_or_text(e.after_json)},
          {"request_id", e.request_id},
          {"client_address", e.client_address}};
}

Response bad(std::string_view field, std::string message) {
  return net::error_response(400, "invalid_request", message, {{"field", std::string(field)}});
}

Response list_audit(ApiContext& ctx, Request& req) {
  AuditFilter f;
  for (auto [name, slot] :
       {std::pair{"resource_type", &f.resource_type}, std::pair{"resource_id", &f.resource_id},
        std::pair{"actor_id", &f.actor_id}, std::pair{"cursor", &f.before_id}})
    if (auto v = req.query_param(name); v && !v->empty()) *slot = std::string(*v);
  for (auto [name, slot] : {std::pair{"since", &f.since}, std::pair{"until", &f.until}})
    if (auto v = req.query_param(name); v && !v->empty()) {
      auto t = parse_iso8601(*v);
      if (!t)
        return bad(name,
                   std::string(name) + " must be an ISO 8601 time, e.g. 2026-11-29T00:00:00Z");
      *slot = *t;
    }
  auto limit = limit_param(req, f.limit, 500);
  if (auto* bad_limit = std::get_if<Response>(&limit)) return std::move(*bad_limit);
  f.limit = std::get<int>(limit);
  auto entries = ctx.store.list_audit_entries(f);
  if (!entries) return net::error_response(entries.error());
  json::array items;
  for (const auto& e : *entries) items.push_back(to_json(e));
  json::value next = nullptr;
  if (static_cast<int>(entries->size()) == f.limit) next = entries->back().id;
  return json_response(200, json::object{{"entries", std::move(items)}, {"next_cursor", next}});
}

}  // namespace

AuditActor audit_actor(const net::Request& req) {
  AuditActor a;
  if (req.principal) {
    a.user_id = req.principal->user_id;
    a.username = req.principal->username;
  }
  a.request_id = req.request_id;
  a.client_address = req.remote_address;
  return a;
}

void add_audit_routes(net::Router& r, ApiContext& ctx) {
  r.add(
      Method::kGet, "/api/v1/admin/audit", [&ctx](Request& q) { return list_audit(ctx, q); },
      RouteDoc{.operation_id = "listAuditEntries",
               .summary = "The audit log of administrative changes, newest first",
               .description = "Query: resource_type, resource_id, actor_id, since, until "
                              "(ISO 8601; since inclusive, until exclusive), limit (1–500, "
                              "default 100), cursor (the next_cursor of the previous page).",
               .tag = "Admin",
               .responses = {{200, "The entries", schema_ref("AuditList")},
                             {400, "A bad filter", schema_ref("Error")}},
               .required_role = Role::kAdmin});
}

}  // namespace aicc::api
