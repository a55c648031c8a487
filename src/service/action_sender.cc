#include "service/action_sender.h"

#include <algorithm>

#include "nlu/llm/http_client.h"
#include "platform/log.h"

namespace aicc {

ActionSender::ActionSender(ActionSenderOptions options) : options_(options) {
  nlu::HttpOptions http;
  http.total_timeout = options_.timeout;
  http.connect_timeout = std::min(options_.timeout, std::chrono::milliseconds(2000));
  http.max_response_bytes = 64 * 1024;
  http_ = std::make_unique<nlu::CurlHttpClient>(http);
  worker_ = std::thread([this] { run(); });
}

ActionSender::~ActionSender() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
    stop_deadline_ = std::chrono::steady_clock::now() + options_.drain_timeout;
  }
  wake_.notify_all();
  worker_.join();
}

bool ActionSender::post(std::string url, std::string json_body) {
  {
    std::lock_guard lock(mu_);
    if (stopping_ || queue_.size() >= options_.max_queue) {
      ++stats_.dropped;
      log::error("scenario webhook dropped: queue full", {{"url", url}});
      return false;
    }
    queue_.push_back(
        Job{std::move(url), std::move(json_body), 0, std::chrono::steady_clock::now()});
  }
  wake_.notify_one();
  return true;
}

ActionSender::Stats ActionSender::stats() const {
  std::lock_guard lock(mu_);
  return stats_;
}

bool ActionSender::deliver(const Job& job) {
  nlu::HttpRequest request;
  request.method = "POST";
  request.url = job.url;
  request.headers = {{"Content-Type", "application/json"}, {"User-Agent", "aicc-scenario-action"}};
  request.body = job.body;
  auto response = http_->send(request);
  if (!response) {
    log::warn(
        "scenario webhook attempt failed",
        {{"url", job.url}, {"attempt", job.attempt + 1}, {"error", response.error().message}});
    return false;
  }
  if (response->status < 200 || response->status >= 300) {
    log::warn("scenario webhook attempt refused",
              {{"url", job.url}, {"attempt", job.attempt + 1}, {"status", response->status}});
    return false;
  }
  log::info("scenario webhook delivered", {{"url", job.url}, {"status", response->status}});
  return true;
}

void ActionSender::run() {
  std::unique_lock lock(mu_);
  for (;;) {
    const auto now = std::chrono::steady_clock::now();
    if (stopping_ && (queue_.empty() || now >= stop_deadline_)) {
      if (!queue_.empty())
        log::error("scenario webhooks undelivered at shutdown",
                   {{"count", static_cast<std::int64_t>(queue_.size())}});
      return;
    }
    // The job due first (retries wait for their backoff).
    auto next = std::min_element(queue_.begin(), queue_.end(),
                                 [](const Job& a, const Job& b) { return a.due < b.due; });
    if (next == queue_.end()) {
      wake_.wait(lock);
      continue;
    }
    if (next->due > now) {
      wake_.wait_until(lock, stopping_ ? std::min(next->due, stop_deadline_) : next->due);
      continue;
    }
    Job job = std::move(*next);
    queue_.erase(next);
    lock.unlock();
    const bool ok = deliver(job);
    lock.lock();
    if (ok) {
      ++stats_.delivered;
    } else if (++job.attempt < options_.attempts) {
      job.due =
          std::chrono::steady_clock::now() + options_.first_backoff * (1 << (job.attempt - 1));
      queue_.push_back(std::move(job));
    } else {
      ++stats_.failed;
      log::error("scenario webhook failed after every attempt",
                 {{"url", job.url}, {"attempts", options_.attempts}});
    }
  }
}

}  // namespace aicc
