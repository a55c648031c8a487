// WebSocket routes without transport types. A route's `accept` runs on a worker thread
// with the upgrade request; it either refuses (an ordinary HTTP error response) or
// returns the callbacks of the new connection.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <variant>

#include "net/http.h"

namespace aicc::net {

// The server's side of one open WebSocket. Thread-safe: any thread may send or close.
class WsConnection {
 public:
  virtual ~WsConnection() = default;
  // Queues a text frame. Frames are sent in order. A consumer too slow to keep up
  // (more than a bounded backlog) is disconnected rather than buffered without limit.
  virtual void send_text(std::string message) = 0;
  virtual void close(std::string_view reason) = 0;
};

struct WsCallbacks {
  // After the handshake; keep the pointer to push messages.
  std::function<void(std::shared_ptr<WsConnection>)> on_open;
  // A text frame from the client.
  std::function<void(const std::shared_ptr<WsConnection>&, std::string_view)> on_message;
  // The connection is gone (either side closed, or the server is shutting down).
  std::function<void()> on_close;
};

using WsAccept = std::function<std::variant<Response, WsCallbacks>(Request&)>;

}  // namespace aicc::net
