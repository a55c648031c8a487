// Turns text into the sparse, TF-IDF weighted, L2-normalised vectors the linear model reads.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "nlu/intent/features.h"
#include "nlu/text/normalize.h"

namespace aicc::nlu {

// A sparse vector: strictly increasing row indices with their values.
struct SparseRow {
  std::vector<std::uint32_t> index;
  std::vector<float> value;
};

// The feature hashes seen in training, each mapped to a dense row number (its position in
// keys()). Lookup is an open-addressing table rebuilt from the keys, so only the keys are
// stored in a model file.
class FeatureVocabulary {
 public:
  static constexpr std::uint32_t kUnknown = 0xFFFFFFFFu;

  FeatureVocabulary() = default;
  explicit FeatureVocabulary(std::vector<std::uint64_t> keys);

  std::uint32_t find(std::uint64_t key) const;
  const std::vector<std::uint64_t>& keys() const { return keys_; }
  std::size_t size() const { return keys_.size(); }

 private:
  std::vector<std::uint64_t> keys_;
  std::vector<std::uint32_t> slots_;  // row+1 per slot, 0 = empty; size is a power of two
  std::uint64_t mask_ = 0;
};

// Vocabulary plus inverse document frequencies. Values are (1 + ln tf) · idf, L2-normalised
// over *all* features of the text, including those unknown to the vocabulary (weighted
// with the largest idf): a message made mostly of unseen grams gets a short known part and
// hence low-confidence scores, which is what out-of-scope detection wants.
class Vectorizer {
 public:
  Vectorizer() = default;

  // Builds the vocabulary from training documents (their feature hashes); grams seen in
  // fewer than `min_count` documents are left out.
  // `unknown_weight` scales the weight given to unknown grams in the norm (0: ignore them).
  static Vectorizer fit(const std::vector<std::vector<std::uint64_t>>& docs,
                        const FeatureConfig& config, const NormalizeOptions& normalize,
                        int min_count, float unknown_weight);
  // Restores a fitted vectorizer (model loading).
  Vectorizer(FeatureConfig config, NormalizeOptions normalize, FeatureVocabulary vocab,
             std::vector<float> idf, float unknown_idf);

  // Raw text → hashes (normalise + extract).
  std::vector<std::uint64_t> hashes(std::string_view text) const;
  // Hashes → weighted vector. `hashes` is reordered in place.
  SparseRow transform(std::vector<std::uint64_t>& hashes) const;
  SparseRow transform(std::string_view text) const;

  const FeatureConfig& config() const { return config_; }
  const NormalizeOptions& normalize_options() const { return normalize_; }
  const FeatureVocabulary& vocabulary() const { return vocab_; }
  const std::vector<float>& idf() const { return idf_; }
  float unknown_idf() const { return unknown_idf_; }

 private:
  FeatureConfig config_;
  NormalizeOptions normalize_;
  FeatureVocabulary vocab_;
  std::vector<float> idf_;
  float unknown_idf_ = 1.0f;
};

}  // namespace aicc::nlu
