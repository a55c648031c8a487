// /api/v1/admin/api-keys…: API keys for programs — create (the secret is in this one
// answer only), list (never a secret or its hash), revoke. Audited. Admins only.
#include "api/api.h"
#include "api/json_io.h"
#include "api/schemas.h"
#include "auth/api_keys.h"

namespace aicc::api {
namespace {

std::vector<ResponseDoc> with_errors(std::vector<ResponseDoc> ok,
                                     std::initializer_list<int> codes) {
  static const std::map<int, std::string> text = {
      {400, "Invalid input (malformed JSON, unknown field, blank name, bad role or expiry)"},
      {404, "No such API key"},
      {415, "Body is not application/json"}};
  return with_error_docs(std::move(ok), codes, text);
}

json::value optional_time(const std::optional<TimePoint>& t) {
  return t ? json::value(format_iso8601(*t)) : json::value(nullptr);
}

json::object to_json(const ApiKey& k, TimePoint now) {
  return {{"id", k.id},
          {"name", k.name},
          {"prefix", k.prefix},
          {"role", to_string(k.role)},
          {"created_by", k.created_by},
          {"created_at", format_iso8601(k.created_at)},
          {"expires_at", optional_time(k.expires_at)},
          {"revoked_at", optional_time(k.revoked_at)},
          {"active", k.valid_at(now)}};
}

Response list_keys(ApiContext& ctx, Request&) {
  auto keys = ctx.api_keys->list();
  if (!keys) return net::error_response(keys.error());
  const TimePoint now = ctx.clock.now();
  json::array items;
  for (const auto& k : *keys) items.push_back(to_json(k, now));
  return json_response(200, json::object{{"api_keys", std::move(items)}});
}

Response create_key(ApiContext& ctx, Request& req) {
  auto body = read_object(req);
  if (auto* err = std::get_if<Response>(&body)) return *err;
  FieldReader f(std::get<json::object>(body));
  NewApiKey k;
  k.name = f.string("name", true).value_or("");
  const std::string role = f.string("role", true).value_or("");
  const auto expires = f.string("expires_at");
  f.reject_unknown();
  if (!f.ok()) return f.error();
  auto parsed = parse_role(role);
  if (!parsed)
    return net::error_response(400, "invalid_request", "role must be agent, supervisor or admin",
                               {{"field", "role"}});
  k.role = *parsed;
  if (expires) {
    auto at = parse_iso8601(*expires);
    if (!at)
      return net::error_response(400, "invalid_request",
                                 "expires_at must be an ISO 8601 time with a zone",
                                 {{"field", "expires_at"}});
    k.expires_at = *at;
  }
  k.created_by = req.principal->user_id;
  auto created = ctx.api_keys->create(k);
  if (!created) return net::error_response(created.error());
  const TimePoint now = ctx.clock.now();
  json::object view = to_json(created->key, now);
  ctx.audit.record(audit_actor(req), "api_key.create", "api_key", created->key.id, "null",
                   json::serialize(view));
  view["secret"] = created->secret;
  auto resp = json_response(201, view);
  resp.set_header("cache-control", "no-store");
  return resp;
}

Response revoke_key(ApiContext& ctx, Request& req) {
  auto keys = ctx.api_keys->list();
  if (!keys) return net::error_response(keys.error());
  const TimePoint now = ctx.clock.now();
  std::optional<json::object> before;
  for (const auto& k : *keys)
    if (k.id == req.param("id")) before = to_json(k, now);
  auto revoked = ctx.api_keys->revoke(req.param("id"));
  if (!revoked) return net::error_response(revoked.error());
  json::object after = to_json(*revoked, ctx.clock.now());
  ctx.audit.record(audit_actor(req), "api_key.revoke", "api_key", revoked->id,
                   before ? json::serialize(*before) : "null", json::serialize(after));
  return json_response(200, after);
}

}  // namespace

void add_api_key_routes(net::Router& r, ApiContext& ctx) {
  r.add(
      Method::kGet, "/api/v1/admin/api-keys", [&ctx](Request& q) { return list_keys(ctx, q); },
      RouteDoc{.operation_id = "listApiKeys",
               .summary = "Every API key, without secrets",
               .tag = "Admin",
               .responses = {{200, "The keys", schema_ref("ApiKeyList")}},
               .required_role = Role::kAdmin});
  r.add(
      Method::kPost, "/api/v1/admin/api-keys", [&ctx](Request& q) { return create_key(ctx, q); },
      RouteDoc{.operation_id = "createApiKey",
               .summary = "Create an API key; the secret is in this answer only",
               .description = "Send it as `X-API-Key: <secret>` or `Authorization: ApiKey "
                              "<secret>`; the request then has the key's role.",
               .tag = "Admin",
               .request_schema_json = schema_ref("NewApiKeyRequest"),
               .responses = with_errors({{201, "The key with its secret", schema_ref("ApiKey")}},
                                        {400, 415}),
               .required_role = Role::kAdmin});
  r.add(
      Method::kDelete, "/api/v1/admin/api-keys/{id}",
      [&ctx](Request& q) { return revoke_key(ctx, q); },
      RouteDoc{.operation_id = "revokeApiKey",
               .summary = "Revoke an API key (it stops working at once)",
               .tag = "Admin",
               .responses = with_errors({{200, "The revoked key", schema_ref("ApiKey")}}, {404}),
               .required_role = Role::kAdmin});
}

}  // namespace aicc::api
