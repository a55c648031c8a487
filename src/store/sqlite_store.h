// The embedded SQLite backend of the Store contract: one file, WAL journal,
// synchronous=FULL (an acknowledged write has reached the disk), foreign keys on.
// Appends use group commit: a writer thread commits every waiting append in one
// transaction (one fsync), each in its own savepoint, and then answers the callers.
// Other calls share the connection behind a mutex.
#pragma once

#include <memory>
#include <string>

#include "store/store.h"

namespace aicc {

// Opens (creating the file and its directory if needed) the database at `path`.
Result<std::unique_ptr<Store>> open_sqlite_store(const std::string& path);

}  // namespace aicc
