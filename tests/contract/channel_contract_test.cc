// The storage contract, part 10: inbound channels — stored with their callback
// subscription (so webhook deliveries work for them), unique by name, bound to an existing
// API key, updated without their name, deleted with their delivery log and contact links;
// a contact's link to its conversation is a compare-and-set.
#include <gtest/gtest.h>

#include "contract_fixture.h"

namespace aicc::testing_support {
namespace {

using std::chrono::seconds;

void add_key(Store& store, const std::string& id) {
  ApiKey k;
  k.id = id;
  k.name = "bridge " + id;
  k.prefix = "aicc_0123";
  k.key_hash = std::string(64, id.back());
  k.created_by = "u-admin";
  k.created_at = test_time();
  ASSERT_TRUE(store.create_api_key(k));
}

Channel make_channel(std::string id, std::string name) {
  Channel c;
  c.id = std::move(id);
  c.name = std::move(name);
  c.callback_url = "https://bridge.example.com/aicc/callback";
  c.secret = "whsec_0123456789abcdef";
  c.api_key_id = "k1";
  c.description = "카카오 상담톡";
  c.created_at = test_time();
  c.updated_at = test_time();
  return c;
}

WebhookDelivery callback(std::string id, std::string channel_id) {
  WebhookDelivery d;
  d.id = std::move(id);
  d.subscription_id = std::move(channel_id);
  d.event_id = "evt-" + d.id;
  d.event_type = "channel.message";
  d.payload = R"({"type":"channel.message"})";
  d.next_attempt_at = d.created_at = d.updated_at = test_time();
  return d;
}

TEST_P(StoreContract, ChannelRoundTripsWithItsCallbackSubscription) {
  add_key(store(), "k1");
  auto created = store().create_channel(make_channel("ch1", "kakao"));
  ASSERT_TRUE(created) << created.error().message;
  for (auto loaded : {store().get_channel("ch1"), store().find_channel_by_name("kakao")}) {
    ASSERT_TRUE(loaded) << loaded.error().message;
    EXPECT_EQ(loaded->id, "ch1");
    EXPECT_EQ(loaded->name, "kakao");
    EXPECT_EQ(loaded->callback_url, "https://bridge.example.com/aicc/callback");
    EXPECT_EQ(loaded->secret, "whsec_0123456789abcdef");
    EXPECT_EQ(loaded->api_key_id, "k1");
    EXPECT_EQ(loaded->description, "카카오 상담톡");
    EXPECT_TRUE(loaded->enabled);
    EXPECT_EQ(loaded->created_at, test_time());
  }
  // The callback is a subscription the dispatcher can send with: the channel's URL and
  // secret, only for channel.message.
  auto hook = store().get_webhook("ch1");
  ASSERT_TRUE(hook) << hook.error().message;
  EXPECT_EQ(hook->url, "https://bridge.example.com/aicc/callback");
  EXPECT_EQ(hook->secret, "whsec_0123456789abcdef");
  EXPECT_EQ(hook->events, std::vector<std::string>{"channel.message"});
  EXPECT_FALSE(hook->wants("message.created"));
  auto stored = store().enqueue_webhook_deliveries({callback("d1", "ch1")});
  ASSERT_TRUE(stored) << stored.error().message;
  EXPECT_EQ(*stored, 1);
  EXPECT_EQ(store().list_webhook_deliveries("ch1", std::nullopt, 10)->size(), 1u);
  EXPECT_EQ(store().get_channel("nope").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(store().find_channel_by_name("line").error().code, ErrorCode::kNotFound);
}

TEST_P(StoreContract, ChannelNamesAreUniqueAndListedInOrder) {
  add_key(store(), "k1");
  ASSERT_TRUE(store().create_channel(make_channel("ch1", "sms")));
  ASSERT_TRUE(store().create_channel(make_channel("ch2", "kakao")));
  auto dup = store().create_channel(make_channel("ch3", "sms"));
  ASSERT_FALSE(dup);
  EXPECT_EQ(dup.error().code, ErrorCode::kConflict);
  EXPECT_EQ(dup.error().details.at("reason"), "name_taken");
  auto dup_id = store().create_channel(make_channel("ch1", "line"));
  ASSERT_FALSE(dup_id);
  EXPECT_EQ(dup_id.error().code, ErrorCode::kConflict);
  EXPECT_EQ(store().find_channel_by_name("line").error().code, ErrorCode::kNotFound)
      << "a refused channel leaves nothing behind";
  auto all = store().list_channels();
  ASSERT_TRUE(all);
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].name, "kakao");
  EXPECT_EQ((*all)[1].name, "sms");
}

TEST_P(StoreContract, ChannelRefusesInvalidFieldsAndUnknownApiKeys) {
  add_key(store(), "k1");
  struct Case {
    std::string field;
    std::function<void(Channel&)> spoil;
  };
  const std::vector<Case> cases = {
      {"name", [](auto& c) { c.name = "Kakao"; }},
      {"name", [](auto& c) { c.name = "9lives"; }},
      {"name", [](auto& c) { c.name = std::string(33, 'a'); }},
      {"name", [](auto& c) { c.name = ""; }},
      {"callback_url", [](auto& c) { c.callback_url = "ftp://bridge.example.com/"; }},
      {"callback_url", [](auto& c) { c.callback_url = "https://u:p@bridge.example.com/"; }},
      {"secret", [](auto& c) { c.secret = "short"; }},
      {"api_key_id", [](auto& c) { c.api_key_id = ""; }},
      {"api_key_id", [](auto& c) { c.api_key_id = "no-such-key"; }},
      {"description", [](auto& c) { c.description = std::string("\xff\xfe"); }},
  };
  for (const auto& c : cases) {
    auto ch = make_channel("ch-bad", "bad");
    c.spoil(ch);
    auto r = store().create_channel(ch);
    ASSERT_FALSE(r) << c.field;
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument) << c.field;
    EXPECT_EQ(r.error().details.at("field"), c.field);
  }
  EXPECT_EQ(store().get_channel("ch-bad").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(store().get_webhook("ch-bad").error().code, ErrorCode::kNotFound);
}

TEST_P(StoreContract, ChannelUpdateKeepsTheNameAndMovesTheCallback) {
  add_key(store(), "k1");
  add_key(store(), "k2");
  ASSERT_TRUE(store().create_channel(make_channel("ch1", "kakao")));
  auto c = make_channel("ch1", "renamed");
  c.callback_url = "http://127.0.0.1:9/cb";
  c.secret = "whsec_rotated_0123456789";
  c.api_key_id = "k2";
  c.description = "";
  c.enabled = false;
  c.updated_at = test_time() + seconds(60);
  auto saved = store().update_channel(c);
  ASSERT_TRUE(saved) << saved.error().message;
  EXPECT_EQ(saved->name, "kakao") << "the name never changes";
  EXPECT_EQ(saved->callback_url, c.callback_url);
  EXPECT_EQ(saved->secret, c.secret);
  EXPECT_EQ(saved->api_key_id, "k2");
  EXPECT_FALSE(saved->enabled);
  EXPECT_EQ(saved->created_at, test_time());
  EXPECT_EQ(saved->updated_at, c.updated_at);
  auto hook = store().get_webhook("ch1");
  ASSERT_TRUE(hook);
  EXPECT_EQ(hook->url, c.callback_url);
  EXPECT_EQ(hook->secret, c.secret);
  c.api_key_id = "nope";
  EXPECT_EQ(store().update_channel(c).error().code, ErrorCode::kInvalidArgument);
  c.id = "nope";
  c.api_key_id = "k1";
  EXPECT_EQ(store().update_channel(c).error().code, ErrorCode::kNotFound);
}

TEST_P(StoreContract, ContactLinksAreCompareAndSet) {
  add_key(store(), "k1");
  ASSERT_TRUE(store().create_channel(make_channel("ch1", "kakao")));
  EXPECT_FALSE(*store().channel_conversation("ch1", "user-7"));
  EXPECT_TRUE(
      *store().link_channel_conversation({"ch1", "user-7", "c1"}, std::nullopt, test_time()));
  EXPECT_FALSE(
      *store().link_channel_conversation({"ch1", "user-7", "c2"}, std::nullopt, test_time()))
      << "a second first link loses";
  EXPECT_EQ(*store().channel_conversation("ch1", "user-7"), "c1");
  EXPECT_FALSE(*store().link_channel_conversation({"ch1", "user-7", "c3"}, std::string("c-other"),
                                                  test_time()))
      << "a stale expectation loses";
  EXPECT_TRUE(
      *store().link_channel_conversation({"ch1", "user-7", "c4"}, std::string("c1"), test_time()));
  EXPECT_EQ(*store().channel_conversation("ch1", "user-7"), "c4");
  auto of = store().channel_contact_of("c4");
  ASSERT_TRUE(of && *of);
  EXPECT_EQ((*of)->channel_id, "ch1");
  EXPECT_EQ((*of)->external_id, "user-7");
  EXPECT_FALSE(*store().channel_contact_of("c1")) << "the contact moved on";
  EXPECT_FALSE(*store().channel_conversation("ch1", "user-8"));
  auto unknown =
      store().link_channel_conversation({"nope", "user-7", "c9"}, std::nullopt, test_time());
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, ErrorCode::kNotFound);
}

TEST_P(StoreContract, ChannelDeleteTakesItsCallbackLogAndLinks) {
  add_key(store(), "k1");
  ASSERT_TRUE(store().create_channel(make_channel("ch1", "kakao")));
  ASSERT_TRUE(store().enqueue_webhook_deliveries({callback("d1", "ch1")}));
  ASSERT_TRUE(
      store().link_channel_conversation({"ch1", "user-7", "c1"}, std::nullopt, test_time()));
  // An ordinary subscription is no channel: deleting it as one is refused.
  WebhookSubscription other;
  other.id = "w1";
  other.url = "https://crm.example.com/hook";
  other.secret = "0123456789abcdef0123";
  other.events = {"*"};
  other.created_at = other.updated_at = test_time();
  ASSERT_TRUE(store().create_webhook(other));
  EXPECT_EQ(store().delete_channel("w1").error().code, ErrorCode::kNotFound);
  ASSERT_TRUE(store().delete_channel("ch1"));
  EXPECT_EQ(store().get_channel("ch1").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(store().get_webhook("ch1").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(store().get_webhook_delivery("d1").error().code, ErrorCode::kNotFound);
  EXPECT_FALSE(*store().channel_contact_of("c1"));
  EXPECT_TRUE(store().get_webhook("w1"));
  EXPECT_EQ(store().delete_channel("ch1").error().code, ErrorCode::kNotFound);
  // The name is free again.
  EXPECT_TRUE(store().create_channel(make_channel("ch2", "kakao")));
}

}  // namespace
}  // namespace aicc::testing_support
