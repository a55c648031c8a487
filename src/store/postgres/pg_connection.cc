#include "store/postgres/pg_connection.h"

#include <libpq-fe.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <type_traits>

namespace aicc::pg {
namespace {

std::string trim(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

// Where the password sits in a postgres URL: "user:PASSWORD@host" or "password=PASSWORD".
struct Span {
  std::size_t pos = 0;
  std::size_t len = 0;
};

std::optional<Span> password_span(std::string_view url) {
  const auto key = url.find("password=");
  if (key != std::string_view::npos) {
    const auto start = key + 9;
    const auto end = std::min(url.find_first_of("& ", start), url.size());
    return Span{start, end - start};
  }
  const auto scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return std::nullopt;
  const auto start = scheme_end + 3;
  const auto authority = url.substr(start, url.find_first_of("/?#", start) - start);
  const auto at = authority.rfind('@');
  if (at == std::string_view::npos) return std::nullopt;
  const auto colon = authority.substr(0, at).find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  return Span{start + colon + 1, at - colon - 1};
}

std::string password_in(std::string_view url) {
  const auto span = password_span(url);
  return span ? std::string(url.substr(span->pos, span->len)) : std::string();
}

// Masks a password that a message quotes back (libpq may echo parts of the URL).
std::string replace_all(std::string text, const std::string& secret, std::string_view with) {
  if (secret.size() < 3) return text;  // too short to tell apart from ordinary text
  for (auto pos = text.find(secret); pos != std::string::npos;
       pos = text.find(secret, pos + with.size()))
    text.replace(pos, secret.size(), with);
  return text;
}

// SQLSTATE classes where retrying later may succeed.
bool is_transient(std::string_view sqlstate) {
  return sqlstate.starts_with("08") || sqlstate.starts_with("53") || sqlstate.starts_with("57P") ||
         sqlstate == "40001" || sqlstate == "40P01";
}

// Text-format parameter values; libpq wants NUL-terminated strings or null for NULL.
class Params {
 public:
  explicit Params(const std::vector<store::SqlValue>& values) {
    texts_.reserve(values.size());
    for (const auto& v : values) texts_.push_back(to_text(v));
    for (const auto& t : texts_) pointers_.push_back(t ? t->c_str() : nullptr);
  }
  int count() const { return static_cast<int>(pointers_.size()); }
  const char* const* values() const { return pointers_.data(); }
  // PostgreSQL text cannot hold NUL bytes; a silent cut would corrupt the value.
  bool has_nul() const {
    for (const auto& t : texts_)
      if (t && t->find('\0') != std::string::npos) return true;
    return false;
  }

 private:
  static std::optional<std::string> to_text(const store::SqlValue& value) {
    return std::visit(
        [](const auto& v) -> std::optional<std::string> {
          using T = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<T, std::monostate>) {
            return std::nullopt;
          } else if constexpr (std::is_same_v<T, std::string>) {
            return v;
          } else {
            std::array<char, 32> buf{};  // shortest form that reads back to the same value
            auto [end, ec] = std::to_chars(buf.data(), buf.data() + buf.size(), v);
            return std::string(buf.data(), end);
          }
        },
        value);
  }

  std::vector<std::optional<std::string>> texts_;
  std::vector<const char*> pointers_;
};

}  // namespace

PgResult::~PgResult() {
  PQclear(result_);
}

int PgResult::rows() const {
  return PQntuples(result_);
}

std::string PgResult::text(int row, int column) const {
  return std::string(PQgetvalue(result_, row, column),
                     static_cast<std::size_t>(PQgetlength(result_, row, column)));
}

bool PgResult::is_null(int row, int column) const {
  return PQgetisnull(result_, row, column) != 0;
}

std::int64_t PgRow::i64(int column) const {
  const std::string t = text(column);
  std::int64_t value = 0;
  std::from_chars(t.data(), t.data() + t.size(), value);
  return value;
}

double PgRow::real(int column) const {
  const std::string t = text(column);
  double value = 0;
  std::from_chars(t.data(), t.data() + t.size(), value);
  return value;
}

Result<std::unique_ptr<PgConnection>> PgConnection::connect(const std::string& url,
                                                            const std::string& display_url) {
  // Entries before "dbname" are defaults the URL may override; entries after it win.
  const char* const keywords[] = {"connect_timeout", "fallback_application_name", "dbname",
                                  "client_encoding", nullptr};
  const char* const values[] = {"10", "aicc", url.c_str(), "UTF8", nullptr};
  PGconn* conn = PQconnectdbParams(keywords, values, 1);
  if (conn == nullptr) return make_error(ErrorCode::kUnavailable, "libpq: out of memory");
  if (PQstatus(conn) != CONNECTION_OK) {
    const std::string reason = replace_all(trim(PQerrorMessage(conn)), password_in(url), "***");
    PQfinish(conn);
    return make_error(ErrorCode::kUnavailable,
                      "cannot connect to PostgreSQL at " + display_url + ": " + reason);
  }
  // Server notices ("relation already exists, skipping") are not errors; keep stderr quiet.
  PQsetNoticeProcessor(
      conn, [](void*, const char*) {}, nullptr);
  return std::unique_ptr<PgConnection>(new PgConnection(conn, display_url));
}

PgConnection::~PgConnection() {
  PQfinish(conn_);
}

bool PgConnection::healthy() const {
  return PQstatus(conn_) == CONNECTION_OK;
}

bool PgConnection::in_transaction() const {
  return PQtransactionStatus(conn_) != PQTRANS_IDLE;
}

Status PgConnection::reconnect() {
  prepared_.clear();  // prepared statements die with the server session
  PQreset(conn_);
  if (healthy()) return {};
  return make_error(ErrorCode::kUnavailable, "cannot reconnect to PostgreSQL at " + display_url_ +
                                                 ": " + trim(PQerrorMessage(conn_)));
}

Result<std::string> PgConnection::prepared_name(std::string_view sql, int param_count) {
  std::string key(sql);
  if (auto it = prepared_.find(key); it != prepared_.end()) return it->second;
  std::string name = "aicc_" + std::to_string(prepared_.size() + 1);
  PgResult result(PQprepare(conn_, name.c_str(), key.c_str(), param_count, nullptr));
  if (PQresultStatus(result.get()) != PGRES_COMMAND_OK)
    return tl::unexpected(error("prepare", result.get()));
  prepared_.emplace(std::move(key), name);
  return name;
}

Result<PgResult> PgConnection::query(std::string_view sql,
                                     const std::vector<store::SqlValue>& params) {
  const Params p(params);
  if (p.has_nul())
    return make_error(ErrorCode::kInvalidArgument, "text with a NUL byte cannot be stored");
  auto name = prepared_name(sql, p.count());
  if (!name) return tl::unexpected(name.error());
  PgResult result(PQexecPrepared(conn_, name->c_str(), p.count(), p.values(), nullptr, nullptr, 0));
  const auto status = PQresultStatus(result.get());
  if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK)
    return tl::unexpected(error("query", result.get()));
  return result;
}

Status PgConnection::exec(std::string_view sql) {
  const std::string text(sql);
  PgResult result(PQexec(conn_, text.c_str()));
  const auto status = PQresultStatus(result.get());
  if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK)
    return tl::unexpected(error("exec", result.get()));
  return {};
}

Error PgConnection::error(std::string_view what, const pg_result* result) const {
  const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  const char* constraint = result ? PQresultErrorField(result, PG_DIAG_CONSTRAINT_NAME) : nullptr;
  const std::string sqlstate = state ? state : "";
  std::string reason = result ? PQresultErrorMessage(result) : "";
  if (reason.empty()) reason = PQerrorMessage(conn_);
  ErrorCode code = ErrorCode::kInternal;
  if (!healthy() || is_transient(sqlstate)) {
    code = ErrorCode::kUnavailable;
  } else if (sqlstate.starts_with("23")) {
    code = ErrorCode::kConflict;  // integrity constraint violation
  }
  std::map<std::string, std::string> details{{"sqlstate", sqlstate}};
  if (constraint) details["constraint"] = constraint;
  return Error(code, "postgres: " + std::string(what) + ": " + trim(reason), std::move(details));
}

std::string mask_password(std::string_view url) {
  std::string masked(url);
  if (const auto span = password_span(url); span && span->len > 0)
    masked.replace(span->pos, span->len, "***");
  return masked;
}

}  // namespace aicc::pg
