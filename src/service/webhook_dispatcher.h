// Outbound webhooks (PRODUCT.md §9): every event a subscription names is POSTed to its
// URL, signed (platform/webhook_signature.h), at least once.
//
// The request path only calls emit(), which appends to an in-memory queue and returns:
// a slow or dead endpoint never slows a chat turn. A recorder thread turns queued events
// into delivery rows (one per subscription that wants the event, in one transaction) —
// from then on a delivery survives restarts. Sender threads lease due deliveries from the
// store (so several nodes share the work without sending one twice), POST them, and record
// each attempt: 2xx delivers; anything else is retried after an exponential backoff until
// `max_attempts`, when the delivery is dead (a dead letter an admin can requeue).
//
// An event emitted in the moment before a crash, not yet recorded, is lost: recording
// happens within milliseconds, but it is not in the transaction of the change itself.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/clock.h"
#include "core/ids.h"
#include "core/webhook.h"
#include "nlu/llm/http_client.h"
#include "platform/metrics.h"
#include "store/store.h"

namespace aicc {

struct WebhookOptions {
  int max_attempts = 8;                                          // then the delivery is dead
  std::chrono::milliseconds first_backoff{1000};                 // doubled after each failure …
  std::chrono::milliseconds max_backoff{std::chrono::hours(1)};  // … up to this
  std::chrono::milliseconds timeout{5000};                       // one attempt, connect included
  std::chrono::milliseconds poll_interval{1000};  // how often the store is asked for due retries
  int senders = 2;                                // delivery threads
  std::size_t max_queued_events = 10000;          // beyond it emit() drops (counted, logged)
};

class WebhookDispatcher {
 public:
  // `http` null: a libcurl client with options.timeout. `metrics` (optional) gets the
  // aicc_webhook_* counters and the queue length.
  WebhookDispatcher(Store& store, const Clock& clock, IdGenerator& ids, WebhookOptions options,
                    std::unique_ptr<nlu::HttpClient> http = nullptr,
                    MetricsRegistry* metrics = nullptr);
  ~WebhookDispatcher();  // stop()
  WebhookDispatcher(const WebhookDispatcher&) = delete;
  WebhookDispatcher& operator=(const WebhookDispatcher&) = delete;

  void start();
  // Records what is queued, finishes the attempts in flight, and joins the threads.
  void stop();

  // Whether an active subscription wants `type`, as of the recorder's last look at the
  // subscription list (reloaded every few seconds, and at once after
  // subscriptions_changed()); true while that list is not known. Lets callers skip
  // building an event's data that nobody will receive.
  bool wants(std::string_view type) const;
  // Queues an event; `data_json` is a JSON value (the event's subject as the API shows it).
  // Never blocks; false when the queue is full. Events nobody subscribed to cost a lookup.
  bool emit(std::string_view type, std::string data_json);
  // Queues an event for one subscription only, whatever its event list (an inbound
  // channel's callback: core/channel.h). Never blocks; false when the queue is full. An
  // unknown or deleted subscription records nothing.
  bool emit_to(std::string subscription_id, std::string_view type, std::string data_json);
  // A "webhook.test" event to one subscription (active or not), recorded before it
  // returns. kNotFound for an unknown subscription.
  Result<WebhookDelivery> send_test(const std::string& subscription_id);
  // Makes a delivery pending again, due now (an admin's retry of a dead letter).
  Result<WebhookDelivery> requeue(const std::string& delivery_id);
  // Call after a subscription changed, so new events follow it at once (otherwise the
  // subscription list is reloaded every few seconds, which is how other nodes' changes
  // arrive).
  void subscriptions_changed();

  struct Stats {
    std::uint64_t emitted = 0;    // events queued
    std::uint64_t dropped = 0;    // events refused: queue full
    std::uint64_t recorded = 0;   // delivery rows written
    std::uint64_t delivered = 0;  // attempts answered 2xx
    std::uint64_t failed = 0;     // attempts that failed (will be retried or died)
    std::uint64_t dead = 0;       // deliveries that ran out of attempts
  };
  Stats stats() const;

  // The backoff before attempt `attempts + 1` after `attempts` failures (exposed for tests).
  static std::chrono::milliseconds backoff(const WebhookOptions& options, int attempts);

 private:
  struct Event {
    std::string id;
    std::string type;
    std::string payload;
    TimePoint at;
    std::string target;  // emit_to's subscription; empty: every subscription that wants it
  };
  void record_loop();
  void send_loop();
  Status record(std::vector<Event> events);
  const std::vector<WebhookSubscription>& subscriptions(bool force);
  void publish_interest(const std::vector<WebhookSubscription>& subscriptions);
  void attempt(WebhookDelivery delivery);
  bool enqueue(Event event);
  std::string payload_of(const std::string& event_id, std::string_view type, TimePoint at,
                         std::string_view data_json) const;

  Store& store_;
  const Clock& clock_;
  IdGenerator& ids_;
  WebhookOptions options_;
  std::unique_ptr<nlu::HttpClient> http_;

  mutable std::mutex mu_;
  std::condition_variable record_wake_;
  std::condition_variable send_wake_;
  std::deque<Event> queue_;
  bool stopping_ = false;
  bool started_ = false;
  Stats stats_;

  // Only the recorder thread touches these.
  std::vector<WebhookSubscription> subscriptions_;
  std::chrono::steady_clock::time_point subscriptions_loaded_{};
  std::atomic<bool> subscriptions_stale_{true};

  // The active subscriptions as the request path sees them (wants()); null while unknown.
  mutable std::mutex interest_mu_;
  std::shared_ptr<const std::vector<WebhookSubscription>> interest_;

  std::vector<std::thread> threads_;

  struct Counters {
    Counter* events = nullptr;
    Counter* dropped = nullptr;
    Counter* delivered = nullptr;
    Counter* failed = nullptr;
    Counter* dead = nullptr;
  } counters_;
};

}  // namespace aicc
