// The storage contract under concurrency: many writers on one conversation must get
// every seq exactly once, racing retries must store one message, and a close racing
// with appends must never leave a message after the close or a gap in seq.
#include <gtest/gtest.h>

#include <atomic>
#include <set>
#include <thread>
#include <vector>

#include "contract_fixture.h"

namespace aicc::testing_support {
namespace {

class StoreConcurrency : public StoreContract {
 protected:
  // All messages of the conversation, page by page.
  std::vector<Message> all_messages(const std::string& conversation_id) {
    std::vector<Message> all;
    std::int64_t after = 0;
    for (;;) {
      auto page = store().list_messages(conversation_id, after, 500);
      EXPECT_TRUE(page) << page.error().message;
      if (!page) return all;
      all.insert(all.end(), page->messages.begin(), page->messages.end());
      if (!page->has_more) return all;
      after = page->messages.back().seq;
    }
  }

  // Runs fn(thread_index) on `threads` threads released together.
  template <typename Fn>
  void run_together(int threads, Fn fn) {
    std::atomic<bool> go{false};
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t)
      pool.emplace_back([&, t] {
        while (!go.load()) std::this_thread::yield();
        fn(t);
      });
    go.store(true);
    for (auto& th : pool) th.join();
  }
};

INSTANTIATE_TEST_SUITE_P(Backends, StoreConcurrency, ::testing::Values("sqlite", "postgres"),
                         backend_name);

TEST_P(StoreConcurrency, ParallelAppendsGetEverySeqExactlyOnce) {
  constexpr int kThreads = 8;
  constexpr int kPerThread = 200;
  given_conversation("conv-1");
  std::atomic<int> failures{0};
  run_together(kThreads, [&](int t) {
    for (int i = 0; i < kPerThread; ++i) {
      const std::string id = "m-" + std::to_string(t) + "-" + std::to_string(i);
      auto appended = store().append_message(make_message(id, "conv-1", id, "k-" + id));
      if (!appended || !appended->created) failures.fetch_add(1);
    }
  });
  ASSERT_EQ(failures.load(), 0);

  const auto messages = all_messages("conv-1");
  ASSERT_EQ(messages.size(), std::size_t{kThreads * kPerThread});
  std::set<std::string> ids;
  for (std::size_t i = 0; i < messages.size(); ++i) {
    ASSERT_EQ(messages[i].seq, static_cast<std::int64_t>(i) + 1) << "gap or duplicate";
    ids.insert(messages[i].id);
  }
  EXPECT_EQ(ids.size(), messages.size());
  EXPECT_EQ(store().get_conversation("conv-1")->message_count, kThreads * kPerThread);
}

TEST_P(StoreConcurrency, RacingRetriesOfOneClientMsgIdStoreOneMessage) {
  constexpr int kThreads = 8;
  constexpr int kRounds = 20;
  given_conversation("conv-1");
  for (int round = 0; round < kRounds; ++round) {
    const std::string key = "retry-" + std::to_string(round);
    std::vector<Result<AppendResult>> results(kThreads, make_error(ErrorCode::kInternal, "unset"));
    run_together(kThreads, [&](int t) {
      // Each retry has its own message id and text, as a client resending would.
      results[static_cast<std::size_t>(t)] = store().append_message(make_message(
          key + "-attempt-" + std::to_string(t), "conv-1", "try " + std::to_string(t), key));
    });
    int created = 0;
    std::set<std::string> ids;
    std::set<std::int64_t> seqs;
    for (const auto& r : results) {
      ASSERT_TRUE(r) << r.error().message;
      created += r->created ? 1 : 0;
      ids.insert(r->message.id);
      seqs.insert(r->message.seq);
    }
    EXPECT_EQ(created, 1) << "round " << round;
    EXPECT_EQ(ids.size(), 1u) << "every retry must see the one stored message";
    EXPECT_EQ(seqs, std::set<std::int64_t>{round + 1});
  }
  EXPECT_EQ(all_messages("conv-1").size(), std::size_t{kRounds});
  EXPECT_EQ(store().get_conversation("conv-1")->message_count, kRounds);
}

TEST_P(StoreConcurrency, CloseRacingWithAppendsLeavesNoGapsAndNothingAfterClose) {
  constexpr int kThreads = 4;
  constexpr int kPerThread = 50;
  given_conversation("conv-1");
  std::atomic<int> stored{0};
  std::atomic<int> unexpected_errors{0};
  std::atomic<bool> closed{false};
  std::atomic<int> appenders_done{0};
  run_together(kThreads + 1, [&](int t) {
    if (t == kThreads) {  // the closer, once a quarter of the appends went through
      while (stored.load() < kThreads * kPerThread / 4 && appenders_done.load() < kThreads)
        std::this_thread::yield();
      auto c = store().transition_conversation("conv-1", ConversationState::kClosed, test_time(5),
                                               "agent");
      if (c) closed.store(true);
      return;
    }
    for (int i = 0; i < kPerThread; ++i) {
      const std::string id = "m-" + std::to_string(t) + "-" + std::to_string(i);
      auto appended = store().append_message(make_message(id, "conv-1", id));
      if (appended) {
        stored.fetch_add(1);
      } else if (appended.error().code != ErrorCode::kConflict) {
        unexpected_errors.fetch_add(1);
      }
    }
    appenders_done.fetch_add(1);
  });
  ASSERT_TRUE(closed.load());
  EXPECT_EQ(unexpected_errors.load(), 0);
  const auto messages = all_messages("conv-1");
  EXPECT_EQ(messages.size(), static_cast<std::size_t>(stored.load()));
  for (std::size_t i = 0; i < messages.size(); ++i)
    ASSERT_EQ(messages[i].seq, static_cast<std::int64_t>(i) + 1);
  EXPECT_EQ(store().get_conversation("conv-1")->message_count, stored.load());
}

}  // namespace
}  // namespace aicc::testing_support
