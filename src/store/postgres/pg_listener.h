// The PostgreSQL side of Store::listen_nodes: one connection of its own in LISTEN on a
// channel, a thread that waits on its socket and hands each notification over, and
// reconnects (with a growing pause, at most 5 s) when the connection breaks.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <thread>

#include "store/store.h"

namespace aicc::pg {

class PgListener final : public NodeListener {
 public:
  PgListener(std::string url, std::string display_url, std::string channel,
             std::function<void(std::string_view)> on_payload,
             std::function<void(bool connected, std::string_view detail)> on_connection);
  ~PgListener() override;

 private:
  void run();

  const std::string url_;
  const std::string display_url_;
  const std::string channel_;
  std::function<void(std::string_view)> on_payload_;
  std::function<void(bool connected, std::string_view detail)> on_connection_;
  std::atomic<bool> stopping_{false};
  std::thread thread_;
};

}  // namespace aicc::pg
