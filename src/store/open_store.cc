#include "store/sqlite_store.h"
#include "store/store.h"

namespace aicc {

Result<std::unique_ptr<Store>> open_store(const StoreOptions& options) {
  const std::string& url = options.url;
  if (url.rfind("sqlite://", 0) == 0) return open_sqlite_store(url.substr(9));
  if (url.rfind("sqlite:", 0) == 0) return open_sqlite_store(url.substr(7));
  if (url.rfind("postgres://", 0) == 0 || url.rfind("postgresql://", 0) == 0)
    return make_error(ErrorCode::kUnavailable,
                      "the PostgreSQL backend is not built into this binary yet");
  if (url.find("://") != std::string::npos)
    return make_error(ErrorCode::kInvalidArgument,
                      "unknown store scheme in \"" + url + "\" (use sqlite:PATH or postgres://…)");
  return open_sqlite_store(url);  // a bare path
}

}  // namespace aicc
