#include "nlu/intent/vectorizer.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

namespace aicc::nlu {

FeatureVocabulary::FeatureVocabulary(std::vector<std::uint64_t> keys) : keys_(std::move(keys)) {
  std::size_t cap = 16;
  while (cap < keys_.size() * 2) cap *= 2;  // load factor ≤ 0.5 keeps probes short
  slots_.assign(cap, 0);
  mask_ = cap - 1;
  for (std::size_t row = 0; row < keys_.size(); ++row) {
    std::uint64_t slot = keys_[row] & mask_;
    while (slots_[slot] != 0) slot = (slot + 1) & mask_;
    slots_[slot] = static_cast<std::uint32_t>(row + 1);
  }
}

std::uint32_t FeatureVocabulary::find(std::uint64_t key) const {
  if (slots_.empty()) return kUnknown;
  std::uint64_t slot = key & mask_;
  while (true) {
    const std::uint32_t v = slots_[slot];
    if (v == 0) return kUnknown;
    if (keys_[v - 1] == key) return v - 1;
    slot = (slot + 1) & mask_;
  }
}

Vectorizer::Vectorizer(FeatureConfig config, NormalizeOptions normalize, FeatureVocabulary vocab,
                       std::vector<float> idf, float unknown_idf)
    : config_(config),
      normalize_(normalize),
      vocab_(std::move(vocab)),
      idf_(std::move(idf)),
      unknown_idf_(unknown_idf) {}

Vectorizer Vectorizer::fit(const std::vector<std::vector<std::uint64_t>>& docs,
                           const FeatureConfig& config, const NormalizeOptions& normalize,
                           int min_count, float unknown_weight) {
  std::unordered_map<std::uint64_t, std::uint32_t> df;
  std::vector<std::uint64_t> distinct;
  for (const auto& doc : docs) {
    distinct = doc;
    std::sort(distinct.begin(), distinct.end());
    distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
    for (const auto h : distinct) ++df[h];
  }
  // Sorted keys make the row order, and so the whole model, independent of hash-map order.
  std::vector<std::uint64_t> keys;
  keys.reserve(df.size());
  for (const auto& [h, n] : df) {
    if (static_cast<int>(n) >= min_count) keys.push_back(h);
  }
  std::sort(keys.begin(), keys.end());
  const double n_docs = static_cast<double>(docs.size());
  std::vector<float> idf(keys.size());
  for (std::size_t i = 0; i < keys.size(); ++i) {
    idf[i] = static_cast<float>(std::log((n_docs + 1.0) / (df[keys[i]] + 1.0)) + 1.0);
  }
  const auto unknown = unknown_weight * static_cast<float>(std::log(n_docs + 1.0) + 1.0);
  return Vectorizer(config, normalize, FeatureVocabulary(std::move(keys)), std::move(idf), unknown);
}

std::vector<std::uint64_t> Vectorizer::hashes(std::string_view text) const {
  std::vector<std::uint64_t> out;
  out.reserve(text.size() * 6);
  extract_features(normalize_text(text, normalize_), config_, out);
  return out;
}

SparseRow Vectorizer::transform(std::vector<std::uint64_t>& hashes) const {
  SparseRow row;
  std::vector<std::uint32_t> ids;
  ids.reserve(hashes.size());
  std::size_t unknown = 0;
  const float weights[4] = {config_.char_weight, config_.word_weight, config_.bigram_weight,
                            config_.jamo_weight};
  for (const auto h : hashes) {
    const auto id = vocab_.find(h);
    if (id == FeatureVocabulary::kUnknown) {
      ++unknown;
    } else {
      ids.push_back(id);
    }
  }
  std::sort(ids.begin(), ids.end());
  double norm2 = static_cast<double>(unknown) * unknown_idf_ * unknown_idf_;
  for (std::size_t i = 0; i < ids.size();) {
    std::size_t j = i;
    while (j < ids.size() && ids[j] == ids[i]) ++j;
    const float v = (1.0f + std::log(static_cast<float>(j - i))) * idf_[ids[i]] *
                    weights[vocab_.keys()[ids[i]] & 3u];
    row.index.push_back(ids[i]);
    row.value.push_back(v);
    norm2 += static_cast<double>(v) * v;
    i = j;
  }
  if (norm2 > 0.0) {
    const auto inv = static_cast<float>(1.0 / std::sqrt(norm2));
    for (auto& v : row.value) v *= inv;
  }
  return row;
}

SparseRow Vectorizer::transform(std::string_view text) const {
  auto h = hashes(text);
  return transform(h);
}

}  // namespace aicc::nlu
