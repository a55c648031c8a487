// The HTTP/1.1 + WebSocket server (Boost.Asio/Beast, C++20 coroutines). Beast stays
// behind this header: callers see only Pipeline, Router and plain options.
//
// Threads: `io_threads` run the event loop (parsing, writing, WebSockets); every
// handler runs on a pool of `worker_threads` so blocking work (SQLite, PostgreSQL,
// NLU) never stalls the I/O threads.
//
// TLS (optional): with a certificate and key the listener speaks HTTPS and WSS only; the
// handshake must finish within header_timeout_s, like a request's headers. SIGHUP reloads
// the certificate and key for new connections (a bad file keeps the current ones).
//
// Shutdown (SIGTERM/SIGINT or request_stop()): stop accepting, answer in-flight
// requests with "Connection: close", close idle keep-alive connections and
// WebSockets (1001 going away), and wait up to drain_timeout for the rest.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <string>

#include "core/result.h"
#include "net/pipeline.h"

namespace aicc::net {

// Native TLS. Empty cert_file: plain HTTP.
struct TlsOptions {
  std::string cert_file;            // PEM: the certificate, then any intermediates
  std::string key_file;             // PEM private key (unencrypted)
  std::string min_version = "1.2";  // "1.2" or "1.3"
  bool enabled() const { return !cert_file.empty(); }
};

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;  // 0: pick a free port (see HttpServer::port())
  int io_threads = 1;
  int worker_threads = 32;
  std::size_t body_limit = 1024 * 1024;
  std::size_t header_limit = 16 * 1024;
  int header_timeout_s = 10;
  int body_timeout_s = 30;
  int idle_timeout_s = 75;
  int drain_timeout_s = 15;
  int ws_max_connections = 20000;
  std::size_t ws_max_backlog = 1024;  // queued outbound frames before a slow client is dropped
  int ws_idle_timeout_s = 60;  // heartbeat: ping after half of it quiet, close after all of it
  bool handle_signals = true;  // install SIGTERM/SIGINT (and, with TLS, SIGHUP) handlers
  TlsOptions tls;
};

class HttpServer {
 public:
  HttpServer(ServerOptions options, Pipeline& pipeline, MetricsRegistry& metrics);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Loads the TLS certificate and key (if configured), binds and listens.
  // kInvalidArgument naming the file and the reason if the certificate or key cannot be
  // used (nothing listens then); kUnavailable if the address cannot be bound.
  Status listen();
  int port() const;

  // Runs until stopped and drained. Call from one thread; it starts the others.
  void run();
  // Begins a graceful shutdown. Thread-safe.
  void request_stop();
  // True once shutdown began (/readyz reports 503 then).
  bool draining() const;
  // Called once when shutdown begins (e.g. to stop background jobs).
  void on_drain(std::function<void()> callback);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace aicc::net
