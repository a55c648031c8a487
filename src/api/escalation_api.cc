// /api/v1/conversations/{id}/escalate, …/status, …/escalation/cancel, …/callback: the
// customer's side of a hand-over to people (EscalationService).
#include "api/api.h"
#include "api/json_io.h"
#include "api/live_events.h"
#include "api/schemas.h"
#include "platform/log.h"

namespace aicc::api {
namespace {

std::vector<ResponseDoc> with_errors(std::vector<ResponseDoc> ok,
                                     std::initializer_list<int> codes) {
  static const std::map<int, std::string> text = {
      {400, "Invalid input (malformed JSON, unknown reason, bad phone number …)"},
      {404, "No such conversation, or it has no escalation"},
      {409,
       "Conflict with the current state: the conversation is with an agent or closed, an agent "
       "already works on the escalation (details.reason agent_working), or it is over"},
      {413, "Body larger than the limit"},
      {415, "Body is not application/json"}};
  return with_error_docs(std::move(ok), codes, text);
}

json::value optional_time(const std::optional<TimePoint>& t) {
  if (!t) return nullptr;
  return json::value(format_iso8601(*t));
}

json::object to_json(const EscalationView& v) {
  const Escalation& e = v.escalation;
  const bool waiting = v.standing.position > 0;
  json::object o{
      {"id", e.id},
      {"reference", e.reference},
      {"conversation_id", e.conversation_id},
      {"state", to_string(e.state)},
      {"reason", e.reason},
      {"priority", e.priority},
      {"queue", json::object{{"id", e.queue_id}, {"name", v.queue_name}}},
      {"position", waiting ? json::value(v.standing.position) : json::value(nullptr)},
      {"waiting_in_queue", v.standing.waiting},
      {"estimated_wait_seconds", waiting ? json::value(v.estimated_wait_s) : json::value(nullptr)},
      {"average_handle_seconds", v.average_handle_s},
      {"available_agents", v.available_agents},
      {"callback_offered", v.callback_offered},
      {"csat", e.csat ? json::value(*e.csat) : json::value(nullptr)},
      {"callback_phone",
       e.callback_phone.empty() ? json::value(nullptr) : json::value(e.callback_phone)},
      {"message", v.message.empty() ? json::value(nullptr) : json::value(v.message)},
      {"note", e.note},
      {"created_at", format_iso8601(e.created_at)},
      {"updated_at", format_iso8601(e.updated_at)},
      {"assigned_at", optional_time(e.assigned_at)},
      {"ended_at", optional_time(e.ended_at)}};
  return o;
}

Response escalate(ApiContext& ctx, Request& req) {
  auto body = read_object(req, /*allow_empty=*/true);
  if (auto* err = std::get_if<Response>(&body)) return *err;
  FieldReader f(std::get<json::object>(body));
  auto reason = f.string("reason").value_or("customer_request");
  auto note = f.string("note").value_or("");
  f.reject_unknown();
  if (!f.ok()) return f.error();
  auto v = ctx.escalations->escalate(req.param("id"), reason, note);
  if (!v) return net::error_response(v.error());
  return json_response(v->created ? 201 : 200, to_json(*v));
}

Response status(ApiContext& ctx, Request& req) {
  auto v = ctx.escalations->status(req.param("id"));
  if (!v) return net::error_response(v.error());
  return json_response(200, to_json(*v));
}

Response cancel(ApiContext& ctx, Request& req) {
  auto body = read_object(req, /*allow_empty=*/true);
  if (auto* err = std::get_if<Response>(&body)) return *err;
  FieldReader f(std::get<json::object>(body));
  f.reject_unknown();
  if (!f.ok()) return f.error();
  auto v = ctx.escalations->cancel(req.param("id"));
  if (!v) return net::error_response(v.error());
  return json_response(200, to_json(*v));
}

Response callback(ApiContext& ctx, Request& req) {
  auto body = read_object(req);
  if (auto* err = std::get_if<Response>(&body)) return *err;
  FieldReader f(std::get<json::object>(body));
  auto phone = f.string("phone", true);
  f.reject_unknown();
  if (!f.ok()) return f.error();
  auto v = ctx.escalations->request_callback(req.param("id"), *phone);
  if (!v) return net::error_response(v.error());
  return json_response(200, to_json(*v));
}

Response rate(ApiContext& ctx, Request& req) {
  auto body = read_object(req);
  if (auto* err = std::get_if<Response>(&body)) return *err;
  FieldReader f(std::get<json::object>(body));
  auto score = f.integer("score", true);
  f.reject_unknown();
  if (!f.ok()) return f.error();
  auto v = ctx.escalations->rate(req.param("id"), static_cast<int>(*score));
  if (!v) return net::error_response(v.error());
  json::object view = to_json(*v);
  ctx.webhooks.emit("csat.submitted",
                    json::serialize(json::object{{"conversation_id", v->escalation.conversation_id},
                                                 {"score", *score},
                                                 {"escalation", view}}));
  return json_response(200, view);
}

}  // namespace

std::function<void(const Escalation&, int)> sla_breach_handler(
    EventBus& bus, MetricsRegistry& metrics, WebhookDispatcher& webhooks,
    const routing::LiveQueueSet& queues) {
  return [&bus, &metrics, &webhooks, &queues](const Escalation& e, int sla_seconds) {
    const bool critical = e.priority == "critical";
    log::warn("sla.breached", {{"escalation_id", e.id},
                               {"reference", e.reference},
                               {"queue_id", e.queue_id},
                               {"priority", e.priority},
                               {"sla_seconds", sla_seconds}});
    metrics
        .counter("aicc_sla_breaches_total", "Escalations still waiting past their SLA target",
                 {{"queue", e.queue_id}, {"priority", e.priority}})
        .inc();
    json::object event{{"type", critical ? "sla.breached" : "escalation.callback_offered"},
                       {"escalation", agent_work_json(e)},
                       {"sla_seconds", sla_seconds}};
    if (critical) {
      webhooks.emit("sla.breached",
                    json::serialize(json::object{{"conversation_id", e.conversation_id},
                                                 {"sla_seconds", sla_seconds},
                                                 {"escalation", agent_work_json(e)}}));
      bus.publish(kEscalationsTopic, json::serialize(event));
      return;
    }
    event["message"] =
        queues.current()->text("queue_full", e.language, {{"reference", e.reference}});
    bus.publish(e.conversation_id, json::serialize(event));
  };
}

std::function<void(const Escalation&)> escalation_events_publisher(LiveEvents& live,
                                                                   MetricsRegistry& metrics) {
  return [&live, &metrics](const Escalation& e) {
    metrics
        .counter("aicc_escalation_changes_total",
                 "Escalations entering a state, by reason and priority",
                 {{"state", std::string(to_string(e.state))},
                  {"reason", e.reason},
                  {"priority", e.priority}})
        .inc();
    live.escalation_updated(e);
  };
}

const boost::json::object& escalation_schemas() {
  static const boost::json::object schemas = boost::json::parse(R"json({
  "EscalateRequest": {
    "type": "object", "additionalProperties": false,
    "properties": {
      "reason": {"type": "string", "default": "customer_request",
                 "enum": ["complex_inquiry", "complaint", "technical_support", "payment_issue",
                          "urgent_matter", "bot_limitation", "customer_request", "system_error"]},
      "note": {"type": "string", "maxLength": 500}}
  },
  "CallbackRequest": {
    "type": "object", "additionalProperties": false, "required": ["phone"],
    "properties": {"phone": {"type": "string", "example": "010-1234-5678",
                             "description": "A Korean number; stored as 010-1234-5678."}}
  },
  "CsatRequest": {
    "type": "object", "additionalProperties": false, "required": ["score"],
    "properties": {"score": {"type": "integer", "minimum": 1, "maximum": 5}}
  },
  "WrapUpRequest": {
    "type": "object", "additionalProperties": false, "required": ["disposition"],
    "properties": {
      "disposition": {"type": "string", "pattern": "^[a-z0-9_-]{1,64}$", "example": "resolved"},
      "notes": {"type": "string", "maxLength": 2000}}
  },
  "AgentWork": {
    "type": "object",
    "description": "An escalation as the agent works on it.",
    "properties": {
      "id": {"type": "string"}, "reference": {"type": "string"},
      "conversation_id": {"type": "string"}, "customer_id": {"type": "string"},
      "state": {"type": "string"}, "reason": {"type": "string"},
      "priority": {"type": "string"}, "queue_id": {"type": "string"},
      "language": {"type": "string"}, "note": {"type": "string"},
      "disposition": {"type": "string"}, "wrap_up_notes": {"type": "string"},
      "created_at": {"type": "string", "format": "date-time"},
      "offered_at": {"type": "string", "format": "date-time", "nullable": true},
      "assigned_at": {"type": "string", "format": "date-time", "nullable": true},
      "ended_at": {"type": "string", "format": "date-time", "nullable": true}}
  },
  "TransferRequest": {
    "type": "object", "additionalProperties": false,
    "description": "Exactly one of queue and agent.",
    "properties": {"queue": {"type": "string", "example": "tech-support-queue"},
                   "agent": {"type": "string", "description": "the agent's user id"}}
  },
  "AgentInbox": {
    "type": "object",
    "properties": {
      "offers": {"type": "array", "items": {"$ref": "#/components/schemas/AgentWork"}},
      "conversations": {"type": "array", "items": {"$ref": "#/components/schemas/AgentWork"}},
      "offer_timeout_s": {"type": "integer", "description": "How long an offer waits for acceptance"}}
  },
  "AgentMessage": {
    "type": "object",
    "properties": {"message": {"$ref": "#/components/schemas/Message"},
                   "duplicate": {"type": "boolean"}}
  },
  "Escalation": {
    "type": "object",
    "properties": {
      "id": {"type": "string"},
      "reference": {"type": "string", "example": "ESC-1A2B3C4D"},
      "conversation_id": {"type": "string"},
      "state": {"type": "string", "enum": ["queued", "offered", "assigned", "wrap_up", "done",
                                           "cancelled", "callback_offered", "callback"]},
      "reason": {"type": "string"},
      "priority": {"type": "string", "enum": ["low", "medium", "high", "critical"]},
      "queue": {"type": "object", "properties": {"id": {"type": "string"},
                                                 "name": {"type": "string"}}},
      "position": {"type": "integer", "nullable": true,
                   "description": "1 = next; null when not waiting."},
      "waiting_in_queue": {"type": "integer"},
      "estimated_wait_seconds": {"type": "integer", "nullable": true,
                                 "description": "ceil(position / max(1, available agents)) × average handle time"},
      "average_handle_seconds": {"type": "integer",
                                 "description": "Measured in the queue; 180 until measured."},
      "available_agents": {"type": "integer"},
      "callback_offered": {"type": "boolean",
                           "description": "Outside business hours or with a full queue."},
      "csat": {"type": "integer", "nullable": true, "minimum": 1, "maximum": 5},
      "callback_phone": {"type": "string", "nullable": true},
      "message": {"type": "string", "nullable": true,
                  "description": "What to show the customer, in the conversation's language."},
      "note": {"type": "string"},
      "created_at": {"type": "string", "format": "date-time"},
      "updated_at": {"type": "string", "format": "date-time"},
      "assigned_at": {"type": "string", "format": "date-time", "nullable": true},
      "ended_at": {"type": "string", "format": "date-time", "nullable": true}}
  }
})json")
                                                 .as_object();
  return schemas;
}

void add_escalation_routes(net::Router& r, ApiContext& ctx) {
  const std::string base = "/api/v1/conversations/{id}";
  r.add(
      Method::kPost, base + "/escalate", [&ctx](Request& q) { return escalate(ctx, q); },
      RouteDoc{.operation_id = "escalateConversation",
               .summary = "Ask for a human agent",
               .description =
                   "Creates an escalation (reference ESC-XXXXXXXX) with a priority from the "
                   "reason, the customer's tier and the conversation's length, in the queue "
                   "for the reason. Outside business hours or with a full queue it is "
                   "created with callback_offered=true and the customer is told so. An open "
                   "escalation is answered as it is (200).",
               .tag = "Customer chat",
               .request_schema_json = schema_ref("EscalateRequest"),
               .responses = with_errors({{201, "Escalated", schema_ref("Escalation")},
                                         {200, "Already escalated", schema_ref("Escalation")}},
                                        {400, 404, 409, 413, 415})});
  r.add(
      Method::kGet, base + "/status", [&ctx](Request& q) { return status(ctx, q); },
      RouteDoc{
          .operation_id = "escalationStatus",
          .summary = "Where the escalation stands",
          .description = "State, queue, position, estimated wait and available agents "
                         "of the conversation's newest escalation.",
          .tag = "Customer chat",
          .responses = with_errors({{200, "The escalation", schema_ref("Escalation")}}, {404})});
  r.add(
      Method::kPost, base + "/escalation/cancel", [&ctx](Request& q) { return cancel(ctx, q); },
      RouteDoc{.operation_id = "cancelEscalation",
               .summary = "Cancel a pending escalation",
               .description = "The conversation goes back to the bot. Refused with 409 once an "
                              "agent works on it.",
               .tag = "Customer chat",
               .responses = with_errors({{200, "Cancelled", schema_ref("Escalation")}},
                                        {400, 404, 409, 415})});
  r.add(
      Method::kPost, base + "/csat", [&ctx](Request& q) { return rate(ctx, q); },
      RouteDoc{.operation_id = "rateConversation",
               .summary = "Rate the agent's help (CSAT 1–5)",
               .description = "Once the agent has wrapped up; once per escalation.",
               .tag = "Customer chat",
               .request_schema_json = schema_ref("CsatRequest"),
               .responses = with_errors({{200, "Rated", schema_ref("Escalation")}},
                                        {400, 404, 409, 413, 415})});
  r.add(
      Method::kPost, base + "/callback", [&ctx](Request& q) { return callback(ctx, q); },
      RouteDoc{.operation_id = "requestCallback",
               .summary = "Ask to be called back instead of waiting",
               .description = "Records the (validated) number on the pending escalation; the "
                              "conversation goes back to the bot.",
               .tag = "Customer chat",
               .request_schema_json = schema_ref("CallbackRequest"),
               .responses = with_errors({{200, "Callback recorded", schema_ref("Escalation")}},
                                        {400, 404, 409, 413, 415})});
}

}  // namespace aicc::api
