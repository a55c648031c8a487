// The canned-response part of SqliteStore, as functions on one connection: writes run on
// the group-commit writer (each call in its own savepoint), reads on a reader.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/canned_response.h"
#include "store/sqlite/sqlite_connection.h"

namespace aicc::sqlite {

Result<std::size_t> seed_canned(Connection& conn, const std::vector<CannedResponse>& all);
Result<CannedResponse> insert_canned(Connection& conn, const CannedResponse& c);
Result<CannedResponse> load_canned(Connection& conn, std::string_view id);
Result<std::vector<CannedResponse>> list_canned(Connection& conn,
                                                const std::optional<std::string>& language);
Result<CannedResponse> save_canned(Connection& conn, const CannedResponse& c);
Status remove_canned(Connection& conn, std::string_view id);

}  // namespace aicc::sqlite
