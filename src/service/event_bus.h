// In-process publish/subscribe of conversation events (message.created,
// conversation.updated …) to live streams. Topics are strings, e.g. a conversation id.
// With several nodes the PostgreSQL backend will relay events between nodes
// (LISTEN/NOTIFY) into this same bus.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

namespace aicc {

class EventBus {
 public:
  using Callback = std::function<void(const std::string& event_json)>;

  // Returns an id for unsubscribe(). The callback runs on the publisher's thread and
  // must not block (WebSocket sends are queued).
  std::uint64_t subscribe(const std::string& topic, Callback callback);
  void unsubscribe(std::uint64_t id);
  void publish(const std::string& topic, const std::string& event_json);
  std::size_t subscriber_count() const;

 private:
  mutable std::mutex mu_;
  std::uint64_t next_id_ = 0;
  std::multimap<std::string, std::pair<std::uint64_t, std::shared_ptr<Callback>>> subs_;
  std::map<std::uint64_t, std::string> topic_of_;
};

}  // namespace aicc
