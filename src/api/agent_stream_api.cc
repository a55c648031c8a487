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
// Every event carries an event_id (api/stream_resume.h). After a reconnect with
// ?last_event_id=<id> to the same node, the events missed meanwhile follow the snapshot
// (from the node's ring); otherwise resync_required says the snapshot is the truth and
// messages missed meanwhile are read with GET /api/v1/conversations/{id}/messages.
#include <mutex>
#include <set>

#include "api/api.h"
#include "api/json_io.h"
#include "api/live_events.h"
#include "api/schemas.h"
#include "api/stream_resume.h"

namespace aicc::api {
namespace {

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
  AgentStream(EventBus& bus, std::string node, std::string agent_id, bool supervises)
      : bus_(bus),
        node_(std::move(node)),
        agent_id_(std::move(agent_id)),
        supervises_(supervises) {}
  ~AgentStream() { close(); }

  // Listens before the inbox is read, so nothing published meanwhile is lost: until
  // begin() the bus's events wait in early_.
  void subscribe() {
    std::lock_guard lock(mu_);
    start_number_ = last_number_ = bus_.last_number();
    std::weak_ptr<AgentStream> weak = weak_from_this();
    subscriptions_.push_back(bus_.subscribe(kEscalationsTopic, [weak](const BusEvent& ev) {
      if (auto self = weak.lock()) self->on_event(ev);
    }));
    subscriptions_.push_back(bus_.subscribe("agent:" + agent_id_, [weak](const BusEvent& ev) {
      if (auto self = weak.lock()) self->on_event(ev);
    }));
  }

  // The snapshot, then (resuming) the events after `resume` from this node's ring, or
  // resync_required when the ring cannot give them.
  void begin(const std::vector<Escalation>& inbox, json::object snapshot,
             const std::optional<StreamPosition>& resume) {
    std::lock_guard lock(mu_);
    send_locked(json::serialize(snapshot));
    std::vector<std::string> topics{kEscalationsTopic, "agent:" + agent_id_};
    for (const auto& e : inbox) {
      known_.insert(e.id);
      if (e.state != EscalationState::kOffered) {
        follow_locked(e.conversation_id);
        topics.push_back(e.conversation_id);
      }
    }
    // Without a resume, only the followed conversations' events since subscribe() (their
    // subscriptions start now) are looked up; the snapshot covers the rest.
    StreamPosition from = resume.value_or(StreamPosition{node_, start_number_, -1});
    if (!resume) topics.erase(topics.begin(), topics.begin() + 2);
    auto missed = replayable(bus_, node_, from, topics);
    if (missed) {
      for (const auto& ev : *missed) {
        handle_locked(ev);
        replayed_.insert(ev.number);
      }
    } else if (resume) {
      send_locked(json::serialize(json::object{
          {"type", "resync_required"},
          {"reason", resume->node == node_ ? "gap_older_than_ring" : "other_node"},
          {"message",
           "events after last_event_id cannot be replayed: the inbox.snapshot above is "
           "current; read missed messages with GET /api/v1/conversations/{id}/messages"}}));
    }
    started_ = true;
    for (const auto& ev : early_)
      if (!replayed_.count(ev.number)) handle_locked(ev);
    early_.clear();
  }

  void open(std::shared_ptr<net::WsConnection> ws) {
    std::lock_guard lock(mu_);
    ws_ = ws;
    for (auto& m : outbox_) ws->send_text(std::move(m));
    outbox_.clear();
  }

  void close() {
    std::lock_guard lock(mu_);
    for (auto id : subscriptions_) bus_.unsubscribe(id);
    for (auto& [conv, id] : conversations_) bus_.unsubscribe(id);
    subscriptions_.clear();
    conversations_.clear();
  }

 private:
  void on_event(const BusEvent& ev) {
    std::lock_guard lock(mu_);
    if (!started_) {
      early_.push_back(ev);
      return;
    }
    if (!replayed_.count(ev.number)) handle_locked(ev);
  }

  void handle_locked(const BusEvent& ev) {
    if (ev.topic == kEscalationsTopic)
      on_escalation_locked(ev);
    else if (ev.topic == "agent:" + agent_id_)
      send_event_locked(ev);
    else if (conversations_.count(ev.topic) && !is_customer_escalation_view(ev.json))
      send_event_locked(ev);
  }

  // A followed conversation's topic also carries the customer's view of its escalation
  // (no agent id); the agent already gets the full one from the escalations topic, and the
  // customer's would read as "not yours any more".
  static bool is_customer_escalation_view(std::string_view event) {
    return event.starts_with(R"({"type":"escalation.updated")");
  }

  void send_event_locked(const BusEvent& ev) {
    last_number_ = std::max(last_number_, ev.number);
    send_locked(ev.json);
  }
  void send_locked(std::string event) {
    event = with_event_id(event, format_event_id(node_, last_number_));
    if (auto ws = ws_.lock())
      ws->send_text(std::move(event));
    else
      outbox_.push_back(std::move(event));  // before the handshake finished
  }

  void follow_locked(const std::string& conversation_id) {
    if (conversations_.count(conversation_id)) return;
    std::weak_ptr<AgentStream> weak = weak_from_this();
    conversations_[conversation_id] = bus_.subscribe(conversation_id, [weak](const BusEvent& ev) {
      if (auto self = weak.lock()) self->on_event(ev);
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
  void on_escalation_locked(const BusEvent& ev) {
    boost::system::error_code ec;
    json::value v = json::parse(ev.json, ec);
    if (ec || !v.is_object()) return;
    const auto* type = v.as_object().if_contains("type");
    if (supervises_ && type && type->is_string() && type->as_string() == "sla.breached") {
      send_event_locked(ev);  // the floor's alert; the agent's own work is not affected
      return;
    }
    const auto* e = v.as_object().if_contains("escalation");
    if (!e || !e->is_object()) return;
    const auto& o = e->as_object();
    auto text = [&](const char* key) {
      const auto* f = o.if_contains(key);
      return f && f->is_string() ? std::string(f->as_string()) : std::string();
    };
    const std::string id = text("id"), agent = text("agent_id"), state = text("state"),
                      conversation = text("conversation_id");
    const bool mine = agent == agent_id_;
    if (!mine && !known_.count(id)) return;
    send_event_locked(ev);
    if (mine && !ends_work(state)) {
      known_.insert(id);
      if (state == "assigned" || state == "wrap_up") follow_locked(conversation);
    } else {
      known_.erase(id);
      unfollow_locked(conversation);
    }
  }

  EventBus& bus_;
  const std::string node_;
  const std::string agent_id_;
  const bool supervises_;  // supervisors and admins also get every sla.breached
  std::mutex mu_;
  bool started_ = false;
  std::vector<BusEvent> early_;
  std::set<std::uint64_t> replayed_;  // sent during the replay
  std::uint64_t start_number_ = 0, last_number_ = 0;
  std::weak_ptr<net::WsConnection> ws_;
  std::vector<std::string> outbox_;
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
  std::optional<StreamPosition> resume;
  if (auto last = req.query_param("last_event_id"); last && !last->empty()) {
    auto p = parse_event_id(*last, /*with_seq=*/false);
    if (!p) return net::error_response(p.error());
    resume = std::move(*p);
  }
  auto stream =
      std::make_shared<AgentStream>(ctx.live->bus(), ctx.live->node_id(), principal->user.id,
                                    principal->user.role != Role::kAgent);
  stream->subscribe();
  auto inbox = ctx.routing->inbox(principal->user.id);
  if (!inbox) return net::error_response(inbox.error());
  json::array offers, working;
  for (const auto& e : *inbox)
    (e.state == EscalationState::kOffered ? offers : working).push_back(agent_work_json(e));
  stream->begin(*inbox,
                json::object{{"type", "inbox.snapshot"},
                             {"offers", std::move(offers)},
                             {"conversations", std::move(working)}},
                resume);
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
  cb.on_close = [stream] { stream->close(); };
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
                   "conversations, and agent.state, each with an event_id; reconnect with "
                   "?last_event_id=<event_id> to replay what was missed (or get "
                   "resync_required). Send {\"type\":\"ping\"} for a pong.",
               .tag = "Agent",
               .params = {{.name = "last_event_id",
                           .description = "the last event_id received, to resume"}},
               .responses = {{101, "Switching to WebSocket", ""},
                             {400, "A bad last_event_id", schema_ref("Error")},
                             {401, "No valid session token", schema_ref("Error")}}});
}

}  // namespace aicc::api
