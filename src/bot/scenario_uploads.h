// Scenario definitions uploaded by admins: validated like bot/scenarios files (every
// problem reported, located by scenario, step and field), then checked together with the
// loaded scenarios (ids, intents claimed twice), written to the uploads directory
// (bot.scenarios_upload_dir, ./data/scenarios by default; one file per scenario id, so a
// second upload of an id replaces the first) and made active at once
// (BotEngine::replace_scenarios). At start the bot loads them after bot/scenarios.
//
// Thread-safe: uploads are serialised.
#pragma once

#include <filesystem>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "bot/bot_engine.h"
#include "scenario/load_error.h"
#include "scenario/loader.h"

namespace aicc::bot {

inline constexpr std::size_t kMaxScenarioUploadBytes = 256 * 1024;

struct UploadResult {
  bool valid = false;
  std::vector<scenario::LoadError> errors;  // when not valid
  std::string id;                           // when valid
  bool replaced = false;                    // a scenario with this id was active before
};

class ScenarioUploads {
 public:
  ScenarioUploads(BotEngine& bot, std::filesystem::path dir) : bot_(bot), dir_(std::move(dir)) {}

  // Validates only (nothing stored, nothing activated).
  UploadResult check(std::string_view text, scenario::SourceFormat format) const;
  // Validates, stores and activates. kUnavailable if the file cannot be written; an
  // invalid definition is not an error here: valid is false and errors lists why.
  Result<UploadResult> upload(std::string_view text, scenario::SourceFormat format);
  // The file a scenario came from (bot/scenarios or the uploads directory), and whether it
  // is an upload.
  bool is_upload(const scenario::Scenario& s) const;
  const std::filesystem::path& dir() const { return dir_; }

 private:
  // The scenario set with `s` added or replacing the one of its id, as an engine.
  UploadResult merge(const scenario::Scenario& s,
                     std::shared_ptr<const scenario::ScenarioEngine>* engine) const;

  BotEngine& bot_;
  const std::filesystem::path dir_;
  std::mutex mutex_;
};

}  // namespace aicc::bot
