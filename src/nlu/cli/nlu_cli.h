// `aicc nlu …`: train, evaluate and try the intent classifier from the command line.
//
//   aicc nlu train DATA… -o MODEL [--seed N] [--threshold auto|X]
//   aicc nlu eval --train A --test B [--baseline fasttext] [--json]
//   aicc nlu eval --data A --folds 5
//   aicc nlu predict "text" [--model M | --bot DIR]
//
// DATA specs are those of nlu::load_dataset (bot intent directory, .csv/.tsv/.jsonl,
// clinc150:FILE:SPLIT+SPLIT). Errors go to stderr and end the program with a non-zero status
// (through CLI::RuntimeError, which the caller's CLI11 error handling turns into the code).
#pragma once

#include <functional>
#include <string>
#include <string_view>

namespace CLI {
class App;
}

namespace aicc::nlu {

// Extra analysers for `predict` output. Each returns a JSON text (an array for entities, an
// object or null for sentiment) for the message and its detected language ("ko"/"en").
// The entities (src/nlu/entities) and sentiment (src/nlu/sentiment) modules fill these when
// they are linked into the program; left empty, `predict` prints "entities": [] and
// "sentiment": null.
// `mask`, when set, returns the message as `predict` may echo it: card and resident
// registration numbers (and contact details) masked, so they never reach a terminal or a log
// in clear. Entity spans still index the message as given.
struct PredictHooks {
  std::function<std::string(std::string_view text, std::string_view language)> entities;
  std::function<std::string(std::string_view text, std::string_view language)> sentiment;
  std::function<std::string(std::string_view text)> mask;
};

// Registers the `nlu` command group with train, eval and predict on `app`.
void add_nlu_commands(CLI::App& app);
void add_nlu_commands(CLI::App& app, PredictHooks hooks);

}  // namespace aicc::nlu
