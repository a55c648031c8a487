// A customer turn through ChatService with the default bot, on a real SQLite store: the
// customer's message and the bot's reply are stored in one write transaction (one commit,
// one fsync); retries, and conversations the bot does not handle, still behave as before.
#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <random>

#include "bot/bot_engine.h"
#include "core/clock.h"
#include "core/ids.h"
#include "core/random.h"
#include "service/bot_turns.h"
#include "service/chat_service.h"
#include "store/sqlite/sqlite_store.h"

namespace aicc {
namespace {

class BotTurnTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    bot::BotOptions options;
    options.dir = std::filesystem::path(AICC_SOURCE_DIR) / "bot";
    options.model_path.clear();  // trained in memory
    auto engine = bot::BotEngine::load(options);
    ASSERT_TRUE(engine) << engine.error().message;
    engine_ = std::move(*engine).release();
  }
  static void TearDownTestSuite() {
    delete engine_;
    engine_ = nullptr;
  }

  void SetUp() override {
    ASSERT_NE(engine_, nullptr);
    dir_ = std::filesystem::temp_directory_path() /
           ("aicc-bot-turn-" + std::to_string(std::random_device{}()));
    std::filesystem::create_directories(dir_);
    auto store = SqliteStore::open({.path = (dir_ / "aicc.db").string()});
    ASSERT_TRUE(store) << store.error().message;
    store_ = std::move(*store);
    ASSERT_TRUE(store_->migrate());
    turns_ = std::make_unique<BotTurns>(*store_, *engine_, clock_, ids_);
    chat_ = std::make_unique<ChatService>(*store_, clock_, ids_, ChatEvents{}, turns_.get());
  }
  void TearDown() override {
    chat_.reset();
    turns_.reset();
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  std::string open_conversation() {
    auto opened = chat_->open(OpenConversation{.channel = "web", .language = "ko"});
    EXPECT_TRUE(opened) << opened.error().message;
    return opened ? opened->conversation.id : "";
  }

  static bot::BotEngine* engine_;
  std::filesystem::path dir_;
  ManualClock clock_{TimePoint(std::chrono::seconds(1767225600))};  // 2026-01-01T00:00Z
  SeededRandom random_{7};
  IdGenerator ids_{clock_, random_};
  std::unique_ptr<SqliteStore> store_;
  std::unique_ptr<BotTurns> turns_;
  std::unique_ptr<ChatService> chat_;
};

bot::BotEngine* BotTurnTest::engine_ = nullptr;

TEST_F(BotTurnTest, MessageAndReplyAreOneWriteTransaction) {
  const auto id = open_conversation();
  const auto before = store_->write_stats();
  auto posted = chat_->post_customer_message(id, "영업시간이 어떻게 되나요?", "m-1");
  ASSERT_TRUE(posted) << posted.error().message;
  const auto after = store_->write_stats();
  EXPECT_TRUE(posted->created);
  EXPECT_TRUE(posted->bot.active);
  ASSERT_EQ(posted->replies.size(), 1u);
  EXPECT_EQ(posted->message.seq + 1, posted->replies[0].seq);
  EXPECT_EQ(posted->replies[0].client_msg_id, BotTurns::reply_key(posted->message));
  EXPECT_EQ(after.requests - before.requests, 1u);  // was 2: message, then reply
  EXPECT_EQ(after.transactions - before.transactions, 1u);
  auto conv = store_->get_conversation(id);
  ASSERT_TRUE(conv);
  EXPECT_EQ(conv->message_count, posted->replies[0].seq);
  EXPECT_EQ(conv->bot_version, 1);
}

TEST_F(BotTurnTest, TwoCommitModeStoresTheSameTurnInTwoWrites) {
  turns_->commit_turns_in_one(false);
  const auto id = open_conversation();
  const auto before = store_->write_stats();
  auto posted = chat_->post_customer_message(id, "영업시간이 어떻게 되나요?", "m-1");
  ASSERT_TRUE(posted) << posted.error().message;
  EXPECT_EQ(store_->write_stats().requests - before.requests, 2u);
  ASSERT_EQ(posted->replies.size(), 1u);
  EXPECT_EQ(posted->message.seq + 1, posted->replies[0].seq);
  EXPECT_EQ(store_->get_conversation(id)->bot_version, 1);
}

TEST_F(BotTurnTest, RetryGetsTheFirstReplyAndStoresNothingNew) {
  const auto id = open_conversation();
  auto first = chat_->post_customer_message(id, "배송비 얼마예요?", "m-1");
  ASSERT_TRUE(first) << first.error().message;
  ASSERT_EQ(first->replies.size(), 1u);
  const auto before = store_->get_conversation(id);
  ASSERT_TRUE(before);
  auto retry = chat_->post_customer_message(id, "배송비 얼마예요?", "m-1");
  ASSERT_TRUE(retry) << retry.error().message;
  EXPECT_FALSE(retry->created);
  EXPECT_EQ(retry->message.id, first->message.id);
  ASSERT_EQ(retry->replies.size(), 1u);
  EXPECT_EQ(retry->replies[0].id, first->replies[0].id);
  EXPECT_EQ(store_->get_conversation(id)->message_count, before->message_count);
  EXPECT_EQ(store_->get_conversation(id)->bot_version, before->bot_version);
}

TEST_F(BotTurnTest, RetryAfterACrashBetweenMessageAndReplyIsAnswered) {
  // A message stored without its reply (what the two-commit turn could leave behind).
  const auto id = open_conversation();
  Message m;
  m.id = ids_.uuid();
  m.conversation_id = id;
  m.sender = Sender::kCustomer;
  m.text = "포인트 확인하고 싶어요";
  m.client_msg_id = "m-1";
  m.created_at = clock_.now();
  ASSERT_TRUE(store_->append_message(m));
  auto retry = chat_->post_customer_message(id, "포인트 확인하고 싶어요", "m-1");
  ASSERT_TRUE(retry) << retry.error().message;
  EXPECT_FALSE(retry->created);
  ASSERT_EQ(retry->replies.size(), 1u);
  EXPECT_EQ(retry->replies[0].client_msg_id, BotTurns::reply_key(retry->message));
}

TEST_F(BotTurnTest, QueuedConversationStoresTheMessageWithoutAReply) {
  const auto id = open_conversation();
  ASSERT_TRUE(store_->transition_conversation(id, ConversationState::kQueued, clock_.now(),
                                              "customer_request"));
  auto posted = chat_->post_customer_message(id, "아직이에요?", "m-1");
  ASSERT_TRUE(posted) << posted.error().message;
  EXPECT_TRUE(posted->created);
  EXPECT_TRUE(posted->replies.empty());
  EXPECT_FALSE(posted->bot.active);
  EXPECT_EQ(posted->bot.reason, "waiting_for_agent");
}

TEST_F(BotTurnTest, UnknownConversationIsNotFoundAndClosedIsConflict) {
  auto unknown = chat_->post_customer_message("no-such-conversation", "hello", "m-1");
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, ErrorCode::kNotFound);
  const auto id = open_conversation();
  ASSERT_TRUE(chat_->close(id, "customer"));
  auto closed = chat_->post_customer_message(id, "hello", "m-2");
  ASSERT_FALSE(closed);
  EXPECT_EQ(closed.error().code, ErrorCode::kConflict);
}

}  // namespace
}  // namespace aicc
