#include "service/event_bus.h"

#include <memory>
#include <vector>

namespace aicc {

std::uint64_t EventBus::subscribe(const std::string& topic, Callback callback) {
  std::lock_guard lock(mu_);
  const auto id = ++next_id_;
  subs_.emplace(topic, std::make_pair(id, std::make_shared<Callback>(std::move(callback))));
  topic_of_[id] = topic;
  return id;
}

void EventBus::unsubscribe(std::uint64_t id) {
  std::lock_guard lock(mu_);
  auto t = topic_of_.find(id);
  if (t == topic_of_.end()) return;
  auto [b, e] = subs_.equal_range(t->second);
  for (auto it = b; it != e; ++it) {
    if (it->second.first == id) {
      subs_.erase(it);
      break;
    }
  }
  topic_of_.erase(t);
}

void EventBus::publish(const std::string& topic, const std::string& event_json) {
  std::vector<std::shared_ptr<Callback>> targets;
  {
    std::lock_guard lock(mu_);
    auto [b, e] = subs_.equal_range(topic);
    for (auto it = b; it != e; ++it) targets.push_back(it->second.second);
  }
  // Callbacks run outside the lock so they may unsubscribe or publish.
  for (auto& cb : targets) (*cb)(event_json);
}

std::size_t EventBus::subscriber_count() const {
  std::lock_guard lock(mu_);
  return subs_.size();
}

}  // namespace aicc
