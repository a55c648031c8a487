// Training and evaluation data for the intent classifier, and the file formats it comes in.
//
// Every format uses the label `out_of_scope` (alias `oos`) for messages that belong to no
// intent. A malformed file is rejected as a whole with an ErrorCode::kInvalidArgument whose
// message names the file, the line (where the format has lines) and the reason; the details
// carry "file", "line" and "reason" separately.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace aicc::nlu {

inline constexpr std::string_view kOutOfScope = "out_of_scope";

struct Example {
  std::string text;
  std::string label;  // an intent name, or kOutOfScope
};

struct Dataset {
  std::vector<Example> examples;
  // Per-intent confidence thresholds declared by the data (bot intent files); they override
  // the built-in defaults but not thresholds given on the command line.
  std::map<std::string, float> thresholds;

  std::size_t size() const { return examples.size(); }
  // Sorted distinct labels, kOutOfScope included if present.
  std::vector<std::string> labels() const;
  void append(const Dataset& other);
};

// Maps "oos"/"OOS"/"out-of-scope" to kOutOfScope; trims other labels.
std::string canonical_label(std::string_view label);

// CSV (comma) or TSV (tab) with a header row; the text column is `text`, the label column
// `label`, `intent` or `category`. CSV fields may be double-quoted ("" escapes a quote).
Result<Dataset> parse_delimited(std::string_view content, char delimiter, std::string_view file);

// One JSON object per line: {"text": "...", "intent": "..."} ("label" is accepted too).
// Blank lines are skipped.
Result<Dataset> parse_jsonl(std::string_view content, std::string_view file);

// The CLINC150 layout: {"train": [[text, label], ...], "oos_train": [...], ...}.
// `splits` names the keys to take, e.g. {"train", "oos_train"}; an unknown split is an error
// that lists the available ones.
Result<Dataset> parse_clinc150(std::string_view content, const std::vector<std::string>& splits,
                               std::string_view file);

// A bot intent file (bot/intents/<intent>.json):
//   {"intent": "greeting", "description": "...", "threshold": 0.7,
//    "examples": {"ko": ["안녕하세요", ...], "en": ["hello", ...]}}
// "examples" may also be a flat array; "threshold" and "description" are optional.
Result<Dataset> parse_intent_json(std::string_view content, std::string_view file);

// A plain intent file (bot/intents/<intent>.txt): one example per line, the intent is the
// file name; blank lines and lines starting with '#' are skipped.
Result<Dataset> parse_intent_text(std::string_view content, std::string_view intent,
                                  std::string_view file);

// Loads a data set named by a spec:
//   DIR                           every *.json and *.txt intent file in DIR (sorted by name)
//   FILE.csv | FILE.tsv | FILE.jsonl
//   FILE.json                     a bot intent file, or CLINC150 layout (train+oos_train)
//   clinc150:FILE.json:SPLIT[+SPLIT...]   e.g. clinc150:data_full.json:test+oos_test
// kNotFound if a file is missing, kInvalidArgument if it is malformed or empty.
Result<Dataset> load_dataset(std::string_view spec);

// Deterministic stratified split into `folds` folds: returns, for every example, its fold.
std::vector<int> stratified_folds(const Dataset& data, int folds, std::uint64_t seed);

}  // namespace aicc::nlu
