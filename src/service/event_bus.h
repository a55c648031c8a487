// In-process publish/subscribe of conversation events (message.created,
// conversation.updated …) to live streams. Topics are strings, e.g. a conversation id.
//
// Every published event gets this node's next event number and is kept in a bounded
// ring (the newest `ring_capacity` events), so a stream that reconnects to this node can
// replay what it missed; older gaps are reported, never silently skipped. With several
// nodes (PostgreSQL) api/live_events.h relays a reference of each event to the other
// nodes, which load it and publish it into their own bus (docs/architecture.md).
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace aicc {

struct BusEvent {
  std::uint64_t number = 0;  // this node's event number, increasing from 1
  std::string topic;
  std::string json;              // the event as sent to clients (a JSON object)
  std::int64_t message_seq = 0;  // for message.created: the message's seq, else 0
};

class EventBus {
 public:
  using Callback = std::function<void(const BusEvent& event)>;

  explicit EventBus(std::size_t ring_capacity = 10000);

  // Returns an id for unsubscribe(). The callback runs on the publisher's thread and
  // must not block (WebSocket sends are queued).
  std::uint64_t subscribe(const std::string& topic, Callback callback);
  void unsubscribe(std::uint64_t id);
  // Numbers the event, keeps it in the ring and calls the topic's subscribers.
  void publish(const std::string& topic, std::string event_json, std::int64_t message_seq = 0);
  std::size_t subscriber_count() const;

  // The number of the last event published (0 before the first).
  std::uint64_t last_number() const;
  // Events of the given topics numbered after `after`, oldest first; nullopt when the
  // ring no longer holds all of them (events after `after` were dropped: a gap).
  std::optional<std::vector<BusEvent>> since(std::uint64_t after,
                                             const std::vector<std::string>& topics) const;

 private:
  const std::size_t ring_capacity_;
  mutable std::mutex mu_;
  std::uint64_t next_id_ = 0;
  std::uint64_t last_number_ = 0;
  std::deque<std::shared_ptr<const BusEvent>> ring_;
  std::multimap<std::string, std::pair<std::uint64_t, std::shared_ptr<Callback>>> subs_;
  std::map<std::uint64_t, std::string> topic_of_;
};

}  // namespace aicc
