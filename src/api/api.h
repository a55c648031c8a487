// The HTTP API: one file per resource registers its routes (with their documentation)
// on the router. Handlers run on worker threads and may block on the store.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "auth/accounts.h"
#include "auth/auth_service.h"
#include "core/clock.h"
#include "core/ids.h"
#include "net/pipeline.h"
#include "net/router.h"
#include "platform/metrics.h"
#include "service/audit_log.h"
#include "service/chat_service.h"
#include "service/escalation_service.h"
#include "service/event_bus.h"
#include "service/faq_service.h"
#include "service/routing_service.h"
#include "service/webhook_dispatcher.h"
#include "store/store.h"

namespace aicc::connect {
class ContactEngine;
}

namespace aicc::api {

// The EventBus topic that carries every escalation change (agent streams filter it).
inline const std::string kEscalationsTopic = "escalations";

struct ApiContext {
  Store& store;
  ChatService& chat;
  FaqService& faq;
  EventBus& events;
  MetricsRegistry& metrics;
  std::function<bool()> draining;  // true once graceful shutdown began
  std::string version;
  AuthService& auth;
  Accounts& accounts;
  const Clock& clock;
  IdGenerator& ids;
  WebhookDispatcher& webhooks;
  AuditLog& audit;
  EscalationService* escalations = nullptr;     // set when the escalation routes are served
  RoutingService* routing = nullptr;            // set when the agent desk routes are served
  net::RateLimiter* message_limiter = nullptr;  // customer messages per conversation
};

// /api/v1/conversations…: the customer chat resource and its live stream.
void add_chat_routes(net::Router& router, ApiContext& context);
// /api/v1/faq…: FAQ search, entries (a read counts a view), feedback, unanswered queries.
void add_faq_routes(net::Router& router, ApiContext& context);
// /api/v1/conversations/{id}/escalate, …/status, …/escalation/cancel, …/callback.
void add_escalation_routes(net::Router& router, ApiContext& context);
// /api/v1/agent/inbox, …/escalations/{id}/accept|decline|wrap-up,
// …/conversations/{id}/messages: the logged-in agent's work.
void add_agent_desk_routes(net::Router& router, ApiContext& context);
// /api/v1/auth…: login, logout, the caller's identity.
void add_auth_routes(net::Router& router, ApiContext& context);
// /api/v1/agent… (the caller's own agent profile and state) and /api/v1/agents…
// (supervisors list agents; admins create and edit them).
void add_agent_routes(net::Router& router, ApiContext& context);
// /api/v1/admin/faq…: FAQ editing, test a question, import/export (admins).
void add_faq_admin_routes(net::Router& router, ApiContext& context);
// /api/v1/agent/stream: the logged-in agent's WebSocket (offers, their conversations,
// state changes).
void add_agent_stream_route(net::Router& router, ApiContext& context);
// /api/v1/supervisor…: queues, agents and escalations live; agent state; offer now.
void add_supervisor_routes(net::Router& router, ApiContext& context);
// /api/v1/admin/audit: the audit log (admins).
void add_audit_routes(net::Router& router, ApiContext& context);
// Who made a request, for the audit log.
AuditActor audit_actor(const net::Request& request);
// /api/v1/admin/webhooks…: outbound webhook subscriptions and their delivery log (admins).
void add_webhook_routes(net::Router& router, ApiContext& context);
// ChatService hooks that queue webhook events (conversation.created, message.created,
// conversation.escalated/assigned/closed from state changes).
ChatEvents chat_events_webhooks(WebhookDispatcher& webhooks);
// The escalation hook that queues conversation.escalated (the first queueing of a
// hand-over, by the bot or the customer).
std::function<void(const Escalation&)> escalation_webhooks(WebhookDispatcher& webhooks);
// Both sets of hooks, one after the other.
ChatEvents chat_events_both(ChatEvents first, ChatEvents second);
// /api/v1/connect/lambda and /api/v1/lex/codehook: Amazon Connect and Lex V2 events.
// A non-empty `token` must come in X-AICC-Connect-Token (401 otherwise).
void add_connect_routes(net::Router& router, connect::ContactEngine& engine, std::string token);
// The pipeline's bearer-token check, over AuthService's sessions.
std::unique_ptr<net::Authenticator> session_authenticator(AuthService& auth);
// /healthz, /readyz, /metrics, /openapi.json, /docs and the web assets.
void add_system_routes(net::Router& router, ApiContext& context);
// /api/v1/analytics/summary and …/report (supervisors); /api/v1/admin/export/conversations
// (admins; raw exports audited).
void add_analytics_routes(net::Router& router, ApiContext& context);

// EscalationService's change hook: an escalation.updated event on the conversation's
// stream, and the escalations counter (by reason, priority and state).
std::function<void(const Escalation&)> escalation_events_publisher(EventBus& bus,
                                                                   MetricsRegistry& metrics);
// What happens when an escalation waits past its SLA (RoutingService::on_sla_breach): a
// log line and aicc_sla_breaches_total always; a CRITICAL one raises sla.breached (a
// webhook, and an event supervisors' streams receive); the customer of any other is offered
// a callback on the conversation stream (POST …/callback takes it).
std::function<void(const Escalation&, int)> sla_breach_handler(EventBus& bus,
                                                               MetricsRegistry& metrics,
                                                               WebhookDispatcher& webhooks,
                                                               const routing::QueueSet& queues);
// ChatService hooks that publish stream events on the bus.
ChatEvents chat_events_publisher(EventBus& bus);

// The OpenAPI 3.0 document generated from the router's routes and the schemas.
std::string build_openapi(const net::Router& router, const std::string& version);

}  // namespace aicc::api
