// The request pipeline, in the spirit of Envoy's filter chain, but fixed and small:
//   request id → CORS (preflight answered here) → route (404 / 405)
//   → authentication and role (401 / 403, for routes with a required role) → handler
//   → CORS headers → metrics → access log.
// Transport-neutral: the server hands it a parsed Request on a worker thread.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "core/random.h"
#include "net/http.h"
#include "net/rate_limiter.h"
#include "net/router.h"
#include "platform/metrics.h"

namespace aicc::net {

// Recognises the bearer token of a request. Implemented over the session store by the
// API layer; the pipeline only knows the interface.
class Authenticator {
 public:
  virtual ~Authenticator() = default;
  // kUnauthenticated for a token that names no valid session; other codes for failures
  // of the check itself (e.g. the store is unreachable).
  virtual Result<Principal> authenticate(std::string_view bearer_token) = 0;
  // The same for an API key (X-API-Key or Authorization: ApiKey); none are accepted unless
  // an implementation says otherwise.
  virtual Result<Principal> authenticate_api_key(std::string_view) {
    return make_error(ErrorCode::kUnauthenticated, "API keys are not accepted");
  }
};

struct PipelineOptions {
  std::vector<std::string> cors_origins;  // "*" for any; empty: no CORS headers
  bool access_log = true;
  // Requests per client address (429 with Retry-After beyond it); health, readiness and
  // metrics are exempt. Disabled when per_second is 0.
  RateLimit per_client;
  // Requests per API key (429 with Retry-After beyond it): a program with a key is one
  // caller wherever its requests come from. Disabled when per_second is 0.
  RateLimit per_api_key;
};

class Pipeline {
 public:
  Pipeline(const Router& router, PipelineOptions options, MetricsRegistry& metrics,
           RandomSource& random);

  // Assigns the request id, routes and runs the handler. Never throws: a handler that
  // throws yields a logged 500 with the error shape.
  Response handle(Request& request);

  // For WebSocket upgrades: matches a WebSocket route (filling request.route and
  // path_params) or returns the error response to send instead.
  const Route* match_websocket(Request& request, Response& refusal);

  // Adds CORS and request-id headers and records metrics and the access log for a
  // response; handle() calls it, and the server calls it for responses it makes itself
  // (malformed requests, 413, timeouts).
  void finish(const Request& request, Response& response,
              std::chrono::steady_clock::duration elapsed);

  // Gives the request an id: the client's X-Request-Id if well-formed, else a new one.
  void assign_request_id(Request& request);

  // Checks the callers of routes with a required role. Without one, such routes answer
  // 401 to everybody (fail closed). Set before serving; not owned.
  void set_authenticator(Authenticator* authenticator) { authenticator_ = authenticator; }

 private:
  bool preflight(const Request& request, Response& response) const;
  // Sets request.principal, or returns the refusal (401/403) when the route needs a role.
  std::optional<Response> authorize(const Route& route, Request& request);
  void add_cors_headers(const Request& request, Response& response) const;

  // 429 with Retry-After if the client has spent its requests; nullopt otherwise.
  std::optional<Response> throttle(const Request& request);

  const Router& router_;
  PipelineOptions options_;
  RateLimiter client_limiter_;
  RateLimiter key_limiter_;
  MetricsRegistry& metrics_;
  RandomSource& random_;
  Authenticator* authenticator_ = nullptr;
};

}  // namespace aicc::net
