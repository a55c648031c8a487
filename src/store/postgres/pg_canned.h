// The canned-response part of the PostgreSQL store, as functions on one connection (the
// caller owns the transaction).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/canned_response.h"
#include "store/postgres/pg_connection.h"

namespace aicc::pg {

Result<std::size_t> seed_canned(PgConnection& conn, const std::vector<CannedResponse>& all);
Result<CannedResponse> insert_canned(PgConnection& conn, const CannedResponse& c);
Result<CannedResponse> load_canned(PgConnection& conn, std::string_view id);
Result<std::vector<CannedResponse>> list_canned(PgConnection& conn,
                                                const std::optional<std::string>& language);
Result<CannedResponse> save_canned(PgConnection& conn, const CannedResponse& c);
Status remove_canned(PgConnection& conn, std::string_view id);

}  // namespace aicc::pg
