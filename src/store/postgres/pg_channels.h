// The inbound-channel part of the PostgreSQL store, as functions on one connection (the
// caller owns the transaction).
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "core/channel.h"
#include "store/postgres/pg_connection.h"

namespace aicc::pg {

Result<Channel> insert_channel(PgConnection& conn, const Channel& c);
Result<Channel> load_channel(PgConnection& conn, std::string_view column, std::string_view value);
Result<std::vector<Channel>> load_channels(PgConnection& conn);
Result<Channel> save_channel(PgConnection& conn, const Channel& c);
Status remove_channel(PgConnection& conn, std::string_view id);
Result<std::optional<std::string>> load_contact_conversation(PgConnection& conn,
                                                             std::string_view channel_id,
                                                             std::string_view external_id);
Result<bool> link_contact(PgConnection& conn, const ChannelContact& contact,
                          const std::optional<std::string>& expected, TimePoint at);
Result<std::optional<ChannelContact>> load_contact_of(PgConnection& conn,
                                                      std::string_view conversation_id);

}  // namespace aicc::pg
