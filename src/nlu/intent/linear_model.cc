#include "nlu/intent/linear_model.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

#include "nlu/intent/shuffle.h"

namespace aicc::nlu {

void softmax(std::vector<float>& z, float temperature) {
  if (z.empty()) return;
  const float inv_t = 1.0f / temperature;
  const float top = *std::max_element(z.begin(), z.end());
  float sum = 0.0f;
  for (auto& v : z) {
    v = std::exp((v - top) * inv_t);
    sum += v;
  }
  for (auto& v : z) v /= sum;
}

DenseLinear train_softmax(const std::vector<SparseRow>& x, const std::vector<int>& y,
                          std::uint32_t rows, std::uint32_t classes, const SgdOptions& options,
                          const std::function<void(int)>& on_epoch) {
  DenseLinear m;
  m.rows = rows;
  m.classes = classes;
  m.weights.assign(static_cast<std::size_t>(rows) * classes, 0.0f);
  m.bias.assign(classes, 0.0f);
  const std::size_t c_count = classes;

  std::vector<std::size_t> order(x.size());
  std::iota(order.begin(), order.end(), 0);
  std::mt19937_64 rng(options.seed);
  std::vector<float> z(c_count);

  // L2 decay by the scaling trick: true weights = scale · stored weights, so decaying all
  // weights costs one multiplication per step instead of a pass over the matrix.
  double scale = 1.0;
  const double total_steps = static_cast<double>(options.epochs) * static_cast<double>(x.size());
  double step = 0.0;
  for (int epoch = 1; epoch <= options.epochs; ++epoch) {
    seeded_shuffle(order, rng);
    for (const std::size_t i : order) {
      const double lr = options.learning_rate * std::max(1e-4, 1.0 - step / total_steps);
      step += 1.0;
      const SparseRow& xi = x[i];
      std::copy(m.bias.begin(), m.bias.end(), z.begin());
      const auto s = static_cast<float>(scale);
      for (std::size_t j = 0; j < xi.index.size(); ++j) {
        const float v = xi.value[j] * s;
        const float* w = &m.weights[xi.index[j] * c_count];
        for (std::size_t c = 0; c < c_count; ++c) z[c] += v * w[c];
      }
      const auto gold = static_cast<std::size_t>(y[i]);
      if (options.loss == Loss::kSoftmax) {
        softmax(z, 1.0f);
        z[gold] -= 1.0f;  // z is now the gradient p - y
      } else {
        // Gradient of max(0, 1 + z_r − z_gold) for the best wrong class r.
        std::size_t rival = gold == 0 ? 1 : 0;
        for (std::size_t c = 0; c < c_count; ++c) {
          if (c != gold && z[c] > z[rival]) rival = c;
        }
        const bool violated = z[gold] - z[rival] < 1.0f;
        std::fill(z.begin(), z.end(), 0.0f);
        if (violated) {
          z[gold] = -1.0f;
          z[rival] = 1.0f;
        }
      }

      for (std::size_t c = 0; c < c_count; ++c) m.bias[c] -= static_cast<float>(lr) * z[c];
      scale *= 1.0 - lr * options.l2;
      const auto step_over_scale = static_cast<float>(lr / scale);
      for (std::size_t j = 0; j < xi.index.size(); ++j) {
        const float g = xi.value[j] * step_over_scale;
        float* w = &m.weights[xi.index[j] * c_count];
        for (std::size_t c = 0; c < c_count; ++c) w[c] -= g * z[c];
      }
      if (scale < 1e-6) {  // fold the scale back in before floats lose precision
        for (auto& w : m.weights) w *= static_cast<float>(scale);
        scale = 1.0;
      }
    }
    if (on_epoch) on_epoch(epoch);
  }
  for (auto& w : m.weights) w *= static_cast<float>(scale);
  return m;
}

void dense_scores(const DenseLinear& model, const SparseRow& x, float* out) {
  const std::size_t c_count = model.classes;
  std::copy(model.bias.begin(), model.bias.end(), out);
  for (std::size_t j = 0; j < x.index.size(); ++j) {
    const float v = x.value[j];
    const float* w = &model.weights[x.index[j] * c_count];
    for (std::size_t c = 0; c < c_count; ++c) out[c] += v * w[c];
  }
}

SparseLinear SparseLinear::from_dense(const DenseLinear& dense, float prune) {
  SparseLinear s;
  s.classes_ = dense.classes;
  s.bias_ = dense.bias;
  s.row_offsets_.reserve(dense.rows + 1);
  s.row_offsets_.push_back(0);
  for (std::size_t r = 0; r < dense.rows; ++r) {
    const float* w = &dense.weights[r * dense.classes];
    for (std::uint32_t c = 0; c < dense.classes; ++c) {
      if (std::fabs(w[c]) >= prune) {
        s.class_ids_.push_back(static_cast<std::uint16_t>(c));
        s.values_.push_back(w[c]);
      }
    }
    s.row_offsets_.push_back(static_cast<std::uint32_t>(s.values_.size()));
  }
  return s;
}

bool SparseLinear::assign(std::uint32_t classes, std::vector<std::uint32_t> row_offsets,
                          std::vector<std::uint16_t> class_ids, std::vector<float> values,
                          std::vector<float> bias) {
  if (classes == 0 || bias.size() != classes || row_offsets.empty() || row_offsets[0] != 0 ||
      class_ids.size() != values.size() || row_offsets.back() != values.size()) {
    return false;
  }
  for (std::size_t i = 1; i < row_offsets.size(); ++i) {
    if (row_offsets[i] < row_offsets[i - 1]) return false;
  }
  for (const auto c : class_ids) {
    if (c >= classes) return false;
  }
  classes_ = classes;
  row_offsets_ = std::move(row_offsets);
  class_ids_ = std::move(class_ids);
  values_ = std::move(values);
  bias_ = std::move(bias);
  return true;
}

void SparseLinear::scores(const SparseRow& x, float* out) const {
  std::copy(bias_.begin(), bias_.end(), out);
  for (std::size_t j = 0; j < x.index.size(); ++j) {
    const std::uint32_t r = x.index[j];
    if (r + 1 >= row_offsets_.size()) continue;  // vocabulary/model mismatch guard
    const float v = x.value[j];
    for (std::uint32_t k = row_offsets_[r]; k < row_offsets_[r + 1]; ++k) {
      out[class_ids_[k]] += v * values_[k];
    }
  }
}

}  // namespace aicc::nlu
