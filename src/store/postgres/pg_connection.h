// One libpq connection: parameterised queries only (values never enter the SQL text),
// each statement prepared once per connection, errors mapped to store error codes.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/result.h"
#include "store/row_codec.h"

struct pg_conn;
struct pg_result;

namespace aicc::pg {

// Owns a PGresult. Rows and columns are numbered from 0.
class PgResult {
 public:
  explicit PgResult(pg_result* result) : result_(result) {}
  ~PgResult();
  PgResult(PgResult&& other) noexcept : result_(other.result_) { other.result_ = nullptr; }
  PgResult(const PgResult&) = delete;
  PgResult& operator=(const PgResult&) = delete;
  PgResult& operator=(PgResult&&) = delete;

  pg_result* get() const { return result_; }
  int rows() const;
  std::string text(int row, int column) const;
  bool is_null(int row, int column) const;

 private:
  pg_result* result_;
};

// One row of a result, the Row shape that row_codec.h expects.
class PgRow {
 public:
  PgRow(const PgResult& result, int row) : result_(result), row_(row) {}
  std::string text(int column) const { return result_.text(row_, column); }
  std::int64_t i64(int column) const;
  double real(int column) const;
  bool is_null(int column) const { return result_.is_null(row_, column); }

 private:
  const PgResult& result_;
  int row_;
};

class PgConnection {
 public:
  // Connects to `url`. `display_url` (password masked) is what error messages show.
  static Result<std::unique_ptr<PgConnection>> connect(const std::string& url,
                                                       const std::string& display_url);
  ~PgConnection();
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  // Runs a parameterised statement; the statement is prepared on first use.
  Result<PgResult> query(std::string_view sql, const std::vector<store::SqlValue>& params = {});
  // Runs SQL without parameters, possibly several statements (BEGIN, DDL, …).
  Status exec(std::string_view sql);

  // False once libpq has seen the connection break.
  bool healthy() const;
  // True when a transaction (or a failed one) is open on this connection.
  bool in_transaction() const;
  // Reconnects a broken connection with the same parameters.
  Status reconnect();
  // The libpq handle, for what this class does not wrap: waiting for LISTEN
  // notifications (pg_listener.cc).
  pg_conn* raw() const { return conn_; }

 private:
  PgConnection(pg_conn* conn, std::string display_url)
      : conn_(conn), display_url_(std::move(display_url)) {}
  Result<std::string> prepared_name(std::string_view sql, int param_count);
  // An error for a failed result (or a failed call when `result` is null).
  Error error(std::string_view what, const pg_result* result) const;

  pg_conn* conn_;
  std::string display_url_;
  std::unordered_map<std::string, std::string> prepared_;  // SQL → statement name
};

// The URL with any password replaced by "***", for messages and logs.
std::string mask_password(std::string_view url);

}  // namespace aicc::pg
