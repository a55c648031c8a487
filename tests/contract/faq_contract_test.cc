// The storage contract, FAQ part: first-start seeding (once, even with two nodes racing),
// entries keyed by (id, language) with every field, upsert keeping counters, filters,
// atomic counters under concurrency, and the unanswered-query log with its grouped report.
// Every case runs against every backend.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <cmath>
#include <string>
#include <thread>
#include <vector>

#include "contract_fixture.h"
#include "faq/query_key.h"

namespace aicc::testing_support {
namespace {

using faq::FaqEntry;
using nlu::Language;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

FaqEntry make_faq(std::string id, Language language = Language::kKorean,
                  std::string category = "일반") {
  FaqEntry e;
  e.id = std::move(id);
  e.language = language;
  e.category = std::move(category);
  e.question = language == Language::kKorean ? "영업시간은 언제인가요?" : "When are you open?";
  e.answer = language == Language::kKorean ? "평일 9시부터 18시까지입니다." : "Weekdays 9 to 6.";
  e.updated_at = test_time(10);
  return e;
}

std::vector<std::string> keys(const std::vector<FaqEntry>& entries) {
  std::vector<std::string> out;
  for (const auto& e : entries)
    out.push_back(e.id + "/" + std::string(nlu::language_code(e.language)));
  return out;
}

UnansweredQuery make_query(std::string text, std::int64_t at_us,
                           Language language = Language::kKorean) {
  UnansweredQuery q;
  q.text = std::move(text);
  q.language = language;
  q.conversation_id = "conv-" + std::to_string(at_us);
  q.created_at = test_time(at_us);
  return q;
}

class FaqContract : public StoreContract {};

INSTANTIATE_TEST_SUITE_P(Backends, FaqContract, ::testing::Values("sqlite", "postgres"),
                         backend_name);

// ---- seeding ----

TEST_P(FaqContract, SeedsAnEmptyStoreOnceAndNeverAgain) {
  const std::vector<FaqEntry> seed = {make_faq("faq_hours"),
                                      make_faq("faq_hours", Language::kEnglish),
                                      make_faq("faq_phone", Language::kKorean, "회원")};
  auto first = store().seed_faq_entries(seed);
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_EQ(*first, 3u);

  auto again = store().seed_faq_entries({make_faq("faq_other")});
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_EQ(*again, 0u) << "a store with entries is not seeded again";
  reopen();  // as at the next start
  auto third = store().seed_faq_entries(seed);
  ASSERT_TRUE(third);
  EXPECT_EQ(*third, 0u);

  auto all = store().list_faq_entries({});
  ASSERT_TRUE(all) << all.error().message;
  EXPECT_THAT(keys(*all), ElementsAre("faq_hours/ko", "faq_hours/en", "faq_phone/ko"));
}

TEST_P(FaqContract, SeedStartsCountersAtZero) {
  FaqEntry e = make_faq("faq_hours");
  e.view_count = 7;
  e.helpful_count = 8;
  e.not_helpful_count = 9;
  ASSERT_TRUE(store().seed_faq_entries({e}));
  auto got = store().get_faq_entry("faq_hours", Language::kKorean);
  ASSERT_TRUE(got) << got.error().message;
  EXPECT_EQ(got->view_count, 0);
  EXPECT_EQ(got->helpful_count, 0);
  EXPECT_EQ(got->not_helpful_count, 0);
}

TEST_P(FaqContract, SeedDoesNotResurrectASoftDeletedKnowledgeBase) {
  ASSERT_TRUE(store().seed_faq_entries({make_faq("faq_hours")}));
  FaqEntry off = make_faq("faq_hours");
  off.active = false;
  ASSERT_TRUE(store().upsert_faq_entry(off));
  auto seeded = store().seed_faq_entries({make_faq("faq_hours"), make_faq("faq_new")});
  ASSERT_TRUE(seeded);
  EXPECT_EQ(*seeded, 0u);
  auto got = store().get_faq_entry("faq_hours", Language::kKorean);
  ASSERT_TRUE(got);
  EXPECT_FALSE(got->active);
  EXPECT_FALSE(store().get_faq_entry("faq_new", Language::kKorean));
}

TEST_P(FaqContract, SeedRefusesBadEntriesAndWritesNothing) {
  FaqEntry blank = make_faq("faq_blank");
  blank.answer = "   ";
  auto refused = store().seed_faq_entries({make_faq("faq_hours"), blank});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(refused.error().details["id"], "faq_blank");
  EXPECT_THAT(refused.error().message, HasSubstr("answer"));

  auto twice = store().seed_faq_entries({make_faq("faq_hours"), make_faq("faq_hours")});
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(twice.error().details["reason"], "duplicate key");

  auto none = store().list_faq_entries({});
  ASSERT_TRUE(none);
  EXPECT_TRUE(none->empty()) << "a refused seed must leave the store empty";
  auto empty_seed = store().seed_faq_entries({});
  ASSERT_TRUE(empty_seed);
  EXPECT_EQ(*empty_seed, 0u);
  auto later = store().seed_faq_entries({make_faq("faq_hours")});
  ASSERT_TRUE(later);
  EXPECT_EQ(*later, 1u) << "still empty, so the next start seeds";
}

TEST_P(FaqContract, TwoNodesSeedingTogetherSeedOnce) {
  // Two stores on one database, as two nodes starting at the same moment.
  auto other = open_test_store(db());
  ASSERT_TRUE(other) << other.error().message;
  std::vector<FaqEntry> seed;
  for (int i = 0; i < 40; ++i) {
    seed.push_back(make_faq("faq_" + std::to_string(i)));
    seed.push_back(make_faq("faq_" + std::to_string(i), Language::kEnglish));
  }
  for (int round = 0; round < 3; ++round) {
    if (round > 0) {
      ASSERT_TRUE(db().execute("DELETE FROM faq_entries"));
    }
    std::atomic<bool> go{false};
    Result<std::size_t> a = 0, b = 0;
    std::thread ta([&] {
      while (!go.load()) std::this_thread::yield();
      a = store().seed_faq_entries(seed);
    });
    std::thread tb([&] {
      while (!go.load()) std::this_thread::yield();
      b = (*other)->seed_faq_entries(seed);
    });
    go.store(true);
    ta.join();
    tb.join();
    ASSERT_TRUE(a) << a.error().message;
    ASSERT_TRUE(b) << b.error().message;
    EXPECT_EQ(*a + *b, seed.size()) << "exactly one node seeds";
    EXPECT_TRUE(*a == 0 || *b == 0);
    auto rows = db().query_int("SELECT count(*) FROM faq_entries");
    ASSERT_TRUE(rows);
    EXPECT_EQ(*rows, static_cast<std::int64_t>(seed.size()));
  }
}

// ---- entries ----

TEST_P(FaqContract, UpsertRoundTripsEveryField) {
  FaqEntry e = make_faq("faq_refund", Language::kKorean, "반품/교환");
  e.question = "환불은 \"언제\" 되나요? 🎉";
  e.alternatives = {"환불 기간", "돈 언제 돌려받아요", "quote \" and \\ backslash"};
  e.answer = "반품 확인 후 3영업일 이내에 환불됩니다.\n카드는 취소 처리됩니다.";
  e.keywords = {"환불", "refund"};
  e.priority = -3;
  e.active = false;
  e.intent = "cancel_refund";
  e.updated_at = test_time(42);
  auto up = store().upsert_faq_entry(e);
  ASSERT_TRUE(up) << up.error().message;
  EXPECT_TRUE(up->created);

  for (const auto& got : {up->entry, *store().get_faq_entry("faq_refund", Language::kKorean)}) {
    EXPECT_EQ(got.id, e.id);
    EXPECT_EQ(got.language, Language::kKorean);
    EXPECT_EQ(got.category, e.category);
    EXPECT_EQ(got.question, e.question);
    EXPECT_EQ(got.alternatives, e.alternatives);
    EXPECT_EQ(got.answer, e.answer);
    EXPECT_EQ(got.keywords, e.keywords);
    EXPECT_EQ(got.priority, -3);
    EXPECT_FALSE(got.active);
    EXPECT_EQ(got.intent, "cancel_refund");
    EXPECT_EQ(got.view_count, 0);
    EXPECT_EQ(got.updated_at, e.updated_at) << "microseconds kept";
  }
}

TEST_P(FaqContract, UpsertReplacesContentButKeepsCounters) {
  ASSERT_TRUE(store().upsert_faq_entry(make_faq("faq_hours")));
  ASSERT_TRUE(store().bump_faq_counter("faq_hours", Language::kKorean, FaqCounter::kView));
  ASSERT_TRUE(store().bump_faq_counter("faq_hours", Language::kKorean, FaqCounter::kHelpful));

  FaqEntry edited = make_faq("faq_hours", Language::kKorean, "주문/배송");
  edited.answer = "평일 10시부터 19시까지입니다.";
  edited.alternatives = {"몇 시에 열어요"};
  edited.view_count = 999;  // ignored: counters are not the editor's
  edited.updated_at = test_time(77);
  auto up = store().upsert_faq_entry(edited);
  ASSERT_TRUE(up) << up.error().message;
  EXPECT_FALSE(up->created);
  EXPECT_EQ(up->entry.answer, edited.answer);
  EXPECT_EQ(up->entry.category, "주문/배송");
  EXPECT_EQ(up->entry.alternatives, edited.alternatives);
  EXPECT_EQ(up->entry.updated_at, test_time(77));
  EXPECT_EQ(up->entry.view_count, 1);
  EXPECT_EQ(up->entry.helpful_count, 1);
  EXPECT_EQ(up->entry.not_helpful_count, 0);

  reopen();
  auto got = store().get_faq_entry("faq_hours", Language::kKorean);
  ASSERT_TRUE(got);
  EXPECT_EQ(got->answer, edited.answer);
  EXPECT_EQ(got->view_count, 1);
}

TEST_P(FaqContract, LanguageVariantsAreSeparateEntries) {
  ASSERT_TRUE(store().upsert_faq_entry(make_faq("faq_hours")));
  ASSERT_TRUE(store().upsert_faq_entry(make_faq("faq_hours", Language::kEnglish)));
  auto bumped = store().bump_faq_counter("faq_hours", Language::kEnglish, FaqCounter::kNotHelpful);
  ASSERT_TRUE(bumped) << bumped.error().message;
  EXPECT_EQ(bumped->language, Language::kEnglish);
  EXPECT_EQ(bumped->not_helpful_count, 1);
  auto ko = store().get_faq_entry("faq_hours", Language::kKorean);
  ASSERT_TRUE(ko);
  EXPECT_EQ(ko->not_helpful_count, 0);
  EXPECT_EQ(ko->answer, "평일 9시부터 18시까지입니다.");
  auto en = store().get_faq_entry("faq_hours", Language::kEnglish);
  ASSERT_TRUE(en);
  EXPECT_EQ(en->answer, "Weekdays 9 to 6.");
}

TEST_P(FaqContract, UpsertRefusesInvalidEntries) {
  FaqEntry bad_id = make_faq("Bad Id!");
  FaqEntry blank_question = make_faq("faq_q");
  blank_question.question = "";
  FaqEntry bad_utf8 = make_faq("faq_u");
  bad_utf8.answer = std::string("abc\xC3\x28", 5);
  FaqEntry long_answer = make_faq("faq_long");
  long_answer.answer = std::string(faq::kMaxAnswerLength + 1, 'a');
  FaqEntry blank_keyword = make_faq("faq_k");
  blank_keyword.keywords = {"ok", " "};
  for (const auto& e : {bad_id, blank_question, bad_utf8, long_answer, blank_keyword}) {
    auto up = store().upsert_faq_entry(e);
    ASSERT_FALSE(up) << e.id;
    EXPECT_EQ(up.error().code, ErrorCode::kInvalidArgument) << e.id;
    EXPECT_EQ(up.error().details["id"], e.id);
    EXPECT_FALSE(up.error().details["reason"].empty());
  }
  auto all = store().list_faq_entries({});
  ASSERT_TRUE(all);
  EXPECT_TRUE(all->empty());
}

TEST_P(FaqContract, GetFindsInactiveEntriesAndRefusesUnknownOnes) {
  FaqEntry off = make_faq("faq_off");
  off.active = false;
  ASSERT_TRUE(store().upsert_faq_entry(off));
  auto got = store().get_faq_entry("faq_off", Language::kKorean);
  ASSERT_TRUE(got);
  EXPECT_FALSE(got->active);

  const std::vector<std::pair<std::string, Language>> unknown = {
      {"faq_off", Language::kEnglish},
      {"nope", Language::kKorean},
      {"", Language::kKorean},
      {"faq_off' OR '1'='1", Language::kKorean}};
  for (const auto& [id, language] : unknown) {
    auto missing = store().get_faq_entry(id, language);
    ASSERT_FALSE(missing) << id;
    EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
  }
}

TEST_P(FaqContract, ListFiltersByLanguageCategoryAndActiveInByteOrder) {
  FaqEntry off = make_faq("faqc", Language::kKorean, "결제");
  off.active = false;
  ASSERT_TRUE(store().seed_faq_entries({make_faq("faq_a", Language::kEnglish, "결제"),
                                        make_faq("faq_a", Language::kKorean, "결제"),
                                        make_faq("faq-b", Language::kKorean, "회원"), off}));

  auto all = store().list_faq_entries({});
  ASSERT_TRUE(all);
  // Bytes: '-' < '_' < 'c' (a collation that ignores punctuation would say otherwise).
  EXPECT_THAT(keys(*all), ElementsAre("faq-b/ko", "faq_a/ko", "faq_a/en", "faqc/ko"));

  FaqFilter english;
  english.language = Language::kEnglish;
  EXPECT_THAT(keys(*store().list_faq_entries(english)), ElementsAre("faq_a/en"));

  FaqFilter payments;
  payments.category = "결제";
  EXPECT_THAT(keys(*store().list_faq_entries(payments)),
              ElementsAre("faq_a/ko", "faq_a/en", "faqc/ko"));

  FaqFilter active_korean_payments = payments;
  active_korean_payments.active = true;
  active_korean_payments.language = Language::kKorean;
  EXPECT_THAT(keys(*store().list_faq_entries(active_korean_payments)), ElementsAre("faq_a/ko"));

  FaqFilter inactive;
  inactive.active = false;
  EXPECT_THAT(keys(*store().list_faq_entries(inactive)), ElementsAre("faqc/ko"));

  FaqFilter unknown;
  unknown.category = "없는 분류";
  auto none = store().list_faq_entries(unknown);
  ASSERT_TRUE(none);
  EXPECT_TRUE(none->empty());
}

// ---- counters ----

TEST_P(FaqContract, EachCounterMovesItsOwnColumnAndLeavesUpdatedAt) {
  ASSERT_TRUE(store().upsert_faq_entry(make_faq("faq_hours")));
  auto view = store().bump_faq_counter("faq_hours", Language::kKorean, FaqCounter::kView);
  ASSERT_TRUE(view) << view.error().message;
  auto helpful = store().bump_faq_counter("faq_hours", Language::kKorean, FaqCounter::kHelpful);
  ASSERT_TRUE(helpful);
  auto not_helpful =
      store().bump_faq_counter("faq_hours", Language::kKorean, FaqCounter::kNotHelpful);
  ASSERT_TRUE(not_helpful);
  ASSERT_TRUE(store().bump_faq_counter("faq_hours", Language::kKorean, FaqCounter::kNotHelpful));
  auto got = store().get_faq_entry("faq_hours", Language::kKorean);
  ASSERT_TRUE(got);
  EXPECT_EQ(view->view_count, 1);
  EXPECT_EQ(helpful->helpful_count, 1);
  EXPECT_EQ(not_helpful->not_helpful_count, 1);
  EXPECT_EQ(got->view_count, 1);
  EXPECT_EQ(got->helpful_count, 1);
  EXPECT_EQ(got->not_helpful_count, 2);
  EXPECT_EQ(got->updated_at, test_time(10)) << "feedback is not an edit";
}

TEST_P(FaqContract, BumpingAnUnknownEntryIsNotFound) {
  ASSERT_TRUE(store().upsert_faq_entry(make_faq("faq_hours")));
  auto missing = store().bump_faq_counter("faq_hours", Language::kEnglish, FaqCounter::kView);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
  auto nobody = store().bump_faq_counter("nobody", Language::kKorean, FaqCounter::kHelpful);
  ASSERT_FALSE(nobody);
  EXPECT_EQ(nobody.error().code, ErrorCode::kNotFound);
}

TEST_P(FaqContract, ConcurrentBumpsAreNeverLost) {
  constexpr int kThreads = 8;
  constexpr int kPerThread = 50;
  ASSERT_TRUE(store().upsert_faq_entry(make_faq("faq_hours")));
  // A second store on the same database stands for a second node.
  auto other = open_test_store(db());
  ASSERT_TRUE(other) << other.error().message;
  std::atomic<bool> go{false};
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      while (!go.load()) std::this_thread::yield();
      Store& s = t % 2 == 0 ? store() : **other;
      for (int i = 0; i < kPerThread; ++i) {
        const auto counter = i % 3 == 0 ? FaqCounter::kHelpful : FaqCounter::kView;
        if (!s.bump_faq_counter("faq_hours", Language::kKorean, counter)) failures.fetch_add(1);
      }
    });
  }
  go.store(true);
  for (auto& th : threads) th.join();
  ASSERT_EQ(failures.load(), 0);
  auto got = store().get_faq_entry("faq_hours", Language::kKorean);
  ASSERT_TRUE(got);
  const int helpful_per_thread = (kPerThread + 2) / 3;  // i = 0, 3, 6, …
  EXPECT_EQ(got->helpful_count, kThreads * helpful_per_thread);
  EXPECT_EQ(got->view_count, kThreads * (kPerThread - helpful_per_thread));
}

// ---- unanswered queries ----

TEST_P(FaqContract, UnansweredQueriesAreGroupedByKeyMostFrequentFirst) {
  UnansweredQuery latest = make_query("영업시간이  어떻게 되나요!!", 300);
  latest.best_faq_id = "faq_hours";
  latest.best_confidence = 0.25;
  for (const auto& q :
       {make_query("영업시간이 어떻게 되나요?", 100), make_query("환불 되나요", 150),
        make_query("영업시간이 어떻게 되나요", 200), latest,
        make_query("Refund policy?", 250, Language::kEnglish),
        make_query("REFUND POLICY", 260, Language::kEnglish), make_query("포인트 적립", 50)}) {
    auto st = store().record_unanswered_query(q);
    ASSERT_TRUE(st) << st.error().message;
  }
  reopen();  // the log is durable

  auto top = store().top_unanswered_queries(10, std::nullopt);
  ASSERT_TRUE(top) << top.error().message;
  ASSERT_EQ(top->size(), 4u);
  const UnansweredSummary& first = (*top)[0];
  EXPECT_EQ(first.key, "영업시간이 어떻게 되나요");
  EXPECT_EQ(first.language, Language::kKorean);
  EXPECT_EQ(first.count, 3);
  EXPECT_EQ(first.last_seen, test_time(300));
  EXPECT_EQ(first.text, "영업시간이  어떻게 되나요!!") << "the latest text as typed";
  EXPECT_EQ(first.best_faq_id, "faq_hours");
  ASSERT_TRUE(first.best_confidence);
  EXPECT_DOUBLE_EQ(*first.best_confidence, 0.25);
  EXPECT_EQ((*top)[1].key, "refund policy");
  EXPECT_EQ((*top)[1].count, 2);
  EXPECT_EQ((*top)[1].text, "REFUND POLICY");
  EXPECT_EQ((*top)[1].language, Language::kEnglish);
  // Equal counts: the most recent first.
  EXPECT_EQ((*top)[2].key, "환불 되나요");
  EXPECT_EQ((*top)[3].key, "포인트 적립");
  EXPECT_FALSE((*top)[3].best_confidence.has_value());
  EXPECT_EQ((*top)[3].best_faq_id, "");

  auto one = store().top_unanswered_queries(1, std::nullopt);
  ASSERT_TRUE(one);
  ASSERT_EQ(one->size(), 1u);
  EXPECT_EQ((*one)[0].count, 3);

  auto english = store().top_unanswered_queries(10, Language::kEnglish);
  ASSERT_TRUE(english);
  ASSERT_EQ(english->size(), 1u);
  EXPECT_EQ((*english)[0].key, "refund policy");
}

TEST_P(FaqContract, SameTextInTwoLanguagesIsTwoGroups) {
  ASSERT_TRUE(store().record_unanswered_query(make_query("AS", 1, Language::kKorean)));
  ASSERT_TRUE(store().record_unanswered_query(make_query("AS", 2, Language::kEnglish)));
  auto top = store().top_unanswered_queries(10, std::nullopt);
  ASSERT_TRUE(top);
  ASSERT_EQ(top->size(), 2u);
  EXPECT_EQ((*top)[0].language, Language::kEnglish);
  EXPECT_EQ((*top)[1].language, Language::kKorean);
}

TEST_P(FaqContract, UnansweredLogRefusesBadInput) {
  std::vector<UnansweredQuery> bad = {make_query("", 1), make_query(" \t\n", 1),
                                      make_query(std::string("\xFF\xFE", 2), 1),
                                      make_query(std::string(faq::kMaxQueryLength + 1, 'a'), 1)};
  UnansweredQuery high = make_query("ok", 1);
  high.best_confidence = 1.5;
  UnansweredQuery negative = make_query("ok", 1);
  negative.best_confidence = -0.1;
  UnansweredQuery nan = make_query("ok", 1);
  nan.best_confidence = std::nan("");
  bad.insert(bad.end(), {high, negative, nan});
  for (const auto& q : bad) {
    auto st = store().record_unanswered_query(q);
    ASSERT_FALSE(st) << q.text;
    EXPECT_EQ(st.error().code, ErrorCode::kInvalidArgument);
    EXPECT_FALSE(st.error().details["field"].empty());
  }
  // The limit is in code points: 1000 Hangul syllables (3000 bytes) fit.
  std::string hangul;
  for (std::size_t i = 0; i < faq::kMaxQueryLength; ++i) hangul += "가";
  ASSERT_TRUE(store().record_unanswered_query(make_query(hangul, 2)));

  for (int limit : {0, -1, 501}) {
    auto top = store().top_unanswered_queries(limit, std::nullopt);
    ASSERT_FALSE(top) << limit;
    EXPECT_EQ(top.error().code, ErrorCode::kInvalidArgument);
  }
  auto top = store().top_unanswered_queries(500, std::nullopt);
  ASSERT_TRUE(top);
  ASSERT_EQ(top->size(), 1u) << "only the valid query was recorded";
  EXPECT_EQ((*top)[0].text, hangul);
}

}  // namespace
}  // namespace aicc::testing_support
