// Feature extraction for intent classification, for Korean and English alike, without a
// morphological analyser.
//
// Korean attaches particles and endings to words (영업시간이 / 영업시간은 / 영업시간을), and
// customers space words freely (영업 시간 / 영업시간). Character n-grams inside each token
// share most of their grams across particle variants; n-grams across token boundaries
// (computed on the text with spaces removed) make "영업 시간" and "영업시간" share grams.
// Word unigrams and bigrams add whole-word evidence, which English needs most.
//
// Features are 64-bit hashes of (family, n-gram); the model keeps a vocabulary of the
// hashes seen in training, so no strings are stored and unseen grams are simply unknown.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace aicc::nlu {

struct FeatureConfig {
  int char_min_n = 1;  // n-grams of code points inside "<token>" (fastText-style markers)
  int char_max_n = 5;
  int joined_min_n = 2;  // n-grams spanning a space, same hash space as inside-token grams
  int joined_max_n = 4;  // (0 disables them)
  // n-grams of the jamo (consonant/vowel letters) of Hangul tokens, 0 disables them: "돼요"
  // and the misspelt "되요" share ㄷ, ㅛ-grams although no syllable matches.
  int jamo_min_n = 2;
  int jamo_max_n = 3;
  bool word_unigrams = true;
  bool word_bigrams = true;
  // Relative weights of the feature families in a text's vector. Character grams outnumber
  // words about tenfold, so whole words would be drowned out at equal weight.
  float char_weight = 1.0f;
  float word_weight = 1.0f;
  float bigram_weight = 1.0f;
  float jamo_weight = 1.0f;

  friend bool operator==(const FeatureConfig&, const FeatureConfig&) = default;
};

// The family of a feature hash is kept in its low two bits.
enum class FeatureFamily : std::uint64_t { kChar = 0, kWord = 1, kBigram = 2, kJamo = 3 };
inline FeatureFamily family_of(std::uint64_t hash) {
  return FeatureFamily{hash & 3u};
}
float family_weight(const FeatureConfig& config, FeatureFamily family);

// Appends the feature hashes of `normalized` (output of normalize_text) to `out`; a feature
// that occurs twice is appended twice. Digits are folded to '0' so that "3시" and "5시"
// share features. Thread-safe (no state).
void extract_features(std::string_view normalized, const FeatureConfig& config,
                      std::vector<std::uint64_t>& out);

}  // namespace aicc::nlu
