// /api/v1/supervisor…: the live floor for supervisors — queues (waiting, oldest wait,
// SLA), agents (state and load), the escalations in flight — and their two levers:
// change an agent's state, and offer an escalation to a chosen agent now.
#include <algorithm>
#include <map>

#include "api/api.h"
#include "api/json_io.h"
#include "api/live_events.h"
#include "api/people_json.h"
#include "api/schemas.h"
#include "dialogue/escalation.h"

namespace aicc::api {
namespace {

constexpr int kListLimit = 1000;

std::vector<ResponseDoc> with_errors(std::vector<ResponseDoc> ok,
                                     std::initializer_list<int> codes) {
  static const std::map<int, std::string> text = {
      {400, "Invalid input (malformed JSON, unknown field, bad state)"},
      {404, "No such agent or escalation"},
      {409, "The escalation is not waiting, or the agent has no room"},
      {415, "Body is not application/json"}};
  return with_error_docs(std::move(ok), codes, text);
}

std::int64_t seconds_between(TimePoint from, TimePoint to) {
  return std::max<std::int64_t>(
      0, std::chrono::duration_cast<std::chrono::seconds>(to - from).count());
}

// The SLA target of an escalation's priority in its queue, in seconds.
int sla_of(const routing::QueueSet& queues, const Escalation& e) {
  const routing::QueueDef* q = queues.find(e.queue_id);
  if (q == nullptr) q = &queues.default_queue();
  return q->sla_for(static_cast<dialogue::Priority>(std::clamp(e.priority_rank, 1, 4)));
}

// Every escalation in the given states (up to the list limit each).
Result<std::vector<Escalation>> in_states(Store& store,
                                          std::initializer_list<EscalationState> states) {
  std::vector<Escalation> all;
  for (auto st : states) {
    auto part = store.list_escalations(st, kListLimit);
    if (!part) return tl::unexpected(part.error());
    all.insert(all.end(), part->begin(), part->end());
  }
  return all;
}

json::object escalation_json(const Escalation& e, const routing::QueueSet& queues, TimePoint now) {
  json::object o = agent_work_json(e);
  const bool waiting = e.state == EscalationState::kQueued || e.state == EscalationState::kOffered;
  const int sla = sla_of(queues, e);
  const auto waited = seconds_between(e.created_at, now);
  o["wait_seconds"] = waiting ? json::value(waited) : json::value(nullptr);
  o["sla_seconds"] = sla;
  o["sla_breached"] = waiting && waited > sla;
  return o;
}

Response list_queues(ApiContext& ctx, Request&) {
  const auto snapshot = ctx.escalations->queues();
  const auto& queues = *snapshot;
  const TimePoint now = ctx.clock.now();
  auto waiting = in_states(ctx.store, {EscalationState::kQueued, EscalationState::kOffered});
  auto working = in_states(ctx.store, {EscalationState::kAssigned, EscalationState::kWrapUp});
  auto agents = ctx.store.list_agents();
  if (!waiting) return net::error_response(waiting.error());
  if (!working) return net::error_response(working.error());
  if (!agents) return net::error_response(agents.error());
  json::array items;
  for (const auto& q : queues.queues()) {
    int count = 0, offered = 0, breaching = 0, in_progress = 0, available = 0, staffed = 0;
    std::int64_t oldest = 0;
    for (const auto& e : *waiting) {
      if (e.queue_id != q.id) continue;
      ++count;
      if (e.state == EscalationState::kOffered) ++offered;
      const auto waited = seconds_between(e.created_at, now);
      oldest = std::max(oldest, waited);
      if (waited > sla_of(queues, e)) ++breaching;
    }
    for (const auto& e : *working) in_progress += e.queue_id == q.id;
    for (const auto& a : *agents) {
      if (!a.user.active || !agent_serves_queue(a, q)) continue;
      if (a.profile.state != AgentState::kOffline) ++staffed;
      if (a.profile.state == AgentState::kAvailable) ++available;
    }
    json::object sla;
    for (auto p : {dialogue::Priority::kLow, dialogue::Priority::kMedium, dialogue::Priority::kHigh,
                   dialogue::Priority::kCritical})
      sla[std::string(dialogue::to_string(p))] = q.sla_for(p);
    json::object names;
    for (const auto& [lang, name] : q.name) names[lang] = name;
    items.push_back(json::object{{"id", q.id},
                                 {"name", std::move(names)},
                                 {"open_now", q.hours.is_open(now)},
                                 {"hours", q.hours.describe("en")},
                                 {"waiting", count},
                                 {"offered", offered},
                                 {"in_progress", in_progress},
                                 {"max_size", q.max_size},
                                 {"oldest_wait_seconds", oldest},
                                 {"sla_seconds", std::move(sla)},
                                 {"sla_breached", breaching},
                                 {"agents_available", available},
                                 {"agents_logged_in", staffed}});
  }
  return json_response(200,
                       json::object{{"queues", std::move(items)}, {"as_of", format_iso8601(now)}});
}

Response list_agents(ApiContext& ctx, Request&) {
  auto agents = ctx.store.list_agents();
  auto loads = ctx.store.agent_loads();
  if (!agents) return net::error_response(agents.error());
  if (!loads) return net::error_response(loads.error());
  const std::map<std::string, int> load(loads->begin(), loads->end());
  const TimePoint now = ctx.clock.now();
  json::array items;
  for (const auto& a : *agents) {
    json::object o = to_json(a, now);
    const auto it = load.find(a.user.id);
    o["load"] = it == load.end() ? 0 : it->second;
    items.push_back(std::move(o));
  }
  return json_response(200, json::object{{"agents", std::move(items)}});
}

Response list_escalations(ApiContext& ctx, Request& req) {
  std::vector<EscalationState> states = {EscalationState::kQueued, EscalationState::kOffered,
                                         EscalationState::kAssigned, EscalationState::kWrapUp};
  if (auto v = req.query_param("state"); v && !v->empty()) {
    auto st = parse_escalation_state(*v);
    if (!st)
      return net::error_response(400, "invalid_request",
                                 "state must be an escalation state (queued, offered, assigned, …)",
                                 {{"field", "state"}});
    states = {*st};
  }
  const auto snapshot = ctx.escalations->queues();
  const auto& queues = *snapshot;
  const TimePoint now = ctx.clock.now();
  json::array items;
  for (auto st : states) {
    auto part = ctx.store.list_escalations(st, kListLimit);
    if (!part) return net::error_response(part.error());
    for (const auto& e : *part) items.push_back(escalation_json(e, queues, now));
  }
  return json_response(200, json::object{{"escalations", std::move(items)}});
}

Response put_agent_state(ApiContext& ctx, Request& req) {
  auto body = read_object(req);
  if (auto* err = std::get_if<Response>(&body)) return *err;
  FieldReader f(std::get<json::object>(body));
  auto name = f.string("state", true);
  auto reason = f.string("reason").value_or("");
  f.reject_unknown();
  if (!f.ok()) return f.error();
  auto state = parse_agent_state(*name);
  if (!state)
    return net::error_response(400, "invalid_request", "unknown agent state", {{"field", "state"}});
  auto before = ctx.store.get_agent(req.param("id"));
  if (!before) return net::error_response(before.error());
  auto agent = ctx.accounts.set_state(
      req.param("id"), *state, reason.empty() ? "set by " + req.principal->username : reason);
  if (!agent) return net::error_response(agent.error());
  const TimePoint now = ctx.clock.now();
  json::object view = to_json(*agent, now);
  if (ctx.live) ctx.live->agent_state(*agent);
  ctx.audit.record(audit_actor(req), "agent.state", "agent", agent->user.id,
                   json::serialize(to_json(*before, now)), json::serialize(view));
  return json_response(200, view);
}

Response offer_to_agent(ApiContext& ctx, Request& req) {
  auto body = read_object(req);
  if (auto* err = std::get_if<Response>(&body)) return *err;
  FieldReader f(std::get<json::object>(body));
  auto agent_id = f.string("agent_id", true);
  f.reject_unknown();
  if (!f.ok()) return f.error();
  auto agent = ctx.store.get_agent(*agent_id);
  if (!agent) return net::error_response(agent.error());
  auto offered = ctx.store.offer_escalation(req.param("id"), *agent_id,
                                            agent->profile.chat_capacity, ctx.clock.now());
  if (!offered) return net::error_response(offered.error());
  if (ctx.escalations->on_change) ctx.escalations->on_change(*offered);
  ctx.audit.record(audit_actor(req), "escalation.offer", "escalation", offered->id, "null",
                   json::serialize(agent_work_json(*offered)));
  return json_response(200, agent_work_json(*offered));
}

}  // namespace

void add_supervisor_routes(net::Router& r, ApiContext& ctx) {
  const std::string base = "/api/v1/supervisor";
  r.add(
      Method::kGet, base + "/queues", [&ctx](Request& q) { return list_queues(ctx, q); },
      RouteDoc{.operation_id = "supervisorQueues",
               .summary = "Every queue now: waiting, offered, in progress, oldest wait, SLA",
               .description = "sla_breached counts the waiting escalations past the SLA target "
                              "of their priority; agents_available / agents_logged_in count "
                              "the agents serving the queue.",
               .tag = "Supervisor",
               .responses = {{200, "The queues", ""}},
               .required_role = Role::kSupervisor});
  r.add(
      Method::kGet, base + "/agents", [&ctx](Request& q) { return list_agents(ctx, q); },
      RouteDoc{.operation_id = "supervisorAgents",
               .summary = "Every agent with state, time in state and load (open escalations)",
               .tag = "Supervisor",
               .responses = {{200, "The agents", ""}},
               .required_role = Role::kSupervisor});
  r.add(
      Method::kGet, base + "/escalations", [&ctx](Request& q) { return list_escalations(ctx, q); },
      RouteDoc{.operation_id = "supervisorEscalations",
               .summary = "The escalations in flight (or ?state=…), with wait and SLA status",
               .tag = "Supervisor",
               .responses = with_errors({{200, "The escalations", ""}}, {400}),
               .required_role = Role::kSupervisor});
  r.add(
      Method::kPut, base + "/agents/{id}/state",
      [&ctx](Request& q) { return put_agent_state(ctx, q); },
      RouteDoc{.operation_id = "supervisorSetAgentState",
               .summary = "Change an agent's state (audited)",
               .tag = "Supervisor",
               .request_schema_json = schema_ref("AgentStateRequest"),
               .responses = with_errors({{200, "The agent", schema_ref("Agent")}}, {400, 404, 415}),
               .required_role = Role::kSupervisor});
  r.add(
      Method::kPost, base + "/escalations/{id}/offer",
      [&ctx](Request& q) { return offer_to_agent(ctx, q); },
      RouteDoc{
          .operation_id = "supervisorOfferEscalation",
          .summary = "Offer a waiting escalation to a chosen agent now (force-assign)",
          .description = "Body {\"agent_id\"}. The agent gets the offer at once, whatever "
                         "the routing order, within their capacity; they accept it as "
                         "any offer. Audited.",
          .tag = "Supervisor",
          .responses = with_errors({{200, "The escalation, offered", ""}}, {400, 404, 409, 415}),
          .required_role = Role::kSupervisor});
}

}  // namespace aicc::api
