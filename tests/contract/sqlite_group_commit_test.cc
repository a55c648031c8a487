// SQLite backend only: group commit must really batch concurrent writes into one
// transaction, keep each request's failure to itself, and still commit a lone write
// before answering it.
//
// To make batching deterministic without timing assumptions, a second connection holds
// SQLite's write lock (as another process could) while the requests pile up behind the
// writer thread; releasing it lets the writer drain the queue.
#include <sqlite3.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <set>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "contract_fixture.h"
#include "store/sqlite/sqlite_connection.h"
#include "store/sqlite/sqlite_store.h"

namespace aicc::testing_support {
namespace {

class WriteLockHolder {
 public:
  explicit WriteLockHolder(const std::string& path) {
    EXPECT_EQ(sqlite3_open(path.c_str(), &db_), SQLITE_OK);
    EXPECT_EQ(sqlite3_exec(db_, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), SQLITE_OK);
  }
  ~WriteLockHolder() { release(); }
  void release() {
    if (db_ == nullptr) return;
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    sqlite3_close(db_);
    db_ = nullptr;
  }

 private:
  sqlite3* db_ = nullptr;
};

class SqliteGroupCommit : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::path(::testing::TempDir()) /
           ("aicc_group_commit_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    SqliteOptions options;
    options.path = (dir_ / "aicc.db").string();
    options.busy_timeout_ms = 60000;  // the writer waits out the test's lock holder
    auto opened = SqliteStore::open(options);
    ASSERT_TRUE(opened) << opened.error().message;
    store_ = std::move(*opened);
    ASSERT_TRUE(store_->migrate());
    ASSERT_TRUE(store_->create_customer(make_customer("cust-1")));
    ASSERT_TRUE(store_->create_conversation(make_conversation("conv-1", "cust-1")));
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  std::string path() const { return (dir_ / "aicc.db").string(); }

  // Waits (bounded) until `count` write requests are in flight.
  void wait_for_pending(std::uint64_t count) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (store_->write_stats().pending < count) {
      ASSERT_LT(std::chrono::steady_clock::now(), deadline)
          << "only " << store_->write_stats().pending << " of " << count << " writes queued";
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  }

  std::filesystem::path dir_;
  std::unique_ptr<SqliteStore> store_;
};

TEST_F(SqliteGroupCommit, WaitingWritesShareOneTransaction) {
  constexpr int kWriters = 16;
  const auto before = store_->write_stats();
  std::vector<Result<AppendResult>> results(kWriters, make_error(ErrorCode::kInternal, "unset"));
  {
    WriteLockHolder lock(path());
    std::vector<std::thread> writers;
    for (int t = 0; t < kWriters; ++t)
      writers.emplace_back([&, t] {
        const std::string id = "m" + std::to_string(t);
        results[static_cast<std::size_t>(t)] =
            store_->append_message(make_message(id, "conv-1", id));
      });
    wait_for_pending(kWriters);
    lock.release();
    for (auto& w : writers) w.join();
  }
  const auto after = store_->write_stats();
  EXPECT_EQ(after.requests - before.requests, std::uint64_t{kWriters});
  // The writer may have taken the first request(s) before the rest arrived: at most two
  // transactions for sixteen writes, instead of sixteen.
  EXPECT_LE(after.transactions - before.transactions, 2u);
  EXPECT_EQ(after.pending, 0u);

  std::set<std::int64_t> seqs;
  for (const auto& r : results) {
    ASSERT_TRUE(r) << r.error().message;
    seqs.insert(r->message.seq);
  }
  EXPECT_EQ(seqs.size(), std::size_t{kWriters});
  EXPECT_EQ(*seqs.begin(), 1);
  EXPECT_EQ(*seqs.rbegin(), kWriters);
}

TEST_F(SqliteGroupCommit, AFailingRequestDoesNotUndoTheOthersInItsBatch) {
  ASSERT_TRUE(store_->create_conversation(make_conversation("conv-closed", "cust-1")));
  ASSERT_TRUE(store_->transition_conversation("conv-closed", ConversationState::kClosed,
                                              test_time(1), "agent"));
  constexpr int kGood = 6;
  std::vector<Result<AppendResult>> good(kGood, make_error(ErrorCode::kInternal, "unset"));
  Result<AppendResult> closed = make_error(ErrorCode::kInternal, "unset");
  Result<Customer> duplicate = make_error(ErrorCode::kInternal, "unset");
  {
    WriteLockHolder lock(path());
    std::vector<std::thread> writers;
    for (int t = 0; t < kGood; ++t)
      writers.emplace_back([&, t] {
        const std::string id = "good" + std::to_string(t);
        good[static_cast<std::size_t>(t)] = store_->append_message(make_message(id, "conv-1", id));
      });
    writers.emplace_back(
        [&] { closed = store_->append_message(make_message("late", "conv-closed", "late")); });
    writers.emplace_back([&] { duplicate = store_->create_customer(make_customer("cust-1")); });
    wait_for_pending(kGood + 2);
    lock.release();
    for (auto& w : writers) w.join();
  }
  ASSERT_FALSE(closed);
  EXPECT_EQ(closed.error().code, ErrorCode::kConflict);
  ASSERT_FALSE(duplicate);
  EXPECT_EQ(duplicate.error().code, ErrorCode::kConflict);
  for (const auto& r : good) ASSERT_TRUE(r) << r.error().message;

  store_.reset();  // the good writes were committed, not just kept in memory
  auto reopened = SqliteStore::open(SqliteOptions{path()});
  ASSERT_TRUE(reopened);
  auto page = (*reopened)->list_messages("conv-1", 0, 100);
  ASSERT_TRUE(page);
  EXPECT_EQ(page->messages.size(), std::size_t{kGood});
  EXPECT_EQ((*reopened)->get_conversation("conv-1")->message_count, kGood);
  EXPECT_TRUE((*reopened)->list_messages("conv-closed", 0, 10)->messages.empty());
}

TEST_F(SqliteGroupCommit, ALoneWriteIsCommittedBeforeItIsAnswered) {
  const auto before = store_->write_stats();
  for (int i = 0; i < 5; ++i)
    ASSERT_TRUE(store_->append_message(make_message("m" + std::to_string(i), "conv-1", "x")));
  const auto after = store_->write_stats();
  EXPECT_EQ(after.transactions - before.transactions, 5u);
  EXPECT_EQ(after.requests - before.requests, 5u);
}

TEST_F(SqliteGroupCommit, MigrationsAreRecordedWithTheirVersion) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path().c_str(), &db), SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &stmt, nullptr), SQLITE_OK);
  ASSERT_EQ(sqlite3_step(stmt), SQLITE_ROW);
  EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)), "wal");
  sqlite3_finalize(stmt);
  ASSERT_EQ(sqlite3_prepare_v2(db, "SELECT version, applied_at FROM schema_migrations", -1, &stmt,
                               nullptr),
            SQLITE_OK);
  ASSERT_EQ(sqlite3_step(stmt), SQLITE_ROW);
  EXPECT_EQ(sqlite3_column_int(stmt, 0), 1);
  EXPECT_GT(sqlite3_column_int64(stmt, 1), 1'600'000'000'000'000) << "unix microseconds";
  sqlite3_finalize(stmt);
  sqlite3_close(db);
}

TEST(SqliteConnection, TheWriterCheckpointsEveryTenThousandWalPages) {
  const auto dir = std::filesystem::path(::testing::TempDir()) /
                   ("aicc_wal_checkpoint_" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const std::string path = (dir / "aicc.db").string();
  for (const bool read_only : {false, true}) {
    sqlite::ConnectionSettings settings;
    settings.read_only = read_only;
    auto conn = sqlite::Connection::open(path, settings);
    ASSERT_TRUE(conn) << conn.error().message;
    auto stmt = (*conn)->prepare("PRAGMA wal_autocheckpoint");
    ASSERT_TRUE(stmt);
    ASSERT_EQ(stmt->step(), SQLITE_ROW);
    // Read-only connections never commit, so SQLite's default stays there.
    EXPECT_EQ(stmt->i64(0), read_only ? 1000 : 10'000);
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace aicc::testing_support
