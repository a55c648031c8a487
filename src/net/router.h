// Routes requests by method and path pattern. Patterns are literal segments and
// parameters: "/api/v1/conversations/{id}/messages"; a last segment "{name*}" captures
// the rest of the path. Every route carries its documentation, from which the OpenAPI
// document is generated, so the document cannot miss an endpoint.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/user.h"
#include "net/http.h"
#include "net/websocket.h"

namespace aicc::net {

using Handler = std::function<Response(Request&)>;

struct ParamDoc {
  std::string name;
  std::string in = "query";  // query | path | header
  std::string description;
  std::string schema_json = R"({"type":"string"})";
  bool required = false;
};

struct ResponseDoc {
  int status = 200;
  std::string description;
  std::string schema_json;  // a JSON Schema or {"$ref": "#/components/schemas/X"}; empty: none
  std::string content_type = "application/json";
};

struct RouteDoc {
  std::string operation_id;
  std::string summary;
  std::string description;
  std::string tag;
  std::string request_schema_json;  // empty: no body
  std::vector<ParamDoc> params;     // path params are added automatically when undocumented
  std::vector<ResponseDoc> responses;
  bool hidden = false;  // static assets and the like: not in the API document
  // The least role a caller needs (see core/user.h: higher roles pass too). Unset: a
  // public route. The pipeline enforces it before the handler runs (401 without a
  // valid bearer token, 403 with too low a role); the API document shows it.
  std::optional<Role> required_role;
};

struct Route {
  Method method = Method::kGet;
  std::string pattern;
  std::vector<std::string> segments;
  Handler handler;
  WsAccept websocket;  // set for WebSocket routes (method GET)
  RouteDoc doc;
};

class Router {
 public:
  // Throws std::logic_error for a route of the same method, kind and shape as an earlier
  // one ("/a/{id}" and "/a/{name}/"), which would otherwise be silently shadowed.
  void add(Method method, std::string pattern, Handler handler, RouteDoc doc = {});
  void add_websocket(std::string pattern, WsAccept accept, RouteDoc doc = {});

  enum class Outcome { kFound, kNotFound, kMethodNotAllowed };
  struct Match {
    Outcome outcome = Outcome::kNotFound;
    const Route* route = nullptr;
    std::map<std::string, std::string> params;
    std::vector<Method> allowed;  // for kMethodNotAllowed
  };
  // `path` is percent-encoded; parameters are decoded in the result. A WebSocket route
  // is matched only when `websocket` is true, and ordinary routes only when false.
  Match match(Method method, std::string_view path, bool websocket = false) const;

  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

}  // namespace aicc::net
