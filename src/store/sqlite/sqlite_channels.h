// The inbound-channel part of SqliteStore, as functions on one connection: writes run on
// the group-commit writer (each call in its own savepoint), reads on a reader.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "core/channel.h"
#include "store/sqlite/sqlite_connection.h"

namespace aicc::sqlite {

Result<Channel> insert_channel(Connection& conn, const Channel& c);
Result<Channel> load_channel(Connection& conn, std::string_view column, std::string_view value);
Result<std::vector<Channel>> load_channels(Connection& conn);
Result<Channel> save_channel(Connection& conn, const Channel& c);
Status remove_channel(Connection& conn, std::string_view id);
Result<std::optional<std::string>> load_contact_conversation(Connection& conn,
                                                             std::string_view channel_id,
                                                             std::string_view external_id);
Result<bool> link_contact(Connection& conn, const ChannelContact& contact,
                          const std::optional<std::string>& expected, TimePoint at);
Result<std::optional<ChannelContact>> load_contact_of(Connection& conn,
                                                      std::string_view conversation_id);

}  // namespace aicc::sqlite
