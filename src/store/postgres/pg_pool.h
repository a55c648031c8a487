// A pool of at most `size` PostgreSQL connections, opened on demand. A connection that
// broke (server restart, network cut) goes back to the pool and is reconnected the next
// time it is leased, so the store heals without a restart.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/result.h"
#include "store/postgres/pg_connection.h"

namespace aicc::pg {

class PgPool {
 public:
  PgPool(std::string url, int size);
  PgPool(const PgPool&) = delete;
  PgPool& operator=(const PgPool&) = delete;

  // Opens the first connection now, so that an unreachable server is reported at open.
  Status open();

  class Lease {
   public:
    Lease(PgPool& pool, std::unique_ptr<PgConnection> connection)
        : pool_(&pool), connection_(std::move(connection)) {}
    Lease(Lease&& other) noexcept = default;
    Lease& operator=(Lease&&) = delete;
    ~Lease();
    PgConnection& operator*() const { return *connection_; }
    PgConnection* operator->() const { return connection_.get(); }

   private:
    PgPool* pool_;
    std::unique_ptr<PgConnection> connection_;
  };

  // Waits for a free connection (or room for a new one). kUnavailable if the server
  // cannot be reached.
  Result<Lease> acquire();

  // The URL (with its password), for a connection of its own (the LISTEN connection).
  const std::string& url() const { return url_; }
  // The URL with its password masked, for messages.
  const std::string& display_url() const { return display_url_; }

 private:
  void give_back(std::unique_ptr<PgConnection> connection);
  void forget_one();

  const std::string url_;
  const std::string display_url_;
  const int size_;

  std::mutex mu_;  // guards idle_ and open_
  std::condition_variable available_;
  std::vector<std::unique_ptr<PgConnection>> idle_;
  int open_ = 0;  // connections in existence, idle or leased
};

}  // namespace aicc::pg
