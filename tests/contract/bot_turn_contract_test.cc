// The storage contract, part 4: a bot turn — a message appended together with a change to
// its conversation (bot state under an optimistic lock, language, escalation, state
// transition), all or nothing; and the records that completed scenarios leave.
#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "contract_fixture.h"

namespace aicc::testing_support {
namespace {

Message bot_reply(std::string id, std::string text, std::string key) {
  Message m = make_message(std::move(id), "conv-1", std::move(text), std::move(key));
  m.sender = Sender::kBot;
  m.decision = "faq_answer";
  m.details_json = R"({"faq_id":"faq-hours","quick_replies":["상담원 연결"]})";
  return m;
}

TEST_P(StoreContract, BotTurnWritesMessageAndStateTogether) {
  given_conversation("conv-1");
  ConversationPatch patch;
  patch.expected_bot_version = 0;
  patch.bot_state = R"({"misses":1})";
  patch.language = "en";
  auto r = store().append_message_and_update(bot_reply("b1", "hello", "reply:1"), patch);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_TRUE(r->created);
  EXPECT_EQ(r->message.seq, 1);
  auto conv = store().get_conversation("conv-1");
  ASSERT_TRUE(conv);
  EXPECT_EQ(conv->bot_state, R"({"misses":1})");
  EXPECT_EQ(conv->bot_version, 1);
  EXPECT_EQ(conv->language, "en");
  EXPECT_EQ(conv->message_count, 1);
  EXPECT_EQ(conv->last_activity_at, test_time(1000));
  auto page = store().list_messages("conv-1", 0, 10);
  ASSERT_TRUE(page);
  ASSERT_EQ(page->messages.size(), 1u);
  EXPECT_EQ(page->messages[0].details_json, bot_reply("", "", "").details_json);
  EXPECT_EQ(page->messages[0].decision, "faq_answer");
}

TEST_P(StoreContract, StaleBotVersionWritesNothing) {
  given_conversation("conv-1");
  ConversationPatch first;
  first.expected_bot_version = 0;
  first.bot_state = "{\"turn\":1}";
  ASSERT_TRUE(store().append_message_and_update(bot_reply("b1", "one", "k1"), first));
  // A second turn computed from the same (now old) state must not be saved.
  auto stale = store().append_message_and_update(bot_reply("b2", "two", "k2"), first);
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, ErrorCode::kConflict);
  EXPECT_EQ(stale.error().details["reason"], "stale_bot_state");
  auto conv = store().get_conversation("conv-1");
  EXPECT_EQ(conv->bot_state, "{\"turn\":1}");
  EXPECT_EQ(conv->bot_version, 1);
  EXPECT_EQ(conv->message_count, 1);
  auto found = store().find_message_by_client_msg_id("conv-1", "k2");
  ASSERT_TRUE(found);
  EXPECT_FALSE(found->has_value());
}

TEST_P(StoreContract, EscalationTransitionsWithTheReply) {
  given_conversation("conv-1");
  ConversationPatch patch;
  patch.state = ConversationState::kQueued;
  patch.escalation_reason = "customer_request";
  patch.escalation_priority = "medium";
  auto r = store().append_message_and_update(bot_reply("b1", "연결해 드릴게요", "k1"), patch);
  ASSERT_TRUE(r) << r.error().message;
  auto conv = store().get_conversation("conv-1");
  EXPECT_EQ(conv->state, ConversationState::kQueued);
  EXPECT_EQ(conv->escalation_reason, "customer_request");
  EXPECT_EQ(conv->escalation_priority, "medium");
  EXPECT_EQ(conv->bot_version, 0);  // bot_state untouched
}

TEST_P(StoreContract, IllegalTransitionInAPatchWritesNothing) {
  given_conversation("conv-1");
  ConversationPatch patch;
  patch.state = ConversationState::kAssigned;  // bot → assigned skips the queue
  patch.bot_state = "{}";
  auto r = store().append_message_and_update(bot_reply("b1", "x", "k1"), patch);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kConflict);
  auto conv = store().get_conversation("conv-1");
  EXPECT_EQ(conv->state, ConversationState::kBot);
  EXPECT_EQ(conv->message_count, 0);
  EXPECT_EQ(conv->bot_version, 0);
  EXPECT_TRUE(store().list_messages("conv-1", 0, 10)->messages.empty());
}

TEST_P(StoreContract, RetriedBotTurnReturnsTheOriginalAndIgnoresThePatch) {
  given_conversation("conv-1");
  ConversationPatch patch;
  patch.expected_bot_version = 0;
  patch.bot_state = "{\"a\":1}";
  ASSERT_TRUE(store().append_message_and_update(bot_reply("b1", "first", "reply:c1"), patch));
  ConversationPatch again;
  again.expected_bot_version = 7;  // would be stale: the key is checked first
  again.bot_state = "{\"a\":2}";
  auto retry = store().append_message_and_update(bot_reply("b9", "second", "reply:c1"), again);
  ASSERT_TRUE(retry) << retry.error().message;
  EXPECT_FALSE(retry->created);
  EXPECT_EQ(retry->message.id, "b1");
  EXPECT_EQ(retry->message.text, "first");
  EXPECT_EQ(store().get_conversation("conv-1")->bot_state, "{\"a\":1}");
}

TEST_P(StoreContract, BotTurnOnClosedConversationConflicts) {
  given_conversation("conv-1");
  ASSERT_TRUE(store().transition_conversation("conv-1", ConversationState::kClosed, test_time(5),
                                              "customer"));
  auto r = store().append_message_and_update(bot_reply("b1", "x", "k1"), ConversationPatch{});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kConflict);
  auto unknown = store().append_message_and_update(make_message("b2", "no-such-conversation", "x"),
                                                   ConversationPatch{});
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, ErrorCode::kNotFound);
}

// append_turn: the customer's message and the reply in one transaction.

TEST_P(StoreContract, WholeTurnStoresCustomerMessageThenReplyWithState) {
  given_conversation("conv-1");
  ConversationPatch patch;
  patch.expected_bot_version = 0;
  patch.bot_state = R"({"turn":1})";
  patch.language = "ko";
  auto r = store().append_turn(make_message("c1", "conv-1", "영업시간?", "client-1"),
                               bot_reply("b1", "9시부터요", "aicc:reply:c1"), patch);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_TRUE(r->customer.created);
  EXPECT_EQ(r->customer.message.seq, 1);
  ASSERT_TRUE(r->reply);
  EXPECT_FALSE(r->reply_error);
  EXPECT_TRUE(r->reply->created);
  EXPECT_EQ(r->reply->message.seq, 2);
  auto conv = store().get_conversation("conv-1");
  ASSERT_TRUE(conv);
  EXPECT_EQ(conv->message_count, 2);
  EXPECT_EQ(conv->bot_version, 1);
  EXPECT_EQ(conv->bot_state, R"({"turn":1})");
  EXPECT_EQ(conv->language, "ko");
  auto page = store().list_messages("conv-1", 0, 10);
  ASSERT_TRUE(page);
  ASSERT_EQ(page->messages.size(), 2u);
  EXPECT_EQ(page->messages[0].id, "c1");
  EXPECT_EQ(page->messages[1].id, "b1");
  EXPECT_EQ(page->messages[1].sender, Sender::kBot);
}

TEST_P(StoreContract, WholeTurnWithStaleStateKeepsTheCustomerMessageOnly) {
  given_conversation("conv-1");
  ConversationPatch stale;
  stale.expected_bot_version = 3;  // the conversation is at 0
  stale.bot_state = "{}";
  auto r = store().append_turn(make_message("c1", "conv-1", "hi", "client-1"),
                               bot_reply("b1", "hello", "aicc:reply:c1"), stale);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_TRUE(r->customer.created);
  EXPECT_FALSE(r->reply);
  ASSERT_TRUE(r->reply_error);
  EXPECT_EQ(r->reply_error->code, ErrorCode::kConflict);
  EXPECT_EQ(r->reply_error->details["reason"], "stale_bot_state");
  auto conv = store().get_conversation("conv-1");
  EXPECT_EQ(conv->message_count, 1);
  EXPECT_EQ(conv->bot_version, 0);
  auto page = store().list_messages("conv-1", 0, 10);
  ASSERT_EQ(page->messages.size(), 1u);
  EXPECT_EQ(page->messages[0].id, "c1");
  EXPECT_FALSE(store().find_message_by_client_msg_id("conv-1", "aicc:reply:c1")->has_value());
}

TEST_P(StoreContract, WholeTurnRetryReturnsTheOriginalAndStoresNoReply) {
  given_conversation("conv-1");
  ASSERT_TRUE(store().append_message(make_message("c1", "conv-1", "first", "client-1")));
  ConversationPatch patch;
  patch.expected_bot_version = 0;
  patch.bot_state = "{}";
  auto r = store().append_turn(make_message("c2", "conv-1", "again", "client-1"),
                               bot_reply("b2", "x", "aicc:reply:c2"), patch);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_FALSE(r->customer.created);
  EXPECT_EQ(r->customer.message.id, "c1");
  EXPECT_FALSE(r->reply);
  EXPECT_FALSE(r->reply_error);  // not tried
  EXPECT_EQ(store().get_conversation("conv-1")->message_count, 1);
  EXPECT_EQ(store().get_conversation("conv-1")->bot_version, 0);
}

TEST_P(StoreContract, WholeTurnOnClosedOrUnknownConversationWritesNothing) {
  given_conversation("conv-1");
  ASSERT_TRUE(store().transition_conversation("conv-1", ConversationState::kClosed, test_time(5),
                                              "customer"));
  auto closed = store().append_turn(make_message("c1", "conv-1", "hi"),
                                    bot_reply("b1", "x", "aicc:reply:c1"), ConversationPatch{});
  ASSERT_FALSE(closed);
  EXPECT_EQ(closed.error().code, ErrorCode::kConflict);
  EXPECT_EQ(store().get_conversation("conv-1")->message_count, 0);
  Message reply = bot_reply("b2", "x", "aicc:reply:c2");
  reply.conversation_id = "nope";
  auto unknown = store().append_turn(make_message("c2", "nope", "hi"), reply, ConversationPatch{});
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, ErrorCode::kNotFound);
}

TEST_P(StoreContract, RacingTurnsOnOneStateSaveExactlyOne) {
  given_conversation("conv-1");
  constexpr int kThreads = 8;
  std::vector<int> outcome(kThreads, -1);
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      ConversationPatch patch;
      patch.expected_bot_version = 0;
      patch.bot_state = "{\"winner\":" + std::to_string(i) + "}";
      auto r = store().append_message_and_update(
          bot_reply("b" + std::to_string(i), "x", "k" + std::to_string(i)), patch);
      outcome[i] = r ? 1 : (r.error().code == ErrorCode::kConflict ? 0 : 2);
    });
  }
  for (auto& t : threads) t.join();
  int saved = 0;
  for (int o : outcome) {
    EXPECT_NE(o, 2) << "only success or a stale-state conflict is expected";
    saved += o == 1;
  }
  EXPECT_EQ(saved, 1);
  auto conv = store().get_conversation("conv-1");
  EXPECT_EQ(conv->bot_version, 1);
  EXPECT_EQ(conv->message_count, 1);
}

TEST_P(StoreContract, ScenarioRecordsRoundTripPerConversation) {
  given_conversation("conv-1");
  given_conversation("conv-2");
  ScenarioRecord r{"rec-1",
                   "conv-1",
                   "reservation",
                   "reservation",
                   R"({"preferred_date":"2026-12-01","contact_number":"010-1234-5678"})",
                   test_time(10)};
  ASSERT_TRUE(store().create_scenario_record(r));
  ScenarioRecord later = r;
  later.id = "rec-2";
  later.created_at = test_time(20);
  ASSERT_TRUE(store().create_scenario_record(later));
  auto dup = store().create_scenario_record(r);
  ASSERT_FALSE(dup);
  EXPECT_EQ(dup.error().code, ErrorCode::kConflict);
  ScenarioRecord orphan = r;
  orphan.id = "rec-3";
  orphan.conversation_id = "nope";
  auto missing = store().create_scenario_record(orphan);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
  auto list = store().list_scenario_records("conv-1");
  ASSERT_TRUE(list) << list.error().message;
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0].id, "rec-1");
  EXPECT_EQ((*list)[0].slots_json, r.slots_json);
  EXPECT_EQ((*list)[0].created_at, test_time(10));
  EXPECT_EQ((*list)[1].id, "rec-2");
  EXPECT_TRUE(store().list_scenario_records("conv-2")->empty());
}

}  // namespace
}  // namespace aicc::testing_support
