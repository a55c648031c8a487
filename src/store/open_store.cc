// open_store: picks the backend from the URL scheme.
#include <string>
#include <string_view>

#include "store/postgres/pg_store.h"
#include "store/sqlite/sqlite_store.h"
#include "store/store.h"

namespace aicc {
namespace {

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

// True if `url` starts with "scheme://" (RFC 3986 scheme characters).
bool has_scheme(std::string_view url) {
  const auto end = url.find("://");
  if (end == std::string_view::npos || end == 0) return false;
  const auto is_alpha = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  if (!is_alpha(url[0])) return false;
  for (char c : url.substr(1, end - 1))
    if (!is_alpha(c) && !(c >= '0' && c <= '9') && c != '+' && c != '-' && c != '.') return false;
  return true;
}

}  // namespace

Result<std::unique_ptr<Store>> open_store(const StoreOptions& options) {
  if (options.pool_size < 1)
    return make_error(ErrorCode::kInvalidArgument, "store pool_size must be at least 1");
  const std::string& url = options.url;
  if (starts_with(url, "postgres://") || starts_with(url, "postgresql://"))
    return open_postgres_store(url, options.pool_size);
  if (starts_with(url, "sqlite://")) return open_sqlite_store(url.substr(9), options.pool_size);
  if (starts_with(url, "sqlite:")) return open_sqlite_store(url.substr(7), options.pool_size);
  if (has_scheme(url))
    return make_error(ErrorCode::kInvalidArgument,
                      "unknown store scheme in \"" + url.substr(0, url.find("://")) +
                          "://…\" (use sqlite:PATH or postgresql://user@host:port/db)");
  return open_sqlite_store(url, options.pool_size);  // a bare path
}

}  // namespace aicc
