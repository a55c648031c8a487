// A one-hidden-layer network over the same sparse vectors as the linear model:
// sparse TF-IDF n-grams → dense hidden layer (ReLU) → softmax. The hidden units learn
// combinations of grams ("cancel" together with "card", not "cancel" alone) that a linear
// model cannot express. Inference only touches the first-layer rows of the text's active
// features, so it costs (active features + classes) × hidden multiply-adds.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "nlu/intent/vectorizer.h"

namespace aicc::nlu {

// Plain SGD, or Adam with "lazy" moments: only the weights a step touches (the active
// features' first-layer rows, the active hidden units' output rows) have their moments updated,
// so a step touches the same weights as an SGD step. Adam is the default: on CLINC150 plain SGD
// either diverged (learning rate ≥ 0.4) or stayed 2 points behind (docs/benchmarks.md).
enum class Optimizer : std::uint8_t { kSgd = 0, kAdam = 1 };

struct MlpOptions {
  int hidden = 256;
  int epochs = 10;  // 20 was worse on CLINC150 val (docs/benchmarks.md)
  Optimizer optimizer = Optimizer::kAdam;
  float learning_rate = 0.001f;  // decays linearly to zero over the run
  // First-layer weights start uniform in ±init_scale. Small: a gram seen only a few times in
  // training then adds little noise to the hidden layer (its row barely moves from the start).
  float init_scale = 0.01f;
  float dropout = 0.5f;        // of hidden units, during training only
  float input_dropout = 0.0f;  // of a text's active features, during training only
  std::uint64_t seed = 42;     // initial weights, example order and dropout masks
};

class Mlp {
 public:
  Mlp() = default;
  // Restores a model; fails (returns false) if the array sizes do not match the shape.
  bool assign(std::uint32_t rows, std::uint32_t hidden, std::uint32_t classes,
              std::vector<float> w1, std::vector<float> b1, std::vector<float> w2,
              std::vector<float> b2);

  // out[c] = b2[c] + Σ_k relu(b1[k] + Σ_j x_j · W1[j][k]) · W2[k][c]; `out` has classes().
  void scores(const SparseRow& x, float* out) const;

  std::uint32_t rows() const { return rows_; }
  std::uint32_t hidden() const { return hidden_; }
  std::uint32_t classes() const { return classes_; }
  std::uint64_t parameters() const { return w1_.size() + b1_.size() + w2_.size() + b2_.size(); }
  const std::vector<float>& w1() const { return w1_; }  // [row][hidden]
  const std::vector<float>& b1() const { return b1_; }
  const std::vector<float>& w2() const { return w2_; }  // [hidden][class]
  const std::vector<float>& b2() const { return b2_; }

 private:
  friend Mlp train_mlp(const std::vector<SparseRow>&, const std::vector<int>&, std::uint32_t,
                       std::uint32_t, const MlpOptions&, const std::function<void(int)>&);
  std::uint32_t rows_ = 0;
  std::uint32_t hidden_ = 0;
  std::uint32_t classes_ = 0;
  std::vector<float> w1_;
  std::vector<float> b1_;
  std::vector<float> w2_;
  std::vector<float> b2_;
};

// Minimises softmax cross-entropy by SGD (one example per step) with dropout. Deterministic
// for a given input and seed. The first layer's weights come out rounded to binary16, the
// precision model files store them in (half_float.h). `on_epoch(e)` is called after epoch e
// (1-based).
Mlp train_mlp(const std::vector<SparseRow>& x, const std::vector<int>& y, std::uint32_t rows,
              std::uint32_t classes, const MlpOptions& options,
              const std::function<void(int)>& on_epoch = {});

}  // namespace aicc::nlu
