// The single writer of a SQLite database, with group commit.
//
// SQLite allows one writer at a time, and with synchronous=FULL every commit costs an
// fsync. So every write request joins one queue; a dedicated thread takes *all* the
// requests waiting there, runs each in its own SAVEPOINT inside one
// BEGIN IMMEDIATE … COMMIT, commits once (one fsync for the whole batch), and only then
// answers the callers. A request that fails rolls back to its savepoint and does not
// disturb the others; a failed COMMIT fails every request of the batch, because none of
// them is durable.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "core/result.h"
#include "store/sqlite/sqlite_connection.h"

namespace aicc::sqlite {

class GroupCommitWriter {
 public:
  // Runs on the writer thread with the write connection. Returning an error rolls back
  // whatever the work wrote (its savepoint) and hands the error to the caller.
  using Work = std::function<Status(Connection&)>;

  struct Stats {
    std::uint64_t transactions = 0;  // batches committed
    std::uint64_t requests = 0;      // write requests answered from those batches
    std::uint64_t pending = 0;       // requests submitted and not yet answered
  };

  explicit GroupCommitWriter(std::unique_ptr<Connection> connection);
  // Finishes every request already queued, then stops the thread.
  ~GroupCommitWriter();
  GroupCommitWriter(const GroupCommitWriter&) = delete;
  GroupCommitWriter& operator=(const GroupCommitWriter&) = delete;

  // Runs `work` in the next batch and blocks until that batch has committed (the write
  // is durable) or failed.
  Status write(Work work);
  // Runs `work` alone, between batches and outside any transaction, for work that
  // manages its own transactions (migrations).
  Status run_exclusive(Work work);

  Stats stats() const;

 private:
  struct Request {
    Work work;
    bool exclusive = false;
    std::promise<Status> done;
  };

  Status submit(Request& request);
  void run();
  // Takes the requests to run next: every queued write up to the first exclusive
  // request, or that exclusive request alone. Empty when stopping with nothing queued.
  std::vector<Request*> take_batch();
  void run_batch(const std::vector<Request*>& batch);
  void run_alone(Request& request);
  void answer(Request& request, Status status);

  std::unique_ptr<Connection> connection_;  // used by the writer thread only

  mutable std::mutex mu_;  // guards queue_ and stopping_
  std::condition_variable wake_;
  std::deque<Request*> queue_;
  bool stopping_ = false;

  std::atomic<std::uint64_t> transactions_{0};
  std::atomic<std::uint64_t> requests_{0};
  std::atomic<std::uint64_t> pending_{0};

  std::thread thread_;  // last member: starts once everything above is ready
};

}  // namespace aicc::sqlite
