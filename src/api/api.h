// The HTTP API: one file per resource registers its routes (with their documentation)
// on the router. Handlers run on worker threads and may block on the store.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include "auth/accounts.h"
#include "auth/api_keys.h"
#include "auth/auth_service.h"
#include "core/clock.h"
#include "core/ids.h"
#include "net/pipeline.h"
#include "net/router.h"
#include "platform/metrics.h"
#include "service/audit_log.h"
#include "service/channel_inbound.h"
#include "service/chat_service.h"
#include "service/escalation_service.h"
#include "service/event_bus.h"
#include "service/faq_service.h"
#include "service/queue_admin.h"
#include "service/routing_service.h"
#include "service/webhook_dispatcher.h"
#include "store/store.h"

namespace aicc::connect {
class ContactEngine;
}
namespace aicc::bot {
class BotEngine;
class IntentExamples;
class Retrainer;
class ScenarioUploads;
}  // namespace aicc::bot

namespace aicc::api {

class LiveEvents;

// The vocabulary every route file speaks: requests, responses and their documentation.
using net::Method;
using net::Request;
using net::Response;
using net::ResponseDoc;
using net::RouteDoc;

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
  // The intent admin routes (null when the bot is disabled: they answer 503).
  bot::BotEngine* bot = nullptr;
  bot::IntentExamples* intent_examples = nullptr;
  bot::Retrainer* retrainer = nullptr;
  bot::ScenarioUploads* scenario_uploads = nullptr;
  ApiKeys* api_keys = nullptr;        // set when the API key routes are served
  std::filesystem::path intents_dir;  // bot/intents
  LiveEvents* live = nullptr;         // stream events, relayed to other nodes
  QueueAdmin* queue_admin = nullptr;  // set when the queue admin routes are served
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
// /api/v1/agent/escalations/{id}/context and /api/v1/agent/customers/{id}/conversations…:
// what an agent reads about a hand-over and its customer.
void add_agent_context_routes(net::Router& router, ApiContext& context);
// /api/v1/admin/canned-responses… (admins, audited) and /api/v1/agent/canned-responses.
void add_canned_routes(net::Router& router, ApiContext& context);
// /api/v1/admin/queues…, /api/v1/admin/business-hours, /api/v1/admin/holidays… (admins,
// audited): the queue configuration, changed live on every node.
void add_queue_admin_routes(net::Router& router, ApiContext& context);
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
// /api/v1/admin/users…: users and roles — list, create, role, disable/enable, password.
void add_user_admin_routes(net::Router& router, ApiContext& context);
// /api/v1/admin/intents… and /api/v1/admin/nlu…: intents, added examples, retraining.
void add_nlu_admin_routes(net::Router& router, ApiContext& context);
// /api/v1/admin/scenarios…: the loaded scenarios; validate and upload definitions.
void add_scenario_admin_routes(net::Router& router, ApiContext& context);
// /api/v1/admin/api-keys…: API keys for programs — create, list, revoke.
void add_api_key_routes(net::Router& router, ApiContext& context);
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
// /api/v1/admin/channels… (inbound channels: admins, audited) and
// /api/v1/channels/{name}/messages (another channel posts its customers' messages with the
// channel's API key).
void add_channel_routes(net::Router& router, ApiContext& context, ChannelInbound& inbound);
// The ChatService hook that queues a channel.message callback for every bot, agent and
// system message of a channel's conversation.
ChatEvents chat_events_channels(ChannelRoutes& routes, WebhookDispatcher& webhooks);
// /api/v1/connect/lambda and /api/v1/lex/codehook: Amazon Connect and Lex V2 events.
// A non-empty `token` must come in X-AICC-Connect-Token (401 otherwise).
void add_connect_routes(net::Router& router, connect::ContactEngine& engine, std::string token);
// The pipeline's bearer-token check, over AuthService's sessions, and its API-key check
// over `keys` (null: no API keys accepted).
std::unique_ptr<net::Authenticator> session_authenticator(AuthService& auth,
                                                          ApiKeys* keys = nullptr);
// /healthz, /readyz, /metrics, /openapi.json, /docs and the web assets.
void add_system_routes(net::Router& router, ApiContext& context);
// /api/v1/analytics/summary and …/report (supervisors); /api/v1/admin/export/conversations
// (admins; raw exports audited).
void add_analytics_routes(net::Router& router, ApiContext& context);

// EscalationService's change hook: an escalation.updated event on the conversation's
// stream, and the escalations counter (by reason, priority and state).
std::function<void(const Escalation&)> escalation_events_publisher(LiveEvents& live,
                                                                   MetricsRegistry& metrics);
// What happens when an escalation waits past its SLA (RoutingService::on_sla_breach): a
// log line and aicc_sla_breaches_total always; a CRITICAL one raises sla.breached (a
// webhook, and an event supervisors' streams receive); the customer of any other is offered
// a callback on the conversation stream (POST …/callback takes it).
std::function<void(const Escalation&, int)> sla_breach_handler(EventBus& bus,
                                                               MetricsRegistry& metrics,
                                                               WebhookDispatcher& webhooks,
                                                               const routing::LiveQueueSet& queues);
// ChatService hooks that publish stream events (on this node and the others).
ChatEvents chat_events_publisher(LiveEvents& live);

// The OpenAPI 3.0 document generated from the router's routes and the schemas.
std::string build_openapi(const net::Router& router, const std::string& version);

}  // namespace aicc::api
