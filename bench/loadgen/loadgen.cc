// aicc_loadgen: an open-loop HTTP load generator for AICC.
//
// Requests are due on a fixed schedule (--rate per second); each waits for a free connection
// and a free conversation, and its latency is measured from the time it was *due*, not from
// when it could be sent — so a stalled server shows up in the percentiles instead of quietly
// lowering the offered load (coordinated omission). --saturate runs closed-loop instead: each
// connection sends its next request as soon as the last is answered, which gives the maximum.
//
//   aicc_loadgen --port 8080 --workload turns --rate 2000 --duration 20 --connections 64
//
// The work is split into --threads shards, each with its own event loop, connections,
// conversations and histogram; the histograms are merged at the end.
#include <sys/resource.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <cstdio>
#include <deque>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "histogram.h"
#include "workload.h"

namespace aicc::bench {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using asio::awaitable;
using asio::use_awaitable;
using asio::ip::tcp;
using Clock = std::chrono::steady_clock;
constexpr auto kTuple = asio::as_tuple(use_awaitable);

struct Options {
  std::string host = "127.0.0.1";
  int port = 8080;
  std::string workload = "turns";
  double rate = 1000;
  double duration_s = 10;
  double warmup_s = 2;
  int connections = 64;
  int conversations = 0;  // 0: 4 per connection
  double timeout_s = 5;
  int threads = 1;
  bool saturate = false;
  int trace = 0;
  double slow_ms = 0;  // > 0: print every measured request slower than this to stderr
  std::string label;
};

struct Stats {
  LatencyHistogram latency;         // ns, of the requests answered in the measured window
  std::uint64_t completed = 0;      // answered within the measured window
  std::uint64_t ok = 0;             // of those, judged good
  std::uint64_t measured_due = 0;   // requests due in the measured window
  std::uint64_t unsent = 0;         // due but never sent: still queued when the run ended
  Clock::duration oldest_unsent{};  // how long the oldest of those had waited
  std::map<std::string, std::uint64_t> errors;
  std::map<std::string, std::uint64_t> decisions;
  std::map<std::string, std::uint64_t> reopened;  // conversations replaced, by why
  std::uint64_t open_failures = 0;

  void merge(const Stats& o) {
    latency.merge(o.latency);
    completed += o.completed;
    ok += o.ok;
    measured_due += o.measured_due;
    unsent += o.unsent;
    oldest_unsent = std::max(oldest_unsent, o.oldest_unsent);
    open_failures += o.open_failures;
    for (const auto& [k, v] : o.errors) errors[k] += v;
    for (const auto& [k, v] : o.decisions) decisions[k] += v;
    for (const auto& [k, v] : o.reopened) reopened[k] += v;
  }
};

// One event loop's share of the load.
class Shard {
 public:
  Shard(const Options& opt, WorkloadKind kind, int index, int connections, double rate,
        std::size_t conversations, std::size_t first_conversation, std::string run_id)
      : opt_(opt),
        index_(index),
        connections_(connections),
        rate_(rate),
        pool_(kind, std::move(run_id), conversations, first_conversation),
        start_signal_(ioc_),
        scheduler_timer_(ioc_) {
    start_signal_.expires_at(Clock::time_point::max());
  }

  void set_running(int n) { running_workers_left_ = n; }

  void run() {
    pending_setup_ = connections_;
    for (int i = 0; i < connections_; ++i)
      asio::co_spawn(ioc_, worker(i), [](std::exception_ptr e) {
        if (e) std::rethrow_exception(e);
      });
    ioc_.run();
  }
  const Stats& stats() const { return stats_; }
  Clock::time_point measure_start() const { return measure_start_; }
  Clock::time_point end() const { return end_; }

 private:
  struct Connection {
    beast::tcp_stream stream;
    beast::flat_buffer buffer;
    bool connected = false;
    explicit Connection(asio::io_context& ioc) : stream(ioc) {}
  };
  struct Exchange {
    int status = 0;  // 0: no response
    std::string body;
    std::string error;
  };

  awaitable<bool> connect(Connection& c) {
    if (c.connected) co_return true;
    beast::error_code ignored;
    c.stream.socket().close(ignored);
    c.buffer.clear();
    if (endpoints_.empty()) {
      tcp::resolver resolver(ioc_);
      auto [rec, found] =
          co_await resolver.async_resolve(opt_.host, std::to_string(opt_.port), kTuple);
      if (rec) co_return false;
      endpoints_ = found;
    }
    c.stream.expires_after(timeout());
    auto [ec, ep] = co_await c.stream.async_connect(endpoints_, kTuple);
    if (ec) co_return false;
    c.stream.socket().set_option(tcp::no_delay(true));
    c.connected = true;
    co_return true;
  }

  awaitable<Exchange> exchange(Connection& c, const RequestSpec& spec) {
    Exchange x;
    if (!co_await connect(c)) {
      x.error = "connect failed";
      co_return x;
    }
    http::request<http::string_body> req{spec.post ? http::verb::post : http::verb::get,
                                         spec.target, 11};
    req.set(http::field::host, opt_.host);
    if (spec.post) {
      req.set(http::field::content_type, "application/json");
      req.body() = spec.body;
      req.prepare_payload();
    }
    c.stream.expires_after(timeout());
    auto [wec, wn] = co_await http::async_write(c.stream, req, kTuple);
    http::response<http::string_body> res;
    beast::error_code rec = wec;
    if (!wec)
      std::tie(rec, std::ignore) = co_await http::async_read(c.stream, c.buffer, res, kTuple);
    if (rec) {
      c.connected = false;
      beast::error_code ignored;
      c.stream.socket().close(ignored);
      x.error = rec == beast::error::timeout ? "timeout"
                : rec == http::error::end_of_stream || rec == asio::error::eof
                    ? "connection closed by server"
                : rec == asio::error::connection_reset ? "connection reset"
                                                       : "connection error: " + rec.message();
      co_return x;
    }
    x.status = static_cast<int>(res.result_int());
    x.body = std::move(res.body());
    if (!res.keep_alive()) {
      c.connected = false;
      beast::error_code ignored;
      c.stream.socket().close(ignored);
    }
    co_return x;
  }

  Clock::duration timeout() const {
    return std::chrono::duration_cast<Clock::duration>(
        std::chrono::duration<double>(opt_.timeout_s));
  }

  // Opens (or reopens) conversation `i` on this connection; false when it could not.
  awaitable<bool> open_conversation(Connection& c, std::size_t i) {
    for (int attempt = 0; attempt < 3; ++attempt) {
      Exchange x = co_await exchange(c, pool_.open_request(i));
      if (pool_.opened(i, x.status, x.body)) co_return true;
      ++stats_.open_failures;
    }
    co_return false;
  }

  // Waits until the scheduler has a due request (or the run ends). False at the end.
  awaitable<bool> next_due(asio::steady_timer& wake, Clock::time_point& due) {
    for (;;) {
      if (Clock::now() >= end_ || stop_) co_return false;
      if (opt_.saturate) {
        due = Clock::now();
        co_return true;
      }
      if (!backlog_.empty()) {
        due = backlog_.front();
        backlog_.pop_front();
        co_return true;
      }
      if (scheduling_done_) co_return false;
      wake.expires_at(Clock::time_point::max());
      idle_.push_back(&wake);
      co_await wake.async_wait(kTuple);
    }
  }

  void wake_one() {
    if (idle_.empty()) return;
    asio::steady_timer* t = idle_.back();
    idle_.pop_back();
    t->cancel();
  }
  void wake_all() {
    while (!idle_.empty()) wake_one();
  }

  awaitable<void> scheduler() {
    const double interval_ns = 1e9 / rate_;
    // Shards interleave their schedules rather than all firing at the same instants.
    const double phase_ns = interval_ns * index_ / std::max(1, opt_.threads);
    std::uint64_t n = 0;
    auto due_at = [&](std::uint64_t k) {
      return start_ + std::chrono::nanoseconds(static_cast<std::int64_t>(
                          phase_ns + static_cast<double>(k) * interval_ns));
    };
    Clock::time_point due = due_at(0);
    while (due < end_ && !stop_) {
      const auto now = Clock::now();
      while (due <= now && due < end_) {
        backlog_.push_back(due);
        if (due >= measure_start_) ++stats_.measured_due;
        wake_one();
        due = due_at(++n);
      }
      if (due >= end_) break;
      scheduler_timer_.expires_at(due);
      co_await scheduler_timer_.async_wait(kTuple);
    }
    scheduling_done_ = true;
    wake_all();
  }

  void begin_run() {
    start_ = Clock::now();
    measure_start_ = start_ + std::chrono::duration_cast<Clock::duration>(
                                  std::chrono::duration<double>(opt_.warmup_s));
    end_ = measure_start_ + std::chrono::duration_cast<Clock::duration>(
                                std::chrono::duration<double>(opt_.duration_s));
    if (!opt_.saturate)
      asio::co_spawn(ioc_, scheduler(), [](std::exception_ptr e) {
        if (e) std::rethrow_exception(e);
      });
    started_ = true;
    start_signal_.cancel();
  }

  awaitable<void> worker(int w) {
    Connection conn(ioc_);
    asio::steady_timer wake(ioc_);
    // Set-up: this connection opens its share of the conversations; the clock starts when
    // every connection has done so.
    for (std::size_t i = static_cast<std::size_t>(w); i < pool_.size();
         i += static_cast<std::size_t>(connections_)) {
      if (!co_await open_conversation(conn, i)) {
        std::fprintf(stderr, "aicc_loadgen: cannot open a conversation on %s:%d\n",
                     opt_.host.c_str(), opt_.port);
        stop_ = true;
      }
    }
    if (pool_.size() == 0) co_await connect(conn);
    if (--pending_setup_ == 0) {
      begin_run();
    } else {
      while (!started_) co_await start_signal_.async_wait(kTuple);
    }

    Clock::time_point due;
    while (co_await next_due(wake, due)) {
      std::optional<RequestSpec> spec = pool_.next();
      if (!spec) {  // every conversation busy: cannot happen with ≥ 1 per connection
        backlog_.push_front(due);
        break;
      }
      Exchange x = co_await exchange(conn, *spec);
      const auto done = Clock::now();
      // Measured: what completes inside the window, whenever it was due — under overload the
      // requests answered in the window are ones that waited since the warm-up, and their wait
      // is the latency customers see.
      const bool measured = done >= measure_start_ && done <= end_;
      if (x.status == 0) {
        pool_.release(*spec);
        if (measured) ++stats_.errors[x.error];
        continue;
      }
      Verdict v = pool_.judge(*spec, x.status, x.body);
      if (measured) {
        const auto latency_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(done - due);
        stats_.latency.record(static_cast<std::uint64_t>(latency_ns.count()));
        if (opt_.slow_ms > 0 && static_cast<double>(latency_ns.count()) / 1e6 > opt_.slow_ms)
          std::fprintf(stderr, "slow due=+%.3fs latency=%.1fms %s -> %d\n",
                       std::chrono::duration<double>(due - measure_start_).count(),
                       static_cast<double>(latency_ns.count()) / 1e6, spec->target.c_str(),
                       x.status);
        ++stats_.completed;
        if (v.ok) ++stats_.ok;
        if (!v.ok) ++stats_.errors[v.error];
        if (!v.decision.empty()) ++stats_.decisions[v.decision];
        if (!v.replace_reason.empty()) ++stats_.reopened[v.replace_reason];
      }
      if (traced_ < opt_.trace) {
        ++traced_;
        std::fprintf(stderr, "trace %s %s -> %d %s%s%s\n", spec->target.c_str(), spec->body.c_str(),
                     x.status, v.decision.c_str(), v.ok ? "" : " ERROR ", v.error.c_str());
      }
      if (!v.replace_reason.empty()) {
        // The conversation is over for the bot (escalated, closed): a new customer takes its
        // place. It stays busy meanwhile so no request is sent to it.
        auto& c = pool_.at(static_cast<std::size_t>(spec->conversation));
        c.busy = true;
        const bool reopened =
            co_await open_conversation(conn, static_cast<std::size_t>(spec->conversation));
        c.busy = false;
        if (!reopened) c.id.clear();
      }
    }
    if (!opt_.saturate && --running_workers_left_ == 0) {
      // Whatever is still queued when the run ends was due and never sent.
      const auto now = Clock::now();
      stats_.unsent += backlog_.size();
      if (!backlog_.empty()) stats_.oldest_unsent = now - backlog_.front();
      backlog_.clear();
    }
    beast::error_code ignored;
    conn.stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
  }

  const Options& opt_;
  int index_;
  int connections_;
  double rate_;
  asio::io_context ioc_{1};
  ConversationPool pool_;
  Stats stats_;
  asio::steady_timer start_signal_;
  asio::steady_timer scheduler_timer_;
  std::deque<Clock::time_point> backlog_;
  tcp::resolver::results_type endpoints_;
  std::vector<asio::steady_timer*> idle_;
  int pending_setup_ = 0;
  int running_workers_left_ = 0;
  int traced_ = 0;
  bool scheduling_done_ = false;
  bool stop_ = false;
  bool started_ = false;
  Clock::time_point start_{}, measure_start_{}, end_{};
};

std::string ms(std::uint64_t ns) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", static_cast<double>(ns) / 1e6);
  return buf;
}

int run(const Options& opt) {
  const auto kind = parse_workload(opt.workload);
  if (!kind) {
    std::fprintf(stderr, "aicc_loadgen: unknown workload %s\n", opt.workload.c_str());
    return 2;
  }
  const int threads = std::max(1, opt.threads);
  const int conns = std::max(threads, opt.connections);
  const std::size_t convs = static_cast<std::size_t>(
      std::max(opt.conversations > 0 ? opt.conversations : conns * 4, conns));
  const std::string run_id =
      "lg" +
      std::to_string(std::chrono::system_clock::now().time_since_epoch().count() % 1000000007) +
      "-";

  std::vector<std::unique_ptr<Shard>> shards;
  std::size_t first = 0;
  for (int s = 0; s < threads; ++s) {
    const int c = conns / threads + (s < conns % threads ? 1 : 0);
    const std::size_t k = convs / static_cast<std::size_t>(threads) +
                          (static_cast<std::size_t>(s) < convs % static_cast<std::size_t>(threads));
    shards.push_back(std::make_unique<Shard>(opt, *kind, s, c, opt.rate / threads,
                                             std::max<std::size_t>(k, static_cast<std::size_t>(c)),
                                             first, run_id));
    shards.back()->set_running(c);
    first += std::max<std::size_t>(k, static_cast<std::size_t>(c));
  }
  const auto wall_start = Clock::now();
  std::vector<std::thread> running;
  for (auto& s : shards) running.emplace_back([&s] { s->run(); });
  for (auto& t : running) t.join();

  const double wall_s = std::chrono::duration<double>(Clock::now() - wall_start).count();
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  const double cpu_s = static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
                       static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
  Stats total;
  for (auto& s : shards) total.merge(s->stats());
  const double window_s = opt.duration_s;
  const double achieved = static_cast<double>(total.completed) / window_s;
  const double achieved_ok = static_cast<double>(total.ok) / window_s;
  std::uint64_t errors = 0;
  for (const auto& [k, v] : total.errors) errors += v;
  std::uint64_t reopened = 0;
  for (const auto& [k, v] : total.reopened) reopened += v;
  const auto& h = total.latency;

  std::printf("aicc_loadgen %s: workload=%s mode=%s", opt.label.c_str(), opt.workload.c_str(),
              opt.saturate ? "saturate(closed loop)" : "open loop");
  if (!opt.saturate) std::printf(" rate=%.0f/s", opt.rate);
  std::printf(" duration=%.0fs warmup=%.0fs connections=%d conversations=%zu threads=%d\n",
              opt.duration_s, opt.warmup_s, conns, first, threads);
  std::printf("  throughput: achieved %.1f/s (good %.1f/s)", achieved, achieved_ok);
  if (!opt.saturate)
    std::printf(
        ", offered %.1f/s; %llu due in the window, %llu never sent (oldest waited %s ms)", opt.rate,
        static_cast<unsigned long long>(total.measured_due),
        static_cast<unsigned long long>(total.unsent),
        ms(static_cast<std::uint64_t>(
               std::chrono::duration_cast<std::chrono::nanoseconds>(total.oldest_unsent).count()))
            .c_str());
  std::printf("\n  latency (ms, from the %s): p50 %s  p90 %s  p99 %s  p99.9 %s  max %s  (n=%llu)\n",
              opt.saturate ? "send" : "scheduled send time", ms(h.percentile(50)).c_str(),
              ms(h.percentile(90)).c_str(), ms(h.percentile(99)).c_str(),
              ms(h.percentile(99.9)).c_str(), ms(h.max()).c_str(),
              static_cast<unsigned long long>(h.count()));
  std::printf("  errors: %llu", static_cast<unsigned long long>(errors));
  for (const auto& [k, v] : total.errors)
    std::printf("; %s: %llu", k.c_str(), static_cast<unsigned long long>(v));
  std::printf("\n");
  if (*kind == WorkloadKind::kTurns) {
    std::printf("  bot decisions:");
    for (const auto& [k, v] : total.decisions)
      std::printf(" %s %llu", k.c_str(), static_cast<unsigned long long>(v));
    std::printf("\n  conversations replaced: %llu", static_cast<unsigned long long>(reopened));
    for (const auto& [k, v] : total.reopened)
      std::printf("; %s: %llu", k.c_str(), static_cast<unsigned long long>(v));
    std::printf("\n");
  }
  std::printf("  load generator CPU: %.1f s in %.1f s (%.2f cores)\n", cpu_s, wall_s,
              cpu_s / wall_s);
  if (total.open_failures)
    std::printf("  failed conversation opens: %llu\n",
                static_cast<unsigned long long>(total.open_failures));
  // One machine-readable line for scripts.
  std::printf(
      "RESULT label=%s workload=%s mode=%s offered=%.0f achieved=%.1f good=%.1f p50_ms=%s "
      "p90_ms=%s p99_ms=%s p999_ms=%s max_ms=%s n=%llu errors=%llu unsent=%llu replaced=%llu\n",
      opt.label.empty() ? "-" : opt.label.c_str(), opt.workload.c_str(),
      opt.saturate ? "saturate" : "open", opt.saturate ? 0.0 : opt.rate, achieved, achieved_ok,
      ms(h.percentile(50)).c_str(), ms(h.percentile(90)).c_str(), ms(h.percentile(99)).c_str(),
      ms(h.percentile(99.9)).c_str(), ms(h.max()).c_str(),
      static_cast<unsigned long long>(h.count()), static_cast<unsigned long long>(errors),
      static_cast<unsigned long long>(total.unsent), static_cast<unsigned long long>(reopened));
  std::fflush(stdout);
  return 0;
}

}  // namespace
}  // namespace aicc::bench

int main(int argc, char** argv) {
  aicc::bench::Options opt;
  CLI::App app{"Open-loop HTTP load generator for AICC (bot turns, message append, /healthz)"};
  app.add_option("--host", opt.host, "server address")->capture_default_str();
  app.add_option("--port", opt.port, "server port")->required();
  app.add_option("--workload", opt.workload, "turns | append | healthz")->capture_default_str();
  app.add_option("--rate", opt.rate, "requests per second offered (open loop)")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  app.add_option("--duration", opt.duration_s, "measured seconds")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  app.add_option("--warmup", opt.warmup_s, "seconds run at the same load before measuring")
      ->capture_default_str();
  app.add_option("--connections", opt.connections, "HTTP/1.1 keep-alive connections")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  app.add_option("--conversations", opt.conversations,
                 "conversations the messages are spread over (default 4 per connection)");
  app.add_option("--timeout", opt.timeout_s, "seconds before a request counts as timed out")
      ->capture_default_str();
  app.add_option("--threads", opt.threads, "event-loop threads (shards)")->capture_default_str();
  app.add_flag("--saturate", opt.saturate, "closed loop: each connection sends back-to-back");
  app.add_option("--trace", opt.trace, "print the first N exchanges to stderr");
  app.add_option("--label", opt.label, "label for the RESULT line");
  app.add_option("--slow-ms", opt.slow_ms,
                 "print each measured request slower than this (ms) to stderr: when stalls happen");
  bool list = false;
  app.add_flag("--list-messages", list, "print the customer message mix and exit");
  CLI11_PARSE(app, argc, argv);
  if (list) {
    for (const auto& m : aicc::bench::ConversationPool::all_messages())
      std::printf("%s\n", m.c_str());
    return 0;
  }
  return aicc::bench::run(opt);
}
