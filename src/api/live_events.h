// The stream events of durable changes (message.created, conversation.updated,
// escalation.updated, agent.state), published on this node's EventBus and relayed to the
// other nodes sharing the database.
//
// The relay: every event published here is also sent, as a small reference (origin
// node, kind, id — never the content), with Store::notify_nodes (PostgreSQL NOTIFY on
// aicc_events). Each node keeps one listening connection (Store::listen_nodes); for a
// reference from another node it loads the object from the store and publishes the same
// event into its own bus, so the WebSockets connected to it see it. A message is loaded
// by its (conversation, seq) and is immutable; a conversation, escalation or agent is
// loaded as it is when the reference arrives (its newest state). A change of the queue
// configuration ("q", its version) makes the others reload it from the store. On SQLite
// there is one node and no relay.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "core/agent.h"
#include "core/clock.h"
#include "core/conversation.h"
#include "core/escalation.h"
#include "core/message.h"
#include "platform/metrics.h"
#include "service/event_bus.h"
#include "store/store.h"

namespace aicc::api {

// The message.created event of a message, as streams send it.
std::string message_event_json(const Message& m);

class LiveEvents {
 public:
  // `node_id` names this process among the nodes (random at each start).
  LiveEvents(EventBus& bus, Store& store, const Clock& clock, MetricsRegistry& metrics,
             std::string node_id);
  ~LiveEvents();
  LiveEvents(const LiveEvents&) = delete;
  LiveEvents& operator=(const LiveEvents&) = delete;

  // Starts listening to the other nodes (nothing to do on SQLite). Returns whether a
  // relay runs.
  bool start_relay();
  void stop_relay();

  // Publish here and tell the other nodes.
  void message_created(const Message& m);
  void conversation_updated(const Conversation& c);
  void escalation_updated(const Escalation& e);
  void agent_state(const Agent& a);
  // The queue configuration changed here (stored as `version`): the other nodes reload it.
  void queues_changed(std::int64_t version);
  // Called (on the relay's thread) when another node changed the queue configuration.
  std::function<void()> on_queues_changed;

  // A reference from the relay: loaded and published here unless it came from this node.
  void on_reference(std::string_view payload);

  const std::string& node_id() const { return node_id_; }
  EventBus& bus() { return bus_; }

 private:
  void publish_message(const Message& m);
  void publish_conversation(const Conversation& c);
  void publish_escalation(const Escalation& e);
  void publish_agent(const Agent& a);
  void tell_others(char kind, std::string_view id, std::int64_t seq = 0);

  EventBus& bus_;
  Store& store_;
  const Clock& clock_;
  const std::string node_id_;
  std::atomic<bool> relaying_{false};
  Counter& sent_;      // aicc_node_relay_sent_total
  Counter& received_;  // aicc_node_relay_received_total (other nodes' references)
  Counter& failed_;    // aicc_node_relay_failures_total
  std::unique_ptr<NodeListener> listener_;
};

}  // namespace aicc::api
