#include "nlu/intent/classifier.h"

#include <numeric>

#include <gtest/gtest.h>

#include "test_util.h"

namespace aicc::nlu {
namespace {

TrainOptions fast_options(std::uint64_t seed = 42) {
  TrainOptions o;
  o.seed = seed;
  o.calibration_folds = 3;
  return o;
}

const IntentClassifier& tiny_model() {
  static const IntentClassifier model = [] {
    auto m = IntentClassifier::train(testing::tiny_dataset(), fast_options());
    EXPECT_TRUE(m) << m.error().message;
    return *m;
  }();
  return model;
}

TEST(Classifier, PredictsObviousMessages) {
  const auto& m = tiny_model();
  EXPECT_EQ(m.predict("주문 취소 부탁해요").top.front().intent, "cancel_request");
  EXPECT_EQ(m.predict("배송 조회 좀 해주세요").top.front().intent, "order_status");
  EXPECT_EQ(m.predict("hello!!").top.front().intent, "greeting");
  EXPECT_EQ(m.predict("cancel my order please").top.front().intent, "cancel_request");
}

TEST(Classifier, ProbabilitiesAreADistributionAndTopIsSorted) {
  const auto& m = tiny_model();
  const auto p = m.probabilities("환불 받고 싶어요");
  ASSERT_EQ(p.size(), m.labels().size());
  EXPECT_NEAR(std::accumulate(p.begin(), p.end(), 0.0), 1.0, 1e-4);
  const auto pred = m.predict("환불 받고 싶어요", 3);
  ASSERT_EQ(pred.top.size(), 3u);
  EXPECT_GE(pred.top[0].confidence, pred.top[1].confidence);
  EXPECT_GE(pred.top[1].confidence, pred.top[2].confidence);
  for (const auto& s : pred.top) EXPECT_NE(s.intent, kOutOfScope);  // candidates are intents
  EXPECT_EQ(m.predict("환불", 100).top.size(), 3u);                 // three intents exist
  EXPECT_EQ(m.predict("환불", 0).top.size(), 1u);
}

TEST(Classifier, ReportsLanguage) {
  EXPECT_EQ(tiny_model().predict("배송 언제 와요").language, Language::kKorean);
  EXPECT_EQ(tiny_model().predict("where is my order").language, Language::kEnglish);
}

TEST(Classifier, ThresholdsDecideOutOfScope) {
  IntentClassifier m = tiny_model();
  ThresholdPolicy strict;
  strict.default_threshold = 0.999f;
  m.set_thresholds(strict);
  auto p = m.predict("환불 받고 싶어요");
  EXPECT_TRUE(p.out_of_scope);
  EXPECT_EQ(p.intent, kOutOfScope);
  EXPECT_EQ(p.top.front().intent, "cancel_request");  // the candidate is still reported
  ThresholdPolicy lax;
  lax.default_threshold = 0.0f;
  m.set_thresholds(lax);
  p = m.predict("환불 받고 싶어요");
  EXPECT_FALSE(p.out_of_scope);
  EXPECT_EQ(p.intent, "cancel_request");
  EXPECT_FLOAT_EQ(p.threshold, 0.0f);
}

TEST(Classifier, ThresholdPrecedence) {
  Dataset d = testing::tiny_dataset();
  d.thresholds["greeting"] = 0.55f;
  TrainOptions o = fast_options();
  o.calibration_folds = 0;
  o.threshold_overrides["order_status"] = 0.6f;
  o.threshold_overrides["default"] = 0.5f;
  auto m = IntentClassifier::train(d, o);
  ASSERT_TRUE(m);
  EXPECT_FLOAT_EQ(m->thresholds().for_intent("greeting"), 0.55f);       // from the data
  EXPECT_FLOAT_EQ(m->thresholds().for_intent("order_status"), 0.6f);    // override
  EXPECT_FLOAT_EQ(m->thresholds().for_intent("cancel_request"), 0.9f);  // prototype seed
  EXPECT_FLOAT_EQ(m->thresholds().for_intent("anything_else"), 0.5f);   // default override
  const auto seed = ThresholdPolicy::prototype_defaults();
  EXPECT_FLOAT_EQ(seed.for_intent("reservation"), 0.85f);
  EXPECT_FLOAT_EQ(seed.for_intent("payment_inquiry"), 0.85f);
  EXPECT_FLOAT_EQ(seed.for_intent("complaint"), 0.75f);
  EXPECT_FLOAT_EQ(seed.for_intent("technical_support"), 0.8f);
  EXPECT_FLOAT_EQ(seed.for_intent("product_inquiry"), 0.8f);
  EXPECT_FLOAT_EQ(seed.for_intent("greeting"), 0.7f);
  EXPECT_FLOAT_EQ(seed.default_threshold, 0.7f);
}

TEST(Classifier, FitsDefaultThresholdFromOutOfScopeData) {
  TrainOptions o = fast_options();
  o.fit_default_threshold = true;
  auto m = IntentClassifier::train(testing::tiny_dataset(), o);
  ASSERT_TRUE(m);
  EXPECT_GE(m->report().fitted_threshold, 0.0f);
  EXPECT_FLOAT_EQ(m->thresholds().default_threshold, m->report().fitted_threshold);
  EXPECT_GT(m->report().heldout_accuracy, 0.0f);
}

TEST(Classifier, TrainingIsDeterministicForASeed) {
  const Dataset d = testing::tiny_dataset();
  auto a = IntentClassifier::train(d, fast_options(7));
  auto b = IntentClassifier::train(d, fast_options(7));
  auto c = IntentClassifier::train(d, fast_options(8));
  ASSERT_TRUE(a && b && c);
  EXPECT_EQ(a->serialize(), b->serialize());
  EXPECT_NE(a->serialize(), c->serialize());
}

TrainOptions mlp_options(std::uint64_t seed = 42) {
  TrainOptions o = fast_options(seed);
  o.model = ModelKind::kMlp;
  o.mlp.hidden = 32;
  o.mlp.epochs = 30;
  o.mlp.learning_rate = 0.01f;  // a tiny data set takes few steps per epoch
  return o;
}

TEST(Classifier, MlpLearnsTheTinyData) {
  auto m = IntentClassifier::train(testing::tiny_dataset(), mlp_options());
  ASSERT_TRUE(m) << m.error().message;
  EXPECT_EQ(m->model_kind(), ModelKind::kMlp);
  EXPECT_EQ(m->predict("주문 취소 부탁해요").top.front().intent, "cancel_request");
  EXPECT_EQ(m->predict("배송 조회 좀 해주세요").top.front().intent, "order_status");
  EXPECT_EQ(m->predict("hello!!").top.front().intent, "greeting");
  const std::vector<float> p = m->probabilities("cancel my order please");
  EXPECT_NEAR(std::accumulate(p.begin(), p.end(), 0.0f), 1.0f, 1e-4f);
  // Every parameter of the network is kept: features × hidden + hidden + hidden × classes +
  // classes.
  const std::uint64_t classes = m->labels().size();
  EXPECT_EQ(m->report().weights, m->report().features * 32ULL + 32 + 32 * classes + classes);
}

TEST(Classifier, MlpWithPlainSgdLearnsTheTinyData) {
  TrainOptions o = mlp_options();
  o.mlp.optimizer = Optimizer::kSgd;
  o.mlp.learning_rate = 0.2f;
  auto m = IntentClassifier::train(testing::tiny_dataset(), o);
  ASSERT_TRUE(m) << m.error().message;
  EXPECT_EQ(m->predict("주문 취소 부탁해요").top.front().intent, "cancel_request");
  EXPECT_EQ(m->predict("hello!!").top.front().intent, "greeting");
  EXPECT_NE(m->serialize(),
            IntentClassifier::train(testing::tiny_dataset(), mlp_options())->serialize());
}

TEST(Classifier, MlpTrainingIsDeterministicForASeed) {
  const Dataset d = testing::tiny_dataset();
  auto a = IntentClassifier::train(d, mlp_options(7));
  auto b = IntentClassifier::train(d, mlp_options(7));
  auto c = IntentClassifier::train(d, mlp_options(8));
  ASSERT_TRUE(a && b && c);
  EXPECT_EQ(a->serialize(), b->serialize());
  EXPECT_NE(a->serialize(), c->serialize());
  EXPECT_NE(a->serialize(), tiny_model().serialize());
}

TEST(Mlp, AssignRejectsArraysThatDoNotMatchTheShape) {
  Mlp m;
  EXPECT_TRUE(m.assign(3, 2, 2, std::vector<float>(6), std::vector<float>(2), std::vector<float>(4),
                       std::vector<float>(2)));
  EXPECT_FALSE(m.assign(3, 2, 2, std::vector<float>(5), std::vector<float>(2),
                        std::vector<float>(4), std::vector<float>(2)));
  EXPECT_FALSE(m.assign(3, 0, 2, {}, {}, {}, std::vector<float>(2)));
  EXPECT_FALSE(m.assign(3, 2, 2, std::vector<float>(6), std::vector<float>(2),
                        std::vector<float>(4), std::vector<float>(3)));
  // Feature rows outside the model (a vocabulary/model mismatch) are skipped, not read.
  SparseRow x{{1, 7}, {1.0f, 1.0f}};
  float out[2] = {9, 9};
  m.scores(x, out);
  EXPECT_FLOAT_EQ(out[0], 0.0f);
  EXPECT_FLOAT_EQ(out[1], 0.0f);
}

TEST(Classifier, RejectsUnusableData) {
  Dataset one;
  one.examples = {{"hello", "greeting"}, {"hi", "greeting"}};
  auto m = IntentClassifier::train(one, fast_options());
  ASSERT_FALSE(m);
  EXPECT_EQ(m.error().code, ErrorCode::kInvalidArgument);
  Dataset only_oos;
  only_oos.examples = {{"x", "oos"}};
  EXPECT_FALSE(IntentClassifier::train(only_oos, fast_options()));
}

TEST(Classifier, OddInputNeverBreaksPrediction) {
  const auto& m = tiny_model();
  for (const char* text :
       {"", "   ", "\xFF\xFE\xFD", "ㅋㅋㅋㅋㅋㅋㅋㅋ", "!!!!!!!!", "🙂🙂🙂", "0000000"}) {
    const auto p = m.predict(text);
    ASSERT_FALSE(p.top.empty());
    EXPECT_GE(p.confidence, 0.0f);
    EXPECT_LE(p.confidence, 1.0f);
  }
  const std::string long_text(20000, 'a');
  EXPECT_FALSE(m.predict(long_text).top.empty());
}

}  // namespace
}  // namespace aicc::nlu
