#include "store/sqlite/sqlite_connection.h"

#include <string>
#include <type_traits>

namespace aicc::sqlite {

Statement::~Statement() {
  if (stmt_ == nullptr) return;
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

Statement& Statement::bind_value(int index, const store::SqlValue& value) {
  std::visit(
      [&](const auto& v) {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::monostate>) {
          sqlite3_bind_null(stmt_, index);
        } else if constexpr (std::is_same_v<T, std::int64_t>) {
          sqlite3_bind_int64(stmt_, index, v);
        } else if constexpr (std::is_same_v<T, double>) {
          sqlite3_bind_double(stmt_, index, v);
        } else {
          bind(index, std::string_view(v));
        }
      },
      value);
  return *this;
}

Statement& Statement::bind(int index, std::string_view text) {
  // SQLITE_TRANSIENT: SQLite copies the bytes, so the caller's string may go away.
  sqlite3_bind_text64(stmt_, index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  return *this;
}

Statement& Statement::bind(int index, std::int64_t value) {
  sqlite3_bind_int64(stmt_, index, value);
  return *this;
}

Statement& Statement::bind_all(const std::vector<store::SqlValue>& values, int first) {
  for (std::size_t i = 0; i < values.size(); ++i)
    bind_value(first + static_cast<int>(i), values[i]);
  return *this;
}

int Statement::step() {
  return sqlite3_step(stmt_);
}

std::string Statement::text(int column) const {
  const unsigned char* p = sqlite3_column_text(stmt_, column);
  if (p == nullptr) return {};
  const int size = sqlite3_column_bytes(stmt_, column);  // after column_text, per the docs
  return std::string(reinterpret_cast<const char*>(p), static_cast<std::size_t>(size));
}

std::int64_t Statement::i64(int column) const {
  return sqlite3_column_int64(stmt_, column);
}

double Statement::real(int column) const {
  return sqlite3_column_double(stmt_, column);
}

bool Statement::is_null(int column) const {
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

Result<std::unique_ptr<Connection>> Connection::open(const std::string& path,
                                                     const ConnectionSettings& settings) {
  const int flags =
      (settings.read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) |
      SQLITE_OPEN_NOMUTEX;
  sqlite3* db = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string reason = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close_v2(db);
    return make_error(ErrorCode::kUnavailable,
                      "cannot open SQLite database " + path + ": " + reason);
  }
  std::unique_ptr<Connection> conn(new Connection(db));
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, settings.busy_timeout_ms);
  std::string pragmas = "PRAGMA foreign_keys=ON;";
  // The journal mode is a property of the file: the read-write connection sets it.
  if (!settings.read_only) {
    pragmas += "PRAGMA journal_mode=WAL;";
    pragmas +=
        "PRAGMA wal_autocheckpoint=" + std::to_string(settings.wal_autocheckpoint_pages) + ";";
  }
  pragmas += "PRAGMA synchronous=" + settings.synchronous + ";";
  // Savepoint and statement journals in memory: the writer's per-request SAVEPOINT
  // otherwise spills a sub-journal into a temporary file that is created, written and
  // deleted once per group commit (they are never needed after a crash).
  pragmas += "PRAGMA temp_store=MEMORY;";
  if (auto st = conn->exec(pragmas); !st) {
    return make_error(ErrorCode::kUnavailable,
                      "cannot use SQLite database " + path + ": " + st.error().message);
  }
  return conn;
}

Connection::~Connection() {
  for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
  sqlite3_close_v2(db_);
}

Result<Statement> Connection::prepare(std::string_view sql) {
  if (auto it = cache_.find(sql); it != cache_.end()) return Statement(it->second);
  std::string key(sql);
  sqlite3_stmt* stmt = nullptr;
  const int rc = sqlite3_prepare_v3(db_, key.data(), static_cast<int>(key.size()),
                                    SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
  if (rc != SQLITE_OK) {
    sqlite3_finalize(stmt);
    return tl::unexpected(error("prepare", rc));
  }
  cache_.emplace(std::move(key), stmt);
  return Statement(stmt);
}

Status Connection::exec(std::string_view sql) {
  const std::string text(sql);
  char* message = nullptr;
  const int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &message);
  if (rc == SQLITE_OK) return {};
  std::string reason = message != nullptr ? message : sqlite3_errstr(rc);
  sqlite3_free(message);
  Error e = error("exec", rc);
  e.message = "sqlite: " + reason;
  return tl::unexpected(std::move(e));
}

Status Connection::exec_prepared(std::string_view sql) {
  auto stmt = prepare(sql);
  if (!stmt) return tl::unexpected(stmt.error());
  const int rc = stmt->step();
  if (rc == SQLITE_DONE || rc == SQLITE_ROW) return {};
  Error e = error("exec", rc);
  e.message = std::string("sqlite: ") + sqlite3_errmsg(db_);  // the same words as exec()
  return tl::unexpected(std::move(e));
}

Error Connection::error(std::string_view what, int rc) const {
  ErrorCode code = ErrorCode::kInternal;
  const int primary = rc & 0xff;
  if (primary == SQLITE_CONSTRAINT) code = ErrorCode::kConflict;
  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) code = ErrorCode::kUnavailable;
  // The machine, not the request: a full disk, a file that cannot grow or be written, an I/O
  // error. The write is refused whole (nothing half-stored) and may succeed once fixed.
  if (primary == SQLITE_FULL || primary == SQLITE_IOERR || primary == SQLITE_READONLY ||
      primary == SQLITE_CANTOPEN)
    code = ErrorCode::kUnavailable;
  return Error(code, "sqlite: " + std::string(what) + ": " + sqlite3_errmsg(db_),
               {{"sqlite_code", std::to_string(rc)}});
}

Error Connection::error(std::string_view what) const {
  return error(what, sqlite3_extended_errcode(db_));
}

}  // namespace aicc::sqlite
