// /api/v1/agent/stream: the logged-in agent's live WebSocket. A browser cannot set an
// Authorization header on a WebSocket, so the session token may also come as the
// `access_token` query parameter (never logged: the access log has the path only).
//
// The stream starts with an inbox.snapshot (offers and conversations, as GET
// /api/v1/agent/inbox), then pushes:
//   escalation.updated — an offer to this agent, its acceptance, transfer, wrap-up, and an
//                        offer that moved on to someone else (so the desk can drop it);
//   message.created / conversation.updated / escalation.updated of the conversations the
//                        agent works on (the conversation streams, followed while assigned);
//   agent.state        — the agent's own state changes (from any of their sessions);
//   sla.breached       — to supervisors and admins only: an escalation waiting past its
//                        SLA target (see sla_breach_handler), whoever it belongs to.
// After a reconnect the snapshot is the truth; messages missed meanwhile are read with
// GET /api/v1/conversations/{id}/messages?cursor=<last seq>.
#include <mutex>
#include <set>

#include "api/api.h"
#include "api/json_io.h"
#include "api/schemas.h"

namespace aicc::api {
namespace {

using net::Request;
using net::Response;
using net::RouteDoc;

// Event ids on an escalation that end the agent's part in it.
bool ends_work(std::string_view state) {
  return state == "done" || state == "cancelled" || state == "callback" || state == "queued" ||
         state == "callback_offered";
}

// One agent's connection: its subscriptions and what it has been told about. Bus
// callbacks hold it weakly; when the connection ends (or the handshake fails) the last
// owner lets go and the destructor unsubscribes everything.
class AgentStream : public std::enable_shared_from_this<AgentStream> {
 public:
  AgentStream(EventBus& bus, std::string agent_id, bool supervises)
      : bus_(bus), agent_id_(std::move(agent_id)), supervises_(supervises) {}
  ~AgentStream() {
    for (auto id : subscriptions_) bus_.unsubscribe(id);
    for (auto& [conv, id] : conversations_) bus_.unsubscribe(id);
  }

  void start(const std::vector<Escalation>& inbox, json::object snapshot) {
    std::weak_ptr<AgentStream> weak = weak_from_this();
    subscriptions_.push_back(bus_.subscribe(kEscalationsTopic, [weak](const std::string& ev) {
      if (auto self = weak.lock()) self->on_escalation(ev);
    }));
    subscriptions_.push_back(bus_.subscribe("agent:" + agent_id_, [weak](const std::string& ev) {
      if (auto self = weak.lock()) self->send(ev);
    }));
    std::lock_guard lock(mu_);
    pending_.insert(pending_.begin(), json::serialize(snapshot));
    for (const auto& e : inbox) {
      known_.insert(e.id);
      if (e.state != EscalationState::kOffered) follow_locked(e.conversation_id);
    }
  }

  void open(std::shared_ptr<net::WsConnection> ws) {
    std::lock_guard lock(mu_);
    ws_ = ws;
    for (auto& m : pending_) ws->send_text(std::move(m));
    pending_.clear();
  }

 private:
  void send(std::string event) {
    std::lock_guard lock(mu_);
    send_locked(std::move(event));
  }
  void send_locked(std::string event) {
    if (auto ws = ws_.lock())
      ws->send_text(std::move(event));
    else
      pending_.push_back(std::move(event));  // before the handshake finished
  }

  void follow_locked(const std::string& conversation_id) {
    if (conversations_.count(conversation_id)) return;
    std::weak_ptr<AgentStream> weak = weak_from_this();
    conversations_[conversation_id] =
        bus_.subscribe(conversation_id, [weak](const std::string& ev) {
          if (auto self = weak.lock()) self->send(ev);
        });
  }
  void unfollow_locked(const std::string& conversation_id) {
    auto it = conversations_.find(conversation_id);
    if (it == conversations_.end()) return;
    bus_.unsubscribe(it->second);
    conversations_.erase(it);
  }

  // Every escalation change passes here; only this agent's, and the ones it was told about
  // before, go out.
  void on_escalation(const std::string& event) {
    boost::system::error_code ec;
    json::value v = json::parse(event, ec);
    if (ec || !v.is_object()) return;
    const auto* e = v.as_object().if_contains("escalation");
    if (!e || !e->is_object()) return;
    const auto& o = e->as_object();
    auto text = [&](const char* key) {
      const auto* f = o.if_contains(key);
      return f && f->is_string() ? std::string(f->as_string()) : std::string();
    };
    const std::string id = text("id"), agent = text("agent_id"), state = text("state"),
                      conversation = text("conversation_id");
    std::lock_guard lock(mu_);
    const auto* type = v.as_object().if_contains("type");
    if (supervises_ && type && type->is_string() && type->as_string() == "sla.breached") {
      send_locked(event);  // the floor's alert; the agent's own work is not affected
      return;
    }
    const bool mine = agent == agent_id_;
    if (!mine && !known_.count(id)) return;
    send_locked(event);
    if (mine && !ends_work(state)) {
      known_.insert(id);
      if (state == "assigned" || state == "wrap_up") follow_locked(conversation);
    } else {
      known_.erase(id);
      unfollow_locked(conversation);
    }
  }

  EventBus& bus_;
  const std::string agent_id_;
  bool supervises_ = false;  // supervisors and admins also get every sla.breached
  std::mutex mu_;
  std::weak_ptr<net::WsConnection> ws_;
  std::vector<std::string> pending_;
  std::set<std::string> known_;  // escalations offered to or worked on by this agent
  std::vector<std::uint64_t> subscriptions_;
  std::map<std::string, std::uint64_t> conversations_;
};

std::variant<Response, net::WsCallbacks> open_agent_stream(ApiContext& ctx, Request& req) {
  std::string token;
  if (auto h = req.header("authorization"); h && h->size() > 7 && h->substr(0, 7) == "Bearer ")
    token = std::string(h->substr(7));
  else if (auto q = req.query_param("access_token"))
    token = std::string(*q);
  if (token.empty())
    return net::error_response(401, "unauthenticated",
                               "send the session token as Authorization: Bearer <token> or "
                               "?access_token=<token>");
  auto principal = ctx.auth.authenticate(token);
  if (!principal) {
    if (principal.error().code == ErrorCode::kUnauthenticated)
      return net::error_response(401, "unauthenticated", principal.error().message);
    return net::error_response(principal.error());
  }
  if (!ctx.routing) return net::error_response(503, "unavailable", "routing is not running");
  auto inbox = ctx.routing->inbox(principal->user.id);
  if (!inbox) return net::error_response(inbox.error());
  json::array offers, working;
  for (const auto& e : *inbox)
    (e.state == EscalationState::kOffered ? offers : working).push_back(agent_work_json(e));
  auto stream = std::make_shared<AgentStream>(ctx.events, principal->user.id,
                                              principal->user.role != Role::kAgent);
  stream->start(*inbox, json::object{{"type", "inbox.snapshot"},
                                     {"offers", std::move(offers)},
                                     {"conversations", std::move(working)}});
  net::WsCallbacks cb;
  cb.on_open = [stream](std::shared_ptr<net::WsConnection> ws) { stream->open(std::move(ws)); };
  cb.on_message = [](const std::shared_ptr<net::WsConnection>& ws, std::string_view text) {
    boost::system::error_code ec;
    auto v = json::parse(text, ec);
    if (!ec && v.is_object() && v.as_object().if_contains("type") &&
        v.as_object().at("type") == "ping") {
      ws->send_text(R"({"type":"pong"})");
      return;
    }
    ws->send_text(R"({"type":"error","error":{"code":"unsupported_message","message":)"
                  R"("act with the agent API; the stream accepts {\"type\":\"ping\"}"}})");
  };
  return cb;
}

}  // namespace

void add_agent_stream_route(net::Router& r, ApiContext& ctx) {
  r.add_websocket(
      "/api/v1/agent/stream", [&ctx](Request& q) { return open_agent_stream(ctx, q); },
      RouteDoc{.operation_id = "streamAgent",
               .summary = "The logged-in agent's live stream (WebSocket)",
               .description =
                   "Upgrade to WebSocket with Authorization: Bearer <token> or "
                   "?access_token=<token> (browsers). The server sends an inbox.snapshot, then "
                   "escalation.updated (offers to the agent, and offers that moved on), the "
                   "message.created / conversation.updated events of the agent's "
                   "conversations, and agent.state. Send {\"type\":\"ping\"} for a pong.",
               .tag = "Agent",
               .responses = {{101, "Switching to WebSocket", ""},
                             {401, "No valid session token", schema_ref("Error")}}});
}

}  // namespace aicc::api
