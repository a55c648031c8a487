#include "service/webhook_dispatcher.h"

#include <algorithm>

#include "nlu/llm/http_client.h"
#include "platform/log.h"
#include "platform/webhook_signature.h"

namespace aicc {
namespace {

using std::chrono::milliseconds;
using std::chrono::steady_clock;

constexpr int kClaimBatch = 4;
constexpr auto kSubscriptionRefresh = std::chrono::seconds(5);

std::int64_t unix_seconds(TimePoint t) {
  return to_unix_micros(t) / 1'000'000;
}

// A JSON string literal for an event type or id (they are plain ASCII names and UUIDs,
// but a quote or backslash must never break the payload).
std::string quoted(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (static_cast<unsigned char>(c) >= 0x20) out += c;
  }
  return out + "\"";
}

}  // namespace

WebhookDispatcher::WebhookDispatcher(Store& store, const Clock& clock, IdGenerator& ids,
                                     WebhookOptions options, std::unique_ptr<nlu::HttpClient> http,
                                     MetricsRegistry* metrics)
    : store_(store), clock_(clock), ids_(ids), options_(options), http_(std::move(http)) {
  if (metrics != nullptr) {
    const std::string attempts = "aicc_webhook_attempts_total";
    const std::string attempts_help = "Webhook delivery attempts by result";
    counters_.events =
        &metrics->counter("aicc_webhook_events_total", "Events queued for webhook subscriptions");
    counters_.dropped = &metrics->counter("aicc_webhook_events_dropped_total",
                                          "Webhook events refused because the queue was full");
    counters_.delivered = &metrics->counter(attempts, attempts_help, {{"result", "delivered"}});
    counters_.failed = &metrics->counter(attempts, attempts_help, {{"result", "failed"}});
    counters_.dead =
        &metrics->counter("aicc_webhook_dead_total", "Webhook deliveries that ran out of attempts");
    metrics->gauge_callback("aicc_webhook_queue_length", "Webhook events waiting to be recorded",
                            [this] {
                              std::lock_guard lock(mu_);
                              return static_cast<double>(queue_.size());
                            });
  }
  if (!http_) {
    nlu::HttpOptions ho;
    ho.total_timeout = options_.timeout;
    ho.connect_timeout = std::min(options_.timeout, milliseconds(2000));
    ho.max_response_bytes = 64 * 1024;  // a receiver's answer is read, not kept
    http_ = std::make_unique<nlu::CurlHttpClient>(ho);
  }
}

WebhookDispatcher::~WebhookDispatcher() {
  stop();
}

void WebhookDispatcher::start() {
  std::lock_guard lock(mu_);
  if (started_) return;
  started_ = true;
  threads_.emplace_back([this] { record_loop(); });
  for (int i = 0; i < std::max(1, options_.senders); ++i)
    threads_.emplace_back([this] { send_loop(); });
}

void WebhookDispatcher::stop() {
  {
    std::lock_guard lock(mu_);
    if (!started_ || stopping_) return;
    stopping_ = true;
  }
  record_wake_.notify_all();
  send_wake_.notify_all();
  for (auto& t : threads_) t.join();
  threads_.clear();
}

std::chrono::milliseconds WebhookDispatcher::backoff(const WebhookOptions& options, int attempts) {
  milliseconds wait = options.first_backoff;
  for (int i = 1; i < attempts && wait < options.max_backoff; ++i) wait *= 2;
  return std::min(wait, options.max_backoff);
}

std::string WebhookDispatcher::payload_of(const std::string& event_id, std::string_view type,
                                          TimePoint at, std::string_view data_json) const {
  std::string out = "{\"id\":" + quoted(event_id) + ",\"type\":" + quoted(type) +
                    ",\"created_at\":" + quoted(format_iso8601(at)) + ",\"data\":";
  out.append(data_json.empty() ? std::string_view("null") : data_json);
  out += "}";
  return out;
}

bool WebhookDispatcher::wants(std::string_view type) const {
  std::shared_ptr<const std::vector<WebhookSubscription>> interest;
  {
    std::lock_guard lock(interest_mu_);
    interest = interest_;
  }
  if (!interest) return true;
  return std::any_of(interest->begin(), interest->end(),
                     [&](const WebhookSubscription& s) { return s.wants(type); });
}

void WebhookDispatcher::publish_interest(const std::vector<WebhookSubscription>& subscriptions) {
  auto active = std::make_shared<std::vector<WebhookSubscription>>();
  for (const auto& s : subscriptions)
    if (s.active) active->push_back(s);
  std::lock_guard lock(interest_mu_);
  interest_ = std::move(active);
}

bool WebhookDispatcher::emit(std::string_view type, std::string data_json) {
  // Nobody to deliver to: no id, no payload, no wake-up of the recorder.
  if (!wants(type)) return true;
  const TimePoint now = clock_.now();
  Event e{ids_.uuid(), std::string(type), {}, now, {}};
  e.payload = payload_of(e.id, type, now, data_json);
  return enqueue(std::move(e));
}

bool WebhookDispatcher::emit_to(std::string subscription_id, std::string_view type,
                                std::string data_json) {
  const TimePoint now = clock_.now();
  Event e{ids_.uuid(), std::string(type), {}, now, std::move(subscription_id)};
  e.payload = payload_of(e.id, type, now, data_json);
  return enqueue(std::move(e));
}

bool WebhookDispatcher::enqueue(Event e) {
  {
    std::lock_guard lock(mu_);
    if (queue_.size() >= options_.max_queued_events) {
      ++stats_.dropped;
      if (counters_.dropped) counters_.dropped->inc();
      log::warn("webhook event dropped: queue full", {{"event", e.type}});
      return false;
    }
    queue_.push_back(std::move(e));
    ++stats_.emitted;
    if (counters_.events) counters_.events->inc();
  }
  record_wake_.notify_one();
  return true;
}

void WebhookDispatcher::subscriptions_changed() {
  {
    // Until the recorder has reloaded the list, every event is queued (and filtered there).
    std::lock_guard lock(interest_mu_);
    interest_.reset();
  }
  {
    std::lock_guard lock(mu_);
    subscriptions_stale_ = true;
  }
  record_wake_.notify_one();
}

const std::vector<WebhookSubscription>& WebhookDispatcher::subscriptions(bool force) {
  const auto now = steady_clock::now();
  if (force || subscriptions_stale_.exchange(false) ||
      now - subscriptions_loaded_ > kSubscriptionRefresh) {
    if (auto all = store_.list_webhooks(); all) {
      subscriptions_ = std::move(*all);
      subscriptions_loaded_ = now;
      publish_interest(subscriptions_);
    } else {
      log::warn("webhook subscriptions not reloaded", {{"error", all.error().message}});
    }
  }
  return subscriptions_;
}

Status WebhookDispatcher::record(std::vector<Event> events) {
  const auto& subs = subscriptions(false);
  std::vector<WebhookDelivery> rows;
  auto add = [&](const Event& e, const std::string& subscription_id) {
    WebhookDelivery d;
    d.id = ids_.uuid();
    d.subscription_id = subscription_id;
    d.event_id = e.id;
    d.event_type = e.type;
    d.payload = e.payload;
    d.next_attempt_at = e.at;
    d.created_at = e.at;
    d.updated_at = e.at;
    rows.push_back(std::move(d));
  };
  for (const auto& e : events) {
    if (!e.target.empty()) {
      add(e, e.target);  // the store skips it if the subscription is gone
      continue;
    }
    for (const auto& s : subs)
      if (s.active && s.wants(e.type)) add(e, s.id);
  }
  if (rows.empty()) return {};
  auto stored = store_.enqueue_webhook_deliveries(rows);
  if (!stored) return tl::unexpected(stored.error());
  {
    std::lock_guard lock(mu_);
    stats_.recorded += static_cast<std::uint64_t>(*stored);
  }
  send_wake_.notify_all();
  return {};
}

void WebhookDispatcher::record_loop() {
  for (;;) {
    std::vector<Event> batch;
    bool stopping = false;
    {
      std::unique_lock lock(mu_);
      record_wake_.wait_for(lock, kSubscriptionRefresh, [&] {
        return stopping_ || !queue_.empty() || subscriptions_stale_.load();
      });
      while (!queue_.empty() && batch.size() < 500) {
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
      stopping = stopping_ && queue_.empty();
    }
    if (batch.empty() && !stopping) {
      // Keeps wants() current when no event arrives: a subscription added on another
      // node, or here by subscriptions_changed().
      (void)subscriptions(false);
      continue;
    }
    if (!batch.empty()) {
      // A store that is down keeps the events queued (in order) until it answers.
      if (auto st = record(batch); !st) {
        log::warn(
            "webhook deliveries not recorded; retrying",
            {{"events", static_cast<std::int64_t>(batch.size())}, {"error", st.error().message}});
        std::unique_lock lock(mu_);
        for (auto it = batch.rbegin(); it != batch.rend(); ++it) queue_.push_front(std::move(*it));
        if (stopping_) return;  // shutting down with the store away: nothing more to do
        record_wake_.wait_for(lock, options_.poll_interval, [&] { return stopping_; });
        continue;
      }
    }
    if (stopping) return;
  }
}

void WebhookDispatcher::send_loop() {
  // Long enough for a whole batch of timed-out attempts; a node that dies mid-batch
  // leaves its leases to run out, then another node retries.
  const auto lease = options_.timeout * (kClaimBatch + 1) + std::chrono::seconds(30);
  for (;;) {
    {
      std::lock_guard lock(mu_);
      if (stopping_) return;
    }
    const TimePoint now = clock_.now();
    auto due = store_.claim_webhook_deliveries(now, now + std::chrono::duration_cast<Micros>(lease),
                                               kClaimBatch);
    if (!due) log::warn("webhook deliveries not claimed", {{"error", due.error().message}});
    if (due && !due->empty()) {
      for (auto& d : *due) attempt(std::move(d));
      continue;
    }
    std::unique_lock lock(mu_);
    send_wake_.wait_for(lock, options_.poll_interval, [&] { return stopping_; });
  }
}

void WebhookDispatcher::attempt(WebhookDelivery d) {
  auto sub = store_.get_webhook(d.subscription_id);
  if (!sub) return;  // deleted meanwhile: its deliveries went with it
  nlu::HttpRequest req;
  req.method = "POST";
  req.url = sub->url;
  req.body = d.payload;
  const TimePoint sent_at = clock_.now();
  req.headers = {{"Content-Type", "application/json"},
                 {"User-Agent", "AICC-Webhooks/1"},
                 {"X-AICC-Event", d.event_type},
                 {"X-AICC-Event-Id", d.event_id},
                 {"X-AICC-Delivery", d.id},
                 {"X-AICC-Attempt", std::to_string(d.attempts + 1)},
                 {"X-AICC-Signature",
                  webhook_signature_header(sub->secret, unix_seconds(sent_at), d.payload)}};
  auto response = http_->send(req);
  const TimePoint done = clock_.now();
  d.attempts += 1;
  d.updated_at = done;
  if (response && response->status >= 200 && response->status < 300) {
    d.state = DeliveryState::kDelivered;
    d.last_status = static_cast<int>(response->status);
    d.last_error.clear();
    d.delivered_at = done;
  } else {
    if (response) {
      d.last_status = static_cast<int>(response->status);
      d.last_error = "HTTP " + std::to_string(response->status);
    } else {
      d.last_status.reset();
      d.last_error = response.error().message.substr(0, 500);
    }
    if (d.attempts >= options_.max_attempts) {
      d.state = DeliveryState::kDead;
    } else {
      d.next_attempt_at = done + std::chrono::duration_cast<Micros>(backoff(options_, d.attempts));
    }
  }
  {
    std::lock_guard lock(mu_);
    const bool delivered = d.state == DeliveryState::kDelivered;
    ++(delivered ? stats_.delivered : stats_.failed);
    if (Counter* c = delivered ? counters_.delivered : counters_.failed) c->inc();
    if (d.state == DeliveryState::kDead) {
      ++stats_.dead;
      if (counters_.dead) counters_.dead->inc();
    }
  }
  const bool ok = d.state == DeliveryState::kDelivered;
  log::write(ok ? log::Level::kInfo : log::Level::kWarn,
             ok                                ? "webhook delivered"
             : d.state == DeliveryState::kDead ? "webhook delivery dead"
                                               : "webhook attempt failed",
             {{"delivery_id", d.id},
              {"subscription_id", d.subscription_id},
              {"event", d.event_type},
              {"attempt", d.attempts},
              {"status", d.last_status.value_or(0)},
              {"error", d.last_error}});
  if (auto st = store_.record_webhook_attempt(d); !st)
    log::warn("webhook attempt not recorded; the lease will expire and it is retried",
              {{"delivery_id", d.id}, {"error", st.error().message}});
}

Result<WebhookDelivery> WebhookDispatcher::send_test(const std::string& subscription_id) {
  auto sub = store_.get_webhook(subscription_id);
  if (!sub) return tl::unexpected(sub.error());
  const TimePoint now = clock_.now();
  WebhookDelivery d;
  d.id = ids_.uuid();
  d.subscription_id = sub->id;
  d.event_id = ids_.uuid();
  d.event_type = "webhook.test";
  d.payload =
      payload_of(d.event_id, d.event_type, now, "{\"subscription_id\":" + quoted(sub->id) + "}");
  d.next_attempt_at = now;
  d.created_at = now;
  d.updated_at = now;
  auto stored = store_.enqueue_webhook_deliveries({d});
  if (!stored) return tl::unexpected(stored.error());
  if (*stored == 0) return make_error(ErrorCode::kNotFound, "no such webhook");
  send_wake_.notify_all();
  return d;
}

Result<WebhookDelivery> WebhookDispatcher::requeue(const std::string& delivery_id) {
  auto d = store_.get_webhook_delivery(delivery_id);
  if (!d) return tl::unexpected(d.error());
  if (d->state == DeliveryState::kPending) return *d;
  d->state = DeliveryState::kPending;
  d->next_attempt_at = clock_.now();
  d->updated_at = d->next_attempt_at;
  d->delivered_at.reset();
  if (auto st = store_.record_webhook_attempt(*d); !st) return tl::unexpected(st.error());
  send_wake_.notify_all();
  return *d;
}

WebhookDispatcher::Stats WebhookDispatcher::stats() const {
  std::lock_guard lock(mu_);
  return stats_;
}

}  // namespace aicc
