// FaqService: bot/faq seeds an empty store once, the index is built from the store (not the
// seed), changes go to the store and then the index, views and votes are counted, and
// searches without a confident answer are logged.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include "service/faq_service.h"
#include "store/sqlite/sqlite_store.h"

namespace aicc {
namespace {

namespace fs = std::filesystem;
using nlu::Language;

constexpr std::string_view kCategories =
    R"({"categories": [{"name": "일반", "en": "General"}, {"name": "결제", "en": "Payment"}]})";
constexpr std::string_view kEntries = R"({"entries": [
  {"id": "faq_business_hours", "category": "일반",
   "ko": {"question": "영업시간은 언제인가요?", "alternatives": ["몇 시까지 해요"],
          "answer": "평일 9시부터 18시까지입니다.", "keywords": ["영업시간"]},
   "en": {"question": "What are your business hours?", "answer": "Weekdays 9 AM to 6 PM.",
          "keywords": ["hours"]}},
  {"id": "faq_payment_methods", "category": "결제",
   "ko": {"question": "결제 수단은 무엇이 있나요?", "answer": "카드, 계좌이체, 간편결제가 됩니다.",
          "keywords": ["결제"]},
   "en": {"question": "Which payment methods do you accept?",
          "answer": "Cards, bank transfer and mobile pay.", "keywords": ["payment"]}}]})";

class FaqServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ =
        fs::temp_directory_path() / ("aicc-faq-service-" + std::to_string(std::random_device{}()));
    fs::create_directories(dir_ / "faq");
    std::ofstream(dir_ / "faq" / "categories.json") << kCategories;
    std::ofstream(dir_ / "faq" / "entries.json") << kEntries;
    open_store();
  }
  void TearDown() override {
    store_.reset();
    fs::remove_all(dir_);
  }

  void open_store() {
    store_.reset();
    auto store = open_sqlite_store((dir_ / "aicc.db").string(), 2);
    ASSERT_TRUE(store) << store.error().message;
    store_ = std::move(*store);
    ASSERT_TRUE(store_->migrate());
  }

  std::unique_ptr<FaqService> start(fs::path seed_dir = {}) {
    FaqServiceOptions options;
    options.seed_dir = seed_dir.empty() ? dir_ / "faq" : seed_dir;
    options.index.replicas = 2;
    auto service = FaqService::start(*store_, clock_, options);
    EXPECT_TRUE(service) << service.error().message;
    return service ? std::move(*service) : nullptr;
  }

  fs::path dir_;
  ManualClock clock_{from_unix_micros(1'790'000'000'000'000)};
  std::unique_ptr<Store> store_;
};

TEST_F(FaqServiceTest, SeedsTheFirstStartOnly) {
  auto first = start();
  ASSERT_TRUE(first);
  EXPECT_EQ(first->seeded(), 4u);
  EXPECT_EQ(first->index()->stats().entries, 4u);
  auto stored = store_->list_faq_entries({});
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->size(), 4u);
  EXPECT_EQ((*stored)[0].updated_at, clock_.now()) << "stamped by the injected clock";

  // The seed files change after the first start: the store does not.
  fs::remove(dir_ / "faq" / "entries.json");
  auto second = start();
  ASSERT_TRUE(second);
  EXPECT_EQ(second->seeded(), 0u);
  EXPECT_EQ(second->index()->stats().entries, 4u);
}

TEST_F(FaqServiceTest, AnEmptyStoreWithoutSeedStartsEmpty) {
  auto service = start(dir_ / "missing");
  ASSERT_TRUE(service);
  EXPECT_EQ(service->seeded(), 0u);
  EXPECT_EQ(service->index()->stats().entries, 0u);
}

TEST_F(FaqServiceTest, MalformedSeedStopsTheStart) {
  std::ofstream(dir_ / "faq" / "broken.json") << R"({"entries": [{"id": "x"}]})";
  FaqServiceOptions options;
  options.seed_dir = dir_ / "faq";
  auto service = FaqService::start(*store_, clock_, options);
  ASSERT_FALSE(service);
  EXPECT_EQ(service.error().code, ErrorCode::kInvalidArgument);
  EXPECT_TRUE(store_->list_faq_entries({})->empty()) << "nothing half-seeded";
}

TEST_F(FaqServiceTest, TheIndexIsBuiltFromTheStore) {
  start();
  // An edit and a soft delete stored by an earlier run…
  auto hours = store_->get_faq_entry("faq_business_hours", Language::kKorean);
  ASSERT_TRUE(hours);
  hours->answer = "연중무휴입니다.";
  ASSERT_TRUE(store_->upsert_faq_entry(*hours));
  auto pay = store_->get_faq_entry("faq_payment_methods", Language::kKorean);
  ASSERT_TRUE(pay);
  pay->active = false;
  ASSERT_TRUE(store_->upsert_faq_entry(*pay));
  // …are what the next start indexes.
  auto service = start();
  ASSERT_TRUE(service);
  EXPECT_EQ(service->index()->stats().entries, 3u);
  auto found = service->search("영업시간이 어떻게 되나요", Language::kKorean, 3);
  ASSERT_TRUE(found);
  ASSERT_FALSE(found->hits.empty());
  EXPECT_EQ(found->hits[0].entry->answer, "연중무휴입니다.");
  EXPECT_EQ(service->index()->find("faq_payment_methods", Language::kKorean), nullptr);
}

TEST_F(FaqServiceTest, ChangesGoToTheStoreAndThenTheIndex) {
  auto service = start();
  ASSERT_TRUE(service);
  faq::FaqEntry fresh;
  fresh.id = "faq_gift_wrap";
  fresh.category = "일반";
  fresh.question = "선물 포장이 되나요?";
  fresh.answer = "주문 시 선물 포장을 선택하실 수 있습니다.";
  fresh.keywords = {"선물포장"};
  auto created = service->upsert(fresh);
  ASSERT_TRUE(created) << created.error().message;
  EXPECT_TRUE(created->created);
  EXPECT_TRUE(store_->get_faq_entry("faq_gift_wrap", Language::kKorean));
  auto found = service->search("선물 포장 가능한가요", Language::kKorean, 1);
  ASSERT_TRUE(found);
  ASSERT_EQ(found->hits.size(), 1u);
  EXPECT_EQ(found->hits[0].entry->id, "faq_gift_wrap");

  auto removed = service->deactivate("faq_gift_wrap", Language::kKorean);
  ASSERT_TRUE(removed) << removed.error().message;
  EXPECT_FALSE(removed->active);
  EXPECT_FALSE(store_->get_faq_entry("faq_gift_wrap", Language::kKorean)->active);
  EXPECT_EQ(service->index()->find("faq_gift_wrap", Language::kKorean), nullptr);
  auto view = service->view("faq_gift_wrap", Language::kKorean);
  ASSERT_FALSE(view);
  EXPECT_EQ(view.error().code, ErrorCode::kNotFound);

  faq::FaqEntry bad = fresh;
  bad.answer = "";
  auto refused = service->upsert(bad);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kInvalidArgument);
  EXPECT_TRUE(store_->get_faq_entry("faq_gift_wrap", Language::kKorean)->answer.size() > 0);
  EXPECT_FALSE(service->deactivate("nope", Language::kKorean));
}

TEST_F(FaqServiceTest, ViewsAndVotesAreCounted) {
  auto service = start();
  ASSERT_TRUE(service);
  ASSERT_TRUE(service->view("faq_business_hours", Language::kKorean));
  auto second = service->view("faq_business_hours", Language::kKorean);
  ASSERT_TRUE(second);
  EXPECT_EQ(second->view_count, 2);
  auto vote = service->feedback("faq_business_hours", Language::kEnglish, false);
  ASSERT_TRUE(vote);
  EXPECT_EQ(vote->not_helpful_count, 1);
  EXPECT_EQ(vote->view_count, 0) << "the English variant is counted on its own";
  auto unknown = service->feedback("nope", Language::kKorean, true);
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, ErrorCode::kNotFound);
}

TEST_F(FaqServiceTest, SearchesWithoutAConfidentAnswerAreLogged) {
  auto service = start();
  ASSERT_TRUE(service);
  auto confident = service->search("영업시간은 언제인가요?", Language::kKorean, 3);
  ASSERT_TRUE(confident);
  EXPECT_TRUE(confident->auto_answer);
  auto unsure = service->search("화성 날씨 알려줘", Language::kKorean, 3);
  ASSERT_TRUE(unsure);
  EXPECT_FALSE(unsure->auto_answer);
  auto log = service->unanswered(10, std::nullopt);
  ASSERT_TRUE(log) << log.error().message;
  ASSERT_EQ(log->size(), 1u);
  EXPECT_EQ((*log)[0].text, "화성 날씨 알려줘");
  EXPECT_EQ((*log)[0].last_seen, clock_.now());

  // Long bot turns are clipped to what the log keeps, not refused.
  std::string long_text;
  for (std::size_t i = 0; i < faq::kMaxQueryLength + 50; ++i) long_text += "가";
  ASSERT_TRUE(service->record_unanswered(long_text, Language::kKorean, "conv-1", "", std::nullopt));
  for (const auto& bad : {std::string(""), std::string(" "), std::string("\xFF")}) {
    auto refused = service->search(bad, Language::kKorean, 3);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::kInvalidArgument);
  }
  for (int limit : {0, kMaxFaqSearchLimit + 1}) {
    auto refused = service->search("영업시간", Language::kKorean, limit);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().details["field"], "limit");
  }
  EXPECT_EQ(service->unanswered(10, std::nullopt)->size(), 2u) << "refused searches are not logged";
}

}  // namespace
}  // namespace aicc
