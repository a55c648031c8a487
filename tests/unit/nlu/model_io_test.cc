#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <random>

#include <gtest/gtest.h>

#include "nlu/intent/classifier.h"
#include "test_util.h"

namespace aicc::nlu {
namespace {

using testing::TempDir;

const IntentClassifier& model() {
  static const IntentClassifier m = [] {
    TrainOptions o;
    o.calibration_folds = 3;
    return *IntentClassifier::train(testing::tiny_dataset(), o);
  }();
  return m;
}

const IntentClassifier& mlp_model() {
  static const IntentClassifier m = [] {
    TrainOptions o;
    o.calibration_folds = 3;
    o.model = ModelKind::kMlp;
    o.mlp.hidden = 16;
    o.mlp.epochs = 10;
    o.mlp.learning_rate = 0.01f;
    return *IntentClassifier::train(testing::tiny_dataset(), o);
  }();
  return m;
}

// CRC-32 (IEEE), to forge valid checksums over corrupted payloads.
std::uint32_t crc32(std::string_view data) {
  std::uint32_t c = 0xFFFFFFFFu;
  for (const char ch : data) {
    c ^= static_cast<unsigned char>(ch);
    for (int k = 0; k < 8; ++k) c = (c & 1u) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
  }
  return c ^ 0xFFFFFFFFu;
}

void fix_checksum(std::string& bytes) {
  const std::uint32_t crc = crc32(std::string_view(bytes).substr(32));
  std::memcpy(bytes.data() + 24, &crc, 4);
}

TEST(ModelFile, RoundTripKeepsEverything) {
  TempDir dir;
  const auto path = dir.path() / "sub" / "intent.model";
  ASSERT_TRUE(model().save(path));
  auto loaded = IntentClassifier::load(path);
  ASSERT_TRUE(loaded) << loaded.error().message;
  EXPECT_EQ(loaded->serialize(), model().serialize());
  EXPECT_EQ(loaded->labels(), model().labels());
  EXPECT_FLOAT_EQ(loaded->temperature(), model().temperature());
  EXPECT_EQ(loaded->report().data_fingerprint, model().report().data_fingerprint);
  for (const char* text : {"주문 취소", "hello", "오늘 날씨 어때", "track my package"}) {
    EXPECT_EQ(loaded->probabilities(text), model().probabilities(text)) << text;
  }
}

TEST(ModelFile, MlpRoundTripKeepsEverything) {
  TempDir dir;
  const auto path = dir.path() / "mlp.model";
  ASSERT_TRUE(mlp_model().save(path));
  auto loaded = IntentClassifier::load(path);
  ASSERT_TRUE(loaded) << loaded.error().message;
  EXPECT_EQ(loaded->model_kind(), ModelKind::kMlp);
  EXPECT_EQ(loaded->serialize(), mlp_model().serialize());
  for (const char* text : {"주문 취소", "hello", "오늘 날씨 어때", "track my package"}) {
    EXPECT_EQ(loaded->probabilities(text), mlp_model().probabilities(text)) << text;
  }
}

TEST(ModelFile, MlpTruncatedOrCorruptFilesAreRejected) {
  const std::string good = mlp_model().serialize();
  for (const std::size_t len : {std::size_t{32}, good.size() / 2, good.size() - 1}) {
    std::string bytes = good.substr(0, len);
    std::uint64_t n = bytes.size() - 32;
    std::memcpy(bytes.data() + 16, &n, 8);
    fix_checksum(bytes);  // a consistent header: the decoder itself must notice
    auto m = IntentClassifier::deserialize(bytes, "cut-mlp.model");
    ASSERT_FALSE(m) << len;
    EXPECT_EQ(m.error().code, ErrorCode::kInvalidArgument) << len;
  }
  std::string nan = good;
  const float bad = std::numeric_limits<float>::quiet_NaN();
  std::memcpy(nan.data() + nan.size() - 4, &bad, 4);  // the last output bias
  fix_checksum(nan);
  auto m = IntentClassifier::deserialize(nan, "nan.model");
  ASSERT_FALSE(m);
  EXPECT_NE(m.error().message.find("non-finite"), std::string::npos) << m.error().message;
}

TEST(ModelFile, MissingFileIsNotFound) {
  auto m = IntentClassifier::load("/nonexistent/dir/intent.model");
  ASSERT_FALSE(m);
  EXPECT_EQ(m.error().code, ErrorCode::kNotFound);
}

TEST(ModelFile, TruncatedFilesAreRejected) {
  const std::string bytes = model().serialize();
  for (const std::size_t len : {std::size_t{0}, std::size_t{7}, std::size_t{31}, std::size_t{32},
                                std::size_t{100}, bytes.size() / 2, bytes.size() - 1}) {
    auto m = IntentClassifier::deserialize(bytes.substr(0, len), "cut.model");
    ASSERT_FALSE(m) << len;
    EXPECT_EQ(m.error().code, ErrorCode::kInvalidArgument) << len;
    EXPECT_NE(m.error().message.find("cut.model"), std::string::npos);
  }
  auto m = IntentClassifier::deserialize(bytes.substr(0, bytes.size() - 1), "cut.model");
  EXPECT_NE(m.error().message.find("truncated"), std::string::npos) << m.error().message;
}

TEST(ModelFile, CorruptBytesFailTheChecksum) {
  std::string bytes = model().serialize();
  bytes[bytes.size() / 2] ^= 0x5A;
  auto m = IntentClassifier::deserialize(bytes, "bad.model");
  ASSERT_FALSE(m);
  EXPECT_EQ(m.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(m.error().message.find("checksum"), std::string::npos) << m.error().message;
}

TEST(ModelFile, WrongMagicAndVersion) {
  std::string bytes = model().serialize();
  std::string not_model = bytes;
  not_model[0] = 'X';
  auto m = IntentClassifier::deserialize(not_model, "x.model");
  ASSERT_FALSE(m);
  EXPECT_NE(m.error().message.find("magic"), std::string::npos);

  EXPECT_EQ(bytes[8], 3);  // this build writes format version 3
  std::string future = bytes;
  future[8] = 4;
  m = IntentClassifier::deserialize(future, "future.model");
  ASSERT_FALSE(m);
  EXPECT_EQ(m.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_NE(m.error().message.find("version 4"), std::string::npos) << m.error().message;
  EXPECT_NE(m.error().message.find("versions 2 to 3"), std::string::npos) << m.error().message;

  // Version 1 files (before the model kind was stored) ask to be retrained.
  std::string old = bytes;
  old[8] = 1;
  m = IntentClassifier::deserialize(old, "old.model");
  ASSERT_FALSE(m);
  EXPECT_EQ(m.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_NE(m.error().message.find("version 1"), std::string::npos) << m.error().message;
  EXPECT_NE(m.error().message.find("retrain"), std::string::npos) << m.error().message;

  std::string trailing = bytes + "xx";
  EXPECT_FALSE(IntentClassifier::deserialize(trailing, "t.model"));
}

// A version 2 MLP file (first layer in f32), written by the build before version 3 with
//   aicc_nlu_tool nlu train tests/unit/nlu/data/mlp_v2.csv --arch mlp --hidden 8
//       --calib-folds 0 --seed 5 -o tests/unit/nlu/data/mlp_v2.model
std::string version2_mlp_file() {
  const auto path =
      std::filesystem::path(AICC_SOURCE_DIR) / "tests" / "unit" / "nlu" / "data" / "mlp_v2.model";
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

TEST(ModelFile, Version2MlpFilesStillLoadAndAreWrittenAsVersion3) {
  const std::string v2 = version2_mlp_file();
  ASSERT_GT(v2.size(), 32u);
  ASSERT_EQ(v2[8], 2);
  auto old = IntentClassifier::deserialize(v2, "mlp_v2.model");
  ASSERT_TRUE(old) << old.error().message;
  EXPECT_EQ(old->model_kind(), ModelKind::kMlp);
  // A 19-message model: its confidences stay below the 0.7 threshold, so check its ranking.
  EXPECT_EQ(old->predict("where is my order").top.front().intent, "order_status");
  EXPECT_EQ(old->predict("주문 취소해 주세요").top.front().intent, "cancel_request");

  // Written back as version 3: the first layer (features × 8 hidden units) takes 2 bytes a
  // weight instead of 4, and nothing else changes size.
  const std::string v3 = old->serialize();
  EXPECT_EQ(v3[8], 3);
  EXPECT_EQ(v2.size() - v3.size(), std::size_t{old->report().features} * 8 * 2);
  auto now = IntentClassifier::deserialize(v3, "mlp_v3.model");
  ASSERT_TRUE(now) << now.error().message;
  EXPECT_EQ(now->serialize(), v3);  // rounding to 16 bits happens once
  for (const char* text : {"where is my order", "환불 받고 싶어요", "오늘 날씨 어때요", "안녕"}) {
    const auto a = old->probabilities(text);
    const auto b = now->probabilities(text);
    ASSERT_EQ(a.size(), b.size());
    for (std::size_t i = 0; i < a.size(); ++i) EXPECT_NEAR(a[i], b[i], 1e-3) << text;
    EXPECT_EQ(old->predict(text).top.front().intent, now->predict(text).top.front().intent) << text;
  }

  // A version 2 file's payload is read as f32: the same bytes labelled version 3 no longer
  // add up and are refused, never misread.
  std::string relabelled = v2;
  relabelled[8] = 3;
  auto m = IntentClassifier::deserialize(relabelled, "relabelled.model");
  ASSERT_FALSE(m);
  EXPECT_EQ(m.error().code, ErrorCode::kInvalidArgument);
}

TEST(ModelFile, MlpFirstLayerIsStoredInSixteenBitsAndTrainedThatWay) {
  // Training rounds the first layer to binary16, so the trained model and its file agree
  // exactly (MlpRoundTripKeepsEverything), and a version 2 label on version 3 bytes (16-bit
  // first layer read as f32) is refused for its length.
  std::string bytes = mlp_model().serialize();
  bytes[8] = 2;
  auto m = IntentClassifier::deserialize(bytes, "mislabelled.model");
  ASSERT_FALSE(m);
  EXPECT_NE(m.error().message.find("network weights"), std::string::npos) << m.error().message;
}

TEST(ModelFile, NonFiniteSixteenBitWeightsAreRejected) {
  // Find the first layer by its known shape: it starts right after the u32 hidden-unit count
  // that follows the model kind byte; overwrite one weight with binary16 infinity.
  std::string bytes = mlp_model().serialize();
  const std::size_t rows = mlp_model().report().features;
  const std::size_t w1_bytes = rows * 16 * 2;
  // Tail of an MLP payload: hidden(4) · W1 · b1(16 × 4) · classes(4) · W2(16 × C × 4) · b2(C × 4).
  const std::size_t classes = mlp_model().labels().size();
  const std::size_t tail = 4 + w1_bytes + 16 * 4 + 4 + 16 * classes * 4 + classes * 4;
  ASSERT_GT(bytes.size(), 32 + tail);
  const std::size_t w1_at = bytes.size() - tail + 4;
  std::uint32_t hidden = 0;
  std::memcpy(&hidden, bytes.data() + w1_at - 4, 4);
  ASSERT_EQ(hidden, 16u);
  const std::uint16_t inf = 0x7C00;
  std::memcpy(bytes.data() + w1_at + 2 * 5, &inf, 2);
  fix_checksum(bytes);
  auto m = IntentClassifier::deserialize(bytes, "inf.model");
  ASSERT_FALSE(m);
  EXPECT_NE(m.error().message.find("non-finite"), std::string::npos) << m.error().message;
}

TEST(ModelFile, ForgedChecksumOverCorruptPayloadNeverCrashes) {
  // With a valid checksum the decoder's own bounds checks must catch every inconsistency.
  const std::string good = model().serialize();
  std::mt19937_64 rng(123);
  int rejected = 0;
  for (int i = 0; i < 300; ++i) {
    std::string bytes = good;
    const int flips = 1 + static_cast<int>(rng() % 4);
    for (int f = 0; f < flips; ++f) {
      const std::size_t pos = 32 + rng() % (bytes.size() - 32);
      bytes[pos] = static_cast<char>(rng() & 0xFF);
    }
    if (rng() % 4 == 0) bytes.resize(32 + rng() % (bytes.size() - 32));
    std::uint64_t len = bytes.size() - 32;
    std::memcpy(bytes.data() + 16, &len, 8);
    fix_checksum(bytes);
    auto m = IntentClassifier::deserialize(bytes, "fuzz.model");
    if (!m) {
      ++rejected;
      continue;
    }
    // Whatever survived decoding must still predict without faults.
    const auto p = m->predict("주문 취소 해주세요");
    EXPECT_FALSE(p.top.empty());
  }
  EXPECT_GT(rejected, 0);
}

}  // namespace
}  // namespace aicc::nlu
