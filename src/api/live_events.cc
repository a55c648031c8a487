#include "api/live_events.h"

#include <boost/json.hpp>

#include "api/api.h"
#include "api/json_io.h"
#include "api/people_json.h"
#include "platform/log.h"

namespace aicc::api {

namespace json = boost::json;

LiveEvents::LiveEvents(EventBus& bus, Store& store, const Clock& clock, MetricsRegistry& metrics,
                       std::string node_id)
    : bus_(bus),
      store_(store),
      clock_(clock),
      node_id_(std::move(node_id)),
      sent_(metrics.counter("aicc_node_relay_sent_total",
                            "Stream event references sent to the other nodes")),
      received_(metrics.counter("aicc_node_relay_received_total",
                                "Stream event references received from other nodes")),
      failed_(metrics.counter("aicc_node_relay_failures_total",
                              "References not sent, unreadable, or whose object was not found")) {}

LiveEvents::~LiveEvents() {
  stop_relay();
}

bool LiveEvents::start_relay() {
  listener_ = store_.listen_nodes(
      [this](std::string_view payload) { on_reference(payload); },
      [](bool connected, std::string_view detail) {
        if (connected)
          log::warn("node relay reconnected", {{"detail", std::string(detail)}});
        else
          log::warn("node relay has no connection", {{"error", std::string(detail)}});
      });
  relaying_ = listener_ != nullptr;
  return relaying_;
}

void LiveEvents::stop_relay() {
  relaying_ = false;
  listener_.reset();  // joins the listening thread
}

void LiveEvents::tell_others(char kind, std::string_view id, std::int64_t seq) {
  if (!relaying_) return;
  json::object ref{{"o", node_id_}, {"k", std::string(1, kind)}, {"id", id}};
  if (seq > 0) ref["s"] = seq;
  if (auto st = store_.notify_nodes(json::serialize(ref)); !st) {
    failed_.inc();
    log::warn("node relay: notify failed", {{"error", st.error().message}});
    return;
  }
  sent_.inc();
}

std::string message_event_json(const Message& m) {
  return json::serialize(json::object{{"type", "message.created"}, {"message", to_json(m)}});
}

void LiveEvents::publish_message(const Message& m) {
  bus_.publish(m.conversation_id, message_event_json(m), m.seq);
}

void LiveEvents::publish_conversation(const Conversation& c) {
  bus_.publish(c.id, json::serialize(json::object{{"type", "conversation.updated"},
                                                  {"conversation", to_json(c)}}));
}

void LiveEvents::publish_escalation(const Escalation& e) {
  bus_.publish(kEscalationsTopic,
               json::serialize(json::object{{"type", "escalation.updated"},
                                            {"escalation", agent_work_json(e)}}));
  bus_.publish(e.conversation_id, json::serialize(json::object{
                                      {"type", "escalation.updated"},
                                      {"escalation", json::object{{"id", e.id},
                                                                  {"reference", e.reference},
                                                                  {"state", to_string(e.state)},
                                                                  {"queue_id", e.queue_id},
                                                                  {"priority", e.priority},
                                                                  {"reason", e.reason}}}}));
}

void LiveEvents::publish_agent(const Agent& a) {
  bus_.publish(
      "agent:" + a.user.id,
      json::serialize(json::object{{"type", "agent.state"}, {"agent", to_json(a, clock_.now())}}));
}

void LiveEvents::message_created(const Message& m) {
  publish_message(m);
  tell_others('m', m.conversation_id, m.seq);
}

void LiveEvents::conversation_updated(const Conversation& c) {
  publish_conversation(c);
  tell_others('c', c.id);
}

void LiveEvents::escalation_updated(const Escalation& e) {
  publish_escalation(e);
  tell_others('e', e.id);
}

void LiveEvents::agent_state(const Agent& a) {
  publish_agent(a);
  tell_others('a', a.user.id);
}

void LiveEvents::queues_changed(std::int64_t version) {
  tell_others('q', std::to_string(version));
}

void LiveEvents::on_reference(std::string_view payload) {
  boost::system::error_code ec;
  json::value v = json::parse(payload, ec);
  if (ec || !v.is_object()) {
    failed_.inc();
    log::warn("node relay: unreadable reference", {{"payload", std::string(payload)}});
    return;
  }
  const auto& o = v.as_object();
  auto field = [&](const char* key) {
    const auto* f = o.if_contains(key);
    return f && f->is_string() ? std::string(f->as_string()) : std::string();
  };
  if (field("o") == node_id_) return;  // our own, published here already
  received_.inc();
  const std::string kind = field("k"), id = field("id");
  if (kind == "m") {
    const auto* s = o.if_contains("s");
    if (!s || !s->is_int64() || s->as_int64() < 1) return;
    auto page = store_.list_messages(id, s->as_int64() - 1, 1);
    if (page && !page->messages.empty() && page->messages.front().seq == s->as_int64())
      publish_message(page->messages.front());
    else {
      failed_.inc();
      log::warn("node relay: message not found", {{"conversation_id", id}});
    }
  } else if (kind == "c") {
    if (auto c = store_.get_conversation(id)) publish_conversation(*c);
  } else if (kind == "e") {
    if (auto e = store_.get_escalation(id)) publish_escalation(*e);
  } else if (kind == "a") {
    if (auto a = store_.get_agent(id)) publish_agent(*a);
  } else if (kind == "q") {
    if (on_queues_changed) on_queues_changed();
  }
}

}  // namespace aicc::api
