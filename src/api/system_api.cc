// Operational endpoints: liveness, readiness, metrics, the API document and the
// embedded web assets (Swagger UI at /docs, the chat widget at /widget.js and its demo
// page at /demo, the agent desktop at /agent).
#include <functional>
#include <memory>

#include "api/api.h"
#include "api/assets.h"
#include "api/json_io.h"
#include "api/schemas.h"

namespace aicc::api {
namespace {

std::string etag_of(std::string_view data) {
  const auto h = std::hash<std::string_view>{}(data);
  return "\"" + std::to_string(h) + "\"";
}

Response serve_asset(const Request& req, const std::string& path) {
  if (path.find("..") != std::string::npos)
    return net::error_response(404, "not_found", "no such asset");
  const Asset* a = find_asset(path);
  if (!a) {
    if (asset_count() == 0)
      return net::error_response(404, "not_found",
                                 "web assets are not built into this binary; run "
                                 "scripts/build-web and rebuild");
    return net::error_response(404, "not_found", "no such asset: " + path);
  }
  Response r;
  const std::string etag = etag_of(a->data);
  r.set_header("etag", etag);
  r.set_header("cache-control", std::string(cache_control_for(path)));
  if (auto inm = req.header("if-none-match"); inm && *inm == etag) {
    r.status = 304;
    r.content_type.clear();
    return r;
  }
  r.content_type = std::string(content_type_for(path));
  r.body = std::string(a->data);
  return r;
}

Response readiness(ApiContext& ctx) {
  std::map<std::string, std::string> problems;
  json::object checks;
  if (ctx.draining()) problems["server"] = "shutting down";
  if (auto ping = ctx.store.ping(); !ping) {
    problems["store"] = ping.error().message;
  } else if (auto schema = ctx.store.schema_status(); !schema) {
    problems["migrations"] = schema.error().message;
  } else if (!schema->up_to_date()) {
    problems["migrations"] = "database at version " + std::to_string(schema->current_version) +
                             ", binary expects " + std::to_string(schema->latest_version) +
                             "; run `aicc migrate`";
  }
  if (!problems.empty())
    return net::error_response(503, "not_ready", "the service is not ready", problems);
  return json_response(200, json::object{{"status", "ready"},
                                         {"version", ctx.version},
                                         {"checks",
                                          {{"store", std::string(ctx.store.backend()) + " ok"},
                                           {"migrations", "up to date"}}}});
}

}  // namespace

void add_system_routes(net::Router& r, ApiContext& ctx) {
  r.add(
      Method::kGet, "/healthz",
      [&ctx](Request&) {
        return json_response(200, json::object{{"status", "ok"}, {"version", ctx.version}});
      },
      RouteDoc{.operation_id = "health",
               .summary = "Liveness: the process answers",
               .tag = "Operations",
               .responses = {{200, "Alive", schema_ref("Health")}}});
  r.add(
      Method::kGet, "/readyz", [&ctx](Request&) { return readiness(ctx); },
      RouteDoc{
          .operation_id = "ready",
          .summary = "Readiness: store reachable, migrations applied, not draining",
          .tag = "Operations",
          .responses = {{200, "Ready", schema_ref("Health")},
                        {503, "Not ready; details name each failing check", schema_ref("Error")}}});
  r.add(
      Method::kGet, "/metrics",
      [&ctx](Request&) {
        Response resp;
        resp.content_type = "text/plain; version=0.0.4; charset=utf-8";
        resp.body = ctx.metrics.render();
        return resp;
      },
      RouteDoc{.operation_id = "metrics",
               .summary = "Prometheus metrics (text exposition format)",
               .tag = "Operations",
               .responses = {{200, "Metrics", R"({"type":"string"})", "text/plain"}}});
  // The document is built once, on first request, from the complete route table.
  auto doc = std::make_shared<std::string>();
  auto once = std::make_shared<std::once_flag>();
  r.add(
      Method::kGet, "/openapi.json",
      [&r, &ctx, doc, once](Request&) {
        std::call_once(*once, [&] { *doc = build_openapi(r, ctx.version); });
        Response resp;
        resp.body = *doc;
        return resp;
      },
      RouteDoc{.operation_id = "openapi",
               .summary = "This API's OpenAPI 3 document",
               .tag = "Operations",
               .responses = {{200, "OpenAPI document", R"({"type":"object"})"}}});
  r.add(
      Method::kGet, "/docs", [](Request& q) { return serve_asset(q, "docs/index.html"); },
      RouteDoc{.operation_id = "docs",
               .summary = "Interactive API documentation (Swagger UI)",
               .tag = "Operations",
               .responses = {{200, "HTML page", R"({"type":"string"})", "text/html"}}});
  r.add(
      Method::kGet, "/docs/{file*}",
      [](Request& q) { return serve_asset(q, "docs/" + q.param("file")); },
      RouteDoc{.hidden = true});
  // The customer chat widget: the script other sites embed, and demo pages embedding it.
  r.add(
      Method::kGet, "/widget.js", [](Request& q) { return serve_asset(q, "widget/widget.js"); },
      RouteDoc{.hidden = true});
  r.add(
      Method::kGet, "/widget/{file*}",
      [](Request& q) { return serve_asset(q, "widget/" + q.param("file")); },
      RouteDoc{.hidden = true});
  r.add(
      Method::kGet, "/demo", [](Request& q) { return serve_asset(q, "widget/demo.html"); },
      RouteDoc{.hidden = true});
  r.add(
      Method::kGet, "/demo/en", [](Request& q) { return serve_asset(q, "widget/demo.en.html"); },
      RouteDoc{.hidden = true});
  // The agent desktop: its page, and its script and stylesheet.
  r.add(
      Method::kGet, "/agent", [](Request& q) { return serve_asset(q, "agent/index.html"); },
      RouteDoc{.hidden = true});
  r.add(
      Method::kGet, "/agent/{file*}",
      [](Request& q) { return serve_asset(q, "agent/" + q.param("file")); },
      RouteDoc{.hidden = true});
  // The admin console: the page (it logs in itself; every API call it makes is role-checked)
  // and its script and stylesheet.
  r.add(
      Method::kGet, "/admin", [](Request& q) { return serve_asset(q, "admin/index.html"); },
      RouteDoc{.hidden = true});
  r.add(
      Method::kGet, "/admin/{file*}",
      [](Request& q) { return serve_asset(q, "admin/" + q.param("file")); },
      RouteDoc{.hidden = true});
  // The supervisor dashboard: its page (which signs in itself) and its script and styles.
  r.add(
      Method::kGet, "/supervisor",
      [](Request& q) { return serve_asset(q, "supervisor/index.html"); }, RouteDoc{.hidden = true});
  r.add(
      Method::kGet, "/supervisor/{file*}",
      [](Request& q) { return serve_asset(q, "supervisor/" + q.param("file")); },
      RouteDoc{.hidden = true});
  r.add(
      Method::kGet, "/assets/{file*}", [](Request& q) { return serve_asset(q, q.param("file")); },
      RouteDoc{.hidden = true});
}

}  // namespace aicc::api
