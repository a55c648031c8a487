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
#include <set>

#include "api/api.h"
#include "api/json_io.h"
#include "api/live_events.h"
#include "api/resumable_event_stream.h"
#include "api/schemas.h"

namespace aicc::api {
namespace {

// Event ids on an escalation that end the agent's part in it.
bool ends_work(std::string_view state) {
  return state == "done" || state == "cancelled" || state == "callback" || state == "queued" ||
         state == "callback_offered";
}

// One agent's connection and what it has been told about; the subscriptions, replay and
// event ids are ResumableEventStream's.
class AgentStream : public ResumableEventStream {
 public:
  AgentStream(EventBus& bus, std::string node, std::string agent_id, bool supervises)
      : ResumableEventStream(bus, std::move(node)),
        agent_id_(std::move(agent_id)),
        agent_topic_("agent:" + agent_id_),
        supervises_(supervises) {}

  // Every escalation change (filtered by on_escalation_locked) and the agent's own topic.
  std::vector<std::string> topics() const { return {kEscalationsTopic, agent_topic_}; }

  // The snapshot, then (resuming) the events after `resume` from this node's ring, or
  // resync_required when the ring cannot give them.
  void begin(const std::vector<Escalation>& inbox, json::object snapshot,
             const std::optional<StreamPosition>& resume) {
    std::lock_guard lock(mu_);
    send_locked(json::serialize(snapshot));
    std::vector<std::string> topics = this->topics();
    for (const auto& e : inbox) {
      known_.insert(e.id);
      if (e.state != EscalationState::kOffered) {
        follow_locked(e.conversation_id);
        topics.push_back(e.conversation_id);
      }
    }
    // Without a resume, only the followed conversations' events since subscribe() (their
    // subscriptions start now) are looked up; the snapshot covers the rest.
    StreamPosition from = resume.value_or(StreamPosition{node(), start_number(), -1});
    if (!resume) topics.erase(topics.begin(), topics.begin() + 2);
    if (!replay_locked(from, topics) && resume)
      send_resync_required_locked(
          *resume,
          "events after last_event_id cannot be replayed: the inbox.snapshot above is "
          "current; read missed messages with GET /api/v1/conversations/{id}/messages");
    start_locked();
  }

 private:
  void deliver_locked(const BusEvent& ev) override {
    if (ev.topic == kEscalationsTopic)
      on_escalation_locked(ev);
    else if (ev.topic == agent_topic_)
      send_event_locked(ev);
    else if (follows_locked(ev.topic) && !is_customer_escalation_view(ev.json))
      send_event_locked(ev);
  }

  // A followed conversation's topic also carries the customer's view of its escalation
  // (no agent id); the agent already gets the full one from the escalations topic, and the
  // customer's would read as "not yours any more".
  static bool is_customer_escalation_view(std::string_view event) {
    return event.starts_with(R"({"type":"escalation.updated")");
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

  const std::string agent_id_;
  const std::string agent_topic_;
  const bool supervises_;        // supervisors and admins also get every sla.breached
  std::set<std::string> known_;  // escalations offered to or worked on by this agent
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
  auto resume = resume_position(req, /*with_seq=*/false);
  if (!resume) return net::error_response(resume.error());
  auto stream =
      std::make_shared<AgentStream>(ctx.live->bus(), ctx.live->node_id(), principal->user.id,
                                    principal->user.role != Role::kAgent);
  stream->subscribe(stream->topics());
  auto inbox = ctx.routing->inbox(principal->user.id);
  if (!inbox) return net::error_response(inbox.error());
  json::array offers, working;
  for (const auto& e : *inbox)
    (e.state == EscalationState::kOffered ? offers : working).push_back(agent_work_json(e));
  stream->begin(*inbox,
                json::object{{"type", "inbox.snapshot"},
                             {"offers", std::move(offers)},
                             {"conversations", std::move(working)}},
                *resume);
  return ResumableEventStream::callbacks(
      stream, "act with the agent API; the stream accepts {\"type\":\"ping\"}");
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
