// Pieces shared by the `nlu` subcommands (private to src/nlu/cli).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "core/result.h"
#include "nlu/intent/classifier.h"

namespace aicc::nlu::cli {

// Training flags common to `train` and `eval`.
struct TrainFlags {
  std::uint64_t seed = 42;
  int epochs = 0;            // 0: the library default
  float lr = 0;              // 0: the library default
  float l2 = -1;             // <0: the library default
  std::string loss;          // "": the library default
  std::string arch;          // "": linear; "linear" or "mlp"
  int hidden = 0;            // 0: the library default (MLP)
  std::string optimizer;     // "": the library default (MLP); "sgd" or "adam"
  float dropout = -1;        // <0: the library default (MLP)
  float init_scale = -1;     // <0: the library default (MLP)
  float input_dropout = -1;  // <0: the library default (MLP)
  int calib_folds = 5;
  int min_count = 1;
  float prune = -1;                            // <0: the library default
  int char_max_n = 0;                          // 0: the library default
  int joined_max_n = -1;                       // <0: the library default
  int jamo_max_n = -1;                         // <0: the library default
  float word_weight = -1;                      // <0: the library default
  float bigram_weight = -1;                    // <0: the library default
  float unknown_weight = -1;                   // <0: the library default
  std::string threshold;                       // "", "auto" or a number: the default threshold
  std::vector<std::string> intent_thresholds;  // NAME=VALUE
  bool quiet = false;

  void add_to(CLI::App* cmd);
  // Validates and converts; kInvalidArgument on a bad NAME=VALUE or number.
  Result<TrainOptions> to_options() const;
};

// Loads and concatenates data specs, with a progress line per spec.
Result<Dataset> load_all(const std::vector<std::string>& specs, bool quiet);

// Prints "aicc nlu: <message>" to stderr and ends the command with `exit_code`.
[[noreturn]] void fail(const Error& error, int exit_code = 1);

// Registers `nlu eval` on the nlu command group.
void add_eval_command(CLI::App& nlu);

}  // namespace aicc::nlu::cli
