#include "nlu/intent/mlp_model.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

#include "nlu/intent/half_float.h"
#include "nlu/intent/linear_model.h"
#include "nlu/intent/shuffle.h"

namespace aicc::nlu {
namespace {

// Uniform in [0, 1) from the generator's bits; std distributions differ between libraries.
float unit(std::mt19937_64& rng) {
  return static_cast<float>(rng() >> 40) * (1.0f / 16777216.0f);
}

// First layer: pre[k] = b1[k] + Σ_j x_j · W1[j][k], over the active rows only.
void hidden_pre(const std::vector<float>& w1, const std::vector<float>& b1, std::size_t hidden,
                std::size_t rows, const SparseRow& x, const std::vector<char>* keep,
                float keep_scale, float* pre) {
  std::copy(b1.begin(), b1.end(), pre);
  for (std::size_t j = 0; j < x.index.size(); ++j) {
    if (x.index[j] >= rows) continue;  // vocabulary/model mismatch guard
    if (keep != nullptr && !(*keep)[j]) continue;
    const float v = x.value[j] * keep_scale;
    const float* w = &w1[static_cast<std::size_t>(x.index[j]) * hidden];
    for (std::size_t k = 0; k < hidden; ++k) pre[k] += v * w[k];
  }
}

// One optimiser step on `n` weights from their gradient `g`.
class Stepper {
 public:
  Stepper(Optimizer kind, std::size_t size) : kind_(kind) {
    if (kind_ == Optimizer::kAdam) {
      m_.assign(size, 0.0f);
      v_.assign(size, 0.0f);
    }
  }
  // Called once per example, before its updates: the step size and Adam's bias corrections.
  void begin(float lr, double t) {
    lr_ = lr;
    if (kind_ == Optimizer::kAdam) {
      const double c1 = 1.0 - std::pow(kBeta1, t), c2 = 1.0 - std::pow(kBeta2, t);
      lr_ = static_cast<float>(lr * std::sqrt(c2) / c1);
    }
  }
  // w[i] -= step(scale · g[i]) for i < n, `offset` locating w in the optimiser's state.
  void update(float* w, const float* g, float scale, std::size_t n, std::size_t offset) {
    if (kind_ == Optimizer::kSgd) {
      const float s = lr_ * scale;
      for (std::size_t i = 0; i < n; ++i) w[i] -= s * g[i];
      return;
    }
    float* m = &m_[offset];
    float* v = &v_[offset];
    for (std::size_t i = 0; i < n; ++i) {
      const float gi = scale * g[i];
      m[i] = kBeta1 * m[i] + (1.0f - kBeta1) * gi;
      v[i] = kBeta2 * v[i] + (1.0f - kBeta2) * gi * gi;
      w[i] -= lr_ * m[i] / (std::sqrt(v[i]) + kEpsilon);
    }
  }

 private:
  static constexpr float kBeta1 = 0.9f, kBeta2 = 0.999f, kEpsilon = 1e-8f;
  Optimizer kind_;
  float lr_ = 0.0f;
  std::vector<float> m_, v_;
};

}  // namespace

bool Mlp::assign(std::uint32_t rows, std::uint32_t hidden, std::uint32_t classes,
                 std::vector<float> w1, std::vector<float> b1, std::vector<float> w2,
                 std::vector<float> b2) {
  if (hidden == 0 || classes == 0 || w1.size() != static_cast<std::size_t>(rows) * hidden ||
      b1.size() != hidden || w2.size() != static_cast<std::size_t>(hidden) * classes ||
      b2.size() != classes) {
    return false;
  }
  rows_ = rows;
  hidden_ = hidden;
  classes_ = classes;
  w1_ = std::move(w1);
  b1_ = std::move(b1);
  w2_ = std::move(w2);
  b2_ = std::move(b2);
  return true;
}

void Mlp::scores(const SparseRow& x, float* out) const {
  std::vector<float> h(hidden_);
  hidden_pre(w1_, b1_, hidden_, rows_, x, nullptr, 1.0f, h.data());
  std::copy(b2_.begin(), b2_.end(), out);
  for (std::size_t k = 0; k < hidden_; ++k) {
    const float a = h[k];
    if (a <= 0.0f) continue;  // ReLU
    const float* w = &w2_[k * classes_];
    for (std::size_t c = 0; c < classes_; ++c) out[c] += a * w[c];
  }
}

Mlp train_mlp(const std::vector<SparseRow>& x, const std::vector<int>& y, std::uint32_t rows,
              std::uint32_t classes, const MlpOptions& options,
              const std::function<void(int)>& on_epoch) {
  const auto hidden = static_cast<std::size_t>(std::max(1, options.hidden));
  const std::size_t c_count = classes;
  std::mt19937_64 rng(options.seed);
  Mlp m;
  m.rows_ = rows;
  m.hidden_ = static_cast<std::uint32_t>(hidden);
  m.classes_ = classes;
  // First layer: small (options.init_scale), see MlpOptions. Second layer: Glorot uniform.
  m.w1_.resize(static_cast<std::size_t>(rows) * hidden);
  for (auto& w : m.w1_) w = options.init_scale * (2.0f * unit(rng) - 1.0f);
  m.b1_.assign(hidden, 0.0f);
  const float a2 = std::sqrt(6.0f / static_cast<float>(hidden + c_count));
  m.w2_.resize(hidden * c_count);
  for (auto& w : m.w2_) w = a2 * (2.0f * unit(rng) - 1.0f);
  m.b2_.assign(c_count, 0.0f);

  std::vector<std::size_t> order(x.size());
  std::iota(order.begin(), order.end(), 0);
  std::vector<float> pre(hidden), act(hidden), grad_h(hidden), z(c_count);
  std::vector<char> keep_input;
  const float drop = std::clamp(options.dropout, 0.0f, 0.95f);
  const float in_drop = std::clamp(options.input_dropout, 0.0f, 0.95f);
  Stepper step_w1(options.optimizer, m.w1_.size()), step_b1(options.optimizer, hidden);
  Stepper step_w2(options.optimizer, m.w2_.size()), step_b2(options.optimizer, c_count);
  const double total_steps = static_cast<double>(options.epochs) * static_cast<double>(x.size());
  double step = 0.0;
  for (int epoch = 1; epoch <= options.epochs; ++epoch) {
    seeded_shuffle(order, rng);
    for (const std::size_t i : order) {
      const auto lr =
          static_cast<float>(options.learning_rate * std::max(1e-4, 1.0 - step / total_steps));
      step += 1.0;
      for (Stepper* s : {&step_w1, &step_b1, &step_w2, &step_b2}) s->begin(lr, step);
      const SparseRow& xi = x[i];
      const std::vector<char>* keep = nullptr;
      float keep_scale = 1.0f;
      if (in_drop > 0.0f) {
        keep_input.resize(xi.index.size());
        for (auto& k : keep_input) k = unit(rng) >= in_drop ? 1 : 0;
        keep = &keep_input;
        keep_scale = 1.0f / (1.0f - in_drop);
      }
      hidden_pre(m.w1_, m.b1_, hidden, rows, xi, keep, keep_scale, pre.data());
      // Inverted dropout: kept units are scaled up so inference needs no rescaling.
      const float hidden_scale = 1.0f / (1.0f - drop);
      for (std::size_t k = 0; k < hidden; ++k) {
        const bool kept = drop == 0.0f || unit(rng) >= drop;
        act[k] = (kept && pre[k] > 0.0f) ? pre[k] * hidden_scale : 0.0f;
      }
      std::copy(m.b2_.begin(), m.b2_.end(), z.begin());
      for (std::size_t k = 0; k < hidden; ++k) {
        if (act[k] == 0.0f) continue;
        const float* w = &m.w2_[k * c_count];
        for (std::size_t c = 0; c < c_count; ++c) z[c] += act[k] * w[c];
      }
      softmax(z, 1.0f);
      z[static_cast<std::size_t>(y[i])] -= 1.0f;  // z is now dLoss/dz = p − y

      for (std::size_t k = 0; k < hidden; ++k) {
        if (act[k] == 0.0f) {
          grad_h[k] = 0.0f;
          continue;
        }
        float* w = &m.w2_[k * c_count];
        float g = 0.0f;
        for (std::size_t c = 0; c < c_count; ++c) g += w[c] * z[c];
        grad_h[k] = g * hidden_scale;  // through the dropout scale and ReLU (active: slope 1)
        step_w2.update(w, z.data(), act[k], c_count, k * c_count);
      }
      step_b2.update(m.b2_.data(), z.data(), 1.0f, c_count, 0);
      step_b1.update(m.b1_.data(), grad_h.data(), 1.0f, hidden, 0);
      for (std::size_t j = 0; j < xi.index.size(); ++j) {
        if (xi.index[j] >= rows || (keep != nullptr && !(*keep)[j])) continue;
        const std::size_t offset = static_cast<std::size_t>(xi.index[j]) * hidden;
        step_w1.update(&m.w1_[offset], grad_h.data(), xi.value[j] * keep_scale, hidden, offset);
      }
    }
    if (on_epoch) on_epoch(epoch);
  }
  // Model files store the first layer in 16 bits; rounding here makes the model that was just
  // trained (and evaluated) predict exactly as the one a file gives back.
  for (auto& w : m.w1_) w = round_to_half(w);
  return m;
}

}  // namespace aicc::nlu
