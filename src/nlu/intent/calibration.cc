#include "nlu/intent/calibration.h"

#include <algorithm>
#include <cmath>

#include "nlu/intent/linear_model.h"

namespace aicc::nlu {

double mean_nll(const std::vector<HeldOutScores>& data, float temperature) {
  if (data.empty()) return 0.0;
  double total = 0.0;
  for (const auto& d : data) {
    // log-softmax computed stably: log p_gold = z_g/T − logsumexp(z/T)
    const float top = *std::max_element(d.scores.begin(), d.scores.end());
    double sum = 0.0;
    for (const float z : d.scores) sum += std::exp((z - top) / temperature);
    const double log_p =
        (d.scores[static_cast<std::size_t>(d.gold)] - top) / temperature - std::log(sum);
    total -= log_p;
  }
  return total / static_cast<double>(data.size());
}

float fit_temperature(const std::vector<HeldOutScores>& data) {
  if (data.empty()) return 1.0f;
  // NLL is unimodal in log T for softmax scores: golden-section search.
  double lo = std::log(0.05);
  double hi = std::log(20.0);
  const double ratio = (std::sqrt(5.0) - 1.0) / 2.0;
  double a = hi - ratio * (hi - lo);
  double b = lo + ratio * (hi - lo);
  double fa = mean_nll(data, static_cast<float>(std::exp(a)));
  double fb = mean_nll(data, static_cast<float>(std::exp(b)));
  for (int i = 0; i < 60; ++i) {
    if (fa < fb) {
      hi = b;
      b = a;
      fb = fa;
      a = hi - ratio * (hi - lo);
      fa = mean_nll(data, static_cast<float>(std::exp(a)));
    } else {
      lo = a;
      a = b;
      fa = fb;
      b = lo + ratio * (hi - lo);
      fb = mean_nll(data, static_cast<float>(std::exp(b)));
    }
  }
  return static_cast<float>(std::exp((lo + hi) / 2.0));
}

double expected_calibration_error(const std::vector<float>& confidence,
                                  const std::vector<bool>& correct, int bins) {
  if (confidence.empty() || bins <= 0) return 0.0;
  std::vector<double> conf_sum(static_cast<std::size_t>(bins), 0.0);
  std::vector<double> hit_sum(static_cast<std::size_t>(bins), 0.0);
  std::vector<double> count(static_cast<std::size_t>(bins), 0.0);
  for (std::size_t i = 0; i < confidence.size(); ++i) {
    auto b = static_cast<int>(confidence[i] * static_cast<float>(bins));
    b = std::clamp(b, 0, bins - 1);
    const auto bi = static_cast<std::size_t>(b);
    conf_sum[bi] += confidence[i];
    hit_sum[bi] += correct[i] ? 1.0 : 0.0;
    count[bi] += 1.0;
  }
  double ece = 0.0;
  for (std::size_t b = 0; b < count.size(); ++b) {
    if (count[b] == 0.0) continue;
    ece += std::fabs(hit_sum[b] - conf_sum[b]);
  }
  return ece / static_cast<double>(confidence.size());
}

}  // namespace aicc::nlu
