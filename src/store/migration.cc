#include "store/migration.h"

#include <string>

namespace aicc::store {

int latest_version(std::span<const Migration> migrations) {
  return migrations.empty() ? 0 : migrations.back().version;
}

Status refuse_newer_schema(int database_version, int binary_version) {
  if (database_version <= binary_version) return {};
  return make_error(ErrorCode::kFailedPrecondition,
                    "the database schema is at version " + std::to_string(database_version) +
                        ", newer than this binary knows (" + std::to_string(binary_version) +
                        "); run a newer aicc or restore a matching backup",
                    {{"database_version", std::to_string(database_version)},
                     {"binary_version", std::to_string(binary_version)}});
}

}  // namespace aicc::store
