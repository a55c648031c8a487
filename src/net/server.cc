#include "net/server.h"

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <deque>
#include <filesystem>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <variant>
#include <vector>

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>

#include "net/beast_request.h"
#include "platform/log.h"

namespace aicc::net {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;
using asio::awaitable;
using asio::use_awaitable;
using Clock = std::chrono::steady_clock;
constexpr auto kTuple = asio::as_tuple(use_awaitable);
constexpr auto kWriteTimeout = std::chrono::seconds(30);
// How long sending the TLS close_notify at the end of a connection may take.
constexpr auto kTlsShutdownTimeout = std::chrono::seconds(5);

// The two transports. Everything above the byte stream (sessions, parsing, limits,
// WebSockets, shutdown) is one template over these, so HTTP has one code path.
using PlainStream = beast::tcp_stream;
using TlsStream = beast::ssl_stream<beast::tcp_stream>;
template <class Stream>
constexpr bool kIsTls = std::is_same_v<Stream, TlsStream>;

// The TCP layer of either transport: timeouts and the socket live there.
template <class Stream>
beast::tcp_stream& tcp_layer(Stream& stream) {
  return beast::get_lowest_layer(stream);
}

http::response<http::string_body> to_beast(const Response& resp, unsigned version, bool keep_alive,
                                           bool head) {
  http::response<http::string_body> out{static_cast<http::status>(resp.status), version};
  out.set(http::field::server, "aicc");
  if (!resp.content_type.empty()) out.set(http::field::content_type, resp.content_type);
  for (const auto& [k, v] : resp.headers) out.set(k, v);
  out.keep_alive(keep_alive);
  if (head) {
    out.content_length(resp.body.size());
  } else {
    out.body() = resp.body;
    out.prepare_payload();
  }
  return out;
}

// Per-connection state shared with the shutdown logic.
template <class Stream>
struct Connection {
  explicit Connection(tcp::socket socket) : stream(std::move(socket)) {}
  Connection(tcp::socket socket, std::shared_ptr<ssl::context> context)
      : tls_context(std::move(context)), stream(std::move(socket), *tls_context) {}
  // TLS: the context this connection was accepted with (a SIGHUP reload swaps the server's).
  std::shared_ptr<ssl::context> tls_context;
  Stream stream;
  bool idle = true;       // waiting for the next request (only touched on its strand)
  bool upgraded = false;  // the stream now belongs to a WebSocket session
};

// One open WebSocket; implements the transport-neutral WsConnection.
template <class Stream>
class WsSession final : public WsConnection,
                        public std::enable_shared_from_this<WsSession<Stream>> {
 public:
  WsSession(Stream stream, std::size_t max_backlog)
      : ws_(std::move(stream)), max_backlog_(max_backlog) {}

  websocket::stream<Stream>& ws() { return ws_; }

  void send_text(std::string message) override {
    asio::post(ws_.get_executor(),
               [self = this->shared_from_this(), m = std::move(message)]() mutable {
                 self->enqueue(std::move(m));
               });
  }

  void close(std::string_view reason) override {
    asio::post(ws_.get_executor(), [self = this->shared_from_this(), r = std::string(reason)] {
      self->start_close(r);
    });
  }

  void mark_closed() { closed_ = true; }

 private:
  void enqueue(std::string m) {
    if (closed_) return;
    if (queue_.size() >= max_backlog_) {
      log::warn("websocket client too slow; closing", {{"backlog", queue_.size()}});
      start_close("slow consumer");
      return;
    }
    queue_.push_back(std::move(m));
    if (!writing_) {
      writing_ = true;
      asio::co_spawn(ws_.get_executor(), write_loop(this->shared_from_this()), asio::detached);
    }
  }

  static awaitable<void> write_loop(std::shared_ptr<WsSession> self) {
    while (!self->queue_.empty() && !self->closed_) {
      self->ws_.text(true);
      auto [ec, n] = co_await self->ws_.async_write(asio::buffer(self->queue_.front()), kTuple);
      if (ec) {
        self->closed_ = true;
        break;
      }
      self->queue_.pop_front();
    }
    self->queue_.clear();
    self->writing_ = false;
  }

  void start_close(const std::string& reason) {
    if (closed_) return;
    closed_ = true;
    asio::co_spawn(
        ws_.get_executor(),
        [self = this->shared_from_this(), reason]() -> awaitable<void> {
          websocket::close_reason cr(websocket::close_code::going_away, reason);
          co_await self->ws_.async_close(cr, kTuple);
        },
        asio::detached);
  }

  websocket::stream<Stream> ws_;
  std::size_t max_backlog_;
  std::deque<std::string> queue_;
  bool writing_ = false;
  bool closed_ = false;
};

// --- TLS context ----------------------------------------------------------------------

// The reason OpenSSL gave last (its error queue is per thread), and an empty queue after.
std::string openssl_reason() {
  char text[256] = "";
  unsigned long last = 0;
  while (const unsigned long e = ERR_get_error()) last = e;
  if (last == 0) return "unknown OpenSSL error";
  ERR_error_string_n(last, text, sizeof text);
  return text;
}

// Never prompt on the terminal for a passphrase: an encrypted key is a start-up error.
int no_passphrase(char*, int, int, void*) {
  return 0;
}

tl::unexpected<Error> tls_file_error(const char* setting, const std::string& path,
                                     const std::string& reason) {
  return make_error(ErrorCode::kInvalidArgument,
                    std::string(setting) + " \"" + path + "\": " + reason,
                    {{"setting", setting}, {"file", path}});
}

// Opens a PEM file for reading, or says why it cannot be read.
Result<std::unique_ptr<BIO, decltype(&BIO_free)>> open_pem(const char* setting,
                                                           const std::string& path) {
  std::error_code fec;
  if (std::filesystem::is_directory(path, fec))
    return tls_file_error(setting, path, "is a directory, not a file");
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return tls_file_error(setting, path, std::string("cannot read: ") + std::strerror(errno));
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_fp(f, BIO_CLOSE), &BIO_free);
  if (!bio) {
    std::fclose(f);
    return tls_file_error(setting, path, "cannot read: " + openssl_reason());
  }
  return bio;
}

// Reads and checks the certificate and key before OpenSSL takes them, so each failure has
// its own message naming the file: unreadable, not PEM, or a key of another certificate.
Status check_tls_files(const TlsOptions& o) {
  auto cert_bio = open_pem("server.tls.cert_file", o.cert_file);
  if (!cert_bio) return tl::unexpected(cert_bio.error());
  std::unique_ptr<X509, decltype(&X509_free)> cert(
      PEM_read_bio_X509(cert_bio->get(), nullptr, no_passphrase, nullptr), &X509_free);
  if (!cert)
    return tls_file_error("server.tls.cert_file", o.cert_file,
                          "not a PEM certificate (" + openssl_reason() + ")");
  auto key_bio = open_pem("server.tls.key_file", o.key_file);
  if (!key_bio) return tl::unexpected(key_bio.error());
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(
      PEM_read_bio_PrivateKey(key_bio->get(), nullptr, no_passphrase, nullptr), &EVP_PKEY_free);
  if (!key)
    return tls_file_error("server.tls.key_file", o.key_file,
                          "not an unencrypted PEM private key (" + openssl_reason() + ")");
  if (X509_check_private_key(cert.get(), key.get()) != 1) {
    ERR_clear_error();
    return tls_file_error(
        "server.tls.key_file", o.key_file,
        "the private key does not match the certificate in \"" + o.cert_file + "\"");
  }
  return {};
}

// A server context: TLS 1.2 or 1.3 only (no SSLv2/3, TLS 1.0/1.1), no compression, the
// server's cipher order, no renegotiation; SNI is not required (one certificate).
Result<std::unique_ptr<ssl::context>> make_tls_context(const TlsOptions& o) {
  if (auto st = check_tls_files(o); !st) return tl::unexpected(st.error());
  auto ctx = std::make_unique<ssl::context>(ssl::context::tls_server);
  ctx->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                   ssl::context::no_sslv3 | ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1 |
                   ssl::context::no_compression | ssl::context::single_dh_use);
  SSL_CTX* native = ctx->native_handle();
  SSL_CTX_set_options(native, SSL_OP_CIPHER_SERVER_PREFERENCE | SSL_OP_NO_RENEGOTIATION);
  SSL_CTX_set_min_proto_version(native, o.min_version == "1.3" ? TLS1_3_VERSION : TLS1_2_VERSION);
  SSL_CTX_set_default_passwd_cb(native, no_passphrase);
  beast::error_code ec;
  ctx->use_certificate_chain_file(o.cert_file, ec);
  if (ec)
    return tls_file_error("server.tls.cert_file", o.cert_file,
                          "cannot use the certificate chain (" + ec.message() + ")");
  ctx->use_private_key_file(o.key_file, ssl::context::pem, ec);
  if (!ec && SSL_CTX_check_private_key(native) != 1)
    ec = beast::error_code(static_cast<int>(ERR_get_error()), asio::error::get_ssl_category());
  if (ec)
    return tls_file_error("server.tls.key_file", o.key_file,
                          "cannot use the private key (" + ec.message() + ")");
  return ctx;
}

}  // namespace

struct HttpServer::Impl {
  Impl(ServerOptions o, Pipeline& p, MetricsRegistry& m)
      : opts(std::move(o)),
        pipeline(p),
        metrics(m),
        ioc(opts.io_threads),
        pool(static_cast<std::size_t>(opts.worker_threads)),
        acceptor(ioc),
        signals(ioc),
        reload_signals(ioc),
        drain_timer(ioc) {}

  ServerOptions opts;
  Pipeline& pipeline;
  MetricsRegistry& metrics;
  asio::io_context ioc;
  asio::thread_pool pool;
  tcp::acceptor acceptor;
  asio::signal_set signals;
  asio::signal_set reload_signals;  // SIGHUP, with TLS: reload the certificate and key
  asio::steady_timer drain_timer;
  std::mutex tls_mu;
  std::shared_ptr<ssl::context> tls;  // set by listen() when TLS is configured
  std::atomic<bool> draining{false};
  std::atomic<int> sessions{0};
  std::atomic<int> websockets{0};
  std::atomic<int> in_flight{0};
  std::mutex mu;
  std::uint64_t next_id = 0;
  std::unordered_map<std::uint64_t, std::function<void()>> drain_hooks;
  std::vector<std::function<void()>> drain_callbacks;

  std::uint64_t add_hook(std::function<void()> hook) {
    std::lock_guard lock(mu);
    drain_hooks.emplace(++next_id, std::move(hook));
    return next_id;
  }
  void remove_hook(std::uint64_t id) {
    std::lock_guard lock(mu);
    drain_hooks.erase(id);
  }

  std::shared_ptr<ssl::context> tls_context() {
    std::lock_guard lock(tls_mu);
    return tls;
  }

  // New connections get the files as they are now; open ones keep their context. A bad
  // file keeps the current certificate in service and logs why.
  void reload_tls() {
    auto ctx = make_tls_context(opts.tls);
    if (!ctx) {
      log::error("TLS reload failed; keeping the current certificate",
                 {{"error", ctx.error().message}});
      return;
    }
    {
      std::lock_guard lock(tls_mu);
      tls = std::move(*ctx);
    }
    log::info("TLS certificate reloaded", {{"cert_file", opts.tls.cert_file}});
  }

  void wait_for_reload() {
    reload_signals.async_wait([this](beast::error_code ec, int) {
      if (ec) return;  // cancelled: shutting down
      reload_tls();
      wait_for_reload();
    });
  }

  void session_ended() {
    if (--sessions == 0 && draining) asio::post(ioc, [this] { drain_timer.cancel(); });
  }

  awaitable<void> accept_loop() {
    for (;;) {
      auto [ec, socket] = co_await acceptor.async_accept(asio::make_strand(ioc), kTuple);
      if (ec) {
        if (ec == asio::error::operation_aborted || draining) co_return;
        log::warn("accept failed", {{"error", ec.message()}});
        continue;
      }
      socket.set_option(tcp::no_delay(true), ec);
      ++sessions;
      if (opts.tls.enabled()) {
        auto conn = std::make_shared<Connection<TlsStream>>(std::move(socket), tls_context());
        asio::co_spawn(conn->stream.get_executor(), http_session(conn), asio::detached);
      } else {
        auto conn = std::make_shared<Connection<PlainStream>>(std::move(socket));
        asio::co_spawn(conn->stream.get_executor(), http_session(conn), asio::detached);
      }
    }
  }

  // Sends a response the server made itself (malformed request, limits, timeouts).
  template <class Stream>
  awaitable<void> send_own(Stream& stream, Request req, Response resp, Clock::time_point start) {
    pipeline.assign_request_id(req);
    pipeline.finish(req, resp, Clock::now() - start);
    auto msg = to_beast(resp, 11, false, false);
    tcp_layer(stream).expires_after(kWriteTimeout);
    co_await http::async_write(stream, msg, kTuple);
  }

  template <class Stream>
  awaitable<void> http_session(std::shared_ptr<Connection<Stream>> c) {
    std::string remote;
    {
      beast::error_code ec;
      auto ep = tcp_layer(c->stream).socket().remote_endpoint(ec);
      if (!ec) remote = ep.address().to_string();
    }
    // The executor is taken now: once upgraded, the stream has moved into the WebSocket
    // session (a moved-from ssl_stream has no executor left to ask).
    const auto hook =
        add_hook([weak = std::weak_ptr<Connection<Stream>>(c), strand = c->stream.get_executor()] {
          if (auto conn = weak.lock()) {
            asio::post(strand, [conn] {
              if (conn->idle && !conn->upgraded) tcp_layer(conn->stream).socket().cancel();
            });
          }
        });
    beast::flat_buffer buffer;
    bool secured = true;
    if constexpr (kIsTls<Stream>) secured = co_await tls_handshake(*c, buffer, remote);
    if (secured) co_await serve_requests(c, buffer, remote);
    remove_hook(hook);
    if (!c->upgraded) {
      if constexpr (kIsTls<Stream>) {
        // Send close_notify, so the client can tell the end from a truncation, but do not
        // wait for the client's (RFC 8446 §6.1 allows it): an idle keep-alive client would
        // never send one and hold up a graceful shutdown. Marking the peer's close_notify
        // as received makes OpenSSL's shutdown finish once ours is written.
        if (secured && tcp_layer(c->stream).socket().is_open()) {
          SSL_set_shutdown(c->stream.native_handle(), SSL_RECEIVED_SHUTDOWN);
          tcp_layer(c->stream).expires_after(kTlsShutdownTimeout);
          co_await c->stream.async_shutdown(kTuple);
        }
      }
      beast::error_code ec;
      tcp_layer(c->stream).socket().shutdown(tcp::socket::shutdown_send, ec);
    }
    session_ended();
  }

  // The TLS handshake, bounded by header_timeout_s: a client that connects and never
  // finishes it is dropped like a slow sender of headers. A plain HTTP request on the TLS
  // port is answered in plain HTTP with a 400 that says so, then closed.
  awaitable<bool> tls_handshake(Connection<TlsStream>& c, beast::flat_buffer& buffer,
                                const std::string& remote) {
    auto& tcp = tcp_layer(c.stream);
    const auto start = Clock::now();
    tcp.expires_after(std::chrono::seconds(opts.header_timeout_s));
    auto [dec, is_tls] = co_await beast::async_detect_ssl(tcp, buffer, kTuple);
    if (dec) co_return false;  // closed, timed out or shutdown before a ClientHello
    if (!is_tls) {
      Request plain;
      plain.remote_address = remote;
      co_await send_own(
          tcp, plain,
          error_response(400, "tls_required",
                         "this port speaks HTTPS only: use an https:// or wss:// URL"),
          start);
      co_return false;
    }
    auto [hec, used] =
        co_await c.stream.async_handshake(ssl::stream_base::server, buffer.data(), kTuple);
    if (hec) {
      log::debug("TLS handshake failed", {{"remote", remote}, {"error", hec.message()}});
      co_return false;
    }
    buffer.consume(used);
    co_return true;
  }

  template <class Stream>
  awaitable<void> serve_requests(std::shared_ptr<Connection<Stream>> c, beast::flat_buffer& buffer,
                                 const std::string& remote) {
    for (;;) {
      if (buffer.size() == 0) {  // idle: wait for the first byte of the next request
        c->idle = true;
        if (draining) co_return;
        tcp_layer(c->stream).expires_after(std::chrono::seconds(opts.idle_timeout_s));
        auto [ec, n] = co_await c->stream.async_read_some(buffer.prepare(4096), kTuple);
        c->idle = false;
        if (ec) co_return;  // closed, idle timeout or shutdown
        buffer.commit(n);
      }
      const auto start = Clock::now();
      http::request_parser<http::string_body> parser;
      parser.header_limit(static_cast<std::uint32_t>(opts.header_limit));
      parser.body_limit(opts.body_limit);
      tcp_layer(c->stream).expires_after(std::chrono::seconds(opts.header_timeout_s));
      Request bad;
      bad.remote_address = remote;
      auto [hec, hn] = co_await http::async_read_header(c->stream, buffer, parser, kTuple);
      if (hec) {
        if (hec == http::error::end_of_stream || hec == asio::error::operation_aborted ||
            hec == ssl::error::stream_truncated)
          co_return;
        // On a timeout Beast has already closed the socket: nothing can be sent.
        if (hec == beast::error::timeout) co_return;
        if (hec == http::error::body_limit) {  // Content-Length over the limit
          co_await send_own(c->stream, bad, too_large(), start);
        } else if (hec == http::error::header_limit) {
          co_await send_own(
              c->stream, bad,
              error_response(431, "headers_too_large", "request headers are too large"), start);
        } else if (hec != asio::error::eof && hec != asio::error::connection_reset) {
          co_await send_own(
              c->stream, bad,
              error_response(400, "malformed_request", "malformed HTTP request: " + hec.message()),
              start);
        }
        co_return;
      }
      auto& head = parser.get();
      bad.method = parse_method(std::string_view(head.method_string()));
      bad.path = std::string(head.target().substr(0, head.target().find('?')));
      if (parser.content_length() && *parser.content_length() > opts.body_limit) {
        co_await send_own(c->stream, bad, too_large(), start);
        co_return;
      }
      if (websocket::is_upgrade(head)) {
        c->upgraded = true;
        co_await websocket_session(c, parser.release(), remote, start);
        co_return;
      }
      if (head[http::field::expect] == "100-continue") {
        http::response<http::empty_body> cont{http::status::continue_, head.version()};
        co_await http::async_write(c->stream, cont, kTuple);
      }
      if (!parser.is_done()) {
        tcp_layer(c->stream).expires_after(std::chrono::seconds(opts.body_timeout_s));
        auto [bec, bn] = co_await http::async_read(c->stream, buffer, parser, kTuple);
        if (bec == http::error::body_limit) {
          co_await send_own(c->stream, bad, too_large(), start);
          co_return;
        }
        if (bec) co_return;
      }
      const unsigned version = parser.get().version();
      bool keep_alive = parser.get().keep_alive();
      Request req = to_request(parser.get(), remote);
      const bool is_head = req.method == Method::kHead;
      ++in_flight;
      Response resp = co_await asio::co_spawn(
          pool, [this, &req]() -> awaitable<Response> { co_return pipeline.handle(req); },
          use_awaitable);
      --in_flight;
      keep_alive = keep_alive && !draining;
      auto msg = to_beast(resp, version, keep_alive, is_head);
      tcp_layer(c->stream).expires_after(kWriteTimeout);
      auto [wec, wn] = co_await http::async_write(c->stream, msg, kTuple);
      if (wec || !keep_alive) co_return;
    }
  }

  Response too_large() const {
    return error_response(413, "payload_too_large",
                          "request body exceeds " + std::to_string(opts.body_limit) + " bytes",
                          {{"limit_bytes", std::to_string(opts.body_limit)}});
  }

  template <class Stream>
  awaitable<void> websocket_session(std::shared_ptr<Connection<Stream>> c,
                                    http::request<http::string_body> upgrade, std::string remote,
                                    Clock::time_point start) {
    Request req = to_request(upgrade, remote);
    Response refusal;
    const Route* route = pipeline.match_websocket(req, refusal);
    if (route && websockets >= opts.ws_max_connections)
      refusal = error_response(503, "too_many_connections", "WebSocket connection limit reached");
    if (!route || websockets >= opts.ws_max_connections) {
      co_await send_own(c->stream, req, refusal, start);
      co_return;
    }
    auto decision = co_await asio::co_spawn(
        pool,
        [&route, &req]() -> awaitable<std::variant<Response, WsCallbacks>> {
          co_return route->websocket(req);
        },
        use_awaitable);
    if (auto* r = std::get_if<Response>(&decision)) {
      co_await send_own(c->stream, req, *r, start);
      co_return;
    }
    auto callbacks = std::get<WsCallbacks>(std::move(decision));
    // From here Beast's WebSocket timeouts (the heartbeat below) govern the connection.
    tcp_layer(c->stream).expires_never();
    auto session = std::make_shared<WsSession<Stream>>(std::move(c->stream), opts.ws_max_backlog);
    auto& ws = session->ws();
    // Heartbeat: Beast pings a connection quiet for half the idle timeout and closes one
    // that answered nothing for all of it (a vanished client does not hold a slot).
    websocket::stream_base::timeout heartbeat =
        websocket::stream_base::timeout::suggested(beast::role_type::server);
    heartbeat.idle_timeout = std::chrono::seconds(opts.ws_idle_timeout_s);
    heartbeat.keep_alive_pings = true;
    ws.set_option(heartbeat);
    ws.set_option(
        websocket::stream_base::decorator([id = req.request_id](websocket::response_type& res) {
          res.set(http::field::server, "aicc");
          res.set("x-request-id", id);
        }));
    ws.read_message_max(64 * 1024);
    auto [aec] = co_await ws.async_accept(upgrade, kTuple);
    Response switched;
    switched.status = 101;
    pipeline.finish(req, switched, Clock::now() - start);
    if (aec) co_return;
    ++websockets;
    const auto hook = add_hook([weak = std::weak_ptr<WsSession<Stream>>(session)] {
      if (auto s = weak.lock()) s->close("server shutting down");
    });
    if (callbacks.on_open) callbacks.on_open(session);
    beast::flat_buffer buffer;
    for (;;) {
      auto [rec, n] = co_await ws.async_read(buffer, kTuple);
      if (rec) break;
      if (callbacks.on_message && ws.got_text())
        callbacks.on_message(session, beast::buffers_to_string(buffer.data()));
      buffer.consume(buffer.size());
    }
    session->mark_closed();
    remove_hook(hook);
    --websockets;
    if (callbacks.on_close) callbacks.on_close();
  }

  void begin_drain() {
    if (draining.exchange(true)) return;
    log::info("shutting down: draining connections",
              {{"connections", sessions.load()}, {"in_flight", in_flight.load()}});
    std::vector<std::function<void()>> callbacks;
    std::vector<std::function<void()>> hooks;
    {
      std::lock_guard lock(mu);
      callbacks = drain_callbacks;
      for (auto& [id, h] : drain_hooks) hooks.push_back(h);
    }
    for (auto& cb : callbacks) cb();
    beast::error_code ec;
    acceptor.close(ec);
    signals.cancel(ec);
    reload_signals.cancel(ec);
    for (auto& h : hooks) h();
    if (sessions == 0) return;
    drain_timer.expires_after(std::chrono::seconds(opts.drain_timeout_s));
    drain_timer.async_wait([this](beast::error_code wait_ec) {
      if (wait_ec) return;  // cancelled: every connection finished
      log::warn("drain timeout reached; closing remaining connections",
                {{"connections", sessions.load()}});
      ioc.stop();
    });
  }
};

HttpServer::HttpServer(ServerOptions options, Pipeline& pipeline, MetricsRegistry& metrics)
    : impl_(std::make_unique<Impl>(std::move(options), pipeline, metrics)) {
  impl_->metrics.gauge_callback("aicc_http_connections", "Open HTTP connections",
                                [this] { return static_cast<double>(impl_->sessions.load()); });
  impl_->metrics.gauge_callback("aicc_websocket_connections", "Open WebSocket connections",
                                [this] { return static_cast<double>(impl_->websockets.load()); });
}

HttpServer::~HttpServer() = default;

Status HttpServer::listen() {
  auto& im = *impl_;
  if (im.opts.tls.enabled()) {
    auto ctx = make_tls_context(im.opts.tls);
    if (!ctx) return tl::unexpected(ctx.error());
    im.tls = std::move(*ctx);
  }
  beast::error_code ec;
  const auto address = asio::ip::make_address(im.opts.host, ec);
  if (ec)
    return make_error(ErrorCode::kInvalidArgument,
                      "invalid listen address \"" + im.opts.host + "\"");
  const tcp::endpoint ep(address, static_cast<unsigned short>(im.opts.port));
  im.acceptor.open(ep.protocol(), ec);
  if (!ec) im.acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) im.acceptor.bind(ep, ec);
  if (!ec) im.acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec)
    return make_error(ErrorCode::kUnavailable, "cannot listen on " + im.opts.host + ":" +
                                                   std::to_string(im.opts.port) + ": " +
                                                   ec.message());
  return {};
}

int HttpServer::port() const {
  return impl_->acceptor.local_endpoint().port();
}

void HttpServer::run() {
  auto& im = *impl_;
  if (im.opts.handle_signals) {
    im.signals.add(SIGTERM);
    im.signals.add(SIGINT);
    im.signals.async_wait([this](beast::error_code ec, int) {
      if (!ec) impl_->begin_drain();
    });
    if (im.opts.tls.enabled()) {
      im.reload_signals.add(SIGHUP);
      im.wait_for_reload();
    }
  }
  asio::co_spawn(im.ioc, im.accept_loop(), asio::detached);
  std::vector<std::thread> threads;
  for (int i = 1; i < im.opts.io_threads; ++i) threads.emplace_back([&im] { im.ioc.run(); });
  im.ioc.run();
  for (auto& t : threads) t.join();
  im.pool.join();
}

void HttpServer::request_stop() {
  asio::post(impl_->ioc, [this] { impl_->begin_drain(); });
}

bool HttpServer::draining() const {
  return impl_->draining;
}

void HttpServer::on_drain(std::function<void()> callback) {
  std::lock_guard lock(impl_->mu);
  impl_->drain_callbacks.push_back(std::move(callback));
}

}  // namespace aicc::net
