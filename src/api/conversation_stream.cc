// /api/v1/conversations/{id}/stream: the customer's live WebSocket of one conversation.
//
// The stream starts with a conversation.snapshot, then pushes the conversation's events
// (message.created, conversation.updated, escalation.updated, callback offers) as this
// node's bus or the node relay delivers them. Messages go out in seq order without gaps
// or repeats: a message that arrives ahead of one still missing (two threads, or two
// nodes, publishing) first brings the missing ones from the store.
//
// Resume: ?last_event_id=<id of the last event received>. The messages after the id's
// seq come from the store, in order; the other events after it come from this node's
// ring when the id is this node's and the ring still holds them, otherwise the stream
// sends resync_required (re-read status and the conversation) after the messages.
#include "api/conversation_stream.h"

#include <mutex>
#include <set>

#include "api/json_io.h"
#include "api/live_events.h"
#include "api/stream_resume.h"
#include "platform/log.h"

namespace aicc::api {
namespace {

class ConversationStream : public std::enable_shared_from_this<ConversationStream> {
 public:
  ConversationStream(ApiContext& ctx, std::string conversation_id)
      : ctx_(ctx),
        bus_(ctx.live->bus()),
        node_(ctx.live->node_id()),
        id_(std::move(conversation_id)) {}
  ~ConversationStream() {
    if (subscription_) bus_.unsubscribe(subscription_);
  }

  // Listens before the conversation is read, so nothing published meanwhile is lost:
  // until begin() the bus's events wait in early_.
  void subscribe() {
    std::lock_guard lock(mu_);
    last_number_ = bus_.last_number();
    std::weak_ptr<ConversationStream> weak = weak_from_this();
    subscription_ = bus_.subscribe(id_, [weak](const BusEvent& ev) {
      if (auto self = weak.lock()) self->on_event(ev);
    });
  }

  void begin(const Conversation& conv, const std::optional<StreamPosition>& resume) {
    std::lock_guard lock(mu_);
    delivered_seq_ =
        resume ? std::min<std::int64_t>(resume->seq, conv.message_count) : conv.message_count;
    send_locked(json::serialize(
        json::object{{"type", "conversation.snapshot"}, {"conversation", to_json(conv)}}));
    if (resume) {
      auto missed = replayable(bus_, node_, *resume, {id_});
      if (missed) {
        for (const auto& ev : *missed) {
          deliver_locked(ev);
          replayed_.insert(ev.number);  // the live copy, if one comes, is not sent again
        }
      }
      fill_locked(conv.message_count);
      if (!missed)
        send_locked(json::serialize(json::object{
            {"type", "resync_required"},
            {"reason", resume->node == node_ ? "gap_older_than_ring" : "other_node"},
            {"message",
             "messages after last_event_id were sent; other events may be missing: re-read "
             "the conversation and its escalation status"}}));
    }
    started_ = true;
    for (const auto& ev : early_)
      if (!replayed_.count(ev.number)) deliver_locked(ev);
    early_.clear();
  }

  // The connection is gone: no more events.
  void close() {
    std::lock_guard lock(mu_);
    if (subscription_) bus_.unsubscribe(subscription_);
    subscription_ = 0;
  }

  void open(std::shared_ptr<net::WsConnection> ws) {
    std::lock_guard lock(mu_);
    ws_ = ws;
    for (auto& m : outbox_) ws->send_text(std::move(m));
    outbox_.clear();
  }

 private:
  void on_event(const BusEvent& ev) {
    std::lock_guard lock(mu_);
    if (!started_) {
      early_.push_back(ev);
      return;
    }
    if (!replayed_.count(ev.number)) deliver_locked(ev);
  }

  void deliver_locked(const BusEvent& ev) {
    if (ev.message_seq > 0) {
      if (ev.message_seq <= delivered_seq_) return;  // sent already (from the store)
      if (ev.message_seq > delivered_seq_ + 1) fill_locked(ev.message_seq - 1);
      delivered_seq_ = ev.message_seq;
    }
    last_number_ = std::max(last_number_, ev.number);
    send_locked(ev.json);
  }
  // Sends the stored messages after delivered_seq_ up to `upto`, in order.
  void fill_locked(std::int64_t upto) {
    while (delivered_seq_ < upto) {
      auto page = ctx_.store.list_messages(id_, delivered_seq_, 500);
      if (!page || page->messages.empty()) {
        log::warn("stream: cannot read missed messages",
                  {{"conversation_id", id_},
                   {"error", page ? std::string("none stored") : page.error().message}});
        return;
      }
      for (const auto& m : page->messages) {
        if (m.seq > upto) return;
        delivered_seq_ = m.seq;
        send_locked(message_event_json(m));
      }
    }
  }

  void send_locked(std::string event) {
    event = with_event_id(event, format_event_id(node_, last_number_, delivered_seq_));
    if (auto ws = ws_.lock())
      ws->send_text(std::move(event));
    else
      outbox_.push_back(std::move(event));  // before the handshake finished
  }

  ApiContext& ctx_;
  EventBus& bus_;
  const std::string node_;
  const std::string id_;
  std::mutex mu_;
  std::uint64_t subscription_ = 0;
  bool started_ = false;
  std::vector<BusEvent> early_;
  std::set<std::uint64_t> replayed_;  // sent during the replay
  std::uint64_t last_number_ = 0;
  std::int64_t delivered_seq_ = 0;
  std::weak_ptr<net::WsConnection> ws_;
  std::vector<std::string> outbox_;
};

}  // namespace

std::variant<Response, net::WsCallbacks> open_conversation_stream(ApiContext& ctx, Request& req) {
  std::optional<StreamPosition> resume;
  if (auto last = req.query_param("last_event_id"); last && !last->empty()) {
    auto p = parse_event_id(*last, /*with_seq=*/true);
    if (!p) return net::error_response(p.error());
    resume = std::move(*p);
  }
  auto stream = std::make_shared<ConversationStream>(ctx, req.param("id"));
  stream->subscribe();
  auto conv = ctx.chat.get(req.param("id"));
  if (!conv) return net::error_response(conv.error());
  stream->begin(*conv, resume);
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
    ws->send_text(
        json::serialize(json::object{{"type", "error"},
                                     {"error",
                                      {{"code", "unsupported_message"},
                                       {"message",
                                        "send messages with POST …/messages; the stream accepts "
                                        "{\"type\":\"ping\"}"}}}}));
  };
  cb.on_close = [stream] { stream->close(); };
  return cb;
}

}  // namespace aicc::api
