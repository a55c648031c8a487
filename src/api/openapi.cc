// Generates the OpenAPI 3.0 document from the router: every route is documented where
// it is registered, so the document covers every endpoint by construction.
#include <boost/json.hpp>

#include "api/api.h"
#include "api/schemas.h"

namespace aicc::api {
namespace {

namespace json = boost::json;

json::value parse_schema(const std::string& text) {
  if (text.empty()) return json::object{};
  return json::parse(text);
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// "/a/{id}/b/{rest*}" → "/a/{id}/b/{rest}"
std::string openapi_path(const std::string& pattern) {
  std::string out = pattern;
  for (auto p = out.find("*}"); p != std::string::npos; p = out.find("*}")) out.erase(p, 1);
  return out;
}

json::object operation(const net::Route& r) {
  const auto& d = r.doc;
  json::object op;
  if (!d.operation_id.empty()) op["operationId"] = d.operation_id;
  op["summary"] = d.summary.empty() ? r.pattern : d.summary;
  if (!d.description.empty()) op["description"] = d.description;
  if (!d.tag.empty()) op["tags"] = json::array{json::value(d.tag)};
  json::array params;
  for (const auto& seg : r.segments) {
    if (seg.size() < 3 || seg.front() != '{') continue;
    std::string name = seg.substr(1, seg.size() - 2);
    if (!name.empty() && name.back() == '*') name.pop_back();
    params.push_back(json::object{
        {"name", name}, {"in", "path"}, {"required", true}, {"schema", {{"type", "string"}}}});
  }
  for (const auto& p : d.params) {
    json::object po{{"name", p.name},
                    {"in", p.in},
                    {"required", p.required},
                    {"schema", parse_schema(p.schema_json)}};
    if (!p.description.empty()) po["description"] = p.description;
    params.push_back(std::move(po));
  }
  if (!params.empty()) op["parameters"] = std::move(params);
  if (!d.request_schema_json.empty()) {
    op["requestBody"] = json::object{
        {"required", true},
        {"content", {{"application/json", {{"schema", parse_schema(d.request_schema_json)}}}}}};
  }
  json::object responses;
  for (const auto& resp : d.responses) {
    json::object ro{{"description", resp.description}};
    if (!resp.schema_json.empty())
      ro["content"] =
          json::object{{resp.content_type, {{"schema", parse_schema(resp.schema_json)}}}};
    responses[std::to_string(resp.status)] = std::move(ro);
  }
  if (responses.empty()) responses["200"] = json::object{{"description", "OK"}};
  if (d.required_role) {
    // Enforced by the pipeline for every such route, so documented here for all of them.
    const std::string role(to_string(*d.required_role));
    op["security"] = json::array{json::object{{"bearerAuth", json::array{}}}};
    op["x-required-role"] = role;
    const json::object error{
        {"application/json", {{"schema", {{"$ref", "#/components/schemas/Error"}}}}}};
    if (!responses.contains("401"))
      responses["401"] =
          json::object{{"description", "No bearer token, or one that names no valid session"},
                       {"content", error}};
    if (!responses.contains("403"))
      responses["403"] =
          json::object{{"description", "The caller's role is below " + role}, {"content", error}};
  }
  op["responses"] = std::move(responses);
  return op;
}

}  // namespace

std::string build_openapi(const net::Router& router, const std::string& version) {
  json::object paths;
  for (const auto& r : router.routes()) {
    if (r.doc.hidden) continue;
    auto& item = paths[openapi_path(r.pattern)];
    if (!item.is_object()) item = json::object{};
    item.as_object()[lower(net::to_string(r.method))] = operation(r);
  }
  json::object doc{
      {"openapi", "3.0.3"},
      {"info",
       {{"title", "AICC API"},
        {"version", version},
        {"description",
         "AICC, a self-hosted AI contact-center engine. Every failure answers with one shape: "
         "{\"error\": {\"code\", \"message\", \"details\"}}."}}},
      {"paths", std::move(paths)},
      {"components",
       {{"schemas", component_schemas()},
        {"securitySchemes",
         {{"bearerAuth",
           {{"type", "http"},
            {"scheme", "bearer"},
            {"description", "The token from POST /api/v1/auth/login"}}}}}}}};
  return json::serialize(doc);
}

}  // namespace aicc::api
