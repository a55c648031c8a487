// fastText (libfasttext) as the baseline the AICC classifier is measured against, trained and
// scored on the same data in the same run.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/result.h"
#include "nlu/intent/dataset.h"
#include "nlu/intent/metrics.h"

namespace aicc::nlu {

// Supervised fastText settings (the `fasttext supervised` flags of the same names).
struct FastTextOptions {
  int epoch = 25;
  double lr = 0.5;
  int word_ngrams = 2;
  int dim = 100;
  int bucket = 2000000;  // hash buckets for word n-grams
  int minn = 0;          // character n-grams off by default, as in `fasttext supervised`
  int maxn = 0;
  int seed = 0;
};

struct FastTextRun {
  std::vector<ScoredExample> scored;
  // Every label's probability (out_of_scope included, "__label__" stripped), per scored
  // message, in `scored` order: for combining with AICC's probabilities offline.
  std::vector<std::vector<std::pair<std::string, float>>> probabilities;
  double train_seconds = 0;
  double predict_us = 0;  // mean per message
};

// Trains fastText on `train` (normalised text; labels as __label__NAME, the out_of_scope
// class included) with one thread for reproducibility, then scores `test`.
Result<FastTextRun> run_fasttext(const Dataset& train, const Dataset& test,
                                 const FastTextOptions& options);

}  // namespace aicc::nlu
