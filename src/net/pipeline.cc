#include "net/pipeline.h"

#include <algorithm>
#include <cstdio>
#include <exception>

#include "platform/log.h"

namespace aicc::net {
namespace {

bool valid_request_id(std::string_view id) {
  if (id.empty() || id.size() > 128) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' ||
           c == '_' || c == '.';
  });
}

// Every method the resource supports: HEAD wherever GET is, and OPTIONS, which the
// pipeline answers itself (RFC 9110 §10.2.1).
std::string allow_header(const std::vector<Method>& methods) {
  const auto has = [&](Method m) {
    return std::find(methods.begin(), methods.end(), m) != methods.end();
  };
  std::string out;
  const auto add = [&](Method m) {
    if (!out.empty()) out += ", ";
    out += to_string(m);
  };
  for (auto m : methods) {
    add(m);
    if (m == Method::kGet && !has(Method::kHead)) add(Method::kHead);
  }
  if (!has(Method::kOptions)) add(Method::kOptions);
  return out;
}

// "Bearer <token>" (scheme case-insensitive, RFC 9110 §11.1), or nullopt.
std::optional<std::string_view> bearer_token(const Request& req) {
  auto h = req.header("authorization");
  if (!h || h->size() < 7) return std::nullopt;
  const std::string_view scheme = h->substr(0, 7);
  const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; };
  constexpr std::string_view kBearer = "bearer ";
  for (std::size_t i = 0; i < kBearer.size(); ++i)
    if (lower(scheme[i]) != kBearer[i]) return std::nullopt;
  std::string_view token = h->substr(7);
  while (!token.empty() && token.front() == ' ') token.remove_prefix(1);
  while (!token.empty() && token.back() == ' ') token.remove_suffix(1);
  if (token.empty()) return std::nullopt;
  return token;
}

// The API key of `X-API-Key: <key>` or `Authorization: ApiKey <key>`, or nullopt.
std::optional<std::string_view> api_key(const Request& req) {
  auto trim = [](std::string_view v) {
    while (!v.empty() && v.front() == ' ') v.remove_prefix(1);
    while (!v.empty() && v.back() == ' ') v.remove_suffix(1);
    return v;
  };
  if (auto h = req.header("x-api-key")) {
    auto key = trim(*h);
    if (!key.empty()) return key;
  }
  auto h = req.header("authorization");
  constexpr std::string_view kScheme = "apikey ";
  if (!h || h->size() <= kScheme.size()) return std::nullopt;
  for (std::size_t i = 0; i < kScheme.size(); ++i) {
    const char c = (*h)[i];
    if ((c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c) != kScheme[i]) return std::nullopt;
  }
  auto key = trim(h->substr(kScheme.size()));
  if (key.empty()) return std::nullopt;
  return key;
}

Response unauthorized(std::string_view message) {
  Response r = error_response(401, "unauthenticated", message);
  r.set_header("www-authenticate", "Bearer");
  return r;
}

}  // namespace

Pipeline::Pipeline(const Router& router, PipelineOptions options, MetricsRegistry& metrics,
                   RandomSource& random)
    : router_(router),
      options_(std::move(options)),
      client_limiter_(options_.per_client),
      key_limiter_(options_.per_api_key),
      metrics_(metrics),
      random_(random) {}

std::optional<Response> Pipeline::throttle(const Request& req) {
  if (!options_.per_client.enabled()) return std::nullopt;
  if (req.path == "/healthz" || req.path == "/readyz" || req.path == "/metrics")
    return std::nullopt;  // load balancers and Prometheus poll these
  auto wait = client_limiter_.take(req.remote_address, std::chrono::steady_clock::now());
  if (!wait) return std::nullopt;
  metrics_
      .counter("aicc_rate_limited_total", "Requests refused with 429, by scope",
               {{"scope", "client"}})
      .inc();
  return too_many_requests(*wait, "too many requests from this address");
}

void Pipeline::assign_request_id(Request& req) {
  if (!req.request_id.empty()) return;
  if (auto h = req.header("x-request-id"); h && valid_request_id(*h)) {
    req.request_id = std::string(*h);
    return;
  }
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(random_.next_u64()));
  req.request_id = buf;
}

bool Pipeline::preflight(const Request& req, Response& resp) const {
  if (req.method != Method::kOptions || !req.header("origin") ||
      !req.header("access-control-request-method"))
    return false;
  resp.status = 204;
  resp.content_type.clear();
  add_cors_headers(req, resp);
  if (resp.header("access-control-allow-origin")) {
    resp.set_header("access-control-allow-methods", "GET, POST, PUT, PATCH, DELETE, OPTIONS");
    resp.set_header("access-control-allow-headers",
                    "Content-Type, Authorization, X-Request-Id, X-API-Key, Idempotency-Key");
    resp.set_header("access-control-max-age", "600");
  }
  return true;
}

void Pipeline::add_cors_headers(const Request& req, Response& resp) const {
  const auto origin = req.header("origin");
  if (!origin || options_.cors_origins.empty()) return;
  const bool any = std::find(options_.cors_origins.begin(), options_.cors_origins.end(), "*") !=
                   options_.cors_origins.end();
  const bool listed = std::find(options_.cors_origins.begin(), options_.cors_origins.end(),
                                *origin) != options_.cors_origins.end();
  if (!any && !listed) return;
  resp.set_header("access-control-allow-origin", any ? "*" : std::string(*origin));
  if (!any) resp.set_header("vary", "Origin");
  resp.set_header("access-control-expose-headers", "X-Request-Id, Location, Retry-After");
}

Response Pipeline::handle(Request& req) {
  const auto start = std::chrono::steady_clock::now();
  assign_request_id(req);
  Response resp;
  if (auto throttled = throttle(req)) {
    resp = std::move(*throttled);
  } else if (!preflight(req, resp)) {
    const auto match = router_.match(req.method, req.path);
    switch (match.outcome) {
      case Router::Outcome::kNotFound:
        resp = error_response(404, "not_found", "no route for " + req.path);
        break;
      case Router::Outcome::kMethodNotAllowed:
        if (req.method == Method::kOptions) {
          resp.status = 204;
          resp.content_type.clear();
          resp.set_header("allow", allow_header(match.allowed));
          break;
        }
        resp = error_response(405, "method_not_allowed",
                              std::string(to_string(req.method)) + " is not allowed on " + req.path,
                              {{"allow", allow_header(match.allowed)}});
        resp.set_header("allow", allow_header(match.allowed));
        break;
      case Router::Outcome::kFound:
        req.route = match.route->pattern;
        req.path_params = match.params;
        try {
          if (auto refusal = authorize(*match.route, req)) {
            resp = std::move(*refusal);
            break;
          }
          resp = match.route->handler(req);
        } catch (const std::exception& e) {
          log::error("handler threw",
                     {{"request_id", req.request_id}, {"route", req.route}, {"error", e.what()}});
          resp = error_response(500, "internal", "internal error; see the server log",
                                {{"request_id", req.request_id}});
        } catch (...) {
          log::error("handler threw a non-standard exception",
                     {{"request_id", req.request_id}, {"route", req.route}});
          resp = error_response(500, "internal", "internal error; see the server log",
                                {{"request_id", req.request_id}});
        }
        break;
    }
  }
  finish(req, resp, std::chrono::steady_clock::now() - start);
  return resp;
}

std::optional<Response> Pipeline::authorize(const Route& route, Request& req) {
  req.principal.reset();  // only ever from this request's token
  if (!route.doc.required_role) return std::nullopt;
  const auto key = api_key(req);
  const auto token = key ? std::nullopt : bearer_token(req);
  if (!key && !token)
    return unauthorized(
        "this endpoint needs an Authorization: Bearer <token> header (or an X-API-Key)");
  if (!authenticator_) return unauthorized("authentication is not configured");
  auto principal =
      key ? authenticator_->authenticate_api_key(*key) : authenticator_->authenticate(*token);
  if (!principal) {
    if (principal.error().code == ErrorCode::kUnauthenticated)
      return unauthorized(principal.error().message);
    return error_response(principal.error());
  }
  if (key && options_.per_api_key.enabled()) {
    if (auto wait = key_limiter_.take(principal->user_id, std::chrono::steady_clock::now())) {
      metrics_
          .counter("aicc_rate_limited_total", "Requests refused with 429, by scope",
                   {{"scope", "api_key"}})
          .inc();
      return too_many_requests(*wait, "too many requests with this API key");
    }
  }
  const Role need = *route.doc.required_role;
  if (!role_allows(principal->role, need))
    return error_response(403, "forbidden",
                          "this endpoint needs the " + std::string(to_string(need)) + " role",
                          {{"required_role", std::string(to_string(need))},
                           {"role", std::string(to_string(principal->role))}});
  req.principal = std::move(*principal);
  return std::nullopt;
}

const Route* Pipeline::match_websocket(Request& req, Response& refusal) {
  assign_request_id(req);
  const auto match = router_.match(Method::kGet, req.path, /*websocket=*/true);
  if (match.outcome != Router::Outcome::kFound) {
    refusal = error_response(404, "not_found", "no WebSocket endpoint at " + req.path);
    return nullptr;
  }
  req.route = match.route->pattern;
  req.path_params = match.params;
  if (auto denied = authorize(*match.route, req)) {
    refusal = std::move(*denied);
    return nullptr;
  }
  return match.route;
}

void Pipeline::finish(const Request& req, Response& resp,
                      std::chrono::steady_clock::duration elapsed) {
  add_cors_headers(req, resp);
  resp.set_header("x-request-id", req.request_id);
  const double seconds = std::chrono::duration<double>(elapsed).count();
  const std::string route = req.route.empty() ? "unmatched" : req.route;
  const std::string method(to_string(req.method));
  metrics_
      .counter("aicc_http_requests_total", "HTTP requests served, by route, method and status",
               {{"route", route}, {"method", method}, {"status", std::to_string(resp.status)}})
      .inc();
  metrics_
      .histogram("aicc_http_request_duration_seconds",
                 "Time from a parsed request to its response, by route and method",
                 {{"route", route}, {"method", method}})
      .observe(seconds);
  if (options_.access_log) {
    // Logged decoded, so that personal data in the path is masked even when encoded.
    const auto decoded_path = percent_decode(req.path, false);
    log::info("http", {{"request_id", req.request_id},
                       {"method", method},
                       {"path", decoded_path ? *decoded_path : req.path},
                       {"route", route},
                       {"status", resp.status},
                       {"duration_ms", seconds * 1000.0},
                       {"remote", req.remote_address}});
  }
}

}  // namespace aicc::net
