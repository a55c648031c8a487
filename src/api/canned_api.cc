// Canned responses: admins manage them (/api/v1/admin/canned-responses…, audited);
// agents read them (/api/v1/agent/canned-responses?language=&q=&queue=).
#include <algorithm>

#include "api/api.h"
#include "api/json_io.h"
#include "api/schemas.h"

namespace aicc::api {
namespace {

const std::string kBase = "/api/v1/admin/canned-responses";

std::vector<ResponseDoc> with_errors(std::vector<ResponseDoc> ok,
                                     std::initializer_list<int> codes) {
  static const std::map<int, std::string> text = {
      {400,
       "Invalid input (malformed JSON, missing or wrong-typed field, bad value, unknown "
       "queue)"},
      {404, "No such canned response"},
      {409, "The shortcut is taken in that language"},
      {413, "Body larger than the limit"},
      {415, "Body is not application/json"}};
  return with_error_docs(std::move(ok), codes, text);
}

json::object to_json(const CannedResponse& c) {
  return {{"id", c.id},
          {"title", c.title},
          {"text", c.text},
          {"language", c.language},
          {"queue", c.queue.empty() ? json::value(nullptr) : json::value(c.queue)},
          {"shortcut", c.shortcut.empty() ? json::value(nullptr) : json::value(c.shortcut)},
          {"created_at", format_iso8601(c.created_at)},
          {"updated_at", format_iso8601(c.updated_at)}};
}

Response bad(std::string_view field, std::string_view message) {
  return net::error_response(400, "invalid_request", message, {{"field", std::string(field)}});
}

// The body's fields onto `c`: title, text and language are required on create (and on
// replace); queue and shortcut are optional (null or "" clears them).
std::optional<Response> read_fields(ApiContext& ctx, const json::object& body, CannedResponse& c) {
  FieldReader f(body);
  c.title = f.string("title", true).value_or("");
  c.text = f.string("text", true).value_or("");
  c.language = f.string("language", true).value_or("");
  c.queue.clear();
  c.shortcut.clear();
  for (auto [key, slot] : {std::pair{"queue", &c.queue}, std::pair{"shortcut", &c.shortcut}}) {
    if (const auto* v = body.if_contains(key); v && v->is_null())
      f.ignore(key);
    else
      *slot = f.string(key).value_or("");
  }
  f.ignore("id");
  f.ignore("created_at");
  f.ignore("updated_at");
  f.reject_unknown();
  if (!f.ok()) return f.error();
  if (auto p = canned_response_problem(c)) return bad(p->field, p->message);
  if (!c.queue.empty() && ctx.escalations && !ctx.escalations->queues()->find(c.queue))
    return bad("queue", "no such queue: " + c.queue);
  return std::nullopt;
}

Response list_admin(ApiContext& ctx, Request& req) {
  std::optional<std::string> language;
  if (auto v = req.query_param("language"); v && !v->empty()) {
    if (*v != "ko" && *v != "en") return bad("language", "language must be ko or en");
    language = std::string(*v);
  }
  auto all = ctx.store.list_canned_responses(language);
  if (!all) return net::error_response(all.error());
  json::array items;
  for (const auto& c : *all) items.push_back(to_json(c));
  return json_response(200, json::object{{"canned_responses", std::move(items)}});
}

Response create(ApiContext& ctx, Request& req) {
  auto body = read_object(req);
  if (auto* err = std::get_if<Response>(&body)) return *err;
  CannedResponse c;
  c.id = "canned-placeholder";  // validated before the real id is drawn
  if (auto err = read_fields(ctx, std::get<json::object>(body), c)) return *err;
  c.id = ctx.ids.uuid();
  c.created_at = c.updated_at = ctx.clock.now();
  auto created = ctx.store.create_canned_response(c);
  if (!created) return net::error_response(created.error());
  ctx.audit.record(audit_actor(req), "canned_response.create", "canned_response", created->id,
                   "null", json::serialize(to_json(*created)));
  auto resp = json_response(201, to_json(*created));
  resp.set_header("location", kBase + "/" + created->id);
  return resp;
}

Response get_one(ApiContext& ctx, Request& req) {
  auto c = ctx.store.get_canned_response(req.param("id"));
  if (!c) return net::error_response(c.error());
  return json_response(200, to_json(*c));
}

Response replace(ApiContext& ctx, Request& req) {
  auto body = read_object(req);
  if (auto* err = std::get_if<Response>(&body)) return *err;
  auto old = ctx.store.get_canned_response(req.param("id"));
  if (!old) return net::error_response(old.error());
  CannedResponse c = *old;
  if (auto err = read_fields(ctx, std::get<json::object>(body), c)) return *err;
  c.updated_at = ctx.clock.now();
  auto saved = ctx.store.update_canned_response(c);
  if (!saved) return net::error_response(saved.error());
  ctx.audit.record(audit_actor(req), "canned_response.update", "canned_response", saved->id,
                   json::serialize(to_json(*old)), json::serialize(to_json(*saved)));
  return json_response(200, to_json(*saved));
}

Response remove(ApiContext& ctx, Request& req) {
  auto old = ctx.store.get_canned_response(req.param("id"));
  if (!old) return net::error_response(old.error());
  if (auto st = ctx.store.delete_canned_response(old->id); !st)
    return net::error_response(st.error());
  ctx.audit.record(audit_actor(req), "canned_response.delete", "canned_response", old->id,
                   json::serialize(to_json(*old)), "null");
  Response r;
  r.status = 204;
  return r;
}

// ASCII letters folded; Hangul has no case.
std::string fold(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

Response list_agent(ApiContext& ctx, Request& req) {
  std::optional<std::string> language;
  if (auto v = req.query_param("language"); v && !v->empty()) {
    if (*v != "ko" && *v != "en") return bad("language", "language must be ko or en");
    language = std::string(*v);
  }
  const std::string q = fold(req.query_param("q").value_or(""));
  if (q.size() > 200) return bad("q", "q must be at most 200 bytes");
  const std::string queue(req.query_param("queue").value_or(""));
  auto all = ctx.store.list_canned_responses(language);
  if (!all) return net::error_response(all.error());
  json::array items;
  for (const auto& c : *all) {
    if (!queue.empty() && !c.queue.empty() && c.queue != queue) continue;
    if (!q.empty() && fold(c.title).find(q) == std::string::npos &&
        fold(c.text).find(q) == std::string::npos && fold(c.shortcut).find(q) == std::string::npos)
      continue;
    items.push_back(to_json(c));
  }
  return json_response(200, json::object{{"canned_responses", std::move(items)}});
}

}  // namespace

void add_canned_routes(net::Router& r, ApiContext& ctx) {
  r.add(
      Method::kGet, "/api/v1/agent/canned-responses",
      [&ctx](Request& q) { return list_agent(ctx, q); },
      RouteDoc{.operation_id = "agentCannedResponses",
               .summary = "Canned responses to reply with",
               .description = "language=ko|en filters by language; q keeps the ones whose "
                              "title, text or shortcut contains it (ASCII case ignored); "
                              "queue=ID keeps the ones for that queue and for every queue.",
               .tag = "Agent",
               .responses = with_errors(
                   {{200, "Korean first, then by title", schema_ref("CannedResponseList")}}, {400}),
               .required_role = Role::kAgent});
  r.add(
      Method::kGet, kBase, [&ctx](Request& q) { return list_admin(ctx, q); },
      RouteDoc{.operation_id = "listCannedResponses",
               .summary = "Every canned response (language=ko|en filters)",
               .tag = "Admin",
               .responses = with_errors(
                   {{200, "Korean first, then by title", schema_ref("CannedResponseList")}}, {400}),
               .required_role = Role::kAdmin});
  r.add(
      Method::kPost, kBase, [&ctx](Request& q) { return create(ctx, q); },
      RouteDoc{.operation_id = "createCannedResponse",
               .summary = "Create a canned response",
               .description = "title (1–100 characters), text (1–1000), language ko|en, "
                              "optional queue (a queue id) and shortcut (\"/\" and 1–32 of "
                              "a-z 0-9 _ -, unique per language). Audited.",
               .tag = "Admin",
               .request_schema_json = schema_ref("CannedResponseRequest"),
               .responses = with_errors({{201, "Created", schema_ref("CannedResponse")}},
                                        {400, 409, 413, 415}),
               .required_role = Role::kAdmin});
  r.add(
      Method::kGet, kBase + "/{id}", [&ctx](Request& q) { return get_one(ctx, q); },
      RouteDoc{
          .operation_id = "getCannedResponse",
          .summary = "One canned response",
          .tag = "Admin",
          .responses = with_errors({{200, "The response", schema_ref("CannedResponse")}}, {404}),
          .required_role = Role::kAdmin});
  r.add(
      Method::kPut, kBase + "/{id}", [&ctx](Request& q) { return replace(ctx, q); },
      RouteDoc{.operation_id = "replaceCannedResponse",
               .summary = "Replace a canned response's fields",
               .description = "Same fields and rules as create; queue and shortcut left out "
                              "are cleared. Audited with before and after.",
               .tag = "Admin",
               .request_schema_json = schema_ref("CannedResponseRequest"),
               .responses = with_errors({{200, "Saved", schema_ref("CannedResponse")}},
                                        {400, 404, 409, 413, 415}),
               .required_role = Role::kAdmin});
  r.add(
      Method::kDelete, kBase + "/{id}", [&ctx](Request& q) { return remove(ctx, q); },
      RouteDoc{.operation_id = "deleteCannedResponse",
               .summary = "Delete a canned response (audited)",
               .tag = "Admin",
               .responses = with_errors({{204, "Deleted", ""}}, {404}),
               .required_role = Role::kAdmin});
}

}  // namespace aicc::api
