#include "service/event_bus.h"

#include <algorithm>
#include <memory>
#include <utility>
#include <vector>

namespace aicc {

EventBus::EventBus(std::size_t ring_capacity)
    : ring_capacity_(std::max<std::size_t>(ring_capacity, 1)) {}

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

void EventBus::publish(const std::string& topic, std::string event_json, std::int64_t message_seq) {
  std::vector<std::shared_ptr<Callback>> targets;
  std::shared_ptr<BusEvent> event = std::make_shared<BusEvent>();
  event->topic = topic;
  event->json = std::move(event_json);
  event->message_seq = message_seq;
  {
    // Numbering, the ring and the subscriber list change together: a stream that
    // subscribes and then reads the ring sees every event in one of the two.
    std::lock_guard lock(mu_);
    event->number = ++last_number_;
    ring_.push_back(event);
    if (ring_.size() > ring_capacity_) ring_.pop_front();
    auto [b, e] = subs_.equal_range(topic);
    for (auto it = b; it != e; ++it) targets.push_back(it->second.second);
  }
  // Callbacks run outside the lock so they may unsubscribe or publish.
  for (auto& cb : targets) (*cb)(*event);
}

std::size_t EventBus::subscriber_count() const {
  std::lock_guard lock(mu_);
  return subs_.size();
}

std::uint64_t EventBus::last_number() const {
  std::lock_guard lock(mu_);
  return last_number_;
}

std::optional<std::vector<BusEvent>> EventBus::since(std::uint64_t after,
                                                     const std::vector<std::string>& topics) const {
  std::vector<std::shared_ptr<const BusEvent>> picked;
  {
    std::lock_guard lock(mu_);
    if (after > last_number_) return std::nullopt;  // a number this node never gave out
    const std::uint64_t oldest = ring_.empty() ? last_number_ + 1 : ring_.front()->number;
    if (after + 1 < oldest) return std::nullopt;
    for (const auto& e : ring_)
      if (e->number > after && std::find(topics.begin(), topics.end(), e->topic) != topics.end())
        picked.push_back(e);
  }
  std::vector<BusEvent> out;
  out.reserve(picked.size());
  for (const auto& e : picked) out.push_back(*e);
  return out;
}

}  // namespace aicc
