#include "store/postgres/pg_pool.h"

#include <utility>

namespace aicc::pg {

PgPool::PgPool(std::string url, int size)
    : url_(std::move(url)), display_url_(mask_password(url_)), size_(size < 1 ? 1 : size) {}

Status PgPool::open() {
  auto lease = acquire();
  if (!lease) return tl::unexpected(lease.error());
  return {};
}

PgPool::Lease::~Lease() {
  if (connection_) pool_->give_back(std::move(connection_));
}

Result<PgPool::Lease> PgPool::acquire() {
  std::unique_lock lock(mu_);
  available_.wait(lock, [this] { return !idle_.empty() || open_ < size_; });
  if (!idle_.empty()) {
    std::unique_ptr<PgConnection> connection = std::move(idle_.back());
    idle_.pop_back();
    lock.unlock();
    if (!connection->healthy()) {
      if (auto st = connection->reconnect(); !st) {
        give_back(std::move(connection));  // keep the slot; try again on a later lease
        return tl::unexpected(st.error());
      }
    }
    return Lease(*this, std::move(connection));
  }
  ++open_;
  lock.unlock();
  auto connection = PgConnection::connect(url_, display_url_);  // slow: outside the lock
  if (!connection) {
    forget_one();
    return tl::unexpected(connection.error());
  }
  return Lease(*this, std::move(*connection));
}

void PgPool::give_back(std::unique_ptr<PgConnection> connection) {
  // A caller that bailed out mid-transaction (an error, a lost connection) must not
  // hand its open transaction to the next user.
  if (connection->healthy() && connection->in_transaction()) (void)connection->exec("ROLLBACK");
  {
    std::lock_guard lock(mu_);
    idle_.push_back(std::move(connection));
  }
  available_.notify_one();
}

void PgPool::forget_one() {
  {
    std::lock_guard lock(mu_);
    --open_;
  }
  available_.notify_one();
}

}  // namespace aicc::pg
