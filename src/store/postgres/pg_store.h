// The PostgreSQL backend of the Store contract, for scale-out: several AICC nodes share
// one database. Every call leases a connection from a pool (StoreOptions.pool_size);
// writes run in transactions, appends lock the conversation row (SELECT … FOR UPDATE)
// so that concurrent appends, from any node, get consecutive seq numbers.
#pragma once

#include <memory>
#include <string>

#include "store/store.h"

namespace aicc {

// Connects to the "postgres://…" or "postgresql://…" URL (any libpq URI parameter
// works, e.g. "?sslmode=require&options=-csearch_path%3Dtenant1"). Does not migrate.
// kUnavailable, with libpq's reason and the password masked, if the server cannot be
// reached.
Result<std::unique_ptr<Store>> open_postgres_store(const std::string& url, int pool_size);

}  // namespace aicc
