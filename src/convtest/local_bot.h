// The default bot running in-process, exactly as the server runs it — a ChatService with
// BotTurns on a real SQLite store — but without the network: for conversation tests
// (`aicc test conversations`) and the terminal chat (`aicc chat`). The store is a
// temporary file, created and migrated on open and deleted with the LocalBot, so every
// turn goes through the same persistence (dialogue state, optimistic lock) as in
// production.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "bot/bot_engine.h"
#include "core/clock.h"
#include "core/customer.h"
#include "core/ids.h"
#include "core/random.h"
#include "core/result.h"
#include "service/bot_turns.h"
#include "service/chat_service.h"
#include "store/store.h"

namespace aicc::convtest {

// Loads the bot from `dir` with its intent model trained in memory (no model file is read
// or written), so a run always reflects the bot data as it is on disk.
Result<std::unique_ptr<bot::BotEngine>> load_bot_in_memory(const std::filesystem::path& dir);

class LocalBot {
 public:
  // `bot` and `clock` must outlive the LocalBot. Ids come from a seeded generator so runs
  // repeat exactly.
  static Result<std::unique_ptr<LocalBot>> open(const bot::BotEngine& bot, const Clock& clock);
  ~LocalBot();
  LocalBot(const LocalBot&) = delete;
  LocalBot& operator=(const LocalBot&) = delete;

  // A new customer and conversation; the returned messages hold the bot's welcome.
  // `language`: "ko", "en" or empty (detected from the first message).
  Result<OpenedConversation> open_conversation(const std::string& language,
                                               std::optional<CustomerTier> tier);
  // One customer message and the bot's reply (none once people handle the conversation).
  Result<PostedMessage> say(const std::string& conversation_id, const std::string& text);
  Result<Conversation> conversation(const std::string& conversation_id);

  // The chat engine and its store, for callers that drive conversations their own way
  // (the Connect flow simulator).
  ChatService& chat() { return chat_; }
  Store& store() { return *store_; }

 private:
  LocalBot(std::filesystem::path dir, std::unique_ptr<Store> store, const bot::BotEngine& bot,
           const Clock& clock);

  std::filesystem::path dir_;  // the temporary directory holding the SQLite file
  std::unique_ptr<Store> store_;
  SeededRandom random_{20240115};
  IdGenerator ids_;
  BotTurns turns_;
  ChatService chat_;
  std::uint64_t sent_ = 0;  // for client message ids
};

}  // namespace aicc::convtest
