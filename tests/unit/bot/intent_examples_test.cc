// Added intent examples: validated, kept in their JSON-lines file across reopening, and
// removed by id.
#include "bot/intent_examples.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace aicc::bot {
namespace {

namespace fs = std::filesystem;

class IntentExamplesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("aicc-examples-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
            "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    path_ = dir_ / "sub" / "examples.jsonl";
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_, path_;
};

TEST_F(IntentExamplesTest, AddedExamplesSurviveReopeningAndRemoval) {
  auto ex = IntentExamples::open(path_);
  ASSERT_TRUE(ex) << ex.error().message;
  EXPECT_TRUE(ex->list().empty());
  auto a = ex->add("order_status", "  택배 어디쯤 왔나요  ", {"주문 조회"});
  ASSERT_TRUE(a) << a.error().message;
  EXPECT_EQ(a->text, "택배 어디쯤 왔나요");  // trimmed
  EXPECT_EQ(a->id, example_id("order_status", "택배 어디쯤 왔나요"));
  ASSERT_TRUE(ex->add("greeting", "hello there", {}));

  auto again = IntentExamples::open(path_);
  ASSERT_TRUE(again) << again.error().message;
  ASSERT_EQ(again->list().size(), 2u);
  EXPECT_EQ(again->dataset().examples[0].label, "order_status");
  EXPECT_EQ(again->dataset().examples[0].text, "택배 어디쯤 왔나요");

  EXPECT_EQ(again->remove("greeting", a->id).error().code, ErrorCode::kNotFound);
  ASSERT_TRUE(again->remove("order_status", a->id));
  ASSERT_TRUE(again->remove("greeting", example_id("greeting", "hello there")));
  auto empty = IntentExamples::open(path_);  // an emptied file opens as an empty list
  ASSERT_TRUE(empty) << empty.error().message;
  EXPECT_TRUE(empty->list().empty());
}

TEST_F(IntentExamplesTest, BadTextAndDuplicatesAreRefused) {
  auto ex = IntentExamples::open(path_);
  ASSERT_TRUE(ex);
  for (std::string bad :
       {std::string("   "), std::string(501, 'x'), std::string("a\nb"), std::string("\xff\xfe")}) {
    auto r = ex->add("greeting", bad, {});
    ASSERT_FALSE(r) << bad;
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(r.error().details.at("field"), "text");
  }
  EXPECT_EQ(ex->add("greeting", "안녕하세요", {"안녕하세요"}).error().code, ErrorCode::kConflict);
  ASSERT_TRUE(ex->add("greeting", "반가워요 여러분", {}));
  EXPECT_EQ(ex->add("greeting", "반가워요 여러분", {}).error().code, ErrorCode::kConflict);
  EXPECT_TRUE(ex->add("goodbye", "반가워요 여러분", {}));  // another intent may have it
}

TEST_F(IntentExamplesTest, ABrokenFileIsAnErrorNamingIt) {
  fs::create_directories(path_.parent_path());
  std::ofstream(path_) << "{\"intent\": \"greeting\", \"text\": \"hi\"}\nnot json\n";
  auto ex = IntentExamples::open(path_);
  ASSERT_FALSE(ex);
  EXPECT_NE(ex.error().message.find(path_.string()), std::string::npos) << ex.error().message;
}

TEST_F(IntentExamplesTest, WithoutAFileNothingCanBeAdded) {
  auto ex = IntentExamples::open("");
  ASSERT_TRUE(ex);
  EXPECT_EQ(ex->add("greeting", "hi", {}).error().code, ErrorCode::kFailedPrecondition);
}

}  // namespace
}  // namespace aicc::bot
