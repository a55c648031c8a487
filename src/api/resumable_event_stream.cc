#include "api/resumable_event_stream.h"

#include <algorithm>

#include "api/json_io.h"

namespace aicc::api {

Result<std::optional<StreamPosition>> resume_position(const net::Request& req, bool with_seq) {
  auto last = req.query_param("last_event_id");
  if (!last || last->empty()) return std::optional<StreamPosition>();
  auto p = parse_event_id(*last, with_seq);
  if (!p) return tl::unexpected(p.error());
  return std::optional<StreamPosition>(std::move(*p));
}

ResumableEventStream::ResumableEventStream(EventBus& bus, std::string node)
    : bus_(bus), node_(std::move(node)) {}

ResumableEventStream::~ResumableEventStream() {
  std::lock_guard lock(mu_);
  unsubscribe_all_locked();
}

net::WsCallbacks ResumableEventStream::callbacks(std::shared_ptr<ResumableEventStream> stream,
                                                 std::string unsupported_message) {
  net::WsCallbacks cb;
  cb.on_open = [stream](std::shared_ptr<net::WsConnection> ws) { stream->open(std::move(ws)); };
  cb.on_message =
      [error = json::serialize(json::object{
           {"type", "error"},
           {"error",
            {{"code", "unsupported_message"}, {"message", std::move(unsupported_message)}}}})](
          const std::shared_ptr<net::WsConnection>& ws, std::string_view text) {
        boost::system::error_code ec;
        auto v = json::parse(text, ec);
        if (!ec && v.is_object() && v.as_object().if_contains("type") &&
            v.as_object().at("type") == "ping") {
          ws->send_text(R"({"type":"pong"})");
          return;
        }
        ws->send_text(error);
      };
  cb.on_close = [stream] { stream->close(); };
  return cb;
}

void ResumableEventStream::subscribe(const std::vector<std::string>& topics) {
  std::lock_guard lock(mu_);
  start_number_ = last_number_ = bus_.last_number();
  for (const auto& topic : topics) follow_locked(topic);
}

void ResumableEventStream::open(std::shared_ptr<net::WsConnection> ws) {
  std::lock_guard lock(mu_);
  ws_ = ws;
  for (auto& m : outbox_) ws->send_text(std::move(m));
  outbox_.clear();
}

void ResumableEventStream::close() {
  std::lock_guard lock(mu_);
  unsubscribe_all_locked();
}

void ResumableEventStream::send_locked(std::string event) {
  event = with_event_id(event, format_event_id(node_, last_number_, event_seq_locked()));
  if (auto ws = ws_.lock())
    ws->send_text(std::move(event));
  else
    outbox_.push_back(std::move(event));  // before the handshake finished
}

void ResumableEventStream::send_event_locked(const BusEvent& ev) {
  last_number_ = std::max(last_number_, ev.number);
  send_locked(ev.json);
}

bool ResumableEventStream::replay_locked(const StreamPosition& from,
                                         const std::vector<std::string>& topics) {
  auto missed = replayable(bus_, node_, from, topics);
  if (!missed) return false;
  for (const auto& ev : *missed) {
    deliver_locked(ev);
    replayed_.insert(ev.number);  // the live copy, if one comes, is not sent again
  }
  return true;
}

void ResumableEventStream::send_resync_required_locked(const StreamPosition& resume,
                                                       std::string_view message) {
  send_locked(json::serialize(
      json::object{{"type", "resync_required"},
                   {"reason", resume.node == node_ ? "gap_older_than_ring" : "other_node"},
                   {"message", message}}));
}

void ResumableEventStream::start_locked() {
  started_ = true;
  for (const auto& ev : early_)
    if (!replayed_.count(ev.number)) deliver_locked(ev);
  early_.clear();
}

void ResumableEventStream::follow_locked(const std::string& topic) {
  if (subscriptions_.count(topic)) return;
  std::weak_ptr<ResumableEventStream> weak = weak_from_this();
  subscriptions_[topic] = bus_.subscribe(topic, [weak](const BusEvent& ev) {
    if (auto self = weak.lock()) self->on_event(ev);
  });
}

void ResumableEventStream::unfollow_locked(const std::string& topic) {
  auto it = subscriptions_.find(topic);
  if (it == subscriptions_.end()) return;
  bus_.unsubscribe(it->second);
  subscriptions_.erase(it);
}

bool ResumableEventStream::follows_locked(const std::string& topic) const {
  return subscriptions_.count(topic) > 0;
}

void ResumableEventStream::on_event(const BusEvent& ev) {
  std::lock_guard lock(mu_);
  if (!started_) {
    early_.push_back(ev);
    return;
  }
  if (!replayed_.count(ev.number)) deliver_locked(ev);
}

void ResumableEventStream::unsubscribe_all_locked() {
  for (const auto& [topic, id] : subscriptions_) bus_.unsubscribe(id);
  subscriptions_.clear();
}

}  // namespace aicc::api
