// Transport-neutral HTTP request and response. Handlers in api/ see only these types,
// never Beast's, so they compile fast and can be unit-tested without sockets.
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.h"
#include "core/user.h"

namespace aicc::net {

enum class Method { kGet, kHead, kPost, kPut, kPatch, kDelete, kOptions, kOther };

std::string_view to_string(Method m);
Method parse_method(std::string_view text);

using Headers = std::vector<std::pair<std::string, std::string>>;  // names lower-cased

// Who made a request, once the pipeline has checked their bearer token.
struct Principal {
  std::string user_id;
  std::string username;
  Role role = Role::kAgent;
  std::string session_token_hash;  // the session the token names (for logout)
};

struct Request {
  Method method = Method::kGet;
  std::string target;  // as received: path plus optional ?query
  std::string path;    // percent-encoded path, without the query
  std::string query;   // raw query string without '?'
  Headers headers;
  std::string body;
  std::string remote_address;
  // Filled by the pipeline:
  std::string request_id;
  std::string route;  // the matched route pattern, e.g. /api/v1/conversations/{id}
  std::map<std::string, std::string> path_params;  // percent-decoded
  std::optional<Principal> principal;              // set on routes that require a role

  // The first value of a header; names are case-insensitive.
  std::optional<std::string_view> header(std::string_view name) const;
  // The first value of a query parameter, percent-decoded ('+' is a space).
  std::optional<std::string> query_param(std::string_view name) const;
  const std::string& param(const std::string& name) const;  // a path parameter
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  Headers headers;
  std::string body;

  // Replaces a header of the same name (case-insensitive) or adds one.
  void set_header(std::string name, std::string value);
  std::optional<std::string_view> header(std::string_view name) const;
};

// The one error shape of the API: {"error":{"code":…,"message":…,"details":{…}}}.
Response error_response(int status, std::string_view code, std::string_view message,
                        const std::map<std::string, std::string>& details = {});

// Maps a domain error to its HTTP status and error code.
int http_status_for(ErrorCode code);
Response error_response(const Error& error);
// 429 rate_limited with Retry-After (whole seconds, at least 1) and details.retry_after_s.
Response too_many_requests(std::chrono::milliseconds wait, std::string_view message);

// Percent-decodes `text`; '+' becomes a space when `plus_is_space`. nullopt if malformed.
std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space);

std::string_view reason_phrase(int status);

}  // namespace aicc::net
