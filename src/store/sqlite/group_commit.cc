#include "store/sqlite/group_commit.h"

#include <exception>
#include <string>
#include <utility>

namespace aicc::sqlite {
namespace {

// Runs caller-supplied work; exceptions never cross from the writer thread to callers.
Status run_guarded(const GroupCommitWriter::Work& work, Connection& connection) {
  try {
    return work(connection);
  } catch (const std::exception& e) {
    return make_error(ErrorCode::kInternal, std::string("store write failed: ") + e.what());
  } catch (...) {
    return make_error(ErrorCode::kInternal, "store write failed with an unknown exception");
  }
}

}  // namespace

GroupCommitWriter::GroupCommitWriter(std::unique_ptr<Connection> connection)
    : connection_(std::move(connection)), thread_([this] { run(); }) {}

GroupCommitWriter::~GroupCommitWriter() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

Status GroupCommitWriter::write(Work work) {
  Request request{std::move(work), false, {}};
  return submit(request);
}

Status GroupCommitWriter::run_exclusive(Work work) {
  Request request{std::move(work), true, {}};
  return submit(request);
}

GroupCommitWriter::Stats GroupCommitWriter::stats() const {
  return Stats{transactions_.load(), requests_.load(), pending_.load()};
}

Status GroupCommitWriter::submit(Request& request) {
  std::future<Status> done = request.done.get_future();
  {
    std::lock_guard lock(mu_);
    if (stopping_) return make_error(ErrorCode::kUnavailable, "the store is closing");
    queue_.push_back(&request);
    pending_.fetch_add(1);
  }
  wake_.notify_one();
  return done.get();  // `request` lives on this stack frame until answered
}

void GroupCommitWriter::run() {
  for (;;) {
    std::vector<Request*> batch = take_batch();
    if (batch.empty()) return;
    if (batch.front()->exclusive) {
      run_alone(*batch.front());
    } else {
      run_batch(batch);
    }
  }
}

std::vector<GroupCommitWriter::Request*> GroupCommitWriter::take_batch() {
  std::unique_lock lock(mu_);
  wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
  std::vector<Request*> batch;
  if (queue_.empty()) return batch;  // stopping, and everything queued was answered
  if (queue_.front()->exclusive) {
    batch.push_back(queue_.front());
    queue_.pop_front();
    return batch;
  }
  while (!queue_.empty() && !queue_.front()->exclusive) {
    batch.push_back(queue_.front());
    queue_.pop_front();
  }
  return batch;
}

void GroupCommitWriter::run_batch(const std::vector<Request*>& batch) {
  std::vector<Status> results(batch.size());
  // Set when the transaction as a whole is lost: then no request of the batch is durable.
  Status batch_status = connection_->exec_prepared("BEGIN IMMEDIATE");
  for (std::size_t i = 0; i < batch.size() && batch_status; ++i) {
    if (auto st = connection_->exec_prepared("SAVEPOINT request"); !st) {
      batch_status = st;
      break;
    }
    results[i] = run_guarded(batch[i]->work, *connection_);
    if (connection_->in_autocommit()) {
      // SQLite rolled the whole transaction back by itself (e.g. disk full, I/O error).
      batch_status =
          make_error(ErrorCode::kUnavailable,
                     "the write transaction was rolled back: " +
                         (results[i] ? std::string("unknown cause") : results[i].error().message));
      break;
    }
    if (!results[i]) batch_status = connection_->exec_prepared("ROLLBACK TO request");
    if (batch_status) batch_status = connection_->exec_prepared("RELEASE request");
  }
  if (batch_status) {
    batch_status = connection_->exec_prepared("COMMIT");
    if (batch_status) transactions_.fetch_add(1);
  }
  if (!batch_status && !connection_->in_autocommit()) (void)connection_->exec("ROLLBACK");
  requests_.fetch_add(batch.size());
  for (std::size_t i = 0; i < batch.size(); ++i)
    answer(*batch[i], batch_status ? std::move(results[i]) : batch_status);
}

void GroupCommitWriter::run_alone(Request& request) {
  Status status = run_guarded(request.work, *connection_);
  if (!connection_->in_autocommit()) {
    // The work must close what it opened; never leave a transaction holding the lock.
    (void)connection_->exec("ROLLBACK");
    if (status)
      status = make_error(ErrorCode::kInternal, "exclusive store work left a transaction open");
  }
  answer(request, std::move(status));
}

void GroupCommitWriter::answer(Request& request, Status status) {
  pending_.fetch_sub(1);
  request.done.set_value(std::move(status));  // last touch: the caller may now return
}

}  // namespace aicc::sqlite
