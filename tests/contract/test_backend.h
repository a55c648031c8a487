// Fresh, empty databases for the contract tests, one per test:
//   sqlite   — a new file in a new temporary directory;
//   postgres — a new schema in the database named by AICC_TEST_PG_URL, selected through
//              the URL's search_path, dropped at the end (fast, and tests running in
//              parallel never see each other's rows).
// Each also gives raw SQL access to the same database, for what the Store interface
// deliberately cannot do (e.g. pretend a newer binary migrated it).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/result.h"
#include "store/store.h"

namespace aicc::testing_support {

class TestDatabase {
 public:
  virtual ~TestDatabase() = default;
  // The store URL of this database.
  virtual const std::string& url() const = 0;
  // Runs SQL without results directly against the database.
  virtual Status execute(std::string_view sql) = 0;
  // Runs a query whose first column of the first row is an integer.
  virtual Result<std::int64_t> query_int(std::string_view sql) = 0;
  // PostgreSQL only: drops every server connection the store under test holds, as a
  // server restart would. Returns how many were dropped.
  virtual Result<int> drop_store_connections() {
    return make_error(ErrorCode::kFailedPrecondition, "not supported by this backend");
  }
};

// What to do about the PostgreSQL cases in this run.
struct PostgresAvailability {
  std::string url;      // AICC_TEST_PG_URL, empty if unset
  bool allow_missing;   // AICC_TEST_ALLOW_NO_PG=1
  std::string problem;  // why PostgreSQL cases cannot run, empty if they can
};
PostgresAvailability postgres_availability();

// A fresh database for "sqlite" or "postgres".
Result<std::unique_ptr<TestDatabase>> make_test_database(std::string_view backend);

// Opens the store of `db` (not migrated).
Result<std::unique_ptr<Store>> open_test_store(const TestDatabase& db, int pool_size = 8);

}  // namespace aicc::testing_support
