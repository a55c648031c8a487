// Multinomial logistic regression over sparse vectors: SGD training into dense weights, and
// a pruned sparse (CSR) form for fast inference and small model files.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "nlu/intent/vectorizer.h"

namespace aicc::nlu {

// What SGD minimises. Softmax cross-entropy gives probabilities directly; the multiclass
// hinge (Crammer–Singer) only pushes the gold class a margin above the best wrong one, so
// its errors differ from the softmax model's, which is what an ensemble needs.
enum class Loss : std::uint8_t { kSoftmax = 0, kHinge = 1 };

struct SgdOptions {
  Loss loss = Loss::kSoftmax;
  int epochs = 20;
  float learning_rate = 1.0f;  // decays linearly to zero over the run
  float l2 = 1e-6f;            // weight decay per example seen
  std::uint64_t seed = 42;     // example order; the only source of randomness
};

// Weights laid out [row][class] so that one feature's class weights are contiguous.
struct DenseLinear {
  std::uint32_t rows = 0;
  std::uint32_t classes = 0;
  std::vector<float> weights;
  std::vector<float> bias;
};

// Minimises softmax cross-entropy + l2/2·|W|² by SGD over a seeded example order.
// Deterministic for a given input and seed. `on_epoch(e)` is called after epoch e (1-based).
DenseLinear train_softmax(const std::vector<SparseRow>& x, const std::vector<int>& y,
                          std::uint32_t rows, std::uint32_t classes, const SgdOptions& options,
                          const std::function<void(int)>& on_epoch = {});

// Inference form: per feature row, only the class weights with |w| ≥ prune are kept. Most
// features matter for a handful of classes, so this shrinks the model by an order of
// magnitude at no measurable cost in accuracy (see docs/benchmarks.md).
class SparseLinear {
 public:
  SparseLinear() = default;
  static SparseLinear from_dense(const DenseLinear& dense, float prune);
  // Restores a model; fails (returns false) if the arrays are inconsistent.
  bool assign(std::uint32_t classes, std::vector<std::uint32_t> row_offsets,
              std::vector<std::uint16_t> class_ids, std::vector<float> values,
              std::vector<float> bias);

  // out[c] = bias[c] + Σ x_j · W[j][c]; `out` has classes() entries.
  void scores(const SparseRow& x, float* out) const;

  std::uint32_t classes() const { return classes_; }
  std::uint32_t rows() const {
    return row_offsets_.empty() ? 0 : static_cast<std::uint32_t>(row_offsets_.size() - 1);
  }
  const std::vector<std::uint32_t>& row_offsets() const { return row_offsets_; }
  const std::vector<std::uint16_t>& class_ids() const { return class_ids_; }
  const std::vector<float>& values() const { return values_; }
  const std::vector<float>& bias() const { return bias_; }

 private:
  std::uint32_t classes_ = 0;
  std::vector<std::uint32_t> row_offsets_;  // rows()+1 entries
  std::vector<std::uint16_t> class_ids_;
  std::vector<float> values_;
  std::vector<float> bias_;
};

// Dense scores, used on fold models during training (no pruning needed there).
void dense_scores(const DenseLinear& model, const SparseRow& x, float* out);

// In-place softmax of `z` divided by `temperature`.
void softmax(std::vector<float>& z, float temperature);

}  // namespace aicc::nlu
