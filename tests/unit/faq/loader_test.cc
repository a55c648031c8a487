// The bot/faq loader: the shipped data loads and keeps the prototype's texts, and every kind
// of bad input is rejected as a whole with the file, the entry id and the problem named.
#include <gtest/gtest.h>

#include <set>

#include "faq/loader.h"
#include "test_util.h"

namespace aicc::faq {
namespace {

using testing::bot_faq_dir;
using testing::TempDir;

constexpr std::string_view kCategories =
    R"({"categories": [{"name": "일반", "en": "General"}, {"name": "결제", "en": "Payment"}]})";

std::vector<FaqCategory> categories() {
  return {{"일반", "General"}, {"결제", "Payment"}};
}

// An entries file holding `entry_json` (one entry object) and a valid neighbour before it.
std::string file_with(std::string_view entry_json) {
  return R"({"entries": [{"id": "faq_ok", "category": "일반",
             "ko": {"question": "영업시간이 어떻게 되나요?", "answer": "평일 9시-18시"}}, )" +
         std::string(entry_json) + "]}";
}

Error parse_error(std::string_view content) {
  auto r = parse_faq_file(content, "bot/faq/test.json", categories(), TimePoint{});
  EXPECT_FALSE(r) << "accepted: " << content;
  return r ? Error{} : r.error();
}

TEST(FaqLoaderTest, ShippedDataLoads) {
  auto data = load_faq_directory(bot_faq_dir(), TimePoint{});
  ASSERT_TRUE(data) << data.error().message;
  std::set<std::string> ko_ids;
  std::set<std::string> en_ids;
  std::set<std::string> categories_used;
  for (const auto& e : data->entries) {
    (e.language == Language::kKorean ? ko_ids : en_ids).insert(e.id);
    categories_used.insert(e.category);
    EXPECT_GE(e.alternatives.size(), 2u) << e.id;
    EXPECT_LE(e.alternatives.size(), 4u) << e.id;
    EXPECT_FALSE(e.keywords.empty()) << e.id;
    EXPECT_FALSE(e.intent.empty()) << e.id;
  }
  EXPECT_GE(ko_ids.size(), 30u);
  EXPECT_EQ(ko_ids, en_ids) << "every entry needs a Korean and an English version";
  for (const char* c : {"일반", "주문/배송", "결제", "회원", "반품/교환"}) {
    EXPECT_TRUE(categories_used.count(c)) << c;
  }
}

// The prototype's ten FAQs (spec-A §3.5) ship with their exact Korean texts.
TEST(FaqLoaderTest, PrototypeEntriesKeepTheirExactTexts) {
  auto data = load_faq_directory(bot_faq_dir(), TimePoint{});
  ASSERT_TRUE(data) << data.error().message;
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"영업시간이 어떻게 되나요?",
       "평일 오전 9시부터 오후 6시까지 운영합니다. 주말 및 공휴일은 휴무입니다."},
      {"고객센터 전화번호는 무엇인가요?",
       "고객센터 전화번호는 1588-0000입니다. 평일 오전 9시부터 오후 6시까지 상담 가능합니다."},
      {"주문 취소는 어떻게 하나요?",
       "주문 취소는 배송 준비 전까지 가능합니다. 마이페이지에서 직접 취소하거나 고객센터로 "
       "연락주세요."},
      {"배송기간은 얼마나 걸리나요?",
       "일반 배송은 주문 후 2-3일, 당일배송은 오후 2시 이전 주문 시 당일 배송됩니다."},
      {"어떤 결제 방법을 지원하나요?",
       "신용카드, 체크카드, 계좌이체, 무통장입금, 카카오페이, 네이버페이를 지원합니다."},
      {"결제 영수증은 어디서 확인하나요?",
       "마이페이지 > 주문내역에서 영수증을 확인하고 출력할 수 있습니다."},
      {"회원가입은 필수인가요?",
       "비회원으로도 주문 가능하지만, 회원가입 시 다양한 혜택과 편리한 서비스를 이용할 수 "
       "있습니다."},
      {"비밀번호를 잊어버렸어요.",
       "로그인 페이지에서 \"비밀번호 찾기\"를 클릭하여 이메일로 재설정 링크를 받으실 수 "
       "있습니다."},
      {"반품은 언제까지 가능한가요?",
       "상품 수령 후 7일 이내에 반품 신청이 가능합니다. 상품의 상태가 양호해야 합니다."},
      {"교환 비용은 누가 부담하나요?",
       "제품 불량의 경우 무료 교환, 단순 변심의 경우 배송비를 고객이 부담합니다."},
  };
  for (const auto& [question, answer] : expected) {
    auto it = std::find_if(data->entries.begin(), data->entries.end(),
                           [&](const FaqEntry& e) { return e.question == question; });
    ASSERT_NE(it, data->entries.end()) << question;
    EXPECT_EQ(it->answer, answer) << question;
    EXPECT_EQ(it->priority, 1) << question;
  }
}

TEST(FaqLoaderTest, ReadsEveryField) {
  const std::string content = R"({"entries": [{
      "id": "faq_x", "category": "결제", "priority": 3, "active": false, "intent": "payment_inquiry",
      "updated_at": "2026-01-02T03:04:05Z",
      "ko": {"question": "질문", "alternatives": ["다른 질문"], "answer": "답", "keywords": ["키"]},
      "en": {"question": "Question", "answer": "Answer"}}]})";
  auto r = parse_faq_file(content, "f.json", categories(), TimePoint{});
  ASSERT_TRUE(r) << r.error().message;
  ASSERT_EQ(r->size(), 2u);
  const FaqEntry& ko = (*r)[0];
  EXPECT_EQ(ko.id, "faq_x");
  EXPECT_EQ(ko.language, Language::kKorean);
  EXPECT_EQ(ko.category, "결제");
  EXPECT_EQ(ko.priority, 3);
  EXPECT_FALSE(ko.active);
  EXPECT_EQ(ko.intent, "payment_inquiry");
  EXPECT_EQ(ko.alternatives, std::vector<std::string>{"다른 질문"});
  EXPECT_EQ(ko.keywords, std::vector<std::string>{"키"});
  EXPECT_EQ(format_iso8601(ko.updated_at), "2026-01-02T03:04:05.000000Z");
  EXPECT_EQ((*r)[1].language, Language::kEnglish);
  EXPECT_EQ((*r)[1].question, "Question");
  EXPECT_TRUE((*r)[1].alternatives.empty());
}

struct BadEntry {
  const char* name;
  const char* entry_json;
  const char* id;      // expected in the message and details
  const char* reason;  // expected substring of the reason
};

class FaqLoaderBadEntryTest : public ::testing::TestWithParam<BadEntry> {};

TEST_P(FaqLoaderBadEntryTest, RejectsTheWholeFileNamingFileIdAndProblem) {
  const BadEntry& bad = GetParam();
  const Error e = parse_error(file_with(bad.entry_json));
  EXPECT_EQ(e.code, ErrorCode::kInvalidArgument);
  EXPECT_NE(e.message.find("bot/faq/test.json"), std::string::npos) << e.message;
  EXPECT_NE(e.message.find(bad.id), std::string::npos) << e.message;
  EXPECT_NE(e.message.find(bad.reason), std::string::npos) << e.message;
  EXPECT_EQ(e.details.at("file"), "bot/faq/test.json");
  EXPECT_EQ(e.details.at("id"), bad.id);
  EXPECT_NE(e.details.at("reason").find(bad.reason), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, FaqLoaderBadEntryTest,
    ::testing::Values(
        BadEntry{"MissingAnswer",
                 R"({"id": "faq_a", "category": "일반", "ko": {"question": "질문"}})", "faq_a",
                 "ko: missing answer"},
        BadEntry{"BlankAnswer",
                 R"({"id": "faq_a", "category": "일반", "en": {"question": "Q", "answer": "  "}})",
                 "faq_a", "en: answer is empty"},
        BadEntry{"MissingQuestion",
                 R"({"id": "faq_a", "category": "일반", "ko": {"answer": "답"}})", "faq_a",
                 "missing question"},
        BadEntry{"DuplicateId",
                 R"({"id": "faq_ok", "category": "일반", "ko": {"question": "Q", "answer": "A"}})",
                 "faq_ok", "duplicate id"},
        BadEntry{"UnknownCategory",
                 R"({"id": "faq_a", "category": "배송", "ko": {"question": "Q", "answer": "A"}})",
                 "faq_a", "unknown category \"배송\""},
        BadEntry{"MissingCategory", R"({"id": "faq_a", "ko": {"question": "Q", "answer": "A"}})",
                 "faq_a", "missing category"},
        BadEntry{"MissingId", R"({"category": "일반", "ko": {"question": "Q", "answer": "A"}})",
                 "entries[1]", "missing id"},
        BadEntry{"BadIdCharacters",
                 R"({"id": "FAQ A", "category": "일반", "ko": {"question": "Q", "answer": "A"}})",
                 "FAQ A", "id may only contain"},
        BadEntry{"NoVariant", R"({"id": "faq_a", "category": "일반"})", "faq_a",
                 "no language variant"},
        BadEntry{"UnknownLanguage",
                 R"({"id": "faq_a", "category": "일반", "ja": {"question": "Q", "answer": "A"}})",
                 "faq_a", "unknown field \"ja\""},
        BadEntry{"MisspelledField",
                 R"({"id": "faq_a", "category": "일반", "ko": {"question": "Q", "anwser": "A"}})",
                 "faq_a", "unknown field \"anwser\""},
        BadEntry{"AlternativesNotStrings",
                 R"({"id": "faq_a", "category": "일반",
                     "ko": {"question": "Q", "answer": "A", "alternatives": [1]}})",
                 "faq_a", "alternatives must be an array of strings"},
        BadEntry{"BlankKeyword",
                 R"({"id": "faq_a", "category": "일반",
                     "ko": {"question": "Q", "answer": "A", "keywords": [""]}})",
                 "faq_a", "keywords[0] is empty"},
        BadEntry{"PriorityNotInteger",
                 R"({"id": "faq_a", "category": "일반", "priority": "high",
                     "ko": {"question": "Q", "answer": "A"}})",
                 "faq_a", "priority must be an integer"},
        BadEntry{"ActiveNotBool",
                 R"({"id": "faq_a", "category": "일반", "active": "yes",
                     "ko": {"question": "Q", "answer": "A"}})",
                 "faq_a", "active must be true or false"},
        BadEntry{"BadUpdatedAt",
                 R"({"id": "faq_a", "category": "일반", "updated_at": "yesterday",
                     "ko": {"question": "Q", "answer": "A"}})",
                 "faq_a", "updated_at must be an ISO-8601 time"}),
    [](const auto& param_info) { return std::string(param_info.param.name); });

TEST(FaqLoaderTest, RejectsMalformedFiles) {
  for (std::string_view content :
       {std::string_view("{\"entries\": [}"), std::string_view("[]"),
        std::string_view("{\"entries\": {}}"), std::string_view("{\"faqs\": []}"),
        std::string_view("{\"entries\": [], \"extra\": 1}")}) {
    const Error e = parse_error(content);
    EXPECT_EQ(e.code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(e.details.at("file"), "bot/faq/test.json") << content;
  }
  const Error utf8 = parse_error("{\"entries\": [\"\xff\"]}");
  EXPECT_NE(utf8.message.find("UTF-8"), std::string::npos) << utf8.message;
}

TEST(FaqLoaderTest, RejectsBadCategoryFiles) {
  for (std::string_view content :
       {std::string_view("{}"), std::string_view(R"({"categories": []})"),
        std::string_view(R"({"categories": [{"name": "일반"}]})"),
        std::string_view(
            R"({"categories": [{"name": "일반", "en": "G"}, {"name": "일반", "en": "H"}]})")}) {
    auto r = parse_faq_categories(content, "categories.json");
    ASSERT_FALSE(r) << content;
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
    EXPECT_NE(r.error().message.find("categories.json"), std::string::npos);
  }
}

TEST(FaqLoaderTest, DirectoryRejectsDuplicateIdsAcrossFilesAndNamesBoth) {
  TempDir dir;
  dir.write("categories.json", kCategories);
  dir.write("a.json", R"({"entries": [{"id": "faq_x", "category": "일반",
                          "ko": {"question": "Q", "answer": "A"}}]})");
  dir.write("b.json", R"({"entries": [{"id": "faq_x", "category": "결제",
                          "en": {"question": "Q", "answer": "A"}}]})");
  auto r = load_faq_directory(dir.path(), TimePoint{});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().details.at("id"), "faq_x");
  EXPECT_NE(r.error().message.find("b.json"), std::string::npos) << r.error().message;
  EXPECT_NE(r.error().message.find("a.json"), std::string::npos) << r.error().message;
}

TEST(FaqLoaderTest, DirectoryLoadIsAllOrNothing) {
  TempDir dir;
  dir.write("categories.json", kCategories);
  dir.write("a.json", R"({"entries": [{"id": "faq_good", "category": "일반",
                          "ko": {"question": "Q", "answer": "A"}}]})");
  dir.write("b.json", R"({"entries": [{"id": "faq_bad", "category": "일반",
                          "ko": {"question": "Q"}}]})");
  auto r = load_faq_directory(dir.path(), TimePoint{});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().details.at("id"), "faq_bad");
  EXPECT_NE(r.error().details.at("file").find("b.json"), std::string::npos);
}

TEST(FaqLoaderTest, DirectoryNeedsCategoriesAndEntries) {
  TempDir dir;
  auto missing_dir = load_faq_directory(dir.path() / "nope", TimePoint{});
  ASSERT_FALSE(missing_dir);
  EXPECT_EQ(missing_dir.error().code, ErrorCode::kNotFound);
  auto no_categories = load_faq_directory(dir.path(), TimePoint{});
  ASSERT_FALSE(no_categories);
  EXPECT_EQ(no_categories.error().code, ErrorCode::kNotFound);
  dir.write("categories.json", kCategories);
  auto empty = load_faq_directory(dir.path(), TimePoint{});
  ASSERT_FALSE(empty);
  EXPECT_EQ(empty.error().code, ErrorCode::kInvalidArgument);
}

TEST(FaqLoaderTest, StampsEntriesWithTheLoadTime) {
  TempDir dir;
  dir.write("categories.json", kCategories);
  dir.write("a.json", R"({"entries": [{"id": "faq_b", "category": "일반",
                          "ko": {"question": "Q", "answer": "A"}},
                         {"id": "faq_a", "category": "일반",
                          "en": {"question": "Q", "answer": "A"},
                          "ko": {"question": "Q", "answer": "A"}}]})");
  dir.write("notes.txt", "not json, not read");
  const TimePoint t = from_unix_micros(1'700'000'000'000'000);
  auto r = load_faq_directory(dir.path(), t);
  ASSERT_TRUE(r) << r.error().message;
  ASSERT_EQ(r->entries.size(), 3u);
  EXPECT_EQ(r->entries[0].id, "faq_a");  // sorted by (id, language)
  EXPECT_EQ(r->entries[0].language, Language::kKorean);
  EXPECT_EQ(r->entries[1].language, Language::kEnglish);
  EXPECT_EQ(r->entries[2].id, "faq_b");
  EXPECT_EQ(r->entries[2].updated_at, t);
  ASSERT_EQ(r->categories.size(), 2u);
  EXPECT_EQ(r->categories[1].name_en, "Payment");
}

}  // namespace
}  // namespace aicc::faq
