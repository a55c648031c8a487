// A real HTTP/1.1 server on 127.0.0.1 (port 0) for the LLM backend tests: blocking sockets on
// one thread, one request per connection ("Connection: close"). It records every request and
// answers with what the test's handler returns — including hanging, lying about sizes and
// streaming more than a client accepts.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace aicc::nlu::testing {

struct RecordedRequest {
  std::string method;
  std::string target;                                            // path and query as received
  std::vector<std::pair<std::string, std::string>> header_list;  // names lowercased, in order
  std::map<std::string, std::string> headers;                    // lowercased names
  std::string body;
  bool has(const std::string& name) const { return headers.count(name) > 0; }
};

struct CannedResponse {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::chrono::milliseconds delay{0};  // wait before answering (a hanging server)
  // Without Content-Length: the body is sent, then the connection closed (read-until-close).
  bool omit_content_length = false;
  // Repeat `body` this many times (large bodies without building them in memory at once).
  std::size_t repeat = 1;
};

class TestHttpServer {
 public:
  using Handler = std::function<CannedResponse(const RecordedRequest&)>;

  explicit TestHttpServer(Handler handler) : handler_(std::move(handler)) {
    listen_fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    if (listen_fd_ < 0) throw std::runtime_error("socket failed");
    const int one = 1;
    ::setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
        ::listen(listen_fd_, 16) != 0) {
      ::close(listen_fd_);
      throw std::runtime_error("bind/listen failed");
    }
    socklen_t len = sizeof addr;
    ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    thread_ = std::thread([this] { run(); });
  }

  ~TestHttpServer() {
    stop_ = true;
    thread_.join();
    ::close(listen_fd_);
  }
  TestHttpServer(const TestHttpServer&) = delete;
  TestHttpServer& operator=(const TestHttpServer&) = delete;

  int port() const { return port_; }
  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  std::vector<RecordedRequest> requests() const {
    std::lock_guard lock(mutex_);
    return requests_;
  }

 private:
  void run() {
    while (!stop_) {
      pollfd p{listen_fd_, POLLIN, 0};
      if (::poll(&p, 1, 20) <= 0) continue;
      const int fd = ::accept(listen_fd_, nullptr, nullptr);
      if (fd < 0) continue;
      serve(fd);
      ::close(fd);
    }
  }

  // Reads until `predicate(buffer)` holds, the peer closes, or the server stops.
  template <typename Predicate>
  bool read_until(int fd, std::string& buffer, Predicate predicate) {
    char chunk[16384];
    while (!predicate(buffer)) {
      if (stop_) return false;
      pollfd p{fd, POLLIN, 0};
      if (::poll(&p, 1, 20) <= 0) continue;
      const ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
      if (n <= 0) return false;
      buffer.append(chunk, static_cast<std::size_t>(n));
    }
    return true;
  }

  bool send_all(int fd, std::string_view data) {
    while (!data.empty()) {
      const ssize_t n = ::send(fd, data.data(), data.size(), MSG_NOSIGNAL);
      if (n <= 0) return false;
      data.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
  }

  void serve(int fd) {
    std::string buffer;
    if (!read_until(fd, buffer,
                    [](const std::string& b) { return b.find("\r\n\r\n") != std::string::npos; })) {
      return;
    }
    const auto head_end = buffer.find("\r\n\r\n");
    RecordedRequest request;
    std::size_t content_length = 0;
    {
      std::string_view head(buffer.data(), head_end);
      const auto line_end = head.find("\r\n");
      const std::string_view request_line = head.substr(0, line_end);
      const auto sp1 = request_line.find(' ');
      const auto sp2 = request_line.rfind(' ');
      request.method = std::string(request_line.substr(0, sp1));
      request.target = std::string(request_line.substr(sp1 + 1, sp2 - sp1 - 1));
      head.remove_prefix(line_end == std::string_view::npos ? head.size() : line_end + 2);
      while (!head.empty()) {
        const auto end = head.find("\r\n");
        const std::string_view line = head.substr(0, end);
        head.remove_prefix(end == std::string_view::npos ? head.size() : end + 2);
        const auto colon = line.find(':');
        if (colon == std::string_view::npos) continue;
        std::string name(line.substr(0, colon));
        std::transform(name.begin(), name.end(), name.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        std::string_view value = line.substr(colon + 1);
        while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
        request.header_list.emplace_back(name, std::string(value));
        request.headers[name] = std::string(value);
        if (name == "content-length") content_length = std::stoul(std::string(value));
      }
    }
    const std::size_t total = head_end + 4 + content_length;
    if (!read_until(fd, buffer, [&](const std::string& b) { return b.size() >= total; })) return;
    request.body = buffer.substr(head_end + 4, content_length);
    {
      std::lock_guard lock(mutex_);
      requests_.push_back(request);
    }

    const CannedResponse response = handler_(request);
    const auto until = std::chrono::steady_clock::now() + response.delay;
    while (std::chrono::steady_clock::now() < until) {
      if (stop_) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    std::string head = "HTTP/1.1 " + std::to_string(response.status) + " X\r\n";
    for (const auto& [name, value] : response.headers) head += name + ": " + value + "\r\n";
    if (!response.omit_content_length) {
      head += "Content-Length: " + std::to_string(response.body.size() * response.repeat) + "\r\n";
    }
    head += "Connection: close\r\n\r\n";
    if (!send_all(fd, head)) return;
    for (std::size_t i = 0; i < response.repeat && !stop_; ++i) {
      if (!send_all(fd, response.body)) return;
    }
  }

  Handler handler_;
  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  mutable std::mutex mutex_;
  std::vector<RecordedRequest> requests_;
  std::thread thread_;
};

}  // namespace aicc::nlu::testing
