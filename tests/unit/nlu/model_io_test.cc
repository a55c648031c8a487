#include <cstring>
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

  std::string future = bytes;
  future[8] = 3;  // format version 3
  m = IntentClassifier::deserialize(future, "future.model");
  ASSERT_FALSE(m);
  EXPECT_EQ(m.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_NE(m.error().message.find("version 3"), std::string::npos) << m.error().message;

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
