// The default canned responses of the bot directory (bot/canned_responses.json), which
// seed the store at the first start (Store::seed_canned_responses).
#pragma once

#include <filesystem>
#include <vector>

#include "core/canned_response.h"
#include "core/clock.h"
#include "core/result.h"

namespace aicc::bot {

// Reads and validates the file: {"responses": [{"id", "language", "title", "text",
// "queue"?, "shortcut"?}, …]}. Every response gets `now` as its creation time. A missing
// file is an empty list; anything else wrong is kInvalidArgument naming the file and the
// entry (details.file, details.entry, details.field).
Result<std::vector<CannedResponse>> load_canned_responses(const std::filesystem::path& file,
                                                          TimePoint now);

}  // namespace aicc::bot
