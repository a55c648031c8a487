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
