// Start-up entry point for the service: the intent model is loaded from its file when that
// file is valid and was trained on the current bot data; otherwise it is trained from the
// bot's intent files (well under a second for the default bot) and written back.
#pragma once

#include <filesystem>
#include <functional>
#include <string_view>

#include "core/result.h"
#include "nlu/intent/classifier.h"

namespace aicc::nlu {

struct LoadOrTrainOptions {
  TrainOptions train;       // used when (re)training
  bool write_model = true;  // save a freshly trained model to model_path
  // Examples trained on with the bot's (added by admins); part of the data fingerprint.
  Dataset extra;
  // One line on what happened ("loaded …", "trained …: reason"); may be empty.
  std::function<void(std::string_view)> log;
};

// Loads `model_path` if it holds a valid model whose data fingerprint matches the data in
// `bot_dir` (bot/intents); otherwise trains from `bot_dir` and, if write_model, saves it
// (a failure to save is logged, not fatal). Fails only if the bot data cannot be loaded or
// trained on. An empty model_path means "always train, never write".
Result<IntentClassifier> load_or_train(const std::filesystem::path& model_path,
                                       const std::filesystem::path& bot_dir,
                                       const LoadOrTrainOptions& options = {});

}  // namespace aicc::nlu
