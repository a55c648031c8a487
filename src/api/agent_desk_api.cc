// /api/v1/agent/inbox, /api/v1/agent/escalations/{id}/accept|decline|wrap-up and
// /api/v1/agent/conversations/{id}/messages: the logged-in agent's work (RoutingService).
#include "api/api.h"
#include "api/json_io.h"
#include "api/schemas.h"

namespace aicc::api {
namespace {

std::vector<ResponseDoc> with_errors(std::vector<ResponseDoc> ok,
                                     std::initializer_list<int> codes) {
  static const std::map<int, std::string> text = {
      {400, "Invalid input (malformed JSON, missing or wrong-typed field, bad value)"},
      {404, "No such escalation, or it is not offered or assigned to the caller"},
      {409, "Conflict with its state: the offer moved on, or it is not assigned to the caller"},
      {413, "Body larger than the limit"},
      {415, "Body is not application/json"}};
  return with_error_docs(std::move(ok), codes, text);
}

Response inbox(ApiContext& ctx, Request& req) {
  auto items = ctx.routing->inbox(req.principal->user_id);
  if (!items) return net::error_response(items.error());
  json::array offers, working;
  for (const auto& e : *items)
    (e.state == EscalationState::kOffered ? offers : working).push_back(agent_work_json(e));
  return json_response(200,
                       json::object{{"offers", std::move(offers)},
                                    {"conversations", std::move(working)},
                                    {"offer_timeout_s", ctx.routing->offer_timeout().count()}});
}

enum class Action { kAccept, kDecline, kEnd };

Response no_body_action(ApiContext& ctx, Request& req, Action action) {
  auto body = read_object(req, /*allow_empty=*/true);
  if (auto* err = std::get_if<Response>(&body)) return *err;
  FieldReader f(std::get<json::object>(body));
  f.reject_unknown();
  if (!f.ok()) return f.error();
  const std::string& agent = req.principal->user_id;
  auto e = action == Action::kAccept    ? ctx.routing->accept(agent, req.param("id"))
           : action == Action::kDecline ? ctx.routing->decline(agent, req.param("id"))
                                        : ctx.routing->end_chat(agent, req.param("id"));
  if (!e) return net::error_response(e.error());
  return json_response(200, agent_work_json(*e));
}

Response wrap_up(ApiContext& ctx, Request& req) {
  auto body = read_object(req);
  if (auto* err = std::get_if<Response>(&body)) return *err;
  FieldReader f(std::get<json::object>(body));
  auto disposition = f.string("disposition", true);
  auto notes = f.string("notes").value_or("");
  f.reject_unknown();
  if (!f.ok()) return f.error();
  auto e = ctx.routing->wrap_up(req.principal->user_id, req.param("id"), *disposition, notes);
  if (!e) return net::error_response(e.error());
  return json_response(200, agent_work_json(*e));
}

Response transfer(ApiContext& ctx, Request& req) {
  auto body = read_object(req);
  if (auto* err = std::get_if<Response>(&body)) return *err;
  FieldReader f(std::get<json::object>(body));
  auto queue = f.string("queue").value_or("");
  auto agent = f.string("agent").value_or("");
  f.reject_unknown();
  if (!f.ok()) return f.error();
  auto e = ctx.routing->transfer(req.principal->user_id, req.param("id"), queue, agent);
  if (!e) return net::error_response(e.error());
  return json_response(200, agent_work_json(*e));
}

Response agent_message(ApiContext& ctx, Request& req) {
  auto body = read_object(req);
  if (auto* err = std::get_if<Response>(&body)) return *err;
  FieldReader f(std::get<json::object>(body));
  auto text = f.string("text", true);
  auto client_msg_id = f.string("client_msg_id");
  f.reject_unknown();
  if (!f.ok()) return f.error();
  auto sent =
      ctx.routing->send_message(req.principal->user_id, req.param("id"), *text, client_msg_id);
  if (!sent) return net::error_response(sent.error());
  return json_response(sent->created ? 201 : 200, json::object{{"message", to_json(sent->message)},
                                                               {"duplicate", !sent->created}});
}

}  // namespace

void add_agent_desk_routes(net::Router& r, ApiContext& ctx) {
  r.add(
      Method::kGet, "/api/v1/agent/inbox", [&ctx](Request& q) { return inbox(ctx, q); },
      RouteDoc{.operation_id = "agentInbox",
               .summary = "The caller's offers and conversations",
               .description =
                   "offers: escalations offered to the caller, to accept or "
                   "decline (an offer not accepted within routing.offer_timeout_s "
                   "goes to the next agent; offer_timeout_s says how long); conversations: the "
                   "ones assigned.",
               .tag = "Agent",
               .responses = {{200, "Offers and assigned conversations", schema_ref("AgentInbox")}},
               .required_role = Role::kAgent});
  r.add(
      Method::kPost, "/api/v1/agent/escalations/{id}/accept",
      [&ctx](Request& q) { return no_body_action(ctx, q, Action::kAccept); },
      RouteDoc{.operation_id = "acceptOffer",
               .summary = "Accept an offer",
               .description = "The escalation becomes assigned to the caller and the "
                              "conversation assigned; the customer can no longer cancel.",
               .tag = "Agent",
               .responses =
                   with_errors({{200, "Assigned", schema_ref("AgentWork")}}, {400, 404, 409, 415}),
               .required_role = Role::kAgent});
  r.add(
      Method::kPost, "/api/v1/agent/escalations/{id}/decline",
      [&ctx](Request& q) { return no_body_action(ctx, q, Action::kDecline); },
      RouteDoc{.operation_id = "declineOffer",
               .summary = "Decline an offer",
               .description = "Back to the queue; routing offers it to another agent.",
               .tag = "Agent",
               .responses = with_errors({{200, "Queued again", schema_ref("AgentWork")}},
                                        {400, 404, 409, 415}),
               .required_role = Role::kAgent});
  r.add(
      Method::kPost, "/api/v1/agent/escalations/{id}/end",
      [&ctx](Request& q) { return no_body_action(ctx, q, Action::kEnd); },
      RouteDoc{.operation_id = "endChat",
               .summary = "End the chat; wrap up after",
               .description = "assigned → wrap_up: the conversation closes (close_reason "
                              "agent) and the agent is in after_call_work until POST "
                              "…/wrap-up. Optional: wrap-up straight from assigned ends the "
                              "chat too.",
               .tag = "Agent",
               .responses = with_errors({{200, "In wrap-up", schema_ref("AgentWork")}},
                                        {400, 404, 409, 415}),
               .required_role = Role::kAgent});
  r.add(
      Method::kPost, "/api/v1/agent/escalations/{id}/wrap-up",
      [&ctx](Request& q) { return wrap_up(ctx, q); },
      RouteDoc{.operation_id = "wrapUp",
               .summary = "Wrap up: disposition code and notes",
               .description = "Ends the agent's part (state done) from assigned (closing "
                              "the conversation, close_reason agent) or from wrap_up (after "
                              "POST …/end); the customer may then rate it (POST …/csat).",
               .tag = "Agent",
               .request_schema_json = schema_ref("WrapUpRequest"),
               .responses =
                   with_errors({{200, "Done", schema_ref("AgentWork")}}, {400, 404, 409, 413, 415}),
               .required_role = Role::kAgent});
  r.add(
      Method::kPost, "/api/v1/agent/escalations/{id}/transfer",
      [&ctx](Request& q) { return transfer(ctx, q); },
      RouteDoc{.operation_id = "transfer",
               .summary = "Transfer to a queue or another agent",
               .description = "{\"queue\": id} or {\"agent\": user id}. The conversation "
                              "(history, reference, reason) stays as it is; it waits in the "
                              "queue for routing, or is offered to the agent at once when they "
                              "have room. Not offered back to the caller.",
               .tag = "Agent",
               .request_schema_json = schema_ref("TransferRequest"),
               .responses = with_errors({{200, "Queued or offered", schema_ref("AgentWork")}},
                                        {400, 404, 409, 413, 415}),
               .required_role = Role::kAgent});
  r.add(
      Method::kPost, "/api/v1/agent/conversations/{id}/messages",
      [&ctx](Request& q) { return agent_message(ctx, q); },
      RouteDoc{.operation_id = "agentMessage",
               .summary = "Write to the customer",
               .description = "Only in a conversation assigned to the caller. Idempotent by "
                              "client_msg_id. The customer's stream and history show it.",
               .tag = "Agent",
               .request_schema_json = schema_ref("PostMessageRequest"),
               .responses = with_errors(
                   {{201, "Stored", schema_ref("AgentMessage")},
                    {200, "Retry of an earlier client_msg_id", schema_ref("AgentMessage")}},
                   {400, 404, 409, 413, 415}),
               .required_role = Role::kAgent});
}

}  // namespace aicc::api
