#include "nlu/intent/metrics.h"

#include <gtest/gtest.h>

#include "nlu/intent/linear_model.h"

namespace aicc::nlu {
namespace {

TEST(WilsonLowerBound, MatchesTheClosedForm) {
  // Reference values from the Wilson score formula with z = Φ⁻¹(0.95) (Python statistics).
  EXPECT_NEAR(wilson_lower_bound(69, 100, 0.95), 0.609764, 1e-5);
  EXPECT_NEAR(wilson_lower_bound(68, 100, 0.95), 0.599399, 1e-5);
  EXPECT_NEAR(wilson_lower_bound(6, 10, 0.95), 0.351639, 1e-5);
  EXPECT_NEAR(wilson_lower_bound(10, 10, 0.95), 0.787058, 1e-5);
  EXPECT_NEAR(wilson_lower_bound(600, 1000, 0.95), 0.574281, 1e-5);
}

TEST(WilsonLowerBound, EdgeCases) {
  EXPECT_DOUBLE_EQ(wilson_lower_bound(6, 10, 0.0), 0.6);  // no confidence: the plain ratio
  EXPECT_DOUBLE_EQ(wilson_lower_bound(0, 0, 0.95), 0.0);
  EXPECT_DOUBLE_EQ(wilson_lower_bound(0, 50, 0.95), 0.0);
  EXPECT_LT(wilson_lower_bound(60, 100, 0.99), wilson_lower_bound(60, 100, 0.9));
}

// Ten out-of-scope messages with confidences 0.05, 0.15, …, 0.95 and ten in-scope messages,
// all right, with the same confidences: a threshold t rejects the messages below it.
std::vector<ScoredExample> ladder() {
  std::vector<ScoredExample> out;
  for (int i = 0; i < 10; ++i) {
    const float c = 0.05f + 0.1f * static_cast<float>(i);
    out.push_back({"o", std::string(kOutOfScope), "a", c, false});
    out.push_back({"i", "a", "a", c, false});
  }
  return out;
}

TEST(BestThresholdForRecall, PlainRecallTakesTheLowestThresholdThatReachesIt) {
  std::vector<float> grid;
  for (int i = 0; i <= 10; ++i) grid.push_back(0.1f * static_cast<float>(i));
  // 0.6 rejects six of ten out-of-scope messages (and six in-scope ones).
  EXPECT_NEAR(best_threshold_for_recall(ladder(), grid, 0.6), 0.6f, 1e-6);
}

TEST(BestThresholdForRecall, ConfidenceBoundDemandsMoreMeasuredRecall) {
  std::vector<float> grid;
  for (int i = 0; i <= 10; ++i) grid.push_back(0.1f * static_cast<float>(i));
  // With ten messages, a 95 % lower bound ≥ 0.35 needs 6/10 (0.352), ≥ 0.5 needs 8/10
  // (0.541; 7/10 gives 0.442).
  EXPECT_NEAR(best_threshold_for_recall(ladder(), grid, 0.35, 0.95), 0.6f, 1e-6);
  EXPECT_NEAR(best_threshold_for_recall(ladder(), grid, 0.5, 0.95), 0.8f, 1e-6);
  // Unreachable: falls back to the threshold with the most recall.
  EXPECT_NEAR(best_threshold_for_recall(ladder(), grid, 0.9, 0.95), 1.0f, 1e-6);
}

TEST(HingeLoss, LearnsSeparableClassesDeterministically) {
  // Three classes, each marked by its own feature plus a shared noise feature.
  std::vector<SparseRow> x;
  std::vector<int> y;
  for (int i = 0; i < 30; ++i) {
    const auto c = static_cast<std::uint32_t>(i % 3);
    x.push_back(SparseRow{{c, 3}, {0.9f, 0.3f}});
    y.push_back(static_cast<int>(c));
  }
  SgdOptions o;
  o.loss = Loss::kHinge;
  o.epochs = 10;
  const DenseLinear a = train_softmax(x, y, 4, 3, o);
  const DenseLinear b = train_softmax(x, y, 4, 3, o);
  EXPECT_EQ(a.weights, b.weights);
  for (std::uint32_t c = 0; c < 3; ++c) {
    float z[3];
    dense_scores(a, SparseRow{{c, 3}, {0.9f, 0.3f}}, z);
    for (std::uint32_t k = 0; k < 3; ++k) {
      if (k != c) {
        EXPECT_GT(z[c], z[k] + 0.5f) << "class " << c << " vs " << k;
      }
    }
  }
  o.loss = Loss::kSoftmax;  // a different loss gives a different model
  EXPECT_NE(train_softmax(x, y, 4, 3, o).weights, a.weights);
}

}  // namespace
}  // namespace aicc::nlu
