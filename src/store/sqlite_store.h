// The embedded SQLite backend of the Store contract: one file, WAL journal,
// synchronous=FULL (an acknowledged write has reached the disk), foreign keys on.
// One connection serialises writers and readers behind a mutex; SQLite's own WAL
// fsync is the durability point.
#pragma once

#include <memory>
#include <string>

#include "store/store.h"

namespace aicc {

// Opens (creating the file and its directory if needed) the database at `path`.
Result<std::unique_ptr<Store>> open_sqlite_store(const std::string& path);

}  // namespace aicc
