// JSON at the API edge: reading request bodies with precise errors, and writing domain
// objects as API resources. Uses Boost.JSON; the core never sees JSON text.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <boost/json.hpp>

#include "core/conversation.h"
#include "core/customer.h"
#include "core/escalation.h"
#include "core/message.h"
#include "net/http.h"

namespace aicc::api {

namespace json = boost::json;

// Parses the request body as a JSON object. An empty body yields an empty object when
// `allow_empty`. Failures come back as the response to send: 415 for a non-JSON
// content type, 400 invalid_json for bad syntax, 400 invalid_request for a non-object.
std::variant<json::object, net::Response> read_object(const net::Request& request,
                                                      bool allow_empty = false);

// ?limit=N of a list endpoint, an integer within [1, max]; `fallback` when absent. A bad
// value comes back as the 400 invalid_request response (details.field "limit").
std::variant<int, net::Response> limit_param(const net::Request& request, int fallback, int max);

// Reads typed fields out of a JSON object, remembering the first problem (with the
// field's dotted path in details.field) so a handler can check once at the end.
class FieldReader {
 public:
  FieldReader(const json::object& object, std::string path_prefix = {});

  std::optional<std::string> string(std::string_view key, bool required = false);
  std::optional<std::int64_t> integer(std::string_view key, bool required = false,
                                      std::int64_t min = INT64_MIN, std::int64_t max = INT64_MAX);
  std::optional<bool> boolean(std::string_view key, bool required = false);
  const json::object* object(std::string_view key, bool required = false);
  const json::array* array(std::string_view key, bool required = false);
  // A list of strings; nullopt when absent (or on error: see ok()).
  std::optional<std::vector<std::string>> strings(std::string_view key, bool required = false);
  // Accepts `key` without reading it (a read-only field a client may send back).
  void ignore(std::string_view key) { seen_.emplace(key); }
  // Flags every key not read so far as unknown (typos must not pass silently).
  void reject_unknown();

  bool ok() const { return !error_; }
  net::Response error() const { return *error_; }
  void fail(std::string_view key, const std::string& message);
  // Takes over the first error of a reader of a nested value, unless this one has one.
  void take_error(const FieldReader& inner) {
    if (!error_ && inner.error_) error_ = inner.error_;
  }

 private:
  std::string path(std::string_view key) const;
  const json::object& object_;
  std::string prefix_;
  std::set<std::string, std::less<>> seen_;
  std::optional<net::Response> error_;
};

json::object to_json(const Conversation& c);
json::object to_json(const Customer& c);
json::object to_json(const Message& m);
// An escalation as the agent desk sees it (inbox, accept, wrap-up, the agent stream).
json::object agent_work_json(const Escalation& e);

net::Response json_response(int status, const json::value& body);

}  // namespace aicc::api
