// Delivers the webhook actions of completed scenarios ({type: webhook, url: …}): a POST of
// the collected answers as JSON, off the request path — a background thread with a queue,
// so a slow or dead endpoint never delays a chat turn. Up to `attempts` tries with
// exponential backoff; the outcome of each delivery is logged. Undelivered jobs are lost on
// shutdown after `drain_timeout` (the answers themselves are stored with the conversation).
//
// Signed deliveries, a delivery log and dead-lettering come with the webhook subscriptions
// of the admin API; this sender is the scenario engine's simple action.
#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

namespace aicc {

namespace nlu {
class HttpClient;
}

struct ActionSenderOptions {
  int attempts = 3;
  std::chrono::milliseconds first_backoff{500};   // doubled after each failure
  std::chrono::milliseconds timeout{5000};        // per attempt
  std::chrono::milliseconds drain_timeout{3000};  // at shutdown
  std::size_t max_queue = 10000;                  // beyond it new jobs are dropped (logged)
};

class ActionSender {
 public:
  explicit ActionSender(ActionSenderOptions options = {});
  ~ActionSender();  // delivers what it can within drain_timeout, then stops
  ActionSender(const ActionSender&) = delete;
  ActionSender& operator=(const ActionSender&) = delete;

  // Queues a POST of `json_body` to `url`. Returns false if the queue is full.
  bool post(std::string url, std::string json_body);

  struct Stats {
    std::uint64_t delivered = 0;
    std::uint64_t failed = 0;  // gave up after every attempt
    std::uint64_t dropped = 0;
  };
  Stats stats() const;

 private:
  struct Job {
    std::string url;
    std::string body;
    int attempt = 0;
    std::chrono::steady_clock::time_point due;
  };
  void run();
  bool deliver(const Job& job);

  ActionSenderOptions options_;
  std::unique_ptr<nlu::HttpClient> http_;
  mutable std::mutex mu_;
  std::condition_variable wake_;
  std::deque<Job> queue_;
  bool stopping_ = false;
  std::chrono::steady_clock::time_point stop_deadline_;
  Stats stats_;
  std::thread worker_;
};

}  // namespace aicc
