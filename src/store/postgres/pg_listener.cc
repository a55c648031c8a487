#include "store/postgres/pg_listener.h"

#include <libpq-fe.h>
#include <poll.h>

#include <algorithm>
#include <chrono>

#include "store/postgres/pg_connection.h"

namespace aicc::pg {

PgListener::PgListener(std::string url, std::string display_url, std::string channel,
                       std::function<void(std::string_view)> on_payload,
                       std::function<void(bool connected, std::string_view detail)> on_connection)
    : url_(std::move(url)),
      display_url_(std::move(display_url)),
      channel_(std::move(channel)),
      on_payload_(std::move(on_payload)),
      on_connection_(std::move(on_connection)) {
  thread_ = std::thread([this] { run(); });
}

PgListener::~PgListener() {
  stopping_ = true;
  if (thread_.joinable()) thread_.join();
}

void PgListener::run() {
  using namespace std::chrono_literals;
  auto pause = 100ms;
  bool had_connection = false;
  // Sleeps in short steps so that stopping is never delayed by more than 200 ms.
  auto sleep = [this](std::chrono::milliseconds d) {
    for (auto left = d; left.count() > 0 && !stopping_; left -= 200ms)
      std::this_thread::sleep_for(std::min<std::chrono::milliseconds>(left, 200ms));
  };
  while (!stopping_) {
    auto conn = PgConnection::connect(url_, display_url_);
    if (!conn) {
      if (on_connection_) on_connection_(false, conn.error().message);
      sleep(pause);
      pause = std::min<std::chrono::milliseconds>(pause * 2, 5000ms);
      continue;
    }
    if (auto st = (*conn)->exec("LISTEN " + channel_); !st) {
      if (on_connection_) on_connection_(false, st.error().message);
      sleep(pause);
      pause = std::min<std::chrono::milliseconds>(pause * 2, 5000ms);
      continue;
    }
    pause = 100ms;
    if (had_connection) {
      if (on_connection_)
        on_connection_(true, "reconnected; notifications sent meanwhile were missed");
    }
    had_connection = true;
    PGconn* pq = (*conn)->raw();
    while (!stopping_) {
      pollfd fd{PQsocket(pq), POLLIN, 0};
      const int ready = ::poll(&fd, 1, 200);
      if (ready < 0) continue;  // EINTR
      if (ready == 0) continue;
      if (PQconsumeInput(pq) == 0 || PQstatus(pq) != CONNECTION_OK) {
        if (on_connection_) on_connection_(false, PQerrorMessage(pq));
        break;
      }
      while (PGnotify* n = PQnotifies(pq)) {
        const std::string_view payload = n->extra ? n->extra : "";
        if (on_payload_) on_payload_(payload);
        PQfreemem(n);
      }
    }
  }
}

}  // namespace aicc::pg
