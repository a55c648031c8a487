// The runner against the real default bot: a story whose expectations hold passes, a wrong
// expectation fails with expected vs actual and the bot's reply, later turns are not run,
// and the reports say so. (The shipped stories themselves run under ctest -L conversation.)
#include "convtest/runner.h"

#include <cstdio>
#include <string>

#include <gtest/gtest.h>
#include <boost/json.hpp>

#include "convtest/report.h"

namespace aicc::convtest {
namespace {

class RunnerTest : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    // Each test runs in its own process (ctest): a cached model (retrained when the intent
    // data changes, written atomically) spares every one of them the training.
    bot::BotOptions options;
    options.dir = std::string(AICC_SOURCE_DIR) + "/bot";
    options.model_path = AICC_TEST_MODEL_FILE;
    auto loaded = bot::BotEngine::load(options);
    ASSERT_TRUE(loaded) << loaded.error().message;
    bot_ = loaded->release();
  }
  static void TearDownTestSuite() {
    delete bot_;
    bot_ = nullptr;
  }
  void SetUp() override {
    ASSERT_NE(bot_, nullptr);
    auto runner = StoryRunner::create(*bot_);
    ASSERT_TRUE(runner) << runner.error().message;
    runner_ = std::move(*runner);
  }

  static Turn turn(std::string user, std::vector<Check> checks) {
    return Turn{std::move(user), 10, std::move(checks)};
  }
  static Story story(std::string name, std::vector<Turn> turns) {
    Story s;
    s.name = std::move(name);
    s.file = "test.yaml";
    s.line = 1;
    s.language = "ko";
    s.turns = std::move(turns);
    return s;
  }

  static bot::BotEngine* bot_;
  std::unique_ptr<StoryRunner> runner_;
};

bot::BotEngine* RunnerTest::bot_ = nullptr;

using K = Check::Kind;

TEST_F(RunnerTest, HoldingExpectationsPass) {
  Story s = story("greet then escalate",
                  {turn("안녕하세요", {{K::kDecision, "greet"}, {K::kEscalationReason, "none"}}),
                   turn("상담원 연결해 주세요", {{K::kDecision, "escalate"},
                                                 {K::kEscalationReason, "customer_request"},
                                                 {K::kConversationState, "queued"}}),
                   turn("여보세요?", {{K::kNoReply, "true"}})});
  s.welcome = {{K::kQuickRepliesContain, "상품 문의"}};
  const StoryResult r = runner_->run(s);
  EXPECT_TRUE(r.passed) << (r.failure ? r.failure->checks.front().key : r.error);
  EXPECT_EQ(r.turns_run, 3);
}

TEST_F(RunnerTest, AWrongExpectationFailsWithADiffAndStopsTheStory) {
  Story s = story("wrong", {turn("안녕하세요", {{K::kDecision, "faq_answer", 11},
                                                {K::kReplyContains, "무엇을 도와드릴까요"},
                                                {K::kReplyNotContains, "안녕하세요", 13}}),
                            turn("영업시간이 어떻게 되나요?", {{K::kDecision, "faq_answer"}})});
  const StoryResult r = runner_->run(s);
  EXPECT_FALSE(r.passed);
  EXPECT_EQ(r.turns_run, 1);
  ASSERT_TRUE(r.failure);
  EXPECT_EQ(r.failure->turn, 1);
  ASSERT_EQ(r.failure->checks.size(), 2u);  // reply_contains held
  EXPECT_EQ(r.failure->checks[0].key, "decision");
  EXPECT_EQ(r.failure->checks[0].expected, "faq_answer");
  EXPECT_EQ(r.failure->checks[0].actual, "greet");
  EXPECT_EQ(r.failure->checks[0].line, 11);
  EXPECT_EQ(r.failure->checks[1].key, "reply_not_contains");
  ASSERT_TRUE(r.failure->replied);
  EXPECT_NE(r.failure->reply.text.find("무엇을 도와드릴까요"), std::string::npos);
  EXPECT_FALSE(r.failure->reply.reason.empty());

  char* buf = nullptr;
  std::size_t size = 0;
  std::FILE* out = open_memstream(&buf, &size);
  print_text_report({r}, out);
  std::fclose(out);
  const std::string text(buf, size);
  std::free(buf);
  EXPECT_NE(text.find("FAIL  wrong  (test.yaml:1)"), std::string::npos) << text;
  EXPECT_NE(text.find("turn 1 (test.yaml:10)  user: \"안녕하세요\""), std::string::npos) << text;
  EXPECT_NE(text.find("expected: faq_answer"), std::string::npos) << text;
  EXPECT_NE(text.find("actual:   greet"), std::string::npos) << text;
  EXPECT_NE(text.find("later turns were not run"), std::string::npos) << text;
  EXPECT_NE(text.find("1 stories, 0 passed, 1 failed"), std::string::npos) << text;

  const auto doc = boost::json::parse(json_report({r})).as_object();
  EXPECT_EQ(doc.at("summary").at("failed").as_int64(), 1);
  const auto& failure = doc.at("stories").at(0).at("failure");
  EXPECT_EQ(failure.at("checks").at(0).at("actual").as_string(), "greet");
  EXPECT_EQ(failure.at("reply").at("decision").as_string(), "greet");
}

TEST_F(RunnerTest, ExpectingSilenceFailsWhenTheBotAnswers) {
  const StoryResult r =
      runner_->run(story("silence", {turn("안녕하세요", {{K::kNoReply, "true"}})}));
  ASSERT_FALSE(r.passed);
  EXPECT_EQ(r.failure->checks.at(0).actual, "a reply (greet)");
}

TEST_F(RunnerTest, ExpectationsOnAMissingReplyFail) {
  const StoryResult r = runner_->run(
      story("after goodbye", {turn("안녕히 계세요", {{K::kConversationState, "closed"}}),
                              turn("하나 더요", {{K::kDecision, "greet"}})}));
  ASSERT_FALSE(r.passed);
  EXPECT_EQ(r.failure->turn, 2);
  EXPECT_FALSE(r.failure->replied);
  EXPECT_EQ(r.failure->checks.at(0).actual.rfind("(no reply: ", 0), 0u)
      << r.failure->checks.at(0).actual;
}

TEST_F(RunnerTest, TheStoryClockDrivesRelativeDates) {
  Story s = story("tomorrow", {turn("예약하고 싶어요", {{K::kScenario, "reservation"}}),
                               turn("1", {{K::kStep, "ask_preferred_date"}}),
                               turn("내일", {{K::kStep, "ask_contact_info"}}),
                               turn("010-1234-5678", {{K::kReplyContains, "2027-01-16"}})});
  s.now = parse_iso8601("2027-01-15T09:00:00+09:00");
  const StoryResult r = runner_->run(s);
  EXPECT_TRUE(r.passed) << (r.failure && r.failure->replied ? r.failure->reply.text : r.error);
}

}  // namespace
}  // namespace aicc::convtest
