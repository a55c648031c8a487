// Inbound channels (PRODUCT.md §9 "Webhook in"): the admin's channel resource
// (/api/v1/admin/channels…, admins only, audited) and the endpoint another channel posts
// its customers' messages to (/api/v1/channels/{name}/messages, with the channel's API
// key). Replies reach the channel's callback URL through the webhook dispatcher.
#include <optional>

#include "api/api.h"
#include "api/json_io.h"
#include "api/schemas.h"
#include "api/webhook_json.h"
#include "platform/log.h"
#include "platform/webhook_signature.h"
#include "service/channel_inbound.h"

namespace aicc::api {
namespace {

constexpr std::string_view kApiKeyPrincipal = "apikey:";

std::vector<ResponseDoc> with_errors(std::vector<ResponseDoc> ok,
                                     std::initializer_list<int> codes) {
  static const std::map<int, std::string> text = {
      {400, "Invalid input (malformed JSON, unknown or missing field, bad value)"},
      {401, "No API key, or not a valid one"},
      {403, "Not this channel's API key, or the channel is disabled"},
      {404, "No such channel (or delivery of it)"},
      {409, "A channel has that name"},
      {413, "Body larger than the limit"},
      {415, "Body is not application/json"},
      {429, "Too many requests with this API key or for this contact"}};
  return with_error_docs(std::move(ok), codes, text);
}

// The channel as the API shows it; the secret only at creation and rotation.
json::object channel_json(const Channel& c, bool with_secret) {
  json::object o{{"id", c.id},
                 {"name", c.name},
                 {"callback_url", c.callback_url},
                 {"api_key_id", c.api_key_id},
                 {"description", c.description},
                 {"enabled", c.enabled},
                 {"created_at", format_iso8601(c.created_at)},
                 {"updated_at", format_iso8601(c.updated_at)}};
  if (with_secret) o["secret"] = c.secret;
  return o;
}

// Reads the editable fields into `c`; `creating` makes callback_url and api_key_id required.
bool read_fields(FieldReader& f, Channel& c, bool creating) {
  if (auto v = f.string("callback_url", creating)) c.callback_url = *v;
  if (auto v = f.string("api_key_id", creating)) c.api_key_id = *v;
  if (auto v = f.string("description")) c.description = *v;
  if (auto v = f.boolean("enabled")) c.enabled = *v;
  return f.ok();
}

Response list_channels(ApiContext& ctx, Request&) {
  auto all = ctx.store.list_channels();
  if (!all) return net::error_response(all.error());
  json::array items;
  for (const auto& c : *all) items.push_back(channel_json(c, false));
  return json_response(200, json::object{{"channels", std::move(items)}});
}

Response create_channel(ApiContext& ctx, Request& req) {
  auto body = read_object(req);
  if (auto* err = std::get_if<Response>(&body)) return *err;
  FieldReader f(std::get<json::object>(body));
  Channel c;
  c.name = f.string("name", true).value_or("");
  if (!read_fields(f, c, true)) return f.error();
  c.secret = f.string("secret").value_or("");
  f.reject_unknown();
  if (!f.ok()) return f.error();
  if (c.secret.empty()) c.secret = new_webhook_secret();
  c.id = ctx.ids.uuid();
  c.created_at = ctx.clock.now();
  c.updated_at = c.created_at;
  auto created = ctx.store.create_channel(c);
  if (!created) return net::error_response(created.error());
  ctx.audit.record(audit_actor(req), "channel.create", "channel", created->id, "null",
                   json::serialize(channel_json(*created, false)));
  auto resp = json_response(201, channel_json(*created, true));
  resp.set_header("location", "/api/v1/admin/channels/" + created->id);
  resp.set_header("cache-control", "no-store");
  return resp;
}

Response get_channel(ApiContext& ctx, Request& req) {
  auto c = ctx.store.get_channel(req.param("id"));
  if (!c) return net::error_response(c.error());
  return json_response(200, channel_json(*c, false));
}

Response patch_channel(ApiContext& ctx, Request& req) {
  auto body = read_object(req);
  if (auto* err = std::get_if<Response>(&body)) return *err;
  auto c = ctx.store.get_channel(req.param("id"));
  if (!c) return net::error_response(c.error());
  const std::string before = json::serialize(channel_json(*c, false));
  FieldReader f(std::get<json::object>(body));
  if (auto name = f.string("name"); name && *name != c->name)
    f.fail("name", "a channel's name never changes (its conversations carry it)");
  if (!read_fields(f, *c, false)) return f.error();
  f.reject_unknown();
  if (!f.ok()) return f.error();
  c->updated_at = ctx.clock.now();
  auto saved = ctx.store.update_channel(*c);
  if (!saved) return net::error_response(saved.error());
  ctx.audit.record(audit_actor(req), "channel.update", "channel", saved->id, before,
                   json::serialize(channel_json(*saved, false)));
  return json_response(200, channel_json(*saved, false));
}

Response rotate_secret(ApiContext& ctx, Request& req) {
  auto c = ctx.store.get_channel(req.param("id"));
  if (!c) return net::error_response(c.error());
  const std::string before = json::serialize(channel_json(*c, false));
  c->secret = new_webhook_secret();
  c->updated_at = ctx.clock.now();
  auto saved = ctx.store.update_channel(*c);
  if (!saved) return net::error_response(saved.error());
  json::object after = channel_json(*saved, false);
  after["secret_rotated"] = true;
  ctx.audit.record(audit_actor(req), "channel.rotate_secret", "channel", saved->id, before,
                   json::serialize(after));
  auto resp = json_response(200, channel_json(*saved, true));
  resp.set_header("cache-control", "no-store");
  return resp;
}

Response delete_channel(ApiContext& ctx, Request& req) {
  auto c = ctx.store.get_channel(req.param("id"));
  if (!c) return net::error_response(c.error());
  if (auto st = ctx.store.delete_channel(c->id); !st) return net::error_response(st.error());
  ctx.audit.record(audit_actor(req), "channel.delete", "channel", c->id,
                   json::serialize(channel_json(*c, false)), "null");
  Response r;
  r.status = 204;
  return r;
}

Response list_deliveries(ApiContext& ctx, Request& req) {
  if (auto c = ctx.store.get_channel(req.param("id")); !c) return net::error_response(c.error());
  return webhook_delivery_log(ctx, req, "channel_id");
}

Response retry_delivery(ApiContext& ctx, Request& req) {
  auto d = ctx.store.get_webhook_delivery(req.param("delivery_id"));
  if (!d || d->subscription_id != req.param("id"))
    return net::error_response(404, "not_found", "no such delivery of this channel");
  const std::string before = json::serialize(
      json::object{{"state", std::string(to_string(d->state))}, {"attempts", d->attempts}});
  auto again = ctx.webhooks.requeue(d->id);
  if (!again) return net::error_response(again.error());
  ctx.audit.record(audit_actor(req), "channel_delivery.retry", "webhook_delivery", again->id,
                   before,
                   json::serialize(json::object{{"state", std::string(to_string(again->state))},
                                                {"attempts", again->attempts}}));
  return json_response(200, webhook_delivery_json(*again, "channel_id"));
}

json::object bot_status(const BotStatus& bot) {
  return {{"active", bot.active},
          {"reason", bot.reason.empty() ? json::value(nullptr) : json::value(bot.reason)}};
}

Response post_inbound(ApiContext& ctx, ChannelInbound& inbound, Request& req) {
  const std::string& who = req.principal->user_id;
  if (who.rfind(kApiKeyPrincipal, 0) != 0)
    return net::error_response(403, "forbidden",
                               "this endpoint takes the channel's API key (X-API-Key), not a "
                               "session");
  auto channel = ctx.store.find_channel_by_name(req.param("channel"));
  if (!channel) return net::error_response(channel.error());
  if (who.substr(kApiKeyPrincipal.size()) != channel->api_key_id)
    return net::error_response(403, "forbidden",
                               "this API key is not the key of channel \"" + channel->name + "\"");
  if (!channel->enabled)
    return net::error_response(403, "channel_disabled",
                               "channel \"" + channel->name + "\" is disabled");
  auto body = read_object(req);
  if (auto* err = std::get_if<Response>(&body)) return *err;
  FieldReader f(std::get<json::object>(body));
  InboundMessage m;
  m.external_id = f.string("external_id", true).value_or("");
  m.text = f.string("text", true).value_or("");
  m.client_msg_id = f.string("client_msg_id", true).value_or("");
  m.customer_name = f.string("customer_name").value_or("");
  m.language = f.string("language").value_or("");
  f.reject_unknown();
  if (!f.ok()) return f.error();
  if (ctx.message_limiter)
    if (auto wait = ctx.message_limiter->take("channel:" + channel->id + ":" + m.external_id,
                                              std::chrono::steady_clock::now())) {
      ctx.metrics
          .counter("aicc_rate_limited_total", "Requests refused with 429, by scope",
                   {{"scope", "conversation"}})
          .inc();
      return net::too_many_requests(*wait, "too many messages from this contact");
    }
  auto received = inbound.receive(*channel, m);
  if (!received) return net::error_response(received.error());
  json::array greeting, replies;
  for (const auto& g : received->greeting) greeting.push_back(to_json(g));
  for (const auto& r : received->posted.replies) replies.push_back(to_json(r));
  return json_response(received->posted.created ? 201 : 200,
                       json::object{{"conversation_id", received->conversation.id},
                                    {"conversation", to_json(received->conversation)},
                                    {"conversation_created", received->conversation_created},
                                    {"message", to_json(received->posted.message)},
                                    {"duplicate", !received->posted.created},
                                    {"greeting", std::move(greeting)},
                                    {"replies", std::move(replies)},
                                    {"bot", bot_status(received->posted.bot)}});
}

}  // namespace

ChatEvents chat_events_channels(ChannelRoutes& routes, WebhookDispatcher& webhooks) {
  ChatEvents e;
  e.message_created = [&routes, &webhooks](const Message& m) {
    if (m.sender == Sender::kCustomer) return;  // the channel sent it
    auto route = routes.route_of(m.conversation_id);
    if (!route) {
      log::warn("channel callback not queued: route unknown",
                {{"conversation_id", m.conversation_id}, {"error", route.error().message}});
      return;
    }
    if (!*route) return;  // not a channel's conversation
    const auto& r = **route;
    webhooks.emit_to(r.contact.channel_id, kChannelMessageEvent,
                     json::serialize(json::object{{"channel", r.channel_name},
                                                  {"channel_id", r.contact.channel_id},
                                                  {"external_id", r.contact.external_id},
                                                  {"conversation_id", m.conversation_id},
                                                  {"message", to_json(m)}}));
  };
  e.conversation_updated = [&routes](const Conversation& c) {
    if (is_terminal(c.state)) routes.forget(c.id);
  };
  return e;
}

void add_channel_routes(net::Router& r, ApiContext& ctx, ChannelInbound& inbound) {
  const std::string base = "/api/v1/admin/channels";
  r.add(
      Method::kGet, base, [&ctx](Request& q) { return list_channels(ctx, q); },
      RouteDoc{.operation_id = "listChannels",
               .summary = "Every inbound channel, by name (secrets not shown)",
               .tag = "Admin",
               .responses = {{200, "The channels", schema_ref("ChannelList")}},
               .required_role = Role::kAdmin});
  r.add(
      Method::kPost, base, [&ctx](Request& q) { return create_channel(ctx, q); },
      RouteDoc{.operation_id = "createChannel",
               .summary = "Register an inbound channel",
               .description = "The channel's API key (api_key_id, any role) is the only key "
                              "that may post to it. Without a secret one is generated; this "
                              "answer is the only place it is shown.",
               .tag = "Admin",
               .request_schema_json = schema_ref("ChannelRequest"),
               .responses = with_errors(
                   {{201, "The channel, with its signing secret", schema_ref("Channel")}},
                   {400, 409, 415}),
               .required_role = Role::kAdmin});
  r.add(
      Method::kGet, base + "/{id}", [&ctx](Request& q) { return get_channel(ctx, q); },
      RouteDoc{.operation_id = "getChannel",
               .summary = "One inbound channel (secret not shown)",
               .tag = "Admin",
               .responses = with_errors({{200, "The channel", schema_ref("Channel")}}, {404}),
               .required_role = Role::kAdmin});
  r.add(
      Method::kPatch, base + "/{id}", [&ctx](Request& q) { return patch_channel(ctx, q); },
      RouteDoc{
          .operation_id = "updateChannel",
          .summary = "Change a channel (callback_url, api_key_id, description, enabled)",
          .description = "Fields left out stay as they are; the name never changes.",
          .tag = "Admin",
          .request_schema_json = schema_ref("ChannelRequest"),
          .responses = with_errors({{200, "The channel", schema_ref("Channel")}}, {400, 404, 415}),
          .required_role = Role::kAdmin});
  r.add(
      Method::kPost, base + "/{id}/rotate-secret",
      [&ctx](Request& q) { return rotate_secret(ctx, q); },
      RouteDoc{.operation_id = "rotateChannelSecret",
               .summary = "Give the channel a new signing secret (shown once, in this answer)",
               .description = "Callbacks sent from now on are signed with it, retries included.",
               .tag = "Admin",
               .responses = with_errors(
                   {{200, "The channel, with its new secret", schema_ref("Channel")}}, {404}),
               .required_role = Role::kAdmin});
  r.add(
      Method::kDelete, base + "/{id}", [&ctx](Request& q) { return delete_channel(ctx, q); },
      RouteDoc{.operation_id = "deleteChannel",
               .summary = "Delete a channel, its callback log and contact links",
               .description = "Its conversations stay (with the channel's name).",
               .tag = "Admin",
               .responses = with_errors({{204, "Deleted", ""}}, {404}),
               .required_role = Role::kAdmin});
  r.add(
      Method::kGet, base + "/{id}/deliveries",
      [&ctx](Request& q) { return list_deliveries(ctx, q); },
      RouteDoc{.operation_id = "listChannelDeliveries",
               .summary = "The callback delivery log of a channel, newest first",
               .description = "Query: state (pending | delivered | dead), limit (1–500, "
                              "default 50).",
               .tag = "Admin",
               .responses = with_errors(
                   {{200, "The deliveries", schema_ref("ChannelDeliveryList")}}, {400, 404}),
               .required_role = Role::kAdmin});
  r.add(
      Method::kPost, base + "/{id}/deliveries/{delivery_id}/retry",
      [&ctx](Request& q) { return retry_delivery(ctx, q); },
      RouteDoc{.operation_id = "retryChannelDelivery",
               .summary = "Send a callback again (a dead letter, or a delivered one)",
               .description = "It becomes pending, due now; its attempts count on.",
               .tag = "Admin",
               .responses = with_errors(
                   {{200, "The delivery, pending again", schema_ref("ChannelDelivery")}}, {404}),
               .required_role = Role::kAdmin});
  r.add(
      Method::kPost, "/api/v1/channels/{channel}/messages",
      [&ctx, &inbound](Request& q) { return post_inbound(ctx, inbound, q); },
      RouteDoc{.operation_id = "postChannelMessage",
               .summary = "Post a customer message from another channel",
               .description =
                   "Send the channel's API key (X-API-Key). The first message of an "
                   "external_id — or the first after its conversation ended — opens a "
                   "conversation on the channel; later ones continue it. The bot's reply is "
                   "in the answer and, like every later agent message, POSTed signed to the "
                   "channel's callback_url (event channel.message). Idempotent by "
                   "client_msg_id: a retry answers 200 with the original and duplicate=true.",
               .tag = "Channels",
               .request_schema_json = schema_ref("ChannelMessageRequest"),
               .responses = with_errors(
                   {{201, "Stored, with the bot's reply", schema_ref("ChannelMessageResult")},
                    {200, "Retry of an earlier client_msg_id", schema_ref("ChannelMessageResult")}},
                   {400, 401, 403, 404, 409, 413, 415, 429}),
               .required_role = Role::kAgent});
}

}  // namespace aicc::api
