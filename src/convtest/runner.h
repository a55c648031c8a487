// Runs stories against the real engine: each story is a new customer and conversation on
// a LocalBot (ChatService + BotTurns on a temporary SQLite store), with a manual clock set
// to the story's `now`, so relative dates and every other decision repeat exactly.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "bot/bot_engine.h"
#include "convtest/bot_reply.h"
#include "convtest/local_bot.h"
#include "convtest/story.h"
#include "core/clock.h"
#include "core/result.h"

namespace aicc::convtest {

struct CheckFailure {
  std::string key;
  std::string expected;
  std::string actual;
  int line = 0;
};

// The first turn whose expectations failed, with what the bot actually did. Later turns
// are not run: they would build on a conversation that already went elsewhere.
struct TurnFailure {
  int turn = 0;  // 1-based; 0 is the welcome
  int line = 0;
  std::string user;
  std::vector<CheckFailure> checks;
  bool replied = false;
  BotReply reply;               // when replied
  std::string no_reply_reason;  // when not: waiting_for_agent, conversation_closed …
};

struct StoryResult {
  const Story* story = nullptr;
  bool passed = false;
  int turns_run = 0;
  std::optional<TurnFailure> failure;
  std::string error;  // the engine or store refused a step (the story fails)
};

class StoryRunner {
 public:
  // `bot` must outlive the runner.
  static Result<std::unique_ptr<StoryRunner>> create(const bot::BotEngine& bot);
  StoryResult run(const Story& story);

 private:
  explicit StoryRunner(std::unique_ptr<ManualClock> clock) : clock_(std::move(clock)) {}

  std::unique_ptr<ManualClock> clock_;
  std::unique_ptr<LocalBot> local_;
};

}  // namespace aicc::convtest
