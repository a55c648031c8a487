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

#include "api/json_io.h"
#include "api/live_events.h"
#include "api/resumable_event_stream.h"
#include "platform/log.h"

namespace aicc::api {
namespace {

class ConversationStream : public ResumableEventStream {
 public:
  ConversationStream(ApiContext& ctx, std::string conversation_id)
      : ResumableEventStream(ctx.live->bus(), ctx.live->node_id()),
        ctx_(ctx),
        id_(std::move(conversation_id)) {}

  const std::string& topic() const { return id_; }

  void begin(const Conversation& conv, const std::optional<StreamPosition>& resume) {
    std::lock_guard lock(mu_);
    delivered_seq_ =
        resume ? std::min<std::int64_t>(resume->seq, conv.message_count) : conv.message_count;
    send_locked(json::serialize(
        json::object{{"type", "conversation.snapshot"}, {"conversation", to_json(conv)}}));
    if (resume) {
      const bool replayed = replay_locked(*resume, {id_});
      fill_locked(conv.message_count);
      if (!replayed)
        send_resync_required_locked(
            *resume,
            "messages after last_event_id were sent; other events may be missing: re-read "
            "the conversation and its escalation status");
    }
    start_locked();
  }

 private:
  void deliver_locked(const BusEvent& ev) override {
    if (ev.message_seq > 0) {
      if (ev.message_seq <= delivered_seq_) return;  // sent already (from the store)
      if (ev.message_seq > delivered_seq_ + 1) fill_locked(ev.message_seq - 1);
      delivered_seq_ = ev.message_seq;
    }
    send_event_locked(ev);
  }
  std::int64_t event_seq_locked() const override { return delivered_seq_; }

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

  ApiContext& ctx_;
  const std::string id_;
  std::int64_t delivered_seq_ = 0;
};

}  // namespace

std::variant<Response, net::WsCallbacks> open_conversation_stream(ApiContext& ctx, Request& req) {
  auto resume = resume_position(req, /*with_seq=*/true);
  if (!resume) return net::error_response(resume.error());
  auto stream = std::make_shared<ConversationStream>(ctx, req.param("id"));
  stream->subscribe({stream->topic()});
  auto conv = ctx.chat.get(req.param("id"));
  if (!conv) return net::error_response(conv.error());
  stream->begin(*conv, *resume);
  return ResumableEventStream::callbacks(
      stream, "send messages with POST …/messages; the stream accepts {\"type\":\"ping\"}");
}

}  // namespace aicc::api
