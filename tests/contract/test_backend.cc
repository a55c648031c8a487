#include "test_backend.h"

#include <libpq-fe.h>
#include <sqlite3.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <random>

#include <gtest/gtest.h>

namespace aicc::testing_support {
namespace {

// A name no other test process (ctest runs them in parallel) will pick.
std::string unique_name(std::string_view prefix) {
  static std::atomic<int> counter{0};
  std::random_device random;
  return std::string(prefix) + std::to_string(::getpid()) + "_" + std::to_string(++counter) + "_" +
         std::to_string(random() % 1000000);
}

class SqliteTestDatabase final : public TestDatabase {
 public:
  SqliteTestDatabase()
      : dir_(std::filesystem::path(::testing::TempDir()) / unique_name("aicc_contract_")),
        path_((dir_ / "aicc.db").string()),
        url_("sqlite:" + path_) {}
  ~SqliteTestDatabase() override {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

  const std::string& url() const override { return url_; }

  Status execute(std::string_view sql) override {
    return with_connection([&](sqlite3* db) -> Result<std::int64_t> {
             char* message = nullptr;
             if (sqlite3_exec(db, std::string(sql).c_str(), nullptr, nullptr, &message) ==
                 SQLITE_OK)
               return 0;
             std::string reason = message ? message : "unknown";
             sqlite3_free(message);
             return make_error(ErrorCode::kInternal, reason);
           })
        .map([](std::int64_t) {});
  }

  Result<std::int64_t> query_int(std::string_view sql) override {
    return with_connection([&](sqlite3* db) -> Result<std::int64_t> {
      sqlite3_stmt* stmt = nullptr;
      if (sqlite3_prepare_v2(db, std::string(sql).c_str(), -1, &stmt, nullptr) != SQLITE_OK)
        return make_error(ErrorCode::kInternal, sqlite3_errmsg(db));
      Result<std::int64_t> value = make_error(ErrorCode::kNotFound, "no row");
      if (sqlite3_step(stmt) == SQLITE_ROW) value = sqlite3_column_int64(stmt, 0);
      sqlite3_finalize(stmt);
      return value;
    });
  }

 private:
  template <typename Fn>
  Result<std::int64_t> with_connection(Fn&& fn) {
    sqlite3* db = nullptr;
    if (sqlite3_open(path_.c_str(), &db) != SQLITE_OK) {
      sqlite3_close(db);
      return make_error(ErrorCode::kUnavailable, "cannot open " + path_);
    }
    sqlite3_busy_timeout(db, 5000);
    auto result = fn(db);
    sqlite3_close(db);
    return result;
  }

  std::filesystem::path dir_;
  std::string path_;
  std::string url_;
};

class PostgresTestDatabase final : public TestDatabase {
 public:
  static Result<std::unique_ptr<TestDatabase>> create(const std::string& base_url) {
    PGconn* admin = PQconnectdb(base_url.c_str());
    if (PQstatus(admin) != CONNECTION_OK) {
      std::string reason = PQerrorMessage(admin);
      PQfinish(admin);
      return make_error(ErrorCode::kUnavailable, "cannot connect to " + base_url + ": " + reason);
    }
    std::unique_ptr<PostgresTestDatabase> db(new PostgresTestDatabase(admin, base_url));
    // The schema name is generated here, never taken from outside: safe to splice.
    if (auto st =
            db->execute("CREATE SCHEMA " + db->schema_ + "; SET search_path TO " + db->schema_);
        !st)
      return tl::unexpected(st.error());
    return std::unique_ptr<TestDatabase>(std::move(db));
  }

  ~PostgresTestDatabase() override {
    (void)execute("DROP SCHEMA " + schema_ + " CASCADE");
    PQfinish(admin_);
  }

  const std::string& url() const override { return url_; }

  Status execute(std::string_view sql) override {
    PGresult* r = PQexec(admin_, std::string(sql).c_str());
    const bool ok = PQresultStatus(r) == PGRES_COMMAND_OK || PQresultStatus(r) == PGRES_TUPLES_OK;
    std::string reason = PQresultErrorMessage(r);
    PQclear(r);
    if (ok) return {};
    return make_error(ErrorCode::kInternal, reason);
  }

  Result<std::int64_t> query_int(std::string_view sql) override {
    PGresult* r = PQexec(admin_, std::string(sql).c_str());
    Result<std::int64_t> value = make_error(ErrorCode::kInternal, PQresultErrorMessage(r));
    if (PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) > 0)
      value = std::stoll(PQgetvalue(r, 0, 0));
    PQclear(r);
    return value;
  }

  Result<int> drop_store_connections() override {
    auto n = query_int(
        "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = '" +
        schema_ + "'");
    if (!n) return tl::unexpected(n.error());
    return static_cast<int>(*n);
  }

 private:
  PostgresTestDatabase(PGconn* admin, const std::string& base_url)
      : admin_(admin), schema_(unique_name("aicc_t_")) {
    PQsetNoticeProcessor(
        admin_, [](void*, const char*) {}, nullptr);
    // options=-c search_path=<schema>; application_name lets a test find the store's
    // own server connections.
    url_ = base_url + (base_url.find('?') == std::string::npos ? "?" : "&") +
           "options=-c%20search_path%3D" + schema_ + "&application_name=" + schema_;
  }

  PGconn* admin_;
  std::string schema_;
  std::string url_;
};

}  // namespace

PostgresAvailability postgres_availability() {
  PostgresAvailability a;
  const char* url = std::getenv("AICC_TEST_PG_URL");
  const char* allow = std::getenv("AICC_TEST_ALLOW_NO_PG");
  a.url = url ? url : "";
  a.allow_missing = allow && std::string_view(allow) == "1";
  if (a.url.empty())
    a.problem =
        "AICC_TEST_PG_URL is not set, so the PostgreSQL half of the storage contract cannot "
        "run. Start a server with `source scripts/lib/pg.sh && pg_start` (it exports the "
        "variable), or set AICC_TEST_ALLOW_NO_PG=1 to skip PostgreSQL knowingly.";
  return a;
}

Result<std::unique_ptr<TestDatabase>> make_test_database(std::string_view backend) {
  if (backend == "sqlite") return std::unique_ptr<TestDatabase>(new SqliteTestDatabase());
  if (backend == "postgres") {
    const auto pg = postgres_availability();
    if (!pg.problem.empty()) return make_error(ErrorCode::kFailedPrecondition, pg.problem);
    return PostgresTestDatabase::create(pg.url);
  }
  return make_error(ErrorCode::kInvalidArgument, "unknown backend " + std::string(backend));
}

Result<std::unique_ptr<Store>> open_test_store(const TestDatabase& db, int pool_size) {
  StoreOptions options;
  options.url = db.url();
  options.pool_size = pool_size;
  return open_store(options);
}

}  // namespace aicc::testing_support
