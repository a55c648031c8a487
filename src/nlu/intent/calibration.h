// Confidence calibration: a softmax over raw scores is over- or under-confident depending on
// regularisation and data size. Temperature scaling (Guo et al., 2017) fits one number T on
// held-out scores so that p = softmax(z / T) matches the observed accuracy; it keeps the
// ranking (and so the accuracy) unchanged.
#pragma once

#include <vector>

namespace aicc::nlu {

// Held-out scores of one example: raw class scores and the gold class.
struct HeldOutScores {
  std::vector<float> scores;
  int gold = 0;
};

// T minimising the mean negative log-likelihood of the gold class, searched on log T in
// [1/20, 20]. Returns 1 when `data` is empty.
float fit_temperature(const std::vector<HeldOutScores>& data);

// Mean negative log-likelihood at temperature T.
double mean_nll(const std::vector<HeldOutScores>& data, float temperature);

// Expected calibration error of the top-1 confidence over `bins` equal-width bins:
// Σ_b |B|/n · |accuracy(B) − mean confidence(B)|.
double expected_calibration_error(const std::vector<float>& confidence,
                                  const std::vector<bool>& correct, int bins = 15);

}  // namespace aicc::nlu
