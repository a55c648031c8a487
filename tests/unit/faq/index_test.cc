// FaqIndex behaviour on small hand-made entry sets: ranking, confidence, intent boost,
// index maintenance (upsert/remove/inactive) and input variants.
#include <gtest/gtest.h>

#include "faq/faq_index.h"
#include "test_util.h"

namespace aicc::faq {
namespace {

using testing::make_entry;

// A few Korean and English entries, with no alternatives or keywords, so that matching rests
// on the questions alone.
std::vector<FaqEntry> small_set() {
  std::vector<FaqEntry> v = {
      make_entry("hours", "영업시간은 언제인가요?", "평일 9시-18시"),
      make_entry("delivery", "배송기간은 얼마나 걸리나요?", "2-3일"),
      make_entry("cancel", "주문 취소는 어떻게 하나요?", "마이페이지에서"),
      make_entry("exchange", "교환 비용은 누가 부담하나요?", "불량은 무료"),
      make_entry("vip", "VIP 등급 혜택이 무엇인가요?", "5% 적립"),
      make_entry("hours", "What are your opening hours?", "Weekdays 9-18", Language::kEnglish),
      make_entry("delivery", "How long does delivery take?", "2-3 days", Language::kEnglish),
      make_entry("cancel", "How do I cancel an order?", "In My Page", Language::kEnglish),
  };
  return v;
}

std::unique_ptr<FaqIndex> build(const std::vector<FaqEntry>& entries,
                                FaqIndexOptions options = {}) {
  auto index = FaqIndex::create(entries, options);
  EXPECT_TRUE(index) << index.error().message;
  return index ? std::move(*index) : nullptr;
}

std::string top_id(const FaqSearchResult& r) {
  return r.hits.empty() ? "(none)" : r.hits.front().entry->id;
}

TEST(FaqIndexTest, ParticleVariantFindsTheQuestion) {
  auto index = build(small_set());
  // PRODUCT.md §6: "영업시간이 어떻게 되나요" finds "영업시간은 언제인가요?" although they
  // share no whole word. (With the shipped alternatives and keywords it also auto-answers;
  // see quality_test.cc.)
  const auto r = index->search("영업시간이 어떻게 되나요", Language::kKorean, 5);
  ASSERT_EQ(top_id(r), "hours");
  EXPECT_EQ(r.hits.front().entry->question, "영업시간은 언제인가요?");
  for (std::size_t i = 1; i < r.hits.size(); ++i) {
    EXPECT_GT(r.hits.front().confidence, r.hits[i].confidence);
  }
  EXPECT_EQ(r.threshold, kDefaultAutoAnswerThreshold);
}

TEST(FaqIndexTest, EnglishParaphrasesFindTheQuestion) {
  auto index = build(small_set());
  EXPECT_EQ(top_id(index->search("When do you open?", Language::kEnglish)), "hours");
  EXPECT_EQ(top_id(index->search("cancelling my orders", Language::kEnglish)), "cancel");
  EXPECT_EQ(top_id(index->search("DELIVERY TIME", Language::kEnglish)), "delivery");
}

TEST(FaqIndexTest, SpacingVariantsFindTheSameEntry) {
  auto index = build(small_set());
  const auto joined = index->search("영업시간", Language::kKorean);
  const auto spaced = index->search("영업 시간", Language::kKorean);
  EXPECT_EQ(top_id(joined), "hours");
  EXPECT_EQ(top_id(spaced), "hours");
  EXPECT_EQ(top_id(index->search("배송 기간 얼마나 걸려요", Language::kKorean)), "delivery");
  EXPECT_EQ(top_id(index->search("주문취소", Language::kKorean)), "cancel");
}

TEST(FaqIndexTest, FullWidthQueryMatchesLikeItsAsciiForm) {
  auto index = build(small_set());
  const auto ascii = index->search("VIP 등급 혜택", Language::kKorean);
  const auto wide = index->search("ＶＩＰ　등급 혜택！", Language::kKorean);
  ASSERT_EQ(top_id(ascii), "vip");
  ASSERT_EQ(top_id(wide), "vip");
  EXPECT_DOUBLE_EQ(wide.hits.front().score, ascii.hits.front().score);
  EXPECT_EQ(top_id(index->search("ＨＯＷ ＬＯＮＧ ＤＯＥＳ ＤＥＬＩＶＥＲＹ ＴＡＫＥ",
                                 Language::kEnglish)),
            "delivery");
}

TEST(FaqIndexTest, HitsAreRankedWithConfidencesInRange) {
  auto index = build(small_set());
  const auto r = index->search("주문 배송 취소 비용", Language::kKorean, 10);
  ASSERT_GE(r.hits.size(), 3u);
  for (std::size_t i = 0; i < r.hits.size(); ++i) {
    EXPECT_GE(r.hits[i].confidence, 0.0f);
    EXPECT_LE(r.hits[i].confidence, 1.0f);
    EXPECT_GE(r.hits[i].coverage, 0.0);
    EXPECT_LE(r.hits[i].coverage, 1.0);
    if (i > 0) {
      EXPECT_LE(r.hits[i].score, r.hits[i - 1].score);
      EXPECT_LE(r.hits[i].confidence, r.hits[0].confidence);
    }
  }
  EXPECT_EQ(index->search("주문 배송 취소 비용", Language::kKorean, 2).hits.size(), 2u);
  EXPECT_TRUE(index->search("주문", Language::kKorean, 0).hits.empty());
}

TEST(FaqIndexTest, ExactQuestionIsMoreConfidentThanAVagueOne) {
  auto index = build(small_set());
  const auto exact = index->search("교환 비용은 누가 부담하나요?", Language::kKorean);
  const auto vague = index->search("비용", Language::kKorean);
  ASSERT_EQ(top_id(exact), "exchange");
  ASSERT_EQ(top_id(vague), "exchange");
  EXPECT_GT(exact.hits.front().confidence, vague.hits.front().confidence);
  EXPECT_TRUE(exact.auto_answer);
}

TEST(FaqIndexTest, UnrelatedOrEmptyQueriesDoNotAutoAnswer) {
  auto index = build(small_set());
  for (std::string_view q : {"오늘 날씨 어때요?", "비트코인 시세 알려줘"}) {
    const auto r = index->search(q, Language::kKorean);
    EXPECT_FALSE(r.auto_answer) << q << " → " << top_id(r);
  }
  EXPECT_FALSE(index->search("tell me a joke", Language::kEnglish).auto_answer);
  EXPECT_TRUE(index->search("", Language::kKorean).hits.empty());
  EXPECT_TRUE(index->search("?!?", Language::kKorean).hits.empty());
  EXPECT_FALSE(index->search("", Language::kKorean).auto_answer);
}

// Two entries that the query matches equally: the classifier's intent decides.
TEST(FaqIndexTest, IntentHintBoostsTheMatchingEntry) {
  auto a = make_entry("refund_time", "환불 기간", "안내");
  a.intent = "cancel_request";
  auto b = make_entry("delivery_time", "배송 기간", "안내");
  b.intent = "order_status";
  auto index = build({a, b});
  const auto plain = index->search("기간", Language::kKorean);
  ASSERT_EQ(plain.hits.size(), 2u);
  EXPECT_DOUBLE_EQ(plain.hits[0].score, plain.hits[1].score);

  for (const char* intent : {"order_status", "cancel_request"}) {
    const auto hinted = index->search("기간", Language::kKorean, 3, IntentHint{intent, 0.9f});
    ASSERT_EQ(hinted.hits.size(), 2u);
    EXPECT_EQ(hinted.hits[0].entry->intent, intent);
    EXPECT_GT(hinted.hits[0].score, hinted.hits[1].score);
    EXPECT_GT(hinted.hits[0].confidence, plain.hits[0].confidence);
  }
  // A hint that matches no entry, or one with no confidence, changes nothing.
  for (const IntentHint& hint : {IntentHint{"greeting", 1.0f}, IntentHint{"order_status", 0.0f},
                                 IntentHint{"out_of_scope", 1.0f}}) {
    const auto r = index->search("기간", Language::kKorean, 3, hint);
    ASSERT_EQ(r.hits.size(), 2u);
    EXPECT_DOUBLE_EQ(r.hits[0].score, plain.hits[0].score);
    EXPECT_FLOAT_EQ(r.hits[0].confidence, plain.hits[0].confidence);
  }
}

TEST(FaqIndexTest, IntentBoostCanCrossTheAutoAnswerThreshold) {
  auto entries = small_set();
  entries[0].intent = "general_inquiry";  // Korean "hours"
  const IntentHint hint{"general_inquiry", 0.9f};
  const float plain = build(entries)->search("언제 해요", Language::kKorean).hits.at(0).confidence;
  // A threshold just above the unhinted confidence: only the classifier's agreement lifts
  // the entry over it.
  FaqIndexOptions options;
  options.auto_answer_threshold = plain + 0.05f;
  auto index = build(entries, options);
  const auto without = index->search("언제 해요", Language::kKorean);
  const auto with = index->search("언제 해요", Language::kKorean, 3, hint);
  ASSERT_EQ(top_id(without), "hours");
  ASSERT_EQ(top_id(with), "hours");
  EXPECT_FALSE(without.auto_answer);
  EXPECT_TRUE(with.auto_answer);
  EXPECT_GE(with.hits.front().confidence - without.hits.front().confidence,
            options.confidence.intent_boost * hint.confidence - 1e-6);
}

TEST(FaqIndexTest, PriorityBreaksTies) {
  auto low = make_entry("low", "포인트 적립", "A");
  auto high = make_entry("high", "포인트 사용", "B");
  high.priority = 5;
  auto index = build({low, high});
  EXPECT_EQ(top_id(index->search("포인트", Language::kKorean)), "high");
  high.priority = -5;
  ASSERT_TRUE(index->upsert(high));
  EXPECT_EQ(top_id(index->search("포인트", Language::kKorean)), "low");
}

TEST(FaqIndexTest, UpsertAddsAndReplaces) {
  auto index = build(small_set());
  EXPECT_EQ(index->find("gift", Language::kKorean), nullptr);
  ASSERT_TRUE(index->upsert(make_entry("gift", "선물 포장이 가능한가요?", "2,000원")));
  EXPECT_EQ(top_id(index->search("선물 포장 되나요", Language::kKorean)), "gift");
  ASSERT_NE(index->find("gift", Language::kKorean), nullptr);

  // Replacing the text: the old wording no longer finds it, the new one does.
  ASSERT_TRUE(index->upsert(make_entry("gift", "쇼핑백을 받을 수 있나요?", "네")));
  EXPECT_NE(top_id(index->search("선물 포장", Language::kKorean)), "gift");
  EXPECT_EQ(top_id(index->search("쇼핑백", Language::kKorean)), "gift");
  EXPECT_EQ(index->find("gift", Language::kKorean)->answer, "네");
  EXPECT_EQ(index->stats().korean, 6u);
}

TEST(FaqIndexTest, HitsAreSnapshotsThatOutliveUpdates) {
  auto index = build(small_set());
  const auto before = index->search("영업시간", Language::kKorean);
  ASSERT_EQ(top_id(before), "hours");
  ASSERT_TRUE(index->upsert(make_entry("hours", "영업시간은 언제인가요?", "24시간")));
  EXPECT_EQ(before.hits.front().entry->answer, "평일 9시-18시");
  EXPECT_EQ(index->search("영업시간", Language::kKorean).hits.front().entry->answer, "24시간");
}

TEST(FaqIndexTest, RemoveTakesEntriesOut) {
  auto index = build(small_set());
  EXPECT_TRUE(index->remove("delivery", Language::kEnglish));
  EXPECT_NE(top_id(index->search("How long does delivery take?", Language::kEnglish)), "delivery");
  EXPECT_EQ(top_id(index->search("배송기간", Language::kKorean)), "delivery");
  EXPECT_FALSE(index->remove("delivery", Language::kEnglish));

  EXPECT_TRUE(index->remove("cancel"));  // both languages
  EXPECT_NE(top_id(index->search("주문 취소", Language::kKorean)), "cancel");
  EXPECT_NE(top_id(index->search("cancel order", Language::kEnglish)), "cancel");
  EXPECT_EQ(index->find("cancel", Language::kKorean), nullptr);
  EXPECT_FALSE(index->remove("cancel"));
  EXPECT_FALSE(index->remove("no_such_id"));
  EXPECT_EQ(index->stats().entries, 5u);
}

TEST(FaqIndexTest, InactiveEntriesNeverMatch) {
  auto entries = small_set();
  entries[0].active = false;  // Korean "hours"
  auto index = build(entries);
  EXPECT_NE(top_id(index->search("영업시간은 언제인가요?", Language::kKorean)), "hours");
  EXPECT_EQ(index->find("hours", Language::kKorean), nullptr);
  EXPECT_EQ(top_id(index->search("opening hours", Language::kEnglish)), "hours");

  // Deactivating through upsert takes it out; reactivating brings it back.
  auto english = *index->find("hours", Language::kEnglish);
  english.active = false;
  ASSERT_TRUE(index->upsert(english));
  EXPECT_NE(top_id(index->search("opening hours", Language::kEnglish)), "hours");
  english.active = true;
  ASSERT_TRUE(index->upsert(english));
  EXPECT_EQ(top_id(index->search("opening hours", Language::kEnglish)), "hours");
}

TEST(FaqIndexTest, InvalidUpsertIsRejectedAndChangesNothing) {
  auto index = build(small_set());
  const auto before = index->stats();
  auto bad = make_entry("hours", "영업시간은 언제인가요?", "");
  auto st = index->upsert(bad);
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(st.error().details.at("id"), "hours");
  EXPECT_FALSE(index->upsert(make_entry("Bad Id", "Q", "A")));
  EXPECT_FALSE(index->upsert(make_entry("x", "bad \xff utf8", "A")));
  EXPECT_EQ(index->find("hours", Language::kKorean)->answer, "평일 9시-18시");
  EXPECT_EQ(index->stats().writes, before.writes);
}

TEST(FaqIndexTest, CreateRejectsInvalidAndDuplicateEntries) {
  auto entries = small_set();
  entries.push_back(entries.front());
  auto dup = FaqIndex::create(entries);
  ASSERT_FALSE(dup);
  EXPECT_EQ(dup.error().details.at("id"), "hours");
  auto bad = FaqIndex::create({make_entry("x", "", "A")});
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalidArgument);
}

TEST(FaqIndexTest, StatsAndEntriesDescribeTheIndex) {
  FaqIndexOptions options;
  options.replicas = 3;
  auto index = build(small_set(), options);
  const auto s = index->stats();
  EXPECT_EQ(s.entries, 8u);
  EXPECT_EQ(s.korean, 5u);
  EXPECT_EQ(s.english, 3u);
  EXPECT_EQ(s.replicas, 3u);
  EXPECT_EQ(s.writes, 8u);
  EXPECT_TRUE(index->search("배송기간은 얼마나 걸리나요?", Language::kKorean).auto_answer);
  EXPECT_FALSE(index->search("tell me a joke", Language::kEnglish).auto_answer);
  EXPECT_FALSE(index->search("", Language::kEnglish).auto_answer);
  EXPECT_EQ(index->stats().searches, 3u);
  EXPECT_EQ(index->stats().unanswered, 2u);
  const auto all = index->entries();
  ASSERT_EQ(all.size(), 8u);
  EXPECT_EQ(all.front()->id, "cancel");
  EXPECT_EQ(all.front()->language, Language::kKorean);
  EXPECT_EQ(all.back()->id, "vip");
}

TEST(FaqIndexTest, ThresholdIsConfigurable) {
  FaqIndexOptions strict;
  strict.auto_answer_threshold = 1.01f;
  auto index = build(small_set(), strict);
  const auto r = index->search("영업시간은 언제인가요?", Language::kKorean);
  EXPECT_EQ(top_id(r), "hours");
  EXPECT_FALSE(r.auto_answer);
  EXPECT_FLOAT_EQ(r.threshold, 1.01f);
}

}  // namespace
}  // namespace aicc::faq
