// The storage contract, part 5: escalations — one open escalation per conversation, the
// compare-and-set update with the conversation moved in the same transaction, and the
// place in the queue (highest priority, then longest waiting).
#include <atomic>
#include <map>
#include <thread>
#include <tuple>
#include <vector>

#include <gtest/gtest.h>

#include "contract_fixture.h"

namespace aicc::testing_support {
namespace {

Escalation make_escalation(std::string id, std::string conversation_id, int rank = 2,
                           std::int64_t created_offset_us = 0) {
  static const char* kPriorities[] = {"", "low", "medium", "high", "critical"};
  Escalation e;
  e.id = std::move(id);
  e.reference = "ESC-" + e.id.substr(0, std::min<std::size_t>(8, e.id.size()));
  e.conversation_id = std::move(conversation_id);
  e.customer_id = "cust-" + e.conversation_id;
  e.reason = "customer_request";
  e.priority = kPriorities[rank];
  e.priority_rank = rank;
  e.queue_id = "general-queue";
  e.language = "ko";
  e.note = "상담원 연결 부탁드립니다";
  e.created_at = test_time(created_offset_us);
  e.updated_at = e.created_at;
  return e;
}

TEST_P(StoreContract, EscalationRoundTripsAndMovesTheConversationWithIt) {
  given_conversation("c1");
  const Escalation e = make_escalation("e1", "c1", 3);
  auto created = store().create_escalation(e, ConversationMove{ConversationState::kQueued, ""});
  ASSERT_TRUE(created) << created.error().message;
  auto loaded = store().get_escalation("e1");
  ASSERT_TRUE(loaded) << loaded.error().message;
  EXPECT_EQ(loaded->reference, e.reference);
  EXPECT_EQ(loaded->conversation_id, "c1");
  EXPECT_EQ(loaded->customer_id, e.customer_id);
  EXPECT_EQ(loaded->reason, "customer_request");
  EXPECT_EQ(loaded->priority, "high");
  EXPECT_EQ(loaded->priority_rank, 3);
  EXPECT_EQ(loaded->queue_id, "general-queue");
  EXPECT_EQ(loaded->language, "ko");
  EXPECT_EQ(loaded->state, EscalationState::kQueued);
  EXPECT_EQ(loaded->note, e.note);
  EXPECT_EQ(loaded->created_at, e.created_at);
  EXPECT_FALSE(loaded->csat);
  EXPECT_FALSE(loaded->assigned_at);
  EXPECT_EQ(store().get_conversation("c1")->state, ConversationState::kQueued);
  auto latest = store().latest_escalation("c1");
  ASSERT_TRUE(latest && *latest);
  EXPECT_EQ((*latest)->id, "e1");
  auto none = store().latest_escalation("c-unknown");
  ASSERT_TRUE(none);
  EXPECT_FALSE(*none);
  EXPECT_EQ(store().get_escalation("nope").error().code, ErrorCode::kNotFound);
}

TEST_P(StoreContract, OneOpenEscalationPerConversation) {
  given_conversation("c1");
  ASSERT_TRUE(store().create_escalation(make_escalation("e1", "c1"), std::nullopt));
  auto second = store().create_escalation(make_escalation("e2", "c1"), std::nullopt);
  ASSERT_FALSE(second);
  EXPECT_EQ(second.error().code, ErrorCode::kConflict);
  EXPECT_EQ(second.error().details["reason"], "open_escalation");
  EXPECT_EQ(second.error().details["escalation_id"], "e1");
  EXPECT_EQ(store().get_escalation("e2").error().code, ErrorCode::kNotFound);

  // Once it is over, a new one may begin.
  Escalation done = *store().get_escalation("e1");
  done.state = EscalationState::kCancelled;
  done.ended_at = test_time(5);
  ASSERT_TRUE(store().update_escalation(done, {EscalationState::kQueued}, std::nullopt));
  EXPECT_TRUE(store().create_escalation(make_escalation("e2", "c1", 2, 10), std::nullopt));
  EXPECT_EQ((*store().latest_escalation("c1"))->id, "e2");
}

TEST_P(StoreContract, EscalationOfAnUnknownConversationOrAnIllegalMoveWritesNothing) {
  auto unknown = store().create_escalation(make_escalation("e1", "nope"), std::nullopt);
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, ErrorCode::kNotFound);

  given_conversation("c1");
  // bot → assigned is not a legal move: neither the escalation nor the move happen.
  auto illegal = store().create_escalation(make_escalation("e1", "c1"),
                                           ConversationMove{ConversationState::kAssigned, ""});
  ASSERT_FALSE(illegal);
  EXPECT_EQ(illegal.error().code, ErrorCode::kConflict);
  EXPECT_EQ(store().get_escalation("e1").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(store().get_conversation("c1")->state, ConversationState::kBot);
}

TEST_P(StoreContract, UpdateIsACompareAndSetOnTheState) {
  given_conversation("c1");
  ASSERT_TRUE(store().create_escalation(make_escalation("e1", "c1"),
                                        ConversationMove{ConversationState::kQueued, ""}));
  Escalation e = *store().get_escalation("e1");
  e.state = EscalationState::kAssigned;
  e.agent_id = "agent-1";
  e.assigned_at = test_time(100);
  e.updated_at = test_time(100);
  auto assigned =
      store().update_escalation(e, {EscalationState::kQueued, EscalationState::kOffered},
                                ConversationMove{ConversationState::kAssigned, ""});
  ASSERT_TRUE(assigned) << assigned.error().message;
  EXPECT_EQ(assigned->state, EscalationState::kAssigned);
  EXPECT_EQ(assigned->agent_id, "agent-1");
  EXPECT_EQ(assigned->assigned_at, test_time(100));
  EXPECT_EQ(store().get_conversation("c1")->state, ConversationState::kAssigned);

  // A cancel that expects it still waiting is refused, and nothing moves.
  Escalation cancel = *assigned;
  cancel.state = EscalationState::kCancelled;
  auto refused = store().update_escalation(cancel, {EscalationState::kQueued},
                                           ConversationMove{ConversationState::kBot, ""});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kConflict);
  EXPECT_EQ(refused.error().details["state"], "assigned");
  EXPECT_EQ(refused.error().message, "escalation e1 is assigned");
  EXPECT_EQ(store().get_escalation("e1")->state, EscalationState::kAssigned);
  EXPECT_EQ(store().get_conversation("c1")->state, ConversationState::kAssigned);

  // Wrap-up and CSAT are stored.
  Escalation wrapped = *assigned;
  wrapped.state = EscalationState::kDone;
  wrapped.disposition = "resolved";
  wrapped.wrap_up_notes = "환불 안내 완료";
  wrapped.csat = 5;
  wrapped.ended_at = test_time(200);
  auto done = store().update_escalation(wrapped, {EscalationState::kAssigned},
                                        ConversationMove{ConversationState::kClosed, "agent"});
  ASSERT_TRUE(done) << done.error().message;
  EXPECT_EQ(done->disposition, "resolved");
  EXPECT_EQ(done->wrap_up_notes, "환불 안내 완료");
  EXPECT_EQ(done->csat, 5);
  EXPECT_EQ(done->ended_at, test_time(200));
  EXPECT_EQ(store().get_conversation("c1")->state, ConversationState::kClosed);
  EXPECT_EQ(store().get_conversation("c1")->close_reason, "agent");

  Escalation ghost = make_escalation("nope", "c1");
  EXPECT_EQ(store().update_escalation(ghost, {EscalationState::kQueued}, std::nullopt).error().code,
            ErrorCode::kNotFound);
}

TEST_P(StoreContract, QueuePositionIsHighestPriorityThenLongestWaiting) {
  for (const char* c : {"c1", "c2", "c3", "c4"}) given_conversation(c);
  ASSERT_TRUE(store().create_escalation(make_escalation("e1", "c1", 2, 0), std::nullopt));
  ASSERT_TRUE(store().create_escalation(make_escalation("e2", "c2", 2, 10), std::nullopt));
  ASSERT_TRUE(store().create_escalation(make_escalation("e3", "c3", 3, 20), std::nullopt));
  Escalation other = make_escalation("e4", "c4", 4, 30);
  other.queue_id = "priority-queue";
  ASSERT_TRUE(store().create_escalation(other, std::nullopt));

  auto pos = [&](const char* id) { return store().queue_standing(id).value(); };
  EXPECT_EQ(pos("e3").position, 1);  // high before medium
  EXPECT_EQ(pos("e1").position, 2);  // medium, waiting longer
  EXPECT_EQ(pos("e2").position, 3);
  EXPECT_EQ(pos("e2").waiting, 3);
  EXPECT_EQ(pos("e4").position, 1);  // its own queue
  EXPECT_EQ(pos("e4").waiting, 1);
  EXPECT_EQ(store().count_waiting("general-queue").value(), 3);
  EXPECT_EQ(store().count_waiting("empty-queue").value(), 0);

  // Assigned: no longer waiting, and the others move up.
  Escalation e3 = *store().get_escalation("e3");
  e3.state = EscalationState::kAssigned;
  ASSERT_TRUE(store().update_escalation(e3, {EscalationState::kQueued}, std::nullopt));
  EXPECT_EQ(pos("e3").position, 0);
  EXPECT_EQ(pos("e1").position, 1);
  EXPECT_EQ(pos("e2").position, 2);
  EXPECT_EQ(store().count_waiting("general-queue").value(), 2);
  EXPECT_EQ(store().queue_standing("nope").error().code, ErrorCode::kNotFound);
}

TEST_P(StoreContract, AverageHandleTimeIsMeasuredFromFinishedEscalations) {
  EXPECT_EQ(store().average_handle_seconds("general-queue").value(), std::nullopt);
  int n = 0;
  for (int seconds : {100, 200, 400}) {
    const std::string c = "c" + std::to_string(++n);
    given_conversation(c);
    Escalation e = make_escalation("e" + std::to_string(n), c, 2, n);
    ASSERT_TRUE(store().create_escalation(e, std::nullopt));
    e.state = EscalationState::kDone;
    e.assigned_at = test_time(1'000'000);
    e.ended_at = test_time(1'000'000 + std::int64_t{seconds} * 1'000'000);
    ASSERT_TRUE(store().update_escalation(e, {EscalationState::kQueued}, std::nullopt));
  }
  // A cancelled one is not handled: it does not count.
  given_conversation("c9");
  Escalation cancelled = make_escalation("e9", "c9", 2, 9);
  ASSERT_TRUE(store().create_escalation(cancelled, std::nullopt));
  cancelled.state = EscalationState::kCancelled;
  cancelled.assigned_at = test_time();
  cancelled.ended_at = test_time(999'000'000);
  ASSERT_TRUE(store().update_escalation(cancelled, {EscalationState::kQueued}, std::nullopt));

  auto average = store().average_handle_seconds("general-queue");
  ASSERT_TRUE(average) << average.error().message;
  EXPECT_EQ(*average, 233);  // (100 + 200 + 400) / 3
  EXPECT_EQ(store().average_handle_seconds("payment-queue").value(), std::nullopt);
}

TEST_P(StoreContract, AgentPerformanceIsMeasuredFromTheirFinishedEscalations) {
  auto none = store().agent_performance("a1");
  ASSERT_TRUE(none) << none.error().message;
  EXPECT_EQ(none->handled, 0);
  EXPECT_EQ(none->rated, 0);
  EXPECT_EQ(none->average_csat, std::nullopt);
  EXPECT_EQ(none->average_handle_s, std::nullopt);
  int n = 0;
  // a1 handles three (two rated 5 and 2), a2 one; a cancelled one of a1 does not count.
  for (auto [agent, seconds, csat] : {std::tuple{"a1", 100, 5}, std::tuple{"a1", 300, 2},
                                      std::tuple{"a1", 200, 0}, std::tuple{"a2", 50, 1}}) {
    const std::string c = "c" + std::to_string(++n);
    given_conversation(c);
    Escalation e = make_escalation("e" + std::to_string(n), c, 2, n);
    ASSERT_TRUE(store().create_escalation(e, std::nullopt));
    e.state = EscalationState::kDone;
    e.agent_id = agent;
    e.assigned_at = test_time(1'000'000);
    e.ended_at = test_time(1'000'000 + std::int64_t{seconds} * 1'000'000);
    if (csat) e.csat = csat;
    ASSERT_TRUE(store().update_escalation(e, {EscalationState::kQueued}, std::nullopt));
  }
  given_conversation("c9");
  Escalation cancelled = make_escalation("e9", "c9", 2, 9);
  ASSERT_TRUE(store().create_escalation(cancelled, std::nullopt));
  cancelled.state = EscalationState::kCancelled;
  cancelled.agent_id = "a1";
  cancelled.csat = 1;
  ASSERT_TRUE(store().update_escalation(cancelled, {EscalationState::kQueued}, std::nullopt));

  auto p = store().agent_performance("a1");
  ASSERT_TRUE(p) << p.error().message;
  EXPECT_EQ(p->handled, 3);
  EXPECT_EQ(p->rated, 2);
  ASSERT_TRUE(p->average_csat);
  EXPECT_DOUBLE_EQ(*p->average_csat, 3.5);
  EXPECT_EQ(p->average_handle_s, 200);
  EXPECT_EQ(store().agent_performance("a2")->average_handle_s, 50);
}

TEST_P(StoreContract, OfferRespectsTheStateAndTheAgentsCapacity) {
  for (const char* c : {"c1", "c2", "c3"}) given_conversation(c);
  ASSERT_TRUE(store().create_escalation(make_escalation("e1", "c1", 2, 0), std::nullopt));
  ASSERT_TRUE(store().create_escalation(make_escalation("e2", "c2", 3, 10), std::nullopt));
  ASSERT_TRUE(store().create_escalation(make_escalation("e3", "c3", 2, 20), std::nullopt));

  auto queued = store().list_escalations(EscalationState::kQueued, 10);
  ASSERT_TRUE(queued) << queued.error().message;
  ASSERT_EQ(queued->size(), 3u);
  EXPECT_EQ((*queued)[0].id, "e2");  // high first
  EXPECT_EQ((*queued)[1].id, "e1");  // then the oldest
  EXPECT_EQ((*queued)[2].id, "e3");
  EXPECT_EQ(store().list_escalations(EscalationState::kQueued, 0).error().code,
            ErrorCode::kInvalidArgument);

  auto offered = store().offer_escalation("e2", "agent-a", 2, test_time(100));
  ASSERT_TRUE(offered) << offered.error().message;
  EXPECT_EQ(offered->state, EscalationState::kOffered);
  EXPECT_EQ(offered->agent_id, "agent-a");
  EXPECT_EQ(offered->offered_at, test_time(100));
  ASSERT_TRUE(store().offer_escalation("e1", "agent-a", 2, test_time(101)));

  auto full = store().offer_escalation("e3", "agent-a", 2, test_time(102));
  ASSERT_FALSE(full);
  EXPECT_EQ(full.error().code, ErrorCode::kConflict);
  EXPECT_EQ(full.error().details["reason"], "agent_full");
  EXPECT_EQ(store().get_escalation("e3")->state, EscalationState::kQueued);

  auto taken = store().offer_escalation("e2", "agent-b", 3, test_time(103));
  ASSERT_FALSE(taken);
  EXPECT_EQ(taken.error().details["reason"], "taken");
  EXPECT_EQ(store().get_escalation("e2")->agent_id, "agent-a");
  EXPECT_EQ(store().offer_escalation("nope", "agent-b", 3, test_time()).error().code,
            ErrorCode::kNotFound);

  auto loads = store().agent_loads();
  ASSERT_TRUE(loads) << loads.error().message;
  EXPECT_EQ(*loads, (std::vector<std::pair<std::string, int>>{{"agent-a", 2}}));
  auto mine = store().list_agent_escalations("agent-a");
  ASSERT_TRUE(mine);
  ASSERT_EQ(mine->size(), 2u);
  EXPECT_EQ((*mine)[0].id, "e1");
  EXPECT_TRUE(store().list_agent_escalations("agent-b")->empty());
}

TEST_P(StoreContract, OnlyTheAgentWithTheOfferCanAnswerIt) {
  given_conversation("c1");
  ASSERT_TRUE(store().create_escalation(make_escalation("e1", "c1"),
                                        ConversationMove{ConversationState::kQueued, ""}));
  Escalation offered = store().offer_escalation("e1", "agent-a", 3, test_time(1)).value();
  Escalation accept = offered;
  accept.state = EscalationState::kAssigned;
  accept.assigned_at = test_time(2);
  auto wrong = store().update_agent_escalation(accept, "agent-b", {EscalationState::kOffered},
                                               ConversationMove{ConversationState::kAssigned, ""});
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().code, ErrorCode::kConflict);
  EXPECT_EQ(wrong.error().details["reason"], "not_yours");
  EXPECT_EQ(wrong.error().details["state"], "offered");
  EXPECT_EQ(wrong.error().message, "escalation e1 is not with agent agent-b");
  EXPECT_EQ(store().get_conversation("c1")->state, ConversationState::kQueued);

  auto right = store().update_agent_escalation(accept, "agent-a", {EscalationState::kOffered},
                                               ConversationMove{ConversationState::kAssigned, ""});
  ASSERT_TRUE(right) << right.error().message;
  EXPECT_EQ(right->state, EscalationState::kAssigned);
  EXPECT_EQ(store().get_conversation("c1")->state, ConversationState::kAssigned);
}

// Many routers (threads here, nodes in production) offering at once: every escalation is
// offered to one agent at most, and no agent holds more than its capacity.
TEST_P(StoreContract, ConcurrentOffersNeverDoubleAssignOrOverfill) {
  constexpr int kEscalations = 24;
  constexpr int kAgents = 4;
  constexpr int kCapacity = 3;
  for (int i = 0; i < kEscalations; ++i) {
    const std::string c = "c" + std::to_string(i);
    given_conversation(c);
    ASSERT_TRUE(
        store().create_escalation(make_escalation("e" + std::to_string(i), c, 2, i), std::nullopt));
  }
  std::atomic<int> succeeded{0};
  std::atomic<bool> go{false};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t)
    threads.emplace_back([&, t] {
      while (!go.load()) std::this_thread::yield();
      for (int i = 0; i < kEscalations; ++i)
        for (int a = 0; a < kAgents; ++a) {
          const std::string agent = "agent-" + std::to_string((a + t) % kAgents);
          if (store().offer_escalation("e" + std::to_string(i), agent, kCapacity, test_time(i)))
            ++succeeded;
        }
    });
  go.store(true);
  for (auto& th : threads) th.join();

  std::map<std::string, int> held;
  int offered = 0;
  for (int i = 0; i < kEscalations; ++i) {
    auto e = store().get_escalation("e" + std::to_string(i));
    ASSERT_TRUE(e);
    if (e->state == EscalationState::kOffered) {
      ++offered;
      ++held[e->agent_id];
    }
  }
  EXPECT_EQ(succeeded.load(), offered) << "each success is one distinct offer";
  EXPECT_GT(offered, 0);
  EXPECT_LE(offered, kAgents * kCapacity);
  for (const auto& [agent, n] : held) EXPECT_LE(n, kCapacity) << agent;
}

}  // namespace
}  // namespace aicc::testing_support
