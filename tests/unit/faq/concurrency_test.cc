// Many threads searching while others write. Run under AddressSanitizer (asan preset) to
// catch a search touching a Xapian object that a writer or another search is using.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "faq/faq_index.h"
#include "test_util.h"

namespace aicc::faq {
namespace {

using testing::make_entry;

constexpr int kReaders = 4;
constexpr int kWrites = 200;

std::vector<FaqEntry> base_entries() {
  return {make_entry("hours", "영업시간은 언제인가요?", "v0"),
          make_entry("delivery", "배송기간은 얼마나 걸리나요?", "배송 안내"),
          make_entry("hours", "What are your opening hours?", "v0", Language::kEnglish)};
}

// Fewer replicas than readers, so searches also wait for a busy replica.
void run_readers_against_a_writer(std::size_t replicas) {
  FaqIndexOptions options;
  options.replicas = replicas;
  auto created = FaqIndex::create(base_entries(), options);
  ASSERT_TRUE(created);
  FaqIndex& index = **created;

  std::atomic<bool> done{false};
  std::atomic<int> failures{0};
  std::atomic<long> searches{0};
  std::vector<std::thread> readers;
  for (int r = 0; r < kReaders; ++r) {
    readers.emplace_back([&, r] {
      const bool korean = r % 2 == 0;
      const Language lang = korean ? Language::kKorean : Language::kEnglish;
      const char* query = korean ? "영업시간이 어떻게 되나요" : "opening hours";
      while (!done.load()) {
        const auto result = index.search(query, lang, 5);
        searches.fetch_add(1);
        // The stable entry is always there, in some version, and every hit is whole.
        if (result.hits.empty() || result.hits.front().entry->id != "hours") failures++;
        for (const auto& hit : result.hits) {
          if (!hit.entry || hit.entry->language != lang || hit.entry->answer.empty()) failures++;
        }
        index.search("새 상품 입고 알림",
                     Language::kKorean);  // churning entry: may or may not match
      }
    });
  }
  std::thread writer([&] {
    for (int i = 0; i < kWrites; ++i) {
      auto hours = make_entry("hours", "영업시간은 언제인가요?", "v" + std::to_string(i));
      if (!index.upsert(hours)) failures++;
      if (!index.upsert(make_entry("restock", "새 상품 입고 알림을 받을 수 있나요?", "네"))) {
        failures++;
      }
      if (i % 3 == 0) index.remove("restock");
      if (!index.upsert(make_entry("hours", "What are your opening hours?", "v" + std::to_string(i),
                                   Language::kEnglish))) {
        failures++;
      }
      if (i % 5 == 1) {  // deactivating through upsert takes it out like remove() does
        auto inactive = make_entry("restock", "새 상품 입고 알림을 받을 수 있나요?", "네");
        inactive.active = false;
        if (!index.upsert(inactive)) failures++;
      }
    }
    done = true;
  });
  writer.join();
  for (auto& t : readers) t.join();

  EXPECT_EQ(failures.load(), 0);
  EXPECT_GT(searches.load(), 0);
  // Every replica ended in the same state: searches rotate over them.
  for (std::size_t i = 0; i < 2 * index.stats().replicas; ++i) {
    const auto r = index.search("영업시간", Language::kKorean);
    ASSERT_FALSE(r.hits.empty());
    EXPECT_EQ(r.hits.front().entry->answer, "v" + std::to_string(kWrites - 1));
    const auto restock = index.search("입고 알림", Language::kKorean);
    ASSERT_FALSE(restock.hits.empty());
    EXPECT_EQ(restock.hits.front().entry->id, "restock");
  }
}

TEST(FaqConcurrencyTest, SearchesRunWhileAWriterUpserts) {
  run_readers_against_a_writer(2);
}

TEST(FaqConcurrencyTest, SingleReplicaSerialisesSafely) {
  run_readers_against_a_writer(1);
}

TEST(FaqConcurrencyTest, ConcurrentWritersLeaveEveryReplicaConsistent) {
  FaqIndexOptions options;
  options.replicas = 3;
  auto created = FaqIndex::create({}, options);
  ASSERT_TRUE(created);
  FaqIndex& index = **created;
  constexpr int kWriters = 3;
  constexpr int kPerWriter = 40;
  std::vector<std::thread> writers;
  for (int w = 0; w < kWriters; ++w) {
    writers.emplace_back([&, w] {
      for (int i = 0; i < kPerWriter; ++i) {
        const std::string id = "w" + std::to_string(w) + "_" + std::to_string(i);
        ASSERT_TRUE(index.upsert(make_entry(id, "질문 " + id + " 항목", "답")));
        if (i % 4 == 0) index.remove(id);
        index.search("질문 항목", Language::kKorean);
      }
    });
  }
  for (auto& t : writers) t.join();
  const std::size_t expected = kWriters * (kPerWriter - kPerWriter / 4);
  EXPECT_EQ(index.stats().entries, expected);
  for (std::size_t i = 0; i < index.stats().replicas; ++i) {
    EXPECT_EQ(index.search("질문 항목", Language::kKorean, 1000).hits.size(), expected);
  }
}

}  // namespace
}  // namespace aicc::faq
