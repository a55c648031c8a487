// One SQLite connection and its cache of prepared statements. A connection is used by
// one thread at a time (the writer thread, or whoever leased it from the reader pool),
// so it is opened without SQLite's own per-connection mutex.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/result.h"
#include "store/row_codec.h"

namespace aicc::sqlite {

// A statement borrowed from a connection's cache. Its destructor resets it, so that a
// finished or abandoned query never keeps a read transaction (an old WAL snapshot) open.
class Statement {
 public:
  explicit Statement(sqlite3_stmt* stmt) : stmt_(stmt) {}
  ~Statement();
  Statement(Statement&& other) noexcept : stmt_(other.stmt_) { other.stmt_ = nullptr; }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  Statement& operator=(Statement&&) = delete;

  // Parameters are numbered from 1, as in SQLite.
  Statement& bind_value(int index, const store::SqlValue& value);
  Statement& bind(int index, std::string_view text);
  Statement& bind(int index, std::int64_t value);
  // Binds values[0..n) to parameters first..first+n-1.
  Statement& bind_all(const std::vector<store::SqlValue>& values, int first = 1);

  // SQLITE_ROW, SQLITE_DONE or an error code (extended).
  int step();

  // Row accessors (columns numbered from 0), the Row shape that row_codec.h expects.
  std::string text(int column) const;
  std::int64_t i64(int column) const;
  double real(int column) const;
  bool is_null(int column) const;

 private:
  sqlite3_stmt* stmt_;
};

struct ConnectionSettings {
  bool read_only = false;
  int busy_timeout_ms = 5000;
  // "FULL": every commit fsyncs the WAL, so an acknowledged write survives a crash of
  // the process and of the machine. "NORMAL" risks the last commits on power loss.
  std::string synchronous = "FULL";
  // WAL pages (4 KiB) after which a commit checkpoints them into the database file
  // (read-write connections). SQLite's default is 1,000; 10,000 (a WAL of up to ≈ 40 MiB)
  // copies a page written by many commits once instead of ten times, which is what takes
  // durable appends past 10,000/s (docs/benchmarks.md, round 3, has the measurements).
  int wal_autocheckpoint_pages = 10'000;
};

class Connection {
 public:
  // Opens (read-write: also creates) the database file and applies the settings:
  // WAL journal, foreign keys on, busy timeout, synchronous level.
  static Result<std::unique_ptr<Connection>> open(const std::string& path,
                                                  const ConnectionSettings& settings);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // A cached prepared statement for `sql` (prepared on first use).
  Result<Statement> prepare(std::string_view sql);
  // Runs one or more statements that return no rows (DDL, BEGIN, SAVEPOINT, …).
  Status exec(std::string_view sql);
  // Runs one statement that returns no rows from the statement cache: for the
  // transaction control (SAVEPOINT, RELEASE, COMMIT …) the writer repeats per request,
  // which exec() would parse again every time.
  Status exec_prepared(std::string_view sql);

  // An error for a failed SQLite call: constraint violations become kConflict, a busy
  // or locked database kUnavailable, everything else kInternal.
  Error error(std::string_view what, int rc) const;
  Error error(std::string_view what) const;

  // True when no transaction is open (SQLite rolls a transaction back by itself after
  // some errors, e.g. a full disk).
  bool in_autocommit() const { return sqlite3_get_autocommit(db_) != 0; }

 private:
  explicit Connection(sqlite3* db) : db_(db) {}

  sqlite3* db_;
  // Looked up by string_view: a cache hit costs a hash, not a copy of the SQL.
  struct SqlHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view sql) const {
      return std::hash<std::string_view>{}(sql);
    }
  };
  std::unordered_map<std::string, sqlite3_stmt*, SqlHash, std::equal_to<>> cache_;
};

// True for SQLITE_CONSTRAINT and its extended codes.
inline bool is_constraint(int rc) {
  return (rc & 0xff) == SQLITE_CONSTRAINT;
}

}  // namespace aicc::sqlite
