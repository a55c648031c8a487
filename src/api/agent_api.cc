// /api/v1/agent (the logged-in agent's own profile and state) and /api/v1/agents
// (supervisors see every agent; admins create agents and edit their profiles).
#include "api/api.h"
#include "api/json_io.h"
#include "api/live_events.h"
#include "api/people_json.h"
#include "api/schemas.h"

namespace aicc::api {
namespace {

std::vector<ResponseDoc> with_errors(std::vector<ResponseDoc> ok,
                                     std::initializer_list<int> codes) {
  static const std::map<int, std::string> text = {
      {400, "Invalid input (malformed JSON, missing or wrong-typed field, bad value)"},
      {404, "No such agent (or the caller has no agent profile)"},
      {409, "The username is taken"},
      {415, "Body is not application/json"},
      {422, "A state that only routing sets (busy)"}};
  return with_error_docs(std::move(ok), codes, text);
}

// "capacity": {"chat": n, "voice": n}, both optional.
void read_capacity(FieldReader& f, std::optional<int>& chat, std::optional<int>& voice) {
  const json::object* c = f.object("capacity");
  if (!c) return;
  FieldReader cf(*c, "capacity");
  if (auto v = cf.integer("chat", false, 0, 20)) chat = static_cast<int>(*v);
  if (auto v = cf.integer("voice", false, 0, 5)) voice = static_cast<int>(*v);
  cf.reject_unknown();
  f.take_error(cf);
}

Response agent_me(ApiContext& ctx, Request& req) {
  auto agent = ctx.store.get_agent(req.principal->user_id);
  if (!agent) {
    if (agent.error().code == ErrorCode::kNotFound)
      return net::error_response(404, "not_found",
                                 "the caller has no agent profile (role " +
                                     std::string(to_string(req.principal->role)) + ")");
    return net::error_response(agent.error());
  }
  return json_response(200, to_json(*agent, ctx.clock.now()));
}

Response put_state(ApiContext& ctx, Request& req) {
  auto body = read_object(req);
  if (auto* err = std::get_if<Response>(&body)) return *err;
  FieldReader f(std::get<json::object>(body));
  auto state_name = f.string("state", true);
  auto reason = f.string("reason").value_or("");
  f.reject_unknown();
  if (!f.ok()) return f.error();
  auto state = parse_agent_state(*state_name);
  if (!state)
    return net::error_response(400, "invalid_request",
                               "state must be available, busy, break, training, meeting, "
                               "after_call_work or offline",
                               {{"field", "state"}});
  auto agent = ctx.accounts.set_state(req.principal->user_id, *state, reason);
  if (!agent) return net::error_response(agent.error());
  json::object view = to_json(*agent, ctx.clock.now());
  if (ctx.live) ctx.live->agent_state(*agent);
  return json_response(200, view);
}

Response list_agents(ApiContext& ctx, Request&) {
  auto agents = ctx.store.list_agents();
  if (!agents) return net::error_response(agents.error());
  const TimePoint now = ctx.clock.now();
  json::array items;
  for (const auto& a : *agents) items.push_back(to_json(a, now));
  return json_response(200, json::object{{"agents", std::move(items)}});
}

Response create_agent(ApiContext& ctx, Request& req) {
  auto body = read_object(req);
  if (auto* err = std::get_if<Response>(&body)) return *err;
  FieldReader f(std::get<json::object>(body));
  NewAccount a;
  a.username = f.string("username", true).value_or("");
  a.password = f.string("password", true).value_or("");
  a.display_name = f.string("display_name").value_or("");
  const std::string role = f.string("role").value_or("agent");
  if (auto skills = read_skills(f)) a.skills = std::move(*skills);
  if (auto v = f.strings("languages")) a.languages = std::move(*v);
  if (auto v = f.strings("queues")) a.queues = std::move(*v);
  read_capacity(f, a.chat_capacity, a.voice_capacity);
  f.reject_unknown();
  if (!f.ok()) return f.error();
  if (role != "agent" && role != "supervisor")
    return net::error_response(400, "invalid_request", "role must be agent or supervisor",
                               {{"field", "role"}});
  a.role = *parse_role(role);
  auto user = ctx.accounts.create(a);
  if (!user) return net::error_response(user.error());
  auto agent = ctx.store.get_agent(user->id);
  if (!agent) return net::error_response(agent.error());
  ctx.audit.record(audit_actor(req), "agent.create", "agent", user->id, "null",
                   json::serialize(to_json(*agent, ctx.clock.now())));
  auto resp = json_response(201, to_json(*agent, ctx.clock.now()));
  resp.set_header("location", "/api/v1/agents/" + user->id);
  return resp;
}

Response patch_agent(ApiContext& ctx, Request& req) {
  auto body = read_object(req);
  if (auto* err = std::get_if<Response>(&body)) return *err;
  FieldReader f(std::get<json::object>(body));
  AgentChange change;
  change.display_name = f.string("display_name");
  change.skills = read_skills(f);
  change.languages = f.strings("languages");
  change.queues = f.strings("queues");
  read_capacity(f, change.chat_capacity, change.voice_capacity);
  f.reject_unknown();
  if (!f.ok()) return f.error();
  auto old = ctx.store.get_agent(req.param("id"));
  auto agent = ctx.accounts.update_agent(req.param("id"), change);
  if (!agent) return net::error_response(agent.error());
  ctx.audit.record(audit_actor(req), "agent.update", "agent", req.param("id"),
                   old ? json::serialize(to_json(*old, ctx.clock.now())) : "null",
                   json::serialize(to_json(*agent, ctx.clock.now())));
  return json_response(200, to_json(*agent, ctx.clock.now()));
}

}  // namespace

void add_agent_routes(net::Router& r, ApiContext& ctx) {
  r.add(
      Method::kGet, "/api/v1/agent/me", [&ctx](Request& q) { return agent_me(ctx, q); },
      RouteDoc{
          .operation_id = "getMyAgentProfile",
          .summary = "The caller's agent profile, state and time in state",
          .tag = "Agent",
          .responses = with_errors({{200, "The caller as an agent", schema_ref("Agent")}}, {404}),
          .required_role = Role::kAgent});
  r.add(
      Method::kPut, "/api/v1/agent/state", [&ctx](Request& q) { return put_state(ctx, q); },
      RouteDoc{.operation_id = "setMyAgentState",
               .summary = "Change the caller's state",
               .description = "available, break, training, meeting, after_call_work or "
                              "offline, with an optional reason; busy is set by routing. The "
                              "same state and reason again changes nothing.",
               .tag = "Agent",
               .request_schema_json = schema_ref("AgentStateRequest"),
               .responses = with_errors({{200, "The agent in the new state", schema_ref("Agent")}},
                                        {400, 404, 415, 422}),
               .required_role = Role::kAgent});
  r.add(
      Method::kGet, "/api/v1/agents", [&ctx](Request& q) { return list_agents(ctx, q); },
      RouteDoc{.operation_id = "listAgents",
               .summary = "Every agent with state and time in state",
               .tag = "Supervisor",
               .responses = {{200, "The agents, by username", schema_ref("AgentList")}},
               .required_role = Role::kSupervisor});
  r.add(
      Method::kPost, "/api/v1/agents", [&ctx](Request& q) { return create_agent(ctx, q); },
      RouteDoc{
          .operation_id = "createAgent",
          .summary = "Create an agent or supervisor user with a profile",
          .description = "The new agent starts offline. The password must have at least "
                         "10 characters.",
          .tag = "Admin",
          .request_schema_json = schema_ref("NewAgentRequest"),
          .responses = with_errors({{201, "The new agent", schema_ref("Agent")}}, {400, 409, 415}),
          .required_role = Role::kAdmin});
  r.add(
      Method::kPatch, "/api/v1/agents/{id}", [&ctx](Request& q) { return patch_agent(ctx, q); },
      RouteDoc{.operation_id = "updateAgent",
               .summary = "Edit an agent's display name, skills, languages, queues, capacity",
               .description = "Fields left out stay as they are; a list given replaces the "
                              "old one.",
               .tag = "Admin",
               .request_schema_json = schema_ref("AgentChangeRequest"),
               .responses =
                   with_errors({{200, "The edited agent", schema_ref("Agent")}}, {400, 404, 415}),
               .required_role = Role::kAdmin});
}

}  // namespace aicc::api
