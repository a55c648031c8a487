// Intent training examples added by admins, kept apart from the bot's own intent files
// (bot/intents is authored data under version control; these are operational additions).
// Stored as JSON lines, {"intent": …, "text": …} per line, in bot.examples_file
// (./data/intent_examples.jsonl by default), rewritten atomically (temp file + rename) on
// every change, and trained on with the bot's examples at start and by every retrain.
//
// Thread-safe.
#pragma once

#include <filesystem>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "nlu/intent/dataset.h"

namespace aicc::bot {

inline constexpr std::size_t kMaxExampleBytes = 500;

struct AddedExample {
  std::string id;  // stable: derived from intent and text
  std::string intent;
  std::string text;
};

class IntentExamples {
 public:
  // Reads `path` if it exists (a missing file is an empty list). A bad line is an error
  // naming the file and line. An empty path: nothing can be added (kFailedPrecondition).
  static Result<IntentExamples> open(std::filesystem::path path);

  std::vector<AddedExample> list() const;
  nlu::Dataset dataset() const;
  // kInvalidArgument for blank, over-long, non-UTF-8 or control-character text (details.field
  // "text"); kConflict if the intent already has this text. `known` is the intent's own
  // examples (from bot/intents), which count as duplicates too.
  Result<AddedExample> add(std::string_view intent, std::string_view text,
                           const std::vector<std::string>& known);
  // kNotFound for an unknown id (or one of another intent).
  Result<AddedExample> remove(std::string_view intent, std::string_view id);
  const std::filesystem::path& path() const { return path_; }

  IntentExamples(IntentExamples&& other) noexcept;

 private:
  IntentExamples() = default;
  Status save_locked() const;
  std::filesystem::path path_;
  mutable std::mutex mutex_;
  std::vector<AddedExample> examples_;
};

// The id of an added example: 16 hex digits of a hash of intent and text.
std::string example_id(std::string_view intent, std::string_view text);

}  // namespace aicc::bot
