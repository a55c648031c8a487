#include "net/http.h"

#include <cctype>

#include "platform/log.h"

namespace aicc::net {
namespace {

// Header names are case-insensitive (RFC 9110 §5.1).
bool same_header_name(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const auto x = static_cast<unsigned char>(a[i]), y = static_cast<unsigned char>(b[i]);
    if (std::tolower(x) != std::tolower(y)) return false;
  }
  return true;
}

}  // namespace

std::string_view to_string(Method m) {
  switch (m) {
    case Method::kGet:
      return "GET";
    case Method::kHead:
      return "HEAD";
    case Method::kPost:
      return "POST";
    case Method::kPut:
      return "PUT";
    case Method::kPatch:
      return "PATCH";
    case Method::kDelete:
      return "DELETE";
    case Method::kOptions:
      return "OPTIONS";
    case Method::kOther:
      return "OTHER";
  }
  return "OTHER";
}

Method parse_method(std::string_view t) {
  for (auto m : {Method::kGet, Method::kHead, Method::kPost, Method::kPut, Method::kPatch,
                 Method::kDelete, Method::kOptions})
    if (to_string(m) == t) return m;
  return Method::kOther;
}

std::optional<std::string_view> Request::header(std::string_view name) const {
  for (const auto& [k, v] : headers)
    if (same_header_name(k, name)) return v;
  return std::nullopt;
}

std::optional<std::string> Request::query_param(std::string_view name) const {
  std::string_view q = query;
  while (!q.empty()) {
    const auto amp = q.find('&');
    const auto part = q.substr(0, amp);
    q = amp == std::string_view::npos ? std::string_view{} : q.substr(amp + 1);
    const auto eq = part.find('=');
    const auto key = percent_decode(part.substr(0, eq), true);
    if (!key || *key != name) continue;
    if (eq == std::string_view::npos) return std::string{};
    return percent_decode(part.substr(eq + 1), true);
  }
  return std::nullopt;
}

const std::string& Request::param(const std::string& name) const {
  static const std::string empty;
  auto it = path_params.find(name);
  return it == path_params.end() ? empty : it->second;
}

void Response::set_header(std::string name, std::string value) {
  for (auto& [k, v] : headers) {
    if (same_header_name(k, name)) {
      v = std::move(value);
      return;
    }
  }
  headers.emplace_back(std::move(name), std::move(value));
}

std::optional<std::string_view> Response::header(std::string_view name) const {
  for (const auto& [k, v] : headers)
    if (same_header_name(k, name)) return v;
  return std::nullopt;
}

Response error_response(int status, std::string_view code, std::string_view message,
                        const std::map<std::string, std::string>& details) {
  Response r;
  r.status = status;
  std::string& b = r.body;
  b = "{\"error\":{\"code\":";
  log::append_json_string(b, code);
  b += ",\"message\":";
  log::append_json_string(b, message);
  b += ",\"details\":{";
  bool first = true;
  for (const auto& [k, v] : details) {
    if (!first) b.push_back(',');
    first = false;
    log::append_json_string(b, k);
    b.push_back(':');
    log::append_json_string(b, v);
  }
  b += "}}}";
  return r;
}

int http_status_for(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument:
      return 400;
    case ErrorCode::kNotFound:
      return 404;
    case ErrorCode::kConflict:
      return 409;
    case ErrorCode::kFailedPrecondition:
      return 422;
    case ErrorCode::kUnavailable:
      return 503;
    case ErrorCode::kUnauthenticated:
      return 401;
    case ErrorCode::kPermissionDenied:
      return 403;
    case ErrorCode::kResourceExhausted:
      return 429;
    case ErrorCode::kInternal:
      return 500;
  }
  return 500;
}

Response error_response(const Error& e) {
  // Validation failures share the API's one code for bad input.
  const std::string_view code =
      e.code == ErrorCode::kInvalidArgument ? "invalid_request" : to_string(e.code);
  return error_response(http_status_for(e.code), code, e.message, e.details);
}

Response too_many_requests(std::chrono::milliseconds wait, std::string_view message) {
  const auto seconds = std::max<std::int64_t>(1, (wait.count() + 999) / 1000);
  Response r =
      error_response(429, "rate_limited", message, {{"retry_after_s", std::to_string(seconds)}});
  r.set_header("retry-after", std::to_string(seconds));
  return r;
}

std::optional<std::string> percent_decode(std::string_view t, bool plus_is_space) {
  std::string out;
  out.reserve(t.size());
  auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t[i] == '%') {
      if (i + 2 >= t.size()) return std::nullopt;
      const int hi = hex(t[i + 1]), lo = hex(t[i + 2]);
      if (hi < 0 || lo < 0) return std::nullopt;
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else if (t[i] == '+' && plus_is_space) {
      out.push_back(' ');
    } else {
      out.push_back(t[i]);
    }
  }
  return out;
}

std::string_view reason_phrase(int s) {
  switch (s) {
    case 200:
      return "OK";
    case 201:
      return "Created";
    case 202:
      return "Accepted";
    case 204:
      return "No Content";
    case 304:
      return "Not Modified";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 408:
      return "Request Timeout";
    case 409:
      return "Conflict";
    case 413:
      return "Payload Too Large";
    case 415:
      return "Unsupported Media Type";
    case 422:
      return "Unprocessable Entity";
    case 429:
      return "Too Many Requests";
    case 431:
      return "Request Header Fields Too Large";
    case 500:
      return "Internal Server Error";
    case 503:
      return "Service Unavailable";
    default:
      return "";
  }
}

}  // namespace aicc::net
