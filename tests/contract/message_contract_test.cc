// The storage contract, part 2: appending and listing messages — seq assignment,
// idempotency by client_msg_id, closed conversations, pagination, text fidelity.
#include <gtest/gtest.h>

#include "contract_fixture.h"

namespace aicc::testing_support {
namespace {

std::vector<std::int64_t> seqs_of(const MessagePage& page) {
  std::vector<std::int64_t> seqs;
  for (const auto& m : page.messages) seqs.push_back(m.seq);
  return seqs;
}

TEST_P(StoreContract, AppendAssignsSeqOneTwoThreeAndBumpsTheConversation) {
  given_conversation("conv-1");
  for (int i = 1; i <= 3; ++i) {
    Message m = make_message("m" + std::to_string(i), "conv-1", "text " + std::to_string(i));
    m.created_at = test_time(1000 * i);
    auto appended = store().append_message(m);
    ASSERT_TRUE(appended) << appended.error().message;
    EXPECT_TRUE(appended->created);
    EXPECT_EQ(appended->message.seq, i);
    EXPECT_EQ(appended->message.id, m.id);
    EXPECT_EQ(appended->message.text, m.text);
  }
  auto conv = store().get_conversation("conv-1");
  ASSERT_TRUE(conv);
  EXPECT_EQ(conv->message_count, 3);
  EXPECT_EQ(conv->last_activity_at, test_time(3000));
  EXPECT_EQ(conv->updated_at, test_time(3000));
  auto page = store().list_messages("conv-1", 0, 10);
  ASSERT_TRUE(page);
  EXPECT_EQ(seqs_of(*page), (std::vector<std::int64_t>{1, 2, 3}));
}

TEST_P(StoreContract, SeqIsPerConversation) {
  given_conversation("conv-a");
  given_conversation("conv-b");
  ASSERT_EQ(store().append_message(make_message("a1", "conv-a", "x"))->message.seq, 1);
  ASSERT_EQ(store().append_message(make_message("b1", "conv-b", "x"))->message.seq, 1);
  ASSERT_EQ(store().append_message(make_message("a2", "conv-a", "x"))->message.seq, 2);
}

TEST_P(StoreContract, MessageRoundTripsEveryField) {
  given_conversation("conv-1");
  Message m = make_message("m1", "conv-1", "배송 언제 와요?", "client-1");
  m.sender = Sender::kBot;
  m.intent = "delivery_status";
  m.confidence = 0.8125;
  m.entities_json = R"([{"type":"order_id","value":"A-123"}])";
  m.sentiment = "neutral";
  m.decision = "faq_answer";
  m.reason = "confidence above threshold";
  m.created_at = test_time(77);
  ASSERT_TRUE(store().append_message(m));
  Message agent = make_message("m2", "conv-1", "I'll check.");
  agent.sender = Sender::kAgent;
  agent.sender_id = "agent-7";
  ASSERT_TRUE(store().append_message(agent));

  auto page = store().list_messages("conv-1", 0, 10);
  ASSERT_TRUE(page);
  ASSERT_EQ(page->messages.size(), 2u);
  const Message& got = page->messages[0];
  EXPECT_EQ(got.id, "m1");
  EXPECT_EQ(got.conversation_id, "conv-1");
  EXPECT_EQ(got.seq, 1);
  EXPECT_EQ(got.sender, Sender::kBot);
  EXPECT_EQ(got.sender_id, "");
  EXPECT_EQ(got.text, m.text);
  EXPECT_EQ(got.client_msg_id, m.client_msg_id);
  EXPECT_EQ(got.intent, m.intent);
  EXPECT_EQ(got.confidence, m.confidence);
  EXPECT_EQ(got.entities_json, m.entities_json);
  EXPECT_EQ(got.sentiment, m.sentiment);
  EXPECT_EQ(got.decision, m.decision);
  EXPECT_EQ(got.reason, m.reason);
  EXPECT_EQ(got.created_at, m.created_at);
  const Message& got_agent = page->messages[1];
  EXPECT_EQ(got_agent.sender, Sender::kAgent);
  EXPECT_EQ(got_agent.sender_id, "agent-7");
  EXPECT_FALSE(got_agent.client_msg_id.has_value());
  EXPECT_FALSE(got_agent.confidence.has_value());
}

TEST_P(StoreContract, AppendToUnknownConversationIsNotFound) {
  auto appended = store().append_message(make_message("m1", "nothing", "hello"));
  ASSERT_FALSE(appended);
  EXPECT_EQ(appended.error().code, ErrorCode::kNotFound);
}

TEST_P(StoreContract, AppendToClosedOrAbandonedConversationConflicts) {
  for (auto end : {ConversationState::kClosed, ConversationState::kAbandoned}) {
    const std::string id = "conv-" + std::string(to_string(end));
    given_conversation(id);
    ASSERT_TRUE(store().append_message(make_message(id + "-m1", id, "before")));
    ASSERT_TRUE(store().transition_conversation(id, end, test_time(5), "customer"));
    auto late = store().append_message(make_message(id + "-m2", id, "after", "late-key"));
    ASSERT_FALSE(late);
    EXPECT_EQ(late.error().code, ErrorCode::kConflict);
    auto conv = store().get_conversation(id);
    ASSERT_TRUE(conv);
    EXPECT_EQ(conv->message_count, 1) << "nothing written";
    EXPECT_EQ(store().list_messages(id, 0, 10)->messages.size(), 1u);
  }
}

TEST_P(StoreContract, IdempotentRetryReturnsTheOriginalAndWritesNothing) {
  given_conversation("conv-1");
  auto first = store().append_message(make_message("m1", "conv-1", "first text", "key-1"));
  ASSERT_TRUE(first);
  ASSERT_TRUE(first->created);
  ASSERT_TRUE(store().append_message(make_message("m2", "conv-1", "other")));
  const auto before = store().get_conversation("conv-1");

  // A retry carries a fresh message id and even a different text: the key decides.
  Message retry = make_message("m1-retry", "conv-1", "edited text", "key-1");
  retry.created_at = test_time(99999);
  auto again = store().append_message(retry);
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_FALSE(again->created);
  EXPECT_EQ(again->message.id, "m1");
  EXPECT_EQ(again->message.text, "first text");
  EXPECT_EQ(again->message.seq, 1);
  EXPECT_EQ(again->message.created_at, first->message.created_at);

  const auto after = store().get_conversation("conv-1");
  EXPECT_EQ(after->message_count, 2) << "a retry must not bump message_count";
  EXPECT_EQ(after->last_activity_at, before->last_activity_at);
  EXPECT_EQ(store().list_messages("conv-1", 0, 10)->messages.size(), 2u);
}

TEST_P(StoreContract, RetryOfAStoredMessageSucceedsEvenAfterClose) {
  given_conversation("conv-1");
  ASSERT_TRUE(store().append_message(make_message("m1", "conv-1", "bye", "key-1")));
  ASSERT_TRUE(store().transition_conversation("conv-1", ConversationState::kClosed, test_time(5),
                                              "customer"));
  auto retry = store().append_message(make_message("m1-retry", "conv-1", "bye", "key-1"));
  ASSERT_TRUE(retry) << "the original answer is still the answer: " << retry.error().message;
  EXPECT_FALSE(retry->created);
  EXPECT_EQ(retry->message.id, "m1");
}

TEST_P(StoreContract, ClientMsgIdIsScopedToItsConversation) {
  given_conversation("conv-a");
  given_conversation("conv-b");
  auto a = store().append_message(make_message("a1", "conv-a", "x", "same-key"));
  auto b = store().append_message(make_message("b1", "conv-b", "y", "same-key"));
  ASSERT_TRUE(a);
  ASSERT_TRUE(b);
  EXPECT_TRUE(a->created);
  EXPECT_TRUE(b->created);
  EXPECT_EQ(b->message.id, "b1");
}

TEST_P(StoreContract, MessagesWithoutClientMsgIdAreNeverDeduplicated) {
  given_conversation("conv-1");
  ASSERT_TRUE(store().append_message(make_message("m1", "conv-1", "same")));
  auto second = store().append_message(make_message("m2", "conv-1", "same"));
  ASSERT_TRUE(second);
  EXPECT_TRUE(second->created);
  EXPECT_EQ(second->message.seq, 2);
}

TEST_P(StoreContract, DuplicateMessageIdConflictsAndWritesNothing) {
  given_conversation("conv-1");
  ASSERT_TRUE(store().append_message(make_message("m1", "conv-1", "one")));
  auto dup = store().append_message(make_message("m1", "conv-1", "two"));
  ASSERT_FALSE(dup);
  EXPECT_EQ(dup.error().code, ErrorCode::kConflict);
  EXPECT_EQ(store().get_conversation("conv-1")->message_count, 1);
  auto next = store().append_message(make_message("m2", "conv-1", "three"));
  ASSERT_TRUE(next);
  EXPECT_EQ(next->message.seq, 2) << "the refused append must not burn a seq";
}

TEST_P(StoreContract, PaginatesAcrossPages) {
  given_conversation("conv-1");
  for (int i = 1; i <= 25; ++i)
    ASSERT_TRUE(store().append_message(make_message("m" + std::to_string(i), "conv-1", "x")));

  std::vector<std::int64_t> seen;
  std::int64_t after = 0;
  std::vector<bool> has_more;
  for (;;) {
    auto page = store().list_messages("conv-1", after, 10);
    ASSERT_TRUE(page) << page.error().message;
    for (auto seq : seqs_of(*page)) seen.push_back(seq);
    has_more.push_back(page->has_more);
    if (!page->has_more) break;
    after = page->messages.back().seq;
  }
  std::vector<std::int64_t> expected(25);
  for (int i = 0; i < 25; ++i) expected[static_cast<std::size_t>(i)] = i + 1;
  EXPECT_EQ(seen, expected);
  EXPECT_EQ(has_more, (std::vector<bool>{true, true, false}));

  auto exact = store().list_messages("conv-1", 15, 10);  // exactly the last ten
  ASSERT_TRUE(exact);
  EXPECT_EQ(exact->messages.size(), 10u);
  EXPECT_FALSE(exact->has_more);
  auto past_end = store().list_messages("conv-1", 25, 10);
  ASSERT_TRUE(past_end);
  EXPECT_TRUE(past_end->messages.empty());
  EXPECT_FALSE(past_end->has_more);
}

TEST_P(StoreContract, ListLimitMustBeOneToFiveHundred) {
  given_conversation("conv-1");
  for (int bad : {0, -1, 501, 100000}) {
    auto page = store().list_messages("conv-1", 0, bad);
    ASSERT_FALSE(page) << "limit " << bad;
    EXPECT_EQ(page.error().code, ErrorCode::kInvalidArgument);
  }
  EXPECT_TRUE(store().list_messages("conv-1", 0, 1));
  EXPECT_TRUE(store().list_messages("conv-1", 0, 500));
}

TEST_P(StoreContract, ListOfUnknownConversationIsEmpty) {
  auto page = store().list_messages("nothing", 0, 10);
  ASSERT_TRUE(page);
  EXPECT_TRUE(page->messages.empty());
  EXPECT_FALSE(page->has_more);
}

TEST_P(StoreContract, KoreanAndEmojiRoundTripByteExact) {
  const std::vector<std::string> texts = {
      "안녕하세요, 주문한 상품이 아직 안 왔어요 😢",
      "👨‍👩‍👧‍👦 가족 요금제 🇰🇷 문의",  // ZWJ sequence and a flag
      "한\u1100\u1161 조합형 자모 e\u0301",  // conjoining jamo, combining accent
      "𝄞 𠜎 \U0010FFFF four-byte code points",
      "tab\tnewline\nquote\"backslash\\ 'single' %s $1 ? ;--",
  };
  given_conversation("conv-1");
  for (std::size_t i = 0; i < texts.size(); ++i) {
    Message m = make_message("m" + std::to_string(i), "conv-1", texts[i], "키-" + texts[i]);
    m.entities_json = R"([{"type":"상품","value":")" + std::to_string(i) + R"( 🎁"}])";
    ASSERT_TRUE(store().append_message(m));
  }
  auto page = store().list_messages("conv-1", 0, 100);
  ASSERT_TRUE(page);
  ASSERT_EQ(page->messages.size(), texts.size());
  for (std::size_t i = 0; i < texts.size(); ++i) {
    EXPECT_EQ(page->messages[i].text, texts[i]);
    EXPECT_EQ(page->messages[i].text.size(), texts[i].size());
    EXPECT_EQ(page->messages[i].client_msg_id, std::optional<std::string>("키-" + texts[i]));
    EXPECT_EQ(page->messages[i].entities_json,
              R"([{"type":"상품","value":")" + std::to_string(i) + R"( 🎁"}])");
  }
  auto retry = store().append_message(make_message("again", "conv-1", "x", "키-" + texts[0]));
  ASSERT_TRUE(retry);
  EXPECT_FALSE(retry->created) << "a Korean idempotency key matches itself";

  Customer c = make_customer("고객-1", "외부-😀");
  c.name = "이서연 🌸";
  c.tags = {"단골", "🚚 배송"};
  ASSERT_TRUE(store().create_customer(c));
  auto got = store().find_customer_by_external_id("외부-😀");
  ASSERT_TRUE(got);
  EXPECT_EQ(got->id, "고객-1");
  EXPECT_EQ(got->name, c.name);
  EXPECT_EQ(got->tags, c.tags);
}

}  // namespace
}  // namespace aicc::testing_support
