// /api/v1/admin/webhooks…: outbound webhook subscriptions, their delivery log, a test
// event and the retry of a dead letter. Admins only.
#include <optional>

#include "api/api.h"
#include "api/json_io.h"
#include "api/schemas.h"
#include "api/webhook_json.h"
#include "core/channel.h"
#include "platform/webhook_signature.h"
#include "service/webhook_dispatcher.h"

namespace aicc::api {
namespace {

std::vector<ResponseDoc> with_errors(std::vector<ResponseDoc> ok,
                                     std::initializer_list<int> codes) {
  static const std::map<int, std::string> text = {
      {400, "Invalid input (malformed JSON, unknown field, bad URL, secret or event name)"},
      {404, "No such webhook (or delivery of it)"},
      {415, "Body is not application/json"}};
  return with_error_docs(std::move(ok), codes, text);
}

// The subscription as the API shows it. The secret only when `with_secret` (creation and
// rotation): it is a key, not a setting to read back.
json::object to_json(const WebhookSubscription& s, bool with_secret) {
  json::array events;
  for (const auto& e : s.events) events.emplace_back(e);
  json::object o{{"id", s.id},
                 {"url", s.url},
                 {"events", std::move(events)},
                 {"description", s.description},
                 {"active", s.active},
                 {"created_at", format_iso8601(s.created_at)},
                 {"updated_at", format_iso8601(s.updated_at)}};
  if (with_secret) o["secret"] = s.secret;
  return o;
}

json::object to_json(const WebhookDelivery& d) {
  return webhook_delivery_json(d, "subscription_id");
}

// Reads the editable fields into `s`; `creating` makes url and events required.
bool read_fields(FieldReader& f, WebhookSubscription& s, bool creating) {
  if (auto v = f.string("url", creating)) s.url = *v;
  if (auto v = f.strings("events", creating)) s.events = *v;
  if (auto v = f.string("description")) s.description = *v;
  if (auto v = f.boolean("active")) s.active = *v;
  if (auto v = f.string("secret")) s.secret = *v;
  f.reject_unknown();
  return f.ok();
}

// An inbound channel's callback is kept as a subscription (core/channel.h); it is managed
// as the channel (/api/v1/admin/channels), never here.
bool is_channel_callback(const WebhookSubscription& s) {
  return s.events.size() == 1 && s.events.front() == kChannelMessageEvent;
}

// The subscription `id` names, unless it is a channel's callback (404 then, as unknown).
Result<WebhookSubscription> load_subscription(ApiContext& ctx, std::string_view id) {
  auto s = ctx.store.get_webhook(id);
  if (s && is_channel_callback(*s)) return make_error(ErrorCode::kNotFound, "no such webhook");
  return s;
}

Response list_webhooks(ApiContext& ctx, Request&) {
  auto all = ctx.store.list_webhooks();
  if (!all) return net::error_response(all.error());
  json::array items;
  for (const auto& s : *all)
    if (!is_channel_callback(s)) items.push_back(to_json(s, false));
  return json_response(200, json::object{{"webhooks", std::move(items)}});
}

Response create_webhook(ApiContext& ctx, Request& req) {
  auto body = read_object(req);
  if (auto* err = std::get_if<Response>(&body)) return *err;
  FieldReader f(std::get<json::object>(body));
  WebhookSubscription s;
  if (!read_fields(f, s, true)) return f.error();
  if (s.secret.empty()) s.secret = new_webhook_secret();
  s.id = ctx.ids.uuid();
  s.created_at = ctx.clock.now();
  s.updated_at = s.created_at;
  auto created = ctx.store.create_webhook(s);
  if (!created) return net::error_response(created.error());
  ctx.webhooks.subscriptions_changed();
  ctx.audit.record(audit_actor(req), "webhook.create", "webhook", created->id, "null",
                   json::serialize(to_json(*created, false)));
  auto resp = json_response(201, to_json(*created, true));
  resp.set_header("location", "/api/v1/admin/webhooks/" + s.id);
  return resp;
}

Response get_webhook(ApiContext& ctx, Request& req) {
  auto s = load_subscription(ctx, req.param("id"));
  if (!s) return net::error_response(s.error());
  return json_response(200, to_json(*s, false));
}

Response patch_webhook(ApiContext& ctx, Request& req) {
  auto body = read_object(req);
  if (auto* err = std::get_if<Response>(&body)) return *err;
  auto s = load_subscription(ctx, req.param("id"));
  if (!s) return net::error_response(s.error());
  FieldReader f(std::get<json::object>(body));
  const std::string old_secret = s->secret;
  const std::string before = json::serialize(to_json(*s, false));
  if (!read_fields(f, *s, false)) return f.error();
  s->updated_at = ctx.clock.now();
  auto saved = ctx.store.update_webhook(*s);
  if (!saved) return net::error_response(saved.error());
  ctx.webhooks.subscriptions_changed();
  json::object after = to_json(*saved, false);
  if (saved->secret != old_secret) after["secret_rotated"] = true;
  ctx.audit.record(audit_actor(req), "webhook.update", "webhook", saved->id, before,
                   json::serialize(after));
  return json_response(200, to_json(*saved, saved->secret != old_secret));
}

Response delete_webhook(ApiContext& ctx, Request& req) {
  auto s = load_subscription(ctx, req.param("id"));
  if (!s) return net::error_response(s.error());
  if (auto st = ctx.store.delete_webhook(s->id); !st) return net::error_response(st.error());
  ctx.webhooks.subscriptions_changed();
  ctx.audit.record(audit_actor(req), "webhook.delete", "webhook", s->id,
                   json::serialize(to_json(*s, false)), "null");
  Response r;
  r.status = 204;
  return r;
}

Response test_webhook(ApiContext& ctx, Request& req) {
  if (auto s = load_subscription(ctx, req.param("id")); !s) return net::error_response(s.error());
  auto d = ctx.webhooks.send_test(req.param("id"));
  if (!d) return net::error_response(d.error());
  return json_response(202, to_json(*d));
}

Response list_deliveries(ApiContext& ctx, Request& req) {
  if (auto s = load_subscription(ctx, req.param("id")); !s) return net::error_response(s.error());
  return webhook_delivery_log(ctx, req, "subscription_id");
}

Response retry_delivery(ApiContext& ctx, Request& req) {
  if (auto s = load_subscription(ctx, req.param("id")); !s) return net::error_response(s.error());
  auto d = ctx.store.get_webhook_delivery(req.param("delivery_id"));
  if (!d || d->subscription_id != req.param("id"))
    return net::error_response(404, "not_found", "no such webhook delivery");
  const std::string before = json::serialize(
      json::object{{"state", std::string(to_string(d->state))}, {"attempts", d->attempts}});
  auto again = ctx.webhooks.requeue(d->id);
  if (!again) return net::error_response(again.error());
  ctx.audit.record(audit_actor(req), "webhook_delivery.retry", "webhook_delivery", again->id,
                   before,
                   json::serialize(json::object{{"state", std::string(to_string(again->state))},
                                                {"attempts", again->attempts}}));
  return json_response(200, to_json(*again));
}

// The webhook event a conversation in `state` has just reached, if any.
std::optional<std::string_view> state_event(ConversationState state) {
  switch (state) {
    case ConversationState::kAssigned:
      return "conversation.assigned";
    case ConversationState::kClosed:
    case ConversationState::kAbandoned:
      return "conversation.closed";
    default:
      return std::nullopt;
  }
}

}  // namespace

ChatEvents chat_events_webhooks(WebhookDispatcher& webhooks) {
  ChatEvents e;
  // wants() first: the event's JSON is only built when a subscription will receive it.
  e.conversation_created = [&webhooks](const Conversation& c) {
    if (!webhooks.wants("conversation.created")) return;
    webhooks.emit("conversation.created",
                  json::serialize(json::object{{"conversation", to_json(c)}}));
  };
  e.message_created = [&webhooks](const Message& m) {
    if (!webhooks.wants("message.created")) return;
    webhooks.emit("message.created", json::serialize(json::object{{"message", to_json(m)}}));
  };
  e.conversation_updated = [&webhooks](const Conversation& c) {
    if (auto type = state_event(c.state); type && webhooks.wants(*type))
      webhooks.emit(*type, json::serialize(json::object{{"conversation", to_json(c)}}));
  };
  return e;
}

std::function<void(const Escalation&)> escalation_webhooks(WebhookDispatcher& webhooks) {
  return [&webhooks](const Escalation& e) {
    // The hand-over itself, once: a transfer back to a queue is not a new escalation.
    const bool first =
        (e.state == EscalationState::kQueued || e.state == EscalationState::kCallbackOffered) &&
        !e.offered_at && !e.assigned_at;
    if (!first || !webhooks.wants("conversation.escalated")) return;
    webhooks.emit("conversation.escalated",
                  json::serialize(json::object{{"conversation_id", e.conversation_id},
                                               {"escalation",
                                                {{"id", e.id},
                                                 {"reference", e.reference},
                                                 {"state", to_string(e.state)},
                                                 {"reason", e.reason},
                                                 {"priority", e.priority},
                                                 {"queue_id", e.queue_id},
                                                 {"note", e.note},
                                                 {"created_at", format_iso8601(e.created_at)}}}}));
  };
}

ChatEvents chat_events_both(ChatEvents first, ChatEvents second) {
  auto chain = [](auto a, auto b) {
    return [a = std::move(a), b = std::move(b)](const auto& x) {
      if (a) a(x);
      if (b) b(x);
    };
  };
  ChatEvents e;
  e.conversation_created = chain(first.conversation_created, second.conversation_created);
  e.message_created = chain(first.message_created, second.message_created);
  e.conversation_updated = chain(first.conversation_updated, second.conversation_updated);
  return e;
}

void add_webhook_routes(net::Router& r, ApiContext& ctx) {
  const std::string base = "/api/v1/admin/webhooks";
  r.add(
      Method::kGet, base, [&ctx](Request& q) { return list_webhooks(ctx, q); },
      RouteDoc{.operation_id = "listWebhooks",
               .summary = "Every outbound webhook subscription (secrets not shown)",
               .tag = "Admin",
               .responses = {{200, "The subscriptions, oldest first", schema_ref("WebhookList")}},
               .required_role = Role::kAdmin});
  r.add(
      Method::kPost, base, [&ctx](Request& q) { return create_webhook(ctx, q); },
      RouteDoc{.operation_id = "createWebhook",
               .summary = "Subscribe a URL to events",
               .description = "Events: conversation.created, message.created, "
                              "conversation.escalated, conversation.assigned, "
                              "conversation.closed, csat.submitted, sla.breached, or \"*\". "
                              "Without a secret one is generated; the answer is the only "
                              "place it is shown.",
               .tag = "Admin",
               .request_schema_json = schema_ref("WebhookRequest"),
               .responses = with_errors(
                   {{201, "The subscription, with its secret", schema_ref("Webhook")}}, {400, 415}),
               .required_role = Role::kAdmin});
  r.add(
      Method::kGet, base + "/{id}", [&ctx](Request& q) { return get_webhook(ctx, q); },
      RouteDoc{.operation_id = "getWebhook",
               .summary = "One subscription (secret not shown)",
               .tag = "Admin",
               .responses = with_errors({{200, "The subscription", schema_ref("Webhook")}}, {404}),
               .required_role = Role::kAdmin});
  r.add(
      Method::kPatch, base + "/{id}", [&ctx](Request& q) { return patch_webhook(ctx, q); },
      RouteDoc{.operation_id = "updateWebhook",
               .summary = "Change a subscription (url, events, description, active, secret)",
               .description = "Fields left out stay as they are. A new secret is shown once, "
                              "in this answer.",
               .tag = "Admin",
               .request_schema_json = schema_ref("WebhookRequest"),
               .responses =
                   with_errors({{200, "The subscription", schema_ref("Webhook")}}, {400, 404, 415}),
               .required_role = Role::kAdmin});
  r.add(
      Method::kDelete, base + "/{id}", [&ctx](Request& q) { return delete_webhook(ctx, q); },
      RouteDoc{.operation_id = "deleteWebhook",
               .summary = "Delete a subscription and its delivery log",
               .tag = "Admin",
               .responses = with_errors({{204, "Deleted", ""}}, {404}),
               .required_role = Role::kAdmin});
  r.add(
      Method::kPost, base + "/{id}/test", [&ctx](Request& q) { return test_webhook(ctx, q); },
      RouteDoc{.operation_id = "testWebhook",
               .summary = "Send a webhook.test event to the subscription now",
               .tag = "Admin",
               .responses = with_errors(
                   {{202, "The delivery, recorded and on its way", schema_ref("WebhookDelivery")}},
                   {404}),
               .required_role = Role::kAdmin});
  r.add(
      Method::kGet, base + "/{id}/deliveries",
      [&ctx](Request& q) { return list_deliveries(ctx, q); },
      RouteDoc{.operation_id = "listWebhookDeliveries",
               .summary = "The delivery log of a subscription, newest first",
               .description = "Query: state (pending | delivered | dead), limit (1–500, "
                              "default 50).",
               .tag = "Admin",
               .responses = with_errors(
                   {{200, "The deliveries", schema_ref("WebhookDeliveryList")}}, {400, 404}),
               .required_role = Role::kAdmin});
  r.add(
      Method::kPost, base + "/{id}/deliveries/{delivery_id}/retry",
      [&ctx](Request& q) { return retry_delivery(ctx, q); },
      RouteDoc{.operation_id = "retryWebhookDelivery",
               .summary = "Send a delivery again (a dead letter, or a delivered one)",
               .description = "It becomes pending, due now; its attempts count on.",
               .tag = "Admin",
               .responses = with_errors(
                   {{200, "The delivery, pending again", schema_ref("WebhookDelivery")}}, {404}),
               .required_role = Role::kAdmin});
}

json::object webhook_delivery_json(const WebhookDelivery& d, std::string_view owner_field) {
  json::object o{{"id", d.id},
                 {owner_field, d.subscription_id},
                 {"event_id", d.event_id},
                 {"event_type", d.event_type},
                 {"state", std::string(to_string(d.state))},
                 {"attempts", d.attempts},
                 {"next_attempt_at", format_iso8601(d.next_attempt_at)},
                 {"last_status", d.last_status ? json::value(*d.last_status) : json::value()},
                 {"last_error", d.last_error},
                 {"created_at", format_iso8601(d.created_at)},
                 {"updated_at", format_iso8601(d.updated_at)},
                 {"delivered_at",
                  d.delivered_at ? json::value(format_iso8601(*d.delivered_at)) : json::value()}};
  boost::system::error_code ec;
  json::value payload = json::parse(d.payload, ec);
  o["payload"] = ec ? json::value(d.payload) : std::move(payload);
  return o;
}

net::Response webhook_delivery_log(ApiContext& ctx, const net::Request& req,
                                   std::string_view owner_field) {
  std::optional<DeliveryState> state;
  if (auto v = req.query_param("state"); v && !v->empty()) {
    state = parse_delivery_state(*v);
    if (!state)
      return net::error_response(400, "invalid_request", "state must be pending, delivered or dead",
                                 {{"field", "state"}});
  }
  auto limit = limit_param(req, 50, 500);
  if (auto* bad = std::get_if<Response>(&limit)) return std::move(*bad);
  auto all = ctx.store.list_webhook_deliveries(req.param("id"), state, std::get<int>(limit));
  if (!all) return net::error_response(all.error());
  json::array items;
  for (const auto& d : *all) items.push_back(webhook_delivery_json(d, owner_field));
  return json_response(200, json::object{{"deliveries", std::move(items)}});
}

}  // namespace aicc::api
