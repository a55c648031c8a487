// Inbound channels' use cases on a real SQLite store: a contact's first message opens a
// conversation on the channel, later ones continue it, one after it closed opens a new
// one for the same customer; retries are answered once; bad input names its field;
// conversations are traced back to their contact (also by a node that did not open them);
// and a callback queued with emit_to goes to the channel's subscription only.
#include <chrono>
#include <filesystem>
#include <mutex>
#include <random>
#include <thread>

#include <gtest/gtest.h>

#include "service/channel_inbound.h"
#include "service/webhook_dispatcher.h"
#include "store/sqlite/sqlite_store.h"

namespace aicc {
namespace {

// Answers every request 204 and keeps them.
class RecordingHttp final : public nlu::HttpClient {
 public:
  Result<nlu::HttpResponse> send(const nlu::HttpRequest& request) const override {
    std::lock_guard lock(mu_);
    sent_.push_back(request);
    return nlu::HttpResponse{204, {}, ""};
  }
  std::vector<nlu::HttpRequest> sent() const {
    std::lock_guard lock(mu_);
    return sent_;
  }

 private:
  mutable std::mutex mu_;
  mutable std::vector<nlu::HttpRequest> sent_;
};

class ChannelInboundTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("aicc-channel-" + std::to_string(std::random_device{}()));
    std::filesystem::create_directories(dir_);
    auto store = open_sqlite_store((dir_ / "aicc.db").string(), 2);
    ASSERT_TRUE(store) << store.error().message;
    store_ = std::move(*store);
    ASSERT_TRUE(store_->migrate());
    ApiKey key;
    key.id = "k1";
    key.name = "bridge";
    key.prefix = "aicc_0123";
    key.key_hash = std::string(64, 'a');
    key.created_at = clock_.now();
    ASSERT_TRUE(store_->create_api_key(key));
    channel_.id = ids_.uuid();
    channel_.name = "kakao";
    channel_.callback_url = "https://bridge.example.com/cb";
    channel_.secret = "whsec_0123456789abcdef";
    channel_.api_key_id = "k1";
    channel_.created_at = channel_.updated_at = clock_.now();
    ASSERT_TRUE(store_->create_channel(channel_));
    chat_ = std::make_unique<ChatService>(*store_, clock_, ids_);
    routes_ = std::make_unique<ChannelRoutes>(*store_);
    inbound_ = std::make_unique<ChannelInbound>(*store_, *chat_, *routes_, clock_, ids_);
  }
  void TearDown() override {
    inbound_.reset();
    routes_.reset();
    chat_.reset();
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  // A conversation opened by a message of the channel's contact "user-1", and a web one.
  void open_channel_and_web(std::string& channel_conversation, std::string& web_conversation) {
    auto got = inbound_->receive(channel_, message("user-1", "안녕하세요", "m1"));
    ASSERT_TRUE(got) << got.error().message;
    channel_conversation = got->conversation.id;
    OpenConversation web;
    web.channel = "web";
    auto opened = chat_->open(web);
    ASSERT_TRUE(opened) << opened.error().message;
    web_conversation = opened->conversation.id;
  }

  InboundMessage message(std::string external_id, std::string text, std::string id) {
    InboundMessage m;
    m.external_id = std::move(external_id);
    m.text = std::move(text);
    m.client_msg_id = std::move(id);
    return m;
  }

  std::filesystem::path dir_;
  ManualClock clock_{TimePoint(std::chrono::sys_days(std::chrono::year(2026) / 11 / 29))};
  SeededRandom random_{7};
  IdGenerator ids_{clock_, random_};
  std::unique_ptr<Store> store_;
  Channel channel_;
  std::unique_ptr<ChatService> chat_;
  std::unique_ptr<ChannelRoutes> routes_;
  std::unique_ptr<ChannelInbound> inbound_;
};

TEST_F(ChannelInboundTest, AContactHasOneConversationAtATime) {
  auto m = message("user-1", "안녕하세요", "m1");
  m.customer_name = "김민수";
  m.language = "ko";
  auto first = inbound_->receive(channel_, m);
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_TRUE(first->conversation_created);
  EXPECT_TRUE(first->posted.created);
  EXPECT_EQ(first->conversation.channel, "kakao");
  EXPECT_EQ(first->conversation.language, "ko");
  auto customer = store_->get_customer(first->conversation.customer_id);
  ASSERT_TRUE(customer);
  EXPECT_EQ(customer->external_id, "kakao:user-1");
  EXPECT_EQ(customer->name, "김민수");

  auto second = inbound_->receive(channel_, message("user-1", "문의드려요", "m2"));
  ASSERT_TRUE(second) << second.error().message;
  EXPECT_FALSE(second->conversation_created);
  EXPECT_EQ(second->conversation.id, first->conversation.id);

  auto retry = inbound_->receive(channel_, message("user-1", "안녕하세요", "m1"));
  ASSERT_TRUE(retry) << retry.error().message;
  EXPECT_FALSE(retry->posted.created);
  EXPECT_EQ(retry->posted.message.id, first->posted.message.id);
  EXPECT_EQ(store_->get_conversation(first->conversation.id)->message_count, 2);

  ASSERT_TRUE(chat_->close(first->conversation.id, "customer"));
  // A retry of a message stored before the close still gets its original answer …
  auto late_retry = inbound_->receive(channel_, message("user-1", "문의드려요", "m2"));
  ASSERT_TRUE(late_retry) << late_retry.error().message;
  EXPECT_EQ(late_retry->posted.message.id, second->posted.message.id);
  // … and a new message opens a new conversation for the same customer.
  auto third = inbound_->receive(channel_, message("user-1", "또 왔어요", "m3"));
  ASSERT_TRUE(third) << third.error().message;
  EXPECT_TRUE(third->conversation_created);
  EXPECT_NE(third->conversation.id, first->conversation.id);
  EXPECT_EQ(third->conversation.customer_id, first->conversation.customer_id);

  auto other = inbound_->receive(channel_, message("user-2", "안녕하세요", "m1"));
  ASSERT_TRUE(other) << other.error().message;
  EXPECT_TRUE(other->conversation_created);
  EXPECT_NE(other->conversation.customer_id, first->conversation.customer_id);
}

TEST_F(ChannelInboundTest, BadInputNamesItsField) {
  struct Case {
    std::string field;
    InboundMessage m;
  };
  auto with = [&](auto change) {
    auto m = message("user-1", "안녕하세요", "m1");
    change(m);
    return m;
  };
  const std::vector<Case> cases = {
      {"external_id", with([](auto& m) { m.external_id = ""; })},
      {"external_id", with([](auto& m) { m.external_id = std::string(96, 'u'); })},
      {"external_id", with([](auto& m) { m.external_id = "user\t1"; })},
      {"external_id", with([](auto& m) { m.external_id = "\xff"; })},
      {"client_msg_id", with([](auto& m) { m.client_msg_id = ""; })},
      {"client_msg_id", with([](auto& m) { m.client_msg_id = std::string(129, 'x'); })},
      {"customer_name", with([](auto& m) { m.customer_name = std::string(201, 'n'); })},
      {"language", with([](auto& m) { m.language = "fr"; })},
      {"text", with([](auto& m) { m.text = " \t "; })},
      {"text", with([](auto& m) { m.text = std::string(1001, 'x'); })},
      {"text", with([](auto& m) { m.text = "\xc3"; })},
  };
  for (const auto& c : cases) {
    auto r = inbound_->receive(channel_, c.m);
    ASSERT_FALSE(r) << c.field;
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument) << c.field;
    EXPECT_EQ(r.error().details.at("field"), c.field);
  }
  EXPECT_FALSE(*store_->channel_conversation(channel_.id, "user-1"))
      << "input refused before a contact is linked";
  EXPECT_TRUE(store_
                  ->list_conversations_between(clock_.now() - std::chrono::hours(1),
                                               clock_.now() + std::chrono::hours(1), "", 10)
                  ->empty())
      << "and before a conversation is opened";
}

TEST_F(ChannelInboundTest, ConversationsAreTracedBackToTheirContact) {
  std::string channel_conversation, web_conversation;
  ASSERT_NO_FATAL_FAILURE(open_channel_and_web(channel_conversation, web_conversation));
  // Another node's lookup, from the store alone.
  ChannelRoutes fresh(*store_);
  for (ChannelRoutes* routes : {routes_.get(), &fresh}) {
    auto route = routes->route_of(channel_conversation);
    ASSERT_TRUE(route && *route);
    EXPECT_EQ((*route)->channel_name, "kakao");
    EXPECT_EQ((*route)->contact.channel_id, channel_.id);
    EXPECT_EQ((*route)->contact.external_id, "user-1");
    auto none = routes->route_of(web_conversation);
    ASSERT_TRUE(none);
    EXPECT_FALSE(*none);
  }
}

TEST_F(ChannelInboundTest, EndedConversationsAreForgottenAndReadAgainWhenNeeded) {
  std::string channel_conversation, web_conversation;
  ASSERT_NO_FATAL_FAILURE(open_channel_and_web(channel_conversation, web_conversation));
  ASSERT_TRUE(routes_->route_of(web_conversation));
  EXPECT_EQ(routes_->remembered(), 2u) << "the channel's conversation and the web one";
  routes_->forget(web_conversation);
  routes_->forget(channel_conversation);
  EXPECT_EQ(routes_->remembered(), 0u);
  // A late message of the ended conversation still finds its contact, from the store.
  auto route = routes_->route_of(channel_conversation);
  ASSERT_TRUE(route && *route);
  EXPECT_EQ((*route)->contact.external_id, "user-1");
  EXPECT_EQ(routes_->remembered(), 1u);
}

TEST_F(ChannelInboundTest, EmitToReachesTheChannelsSubscriptionOnly) {
  WebhookSubscription everything;
  everything.id = "w-all";
  everything.url = "https://crm.example.com/hook";
  everything.secret = "0123456789abcdef0123";
  everything.events = {"*"};
  everything.created_at = everything.updated_at = clock_.now();
  ASSERT_TRUE(store_->create_webhook(everything));
  auto http = std::make_unique<RecordingHttp>();
  const RecordingHttp& seen = *http;
  WebhookOptions options;
  options.poll_interval = std::chrono::milliseconds(20);
  WebhookDispatcher dispatcher(*store_, clock_, ids_, options, std::move(http));
  dispatcher.start();
  ASSERT_TRUE(dispatcher.emit_to(channel_.id, kChannelMessageEvent, R"({"n":1})"));
  ASSERT_TRUE(dispatcher.emit("message.created", R"({"n":2})"));
  ASSERT_TRUE(dispatcher.emit_to("no-such-subscription", kChannelMessageEvent, "{}"));
  // Bounded wait for the delivery threads (not a timing assertion).
  for (int i = 0; i < 500 && seen.sent().size() < 2; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  dispatcher.stop();
  const auto sent = seen.sent();
  ASSERT_EQ(sent.size(), 2u);
  for (const auto& r : sent) {
    const bool to_channel = r.url == channel_.callback_url;
    EXPECT_TRUE(to_channel || r.url == everything.url);
    EXPECT_NE(
        r.body.find(to_channel ? R"("type":"channel.message")" : R"("type":"message.created")"),
        std::string::npos)
        << r.url << " " << r.body;
  }
  EXPECT_EQ(dispatcher.stats().recorded, 2u) << "the unknown subscription recorded nothing";
}

}  // namespace
}  // namespace aicc
