// open_store: URL dispatch and its errors, password masking, and (PostgreSQL) healing
// after the server drops the store's connections.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "contract_fixture.h"
#include "store/postgres/pg_connection.h"

namespace aicc::testing_support {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

Result<std::unique_ptr<Store>> open_url(const std::string& url, int pool_size = 2) {
  StoreOptions options;
  options.url = url;
  options.pool_size = pool_size;
  return open_store(options);
}

class OpenStore : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::path(::testing::TempDir()) /
           ("aicc_open_store_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path dir_;
};

TEST_F(OpenStore, UnknownSchemeIsInvalidArgument) {
  for (const char* url : {"mysql://root@localhost/aicc", "redis://x", "file://tmp/a.db"}) {
    auto store = open_url(url);
    ASSERT_FALSE(store) << url;
    EXPECT_EQ(store.error().code, ErrorCode::kInvalidArgument) << url;
  }
}

TEST_F(OpenStore, EverySqliteUrlFormOpensAndCreatesItsDirectory) {
  const std::vector<std::pair<std::string, std::filesystem::path>> forms = {
      {"sqlite:" + (dir_ / "a/b/one.db").string(), dir_ / "a/b/one.db"},
      {"sqlite://" + (dir_ / "c/two.db").string(), dir_ / "c/two.db"},
      {(dir_ / "d/e/three.db").string(), dir_ / "d/e/three.db"},
  };
  for (const auto& [url, file] : forms) {
    auto store = open_url(url);
    ASSERT_TRUE(store) << url << ": " << store.error().message;
    EXPECT_EQ((*store)->backend(), "sqlite");
    ASSERT_TRUE((*store)->migrate()) << url;
    EXPECT_TRUE(std::filesystem::exists(file)) << url;
  }
}

TEST_F(OpenStore, InMemorySqliteIsRefused) {
  auto store = open_url("sqlite::memory:");
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().code, ErrorCode::kInvalidArgument);
}

TEST_F(OpenStore, PoolSizeBelowOneIsInvalid) {
  auto store = open_url("sqlite:" + (dir_ / "x.db").string(), 0);
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().code, ErrorCode::kInvalidArgument);
}

TEST_F(OpenStore, UnreachablePostgresIsUnavailableWithThePasswordMasked) {
  // Port 1 on the loopback refuses at once: no server needed for this case.
  for (const char* url : {"postgresql://aicc:s3cret-pw@127.0.0.1:1/aicc",
                          "postgres://127.0.0.1:1/aicc?user=aicc&password=s3cret-pw"}) {
    auto store = open_url(url);
    ASSERT_FALSE(store) << url;
    EXPECT_EQ(store.error().code, ErrorCode::kUnavailable);
    EXPECT_THAT(store.error().message, Not(HasSubstr("s3cret-pw")));
    EXPECT_THAT(store.error().message, HasSubstr("***"));
    EXPECT_THAT(store.error().message, HasSubstr("127.0.0.1"));
  }
}

TEST(MaskPassword, HidesPasswordsAndKeepsTheRest) {
  EXPECT_EQ(pg::mask_password("postgresql://u:pw@h:5432/db"), "postgresql://u:***@h:5432/db");
  EXPECT_EQ(pg::mask_password("postgres://u:p%40ss@h/db?sslmode=require"),
            "postgres://u:***@h/db?sslmode=require");
  EXPECT_EQ(pg::mask_password("postgresql://h/db?user=u&password=pw&sslmode=require"),
            "postgresql://h/db?user=u&password=***&sslmode=require");
  EXPECT_EQ(pg::mask_password("postgresql://u@h/db"), "postgresql://u@h/db");
  EXPECT_EQ(pg::mask_password("postgresql://h/db"), "postgresql://h/db");
}

// PostgreSQL only; same rule as the contract: fail unless skipping is allowed.
class PostgresHealing : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto pg = postgres_availability();
    if (!pg.problem.empty()) {
      if (pg.allow_missing) GTEST_SKIP() << "AICC_TEST_ALLOW_NO_PG=1: " << pg.problem;
      FAIL() << pg.problem;
    }
    auto db = make_test_database("postgres");
    ASSERT_TRUE(db) << db.error().message;
    db_ = std::move(*db);
    auto store = open_test_store(*db_, 2);
    ASSERT_TRUE(store) << store.error().message;
    store_ = std::move(*store);
    ASSERT_TRUE(store_->migrate());
  }
  void TearDown() override {
    store_.reset();
    db_.reset();
  }
  std::unique_ptr<TestDatabase> db_;
  std::unique_ptr<Store> store_;
};

TEST_F(PostgresHealing, ReconnectsAfterTheServerDropsItsConnections) {
  ASSERT_TRUE(store_->create_customer(make_customer("cust-1")));
  ASSERT_TRUE(store_->create_conversation(make_conversation("conv-1", "cust-1")));
  auto dropped = db_->drop_store_connections();
  ASSERT_TRUE(dropped) << dropped.error().message;
  EXPECT_GE(*dropped, 1);

  // Reads and the start of a transaction are safe to retry on a fresh connection.
  EXPECT_TRUE(store_->ping());
  auto customer = store_->get_customer("cust-1");
  EXPECT_TRUE(customer) << customer.error().message;
  ASSERT_TRUE(db_->drop_store_connections());
  auto appended = store_->append_message(make_message("m1", "conv-1", "still here"));
  ASSERT_TRUE(appended) << appended.error().message;
  EXPECT_EQ(appended->message.seq, 1);
}

}  // namespace
}  // namespace aicc::testing_support
