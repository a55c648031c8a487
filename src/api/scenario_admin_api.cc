// /api/v1/admin/scenarios…: the scenarios the bot runs now (from bot/scenarios and
// uploads), one with its source, and uploading a definition (JSON or YAML, as in
// bot/scenarios): validated with every problem listed (422), then stored and active at
// once. Uploads are audited. Admins only.
#include <fstream>
#include <sstream>

#include "api/api.h"
#include "api/json_io.h"
#include "api/schemas.h"
#include "bot/scenario_uploads.h"

namespace aicc::api {
namespace {

std::vector<ResponseDoc> with_errors(std::vector<ResponseDoc> ok,
                                     std::initializer_list<int> codes) {
  static const std::map<int, std::string> text = {
      {400, "Invalid input (malformed JSON, unknown field, format not json or yaml)"},
      {404, "No such scenario"},
      {415, "Body is not application/json"},
      {422, "The definition is invalid: details.errors lists every problem"},
      {503, "The bot is disabled (bot.enabled = false)"}};
  return with_error_docs(std::move(ok), codes, text);
}

std::optional<Response> unless_bot(const ApiContext& ctx) {
  if (ctx.bot && ctx.scenario_uploads) return std::nullopt;
  return net::error_response(503, "unavailable", "the bot is disabled (bot.enabled = false)");
}

json::object localized(const scenario::LocalizedText& t) {
  return {{"ko", t.ko}, {"en", t.en}};
}

json::object summary(const ApiContext& ctx, const scenario::Scenario& s) {
  json::array steps;
  for (const auto& st : s.steps)
    steps.push_back(json::object{{"id", st.id},
                                 {"type", scenario::to_string(st.type)},
                                 {"slot", st.slot},
                                 {"prompt", localized(st.prompt)}});
  json::array intents(s.trigger_intents.begin(), s.trigger_intents.end());
  return {{"id", s.id},
          {"name", localized(s.name)},
          {"description", localized(s.description)},
          {"trigger_intents", std::move(intents)},
          {"steps", std::move(steps)},
          {"completion_action",
           s.completion_action ? json::value(s.completion_action->type) : json::value(nullptr)},
          {"origin", s.origin},
          {"source", ctx.scenario_uploads->is_upload(s) ? "uploaded" : "bot"}};
}

json::array errors_json(const std::vector<scenario::LoadError>& errors) {
  json::array out;
  for (const auto& e : errors) {
    json::object o{{"message", e.message}, {"text", e.to_string()}};
    o["scenario"] = e.scenario.empty() ? json::value(nullptr) : json::value(e.scenario);
    o["step"] = e.step.empty() ? json::value(nullptr) : json::value(e.step);
    out.push_back(std::move(o));
  }
  return out;
}

Response list_scenarios(ApiContext& ctx, Request&) {
  if (auto off = unless_bot(ctx)) return *off;
  const auto engine = ctx.bot->scenarios();
  json::array items;
  for (const auto& s : engine->scenarios()) items.push_back(summary(ctx, s));
  return json_response(200, json::object{{"scenarios", std::move(items)}});
}

Response get_scenario(ApiContext& ctx, Request& req) {
  if (auto off = unless_bot(ctx)) return *off;
  const auto engine = ctx.bot->scenarios();
  const auto* s = engine->find(req.param("id"));
  if (!s) return net::error_response(404, "not_found", "no scenario " + req.param("id"));
  json::object out = summary(ctx, *s);
  std::ifstream in(s->origin, std::ios::binary);
  std::stringstream text;
  if (in) text << in.rdbuf();
  const auto ext = std::filesystem::path(s->origin).extension();
  out["format"] = ext == ".json" ? "json" : "yaml";
  out["definition"] = in ? json::value(text.str()) : json::value(nullptr);
  return json_response(200, out);
}

struct UploadRequest {
  std::string definition;
  scenario::SourceFormat format = scenario::SourceFormat::kYaml;
};

std::variant<UploadRequest, Response> read_upload(const Request& req) {
  auto body = read_object(req);
  if (auto* err = std::get_if<Response>(&body)) return *err;
  FieldReader f(std::get<json::object>(body));
  UploadRequest u;
  u.definition = f.string("definition", true).value_or("");
  const std::string format = f.string("format").value_or("yaml");
  f.reject_unknown();
  if (!f.ok()) return f.error();
  if (format == "json") {
    u.format = scenario::SourceFormat::kJson;
  } else if (format != "yaml") {
    return net::error_response(400, "invalid_request", "format must be json or yaml",
                               {{"field", "format"}});
  }
  return u;
}

Response invalid(const bot::UploadResult& r) {
  json::object details{{"errors", errors_json(r.errors)}};
  return json_response(
      422, json::object{{"error", json::object{{"code", "invalid_scenario"},
                                               {"message", "the scenario definition has " +
                                                               std::to_string(r.errors.size()) +
                                                               " problem(s)"},
                                               {"details", std::move(details)}}}});
}

Response validate_scenario(ApiContext& ctx, Request& req) {
  if (auto off = unless_bot(ctx)) return *off;
  auto u = read_upload(req);
  if (auto* err = std::get_if<Response>(&u)) return *err;
  const auto& up = std::get<UploadRequest>(u);
  auto r = ctx.scenario_uploads->check(up.definition, up.format);
  return json_response(200, json::object{{"valid", r.valid},
                                         {"id", r.valid ? json::value(r.id) : nullptr},
                                         {"errors", errors_json(r.errors)}});
}

Response upload_scenario(ApiContext& ctx, Request& req) {
  if (auto off = unless_bot(ctx)) return *off;
  auto u = read_upload(req);
  if (auto* err = std::get_if<Response>(&u)) return *err;
  const auto& up = std::get<UploadRequest>(u);
  const auto engine_before = ctx.bot->scenarios();
  auto r = ctx.scenario_uploads->upload(up.definition, up.format);
  if (!r) return net::error_response(r.error());
  if (!r->valid) return invalid(*r);
  const auto* before = engine_before->find(r->id);
  const auto* after = ctx.bot->scenarios()->find(r->id);
  json::object now = summary(ctx, *after);
  ctx.audit.record(audit_actor(req), r->replaced ? "scenario.replace" : "scenario.create",
                   "scenario", r->id, before ? json::serialize(summary(ctx, *before)) : "null",
                   json::serialize(now));
  return json_response(r->replaced ? 200 : 201, now);
}

}  // namespace

void add_scenario_admin_routes(net::Router& r, ApiContext& ctx) {
  r.add(
      Method::kGet, "/api/v1/admin/scenarios",
      [&ctx](Request& q) { return list_scenarios(ctx, q); },
      RouteDoc{
          .operation_id = "listScenarios",
          .summary = "The scenarios the bot runs now, with their steps",
          .tag = "Admin",
          .responses = with_errors({{200, "The scenarios", schema_ref("ScenarioList")}}, {503}),
          .required_role = Role::kAdmin});
  r.add(
      Method::kGet, "/api/v1/admin/scenarios/{id}",
      [&ctx](Request& q) { return get_scenario(ctx, q); },
      RouteDoc{
          .operation_id = "getScenario",
          .summary = "One scenario with its definition text",
          .tag = "Admin",
          .responses = with_errors({{200, "The scenario", schema_ref("Scenario")}}, {404, 503}),
          .required_role = Role::kAdmin});
  r.add(
      Method::kPost, "/api/v1/admin/scenarios/validate",
      [&ctx](Request& q) { return validate_scenario(ctx, q); },
      RouteDoc{
          .operation_id = "validateScenario",
          .summary = "Validate a definition without storing it",
          .tag = "Admin",
          .request_schema_json = schema_ref("ScenarioUpload"),
          .responses = with_errors(
              {{200, "The validation report", schema_ref("ScenarioValidation")}}, {400, 415, 503}),
          .required_role = Role::kAdmin});
  r.add(
      Method::kPost, "/api/v1/admin/scenarios",
      [&ctx](Request& q) { return upload_scenario(ctx, q); },
      RouteDoc{.operation_id = "uploadScenario",
               .summary = "Upload a definition: validated, stored, active at once",
               .description = "201 for a new id, 200 when it replaces the scenario of that id "
                              "(a bot/scenarios one included). Conversations inside the old "
                              "version start over. 422 lists every problem in "
                              "details.errors.",
               .tag = "Admin",
               .request_schema_json = schema_ref("ScenarioUpload"),
               .responses = with_errors({{200, "The replaced scenario", schema_ref("Scenario")},
                                         {201, "The new scenario", schema_ref("Scenario")}},
                                        {400, 415, 422, 503}),
               .required_role = Role::kAdmin});
}

}  // namespace aicc::api
