#include "nlu/intent/features.h"

#include <algorithm>
#include <set>

#include <gtest/gtest.h>

#include "nlu/intent/vectorizer.h"
#include "nlu/text/normalize.h"

namespace aicc::nlu {
namespace {

std::set<std::uint64_t> feature_set(std::string_view text, const FeatureConfig& config = {}) {
  std::vector<std::uint64_t> out;
  extract_features(normalize_text(text), config, out);
  return {out.begin(), out.end()};
}

double jaccard(const std::set<std::uint64_t>& a, const std::set<std::uint64_t>& b) {
  std::vector<std::uint64_t> both;
  std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(both));
  return static_cast<double>(both.size()) / static_cast<double>(a.size() + b.size() - both.size());
}

double overlap(const std::set<std::uint64_t>& a, const std::set<std::uint64_t>& b) {
  std::vector<std::uint64_t> both;
  std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(both));
  return static_cast<double>(both.size()) / static_cast<double>(std::min(a.size(), b.size()));
}

TEST(Features, EmptyTextHasNone) {
  EXPECT_TRUE(feature_set("").empty());
  EXPECT_TRUE(feature_set("   ").empty());
}

TEST(Features, ParticleVariantsShareMostGrams) {
  // 영업시간이 / 영업시간은 differ only in the particle.
  const auto a = feature_set("영업시간이");
  const auto b = feature_set("영업시간은");
  const auto unrelated = feature_set("환불해주세요");
  EXPECT_GT(overlap(a, b), 0.6);
  EXPECT_LT(overlap(a, unrelated), 0.1);
}

TEST(Features, SpacingVariantsShareCrossBoundaryGrams) {
  const auto joined = feature_set("영업시간");
  const auto spaced = feature_set("영업 시간");
  FeatureConfig no_join;
  no_join.joined_max_n = 0;
  const auto spaced_no_join = feature_set("영업 시간", no_join);
  // The cross-space grams (업시, 영업시, 업시간, 영업시간) are what make the two forms close.
  EXPECT_GT(jaccard(joined, spaced), jaccard(joined, spaced_no_join) + 0.05);
}

TEST(Features, JamoGramsLinkSpellingVariants) {
  FeatureConfig with_jamo;
  FeatureConfig without_jamo;
  without_jamo.jamo_max_n = 0;
  // 돼요 / 되요 (a common misspelling) share no syllable grams beyond 요, but share jamo grams.
  EXPECT_GT(overlap(feature_set("안돼요", with_jamo), feature_set("안되요", with_jamo)),
            overlap(feature_set("안돼요", without_jamo), feature_set("안되요", without_jamo)));
}

TEST(Features, DigitsAreFolded) {
  EXPECT_EQ(feature_set("오후 3시"), feature_set("오후 5시"));
  EXPECT_NE(feature_set("오후 3시"), feature_set("오전 3시"));
}

TEST(Features, FamiliesCanBeSwitchedOff) {
  FeatureConfig words_only;
  words_only.char_min_n = 1;
  words_only.char_max_n = 0;
  words_only.joined_max_n = 0;
  words_only.jamo_max_n = 0;
  words_only.word_bigrams = false;
  std::vector<std::uint64_t> out;
  extract_features("where is my order", words_only, out);
  EXPECT_EQ(out.size(), 4u);  // one unigram per word
  for (const auto h : out) EXPECT_EQ(family_of(h), FeatureFamily::kWord);
  words_only.word_bigrams = true;
  out.clear();
  extract_features("where is my order", words_only, out);
  EXPECT_EQ(out.size(), 7u);  // + three bigrams
}

TEST(Features, DeterministicAcrossCalls) {
  std::vector<std::uint64_t> a, b;
  extract_features("배송 언제 와요? where is it", {}, a);
  extract_features("배송 언제 와요? where is it", {}, b);
  EXPECT_EQ(a, b);
}

TEST(Vectorizer, RowsAreUnitLengthAndUnknownsShrinkKnownPart) {
  const FeatureConfig config;
  std::vector<std::vector<std::uint64_t>> docs;
  for (const char* t : {"배송 언제 와요", "환불해 주세요", "where is my order"}) {
    std::vector<std::uint64_t> h;
    extract_features(normalize_text(t), config, h);
    docs.push_back(h);
  }
  const Vectorizer ignore_unknown = Vectorizer::fit(docs, config, {}, 1, 0.0f);
  const Vectorizer count_unknown = Vectorizer::fit(docs, config, {}, 1, 1.0f);
  auto norm = [](const SparseRow& r) {
    double s = 0;
    for (const float v : r.value) s += static_cast<double>(v) * v;
    return s;
  };
  EXPECT_NEAR(norm(ignore_unknown.transform("배송 언제 와요")), 1.0, 1e-5);
  EXPECT_NEAR(norm(ignore_unknown.transform("배송 언제 도착해요")), 1.0, 1e-5);
  EXPECT_LT(norm(count_unknown.transform("배송 언제 도착해요")), 0.9);
  EXPECT_TRUE(ignore_unknown.transform("完全に未知").index.empty());
  const SparseRow r = ignore_unknown.transform("where is my order");
  EXPECT_TRUE(std::is_sorted(r.index.begin(), r.index.end()));
}

}  // namespace
}  // namespace aicc::nlu
