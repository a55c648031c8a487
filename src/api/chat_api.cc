// /api/v1/conversations: the customer side of a chat, and its live WebSocket stream.
#include <charconv>
#include <memory>

#include "api/api.h"
#include "api/conversation_stream.h"
#include "api/json_io.h"
#include "api/live_events.h"
#include "api/schemas.h"
#include "platform/log.h"

namespace aicc::api {
namespace {

std::vector<ResponseDoc> with_errors(std::vector<ResponseDoc> ok,
                                     std::initializer_list<int> codes) {
  static const std::map<int, std::string> text = {
      {400, "Invalid input (malformed JSON, missing or wrong-typed field, bad value)"},
      {404, "No such conversation"},
      {409, "The conversation is closed"},
      {413, "Body larger than the limit"},
      {415, "Body is not application/json"}};
  return with_error_docs(std::move(ok), codes, text);
}

json::object bot_status(const BotStatus& bot) {
  return {{"active", bot.active},
          {"reason", bot.reason.empty() ? json::value(nullptr) : json::value(bot.reason)}};
}

Response open_conversation(ApiContext& ctx, Request& req) {
  auto body = read_object(req);
  if (auto* err = std::get_if<Response>(&body)) return *err;
  FieldReader f(std::get<json::object>(body));
  OpenConversation open;
  open.channel = f.string("channel", true).value_or("");
  open.language = f.string("language").value_or("");
  open.customer_id = f.string("customer_id");
  if (const auto* c = f.object("customer")) {
    FieldReader cf(*c, "customer");
    NewCustomer nc;
    nc.external_id = cf.string("external_id").value_or("");
    nc.name = cf.string("name").value_or("");
    nc.phone = cf.string("phone").value_or("");
    nc.email = cf.string("email").value_or("");
    nc.language = cf.string("language").value_or("");
    if (auto tier = cf.string("tier")) {
      nc.tier = parse_customer_tier(*tier);
      if (!nc.tier) cf.fail("tier", "customer.tier must be regular, vip, premium or corporate");
    }
    cf.reject_unknown();
    if (!cf.ok()) return cf.error();
    open.customer = nc;
  }
  f.reject_unknown();
  if (!f.ok()) return f.error();
  auto opened = ctx.chat.open(open);
  if (!opened) return net::error_response(opened.error());
  json::array messages;
  for (const auto& m : opened->messages) messages.push_back(to_json(m));
  auto resp = json_response(201, json::object{{"conversation", to_json(opened->conversation)},
                                              {"customer", to_json(opened->customer)},
                                              {"messages", std::move(messages)},
                                              {"bot", bot_status(opened->bot)}});
  resp.set_header("location", "/api/v1/conversations/" + opened->conversation.id);
  return resp;
}

Response get_conversation(ApiContext& ctx, Request& req) {
  auto conv = ctx.chat.get(req.param("id"));
  if (!conv) return net::error_response(conv.error());
  return json_response(200, to_json(*conv));
}

Response post_message(ApiContext& ctx, Request& req) {
  auto body = read_object(req);
  if (auto* err = std::get_if<Response>(&body)) return *err;
  FieldReader f(std::get<json::object>(body));
  auto text = f.string("text", true);
  auto client_msg_id = f.string("client_msg_id");
  f.reject_unknown();
  if (!f.ok()) return f.error();
  if (ctx.message_limiter)
    if (auto wait = ctx.message_limiter->take(req.param("id"), std::chrono::steady_clock::now())) {
      ctx.metrics
          .counter("aicc_rate_limited_total", "Requests refused with 429, by scope",
                   {{"scope", "conversation"}})
          .inc();
      return net::too_many_requests(*wait, "too many messages in this conversation");
    }
  auto posted = ctx.chat.post_customer_message(req.param("id"), *text, client_msg_id);
  if (!posted) return net::error_response(posted.error());
  json::array replies;
  for (const auto& m : posted->replies) replies.push_back(to_json(m));
  return json_response(posted->created ? 201 : 200,
                       json::object{{"message", to_json(posted->message)},
                                    {"duplicate", !posted->created},
                                    {"replies", std::move(replies)},
                                    {"bot", bot_status(posted->bot)}});
}

Response list_messages(ApiContext& ctx, Request& req) {
  std::int64_t after = 0;
  if (auto cursor = req.query_param("cursor"); cursor && !cursor->empty()) {
    auto [p, ec] = std::from_chars(cursor->data(), cursor->data() + cursor->size(), after);
    if (ec != std::errc() || p != cursor->data() + cursor->size() || after < 0)
      return net::error_response(400, "invalid_request", "cursor is not one this API returned",
                                 {{"field", "cursor"}});
  }
  auto limit = limit_param(req, 50, 500);
  if (auto* bad = std::get_if<Response>(&limit)) return std::move(*bad);
  auto page = ctx.chat.history(req.param("id"), after, std::get<int>(limit));
  if (!page) return net::error_response(page.error());
  json::array items;
  for (const auto& m : page->messages) items.push_back(to_json(m));
  json::value next = nullptr;
  if (page->has_more && !page->messages.empty()) next = std::to_string(page->messages.back().seq);
  return json_response(200, json::object{{"messages", std::move(items)}, {"next_cursor", next}});
}

Response close_conversation(ApiContext& ctx, Request& req) {
  auto body = read_object(req, /*allow_empty=*/true);
  if (auto* err = std::get_if<Response>(&body)) return *err;
  FieldReader f(std::get<json::object>(body));
  auto reason = f.string("reason").value_or("customer");
  f.reject_unknown();
  if (!f.ok()) return f.error();
  if (reason.empty() || reason.size() > 64)
    return net::error_response(400, "invalid_request", "reason must be 1–64 characters",
                               {{"field", "reason"}});
  auto conv = ctx.chat.close(req.param("id"), reason);
  if (!conv) return net::error_response(conv.error());
  return json_response(200, to_json(*conv));
}

}  // namespace

ChatEvents chat_events_publisher(LiveEvents& live) {
  ChatEvents e;
  e.message_created = [&live](const Message& m) { live.message_created(m); };
  e.conversation_updated = [&live](const Conversation& c) { live.conversation_updated(c); };
  return e;
}

void add_chat_routes(net::Router& r, ApiContext& ctx) {
  const std::string base = "/api/v1/conversations";
  r.add(
      Method::kPost, base, [&ctx](Request& q) { return open_conversation(ctx, q); },
      RouteDoc{.operation_id = "openConversation",
               .summary = "Open a conversation",
               .description = "Creates a conversation for a new, existing or external customer.",
               .tag = "Customer chat",
               .request_schema_json = schema_ref("OpenConversationRequest"),
               .responses =
                   with_errors({{201, "The new conversation", schema_ref("OpenedConversation")}},
                               {400, 404, 413, 415})});
  r.add(
      Method::kGet, base + "/{id}", [&ctx](Request& q) { return get_conversation(ctx, q); },
      RouteDoc{.operation_id = "getConversation",
               .summary = "Get a conversation",
               .tag = "Customer chat",
               .responses =
                   with_errors({{200, "The conversation", schema_ref("Conversation")}}, {404})});
  r.add(
      Method::kPost, base + "/{id}/messages", [&ctx](Request& q) { return post_message(ctx, q); },
      RouteDoc{.operation_id = "postMessage",
               .summary = "Send a customer message",
               .description = "Persisted before the response. Idempotent by client_msg_id: a "
                              "retry answers 200 with the original message and duplicate=true.",
               .tag = "Customer chat",
               .request_schema_json = schema_ref("PostMessageRequest"),
               .responses = with_errors(
                   {{201, "Stored", schema_ref("PostedMessage")},
                    {200, "Retry of an earlier client_msg_id", schema_ref("PostedMessage")}},
                   {400, 404, 409, 413, 415})});
  r.add(
      Method::kGet, base + "/{id}/messages", [&ctx](Request& q) { return list_messages(ctx, q); },
      RouteDoc{.operation_id = "listMessages",
               .summary = "Read the history, oldest first",
               .tag = "Customer chat",
               .params = {{.name = "cursor", .description = "next_cursor of the previous page"},
                          {.name = "limit",
                           .description = "page size, 1–500 (default 50)",
                           .schema_json = R"({"type":"integer","minimum":1,"maximum":500})"}},
               .responses = with_errors({{200, "A page of messages", schema_ref("MessagePage")}},
                                        {400, 404})});
  r.add(
      Method::kPost, base + "/{id}/close",
      [&ctx](Request& q) { return close_conversation(ctx, q); },
      RouteDoc{
          .operation_id = "closeConversation",
          .summary = "Close a conversation",
          .tag = "Customer chat",
          .request_schema_json = schema_ref("CloseRequest"),
          .responses = with_errors({{200, "The closed conversation", schema_ref("Conversation")}},
                                   {400, 404, 409, 415})});
  r.add_websocket(
      base + "/{id}/stream", [&ctx](Request& q) { return open_conversation_stream(ctx, q); },
      RouteDoc{.operation_id = "streamConversation",
               .summary = "Live stream of a conversation (WebSocket)",
               .description = "Upgrade to WebSocket. The server sends a "
                              "conversation.snapshot, then message.created and "
                              "conversation.updated events as JSON text frames, each with "
                              "an event_id. Reconnect with ?last_event_id=<event_id> to get "
                              "the messages missed meanwhile (and the other events from the "
                              "node's ring, or resync_required). "
                              "Send {\"type\":\"ping\"} to get a pong.",
               .tag = "Customer chat",
               .params = {{.name = "last_event_id",
                           .description = "the last event_id received, to resume"}},
               .responses = with_errors(
                   {{101, "Switching to WebSocket", schema_ref("StreamEvent")}}, {400, 404})});
}

}  // namespace aicc::api
