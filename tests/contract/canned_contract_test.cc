// The storage contract, part 7: canned responses (seeded once, created, listed by
// language, edited, deleted; a shortcut unique per language) and a customer's
// conversations, newest first.
#include <gtest/gtest.h>

#include "contract_fixture.h"

namespace aicc::testing_support {
namespace {

using std::chrono::seconds;

CannedResponse canned(std::string id, std::string language, std::string title,
                      std::string shortcut = "") {
  CannedResponse c;
  c.id = std::move(id);
  c.title = std::move(title);
  c.text = "안녕하세요. 무엇을 도와드릴까요?";
  c.language = std::move(language);
  c.shortcut = std::move(shortcut);
  c.created_at = c.updated_at = test_time();
  return c;
}

std::vector<std::string> ids(const Result<std::vector<CannedResponse>>& r) {
  std::vector<std::string> out;
  if (r)
    for (const auto& c : *r) out.push_back(c.id);
  return out;
}

TEST_P(StoreContract, CannedResponsesRoundTripSortedByLanguageThenTitle) {
  auto b = canned("c-b", "en", "Refund", "/refund");
  b.queue = "payment-queue";
  ASSERT_TRUE(store().create_canned_response(b));
  ASSERT_TRUE(store().create_canned_response(canned("c-a", "en", "Greeting", "/hello")));
  ASSERT_TRUE(store().create_canned_response(canned("c-k", "ko", "환불 안내", "/refund")));
  auto all = store().list_canned_responses(std::nullopt);
  ASSERT_TRUE(all) << all.error().message;
  EXPECT_EQ(ids(all), (std::vector<std::string>{"c-k", "c-a", "c-b"}));
  EXPECT_EQ(ids(store().list_canned_responses(std::string("en"))),
            (std::vector<std::string>{"c-a", "c-b"}));
  auto got = store().get_canned_response("c-b");
  ASSERT_TRUE(got);
  EXPECT_EQ(got->title, "Refund");
  EXPECT_EQ(got->text, b.text);
  EXPECT_EQ(got->queue, "payment-queue");
  EXPECT_EQ(got->shortcut, "/refund");
  EXPECT_EQ(got->created_at, b.created_at);
  EXPECT_EQ(store().get_canned_response("nope").error().code, ErrorCode::kNotFound);
}

TEST_P(StoreContract, CannedShortcutIsUniquePerLanguageAndIdsAreUnique) {
  ASSERT_TRUE(store().create_canned_response(canned("c1", "ko", "A", "/refund")));
  auto same = store().create_canned_response(canned("c2", "ko", "B", "/refund"));
  ASSERT_FALSE(same);
  EXPECT_EQ(same.error().code, ErrorCode::kConflict);
  EXPECT_EQ(same.error().details["reason"], "shortcut_taken");
  EXPECT_TRUE(store().create_canned_response(canned("c3", "en", "C", "/refund")))
      << "another language may use the shortcut";
  EXPECT_TRUE(store().create_canned_response(canned("c4", "ko", "D")));
  EXPECT_TRUE(store().create_canned_response(canned("c5", "ko", "E"))) << "no shortcut twice";
  auto dup = store().create_canned_response(canned("c1", "en", "F"));
  ASSERT_FALSE(dup);
  EXPECT_EQ(dup.error().code, ErrorCode::kConflict);
  EXPECT_EQ(dup.error().details["reason"], "id_taken");
  auto bad = store().create_canned_response(canned("c6", "ko", "G", "refund"));
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(bad.error().details["field"], "shortcut");
}

TEST_P(StoreContract, CannedUpdateAndDelete) {
  ASSERT_TRUE(store().create_canned_response(canned("c1", "ko", "A", "/a")));
  ASSERT_TRUE(store().create_canned_response(canned("c2", "ko", "B", "/b")));
  auto edit = canned("c1", "ko", "A2", "/a2");
  edit.text = "수정된 안내";
  edit.updated_at = test_time() + seconds(5);
  auto saved = store().update_canned_response(edit);
  ASSERT_TRUE(saved) << saved.error().message;
  EXPECT_EQ(saved->title, "A2");
  EXPECT_EQ(saved->text, "수정된 안내");
  EXPECT_EQ(saved->created_at, test_time()) << "creation time is kept";
  EXPECT_EQ(saved->updated_at, edit.updated_at);
  auto clash = store().update_canned_response(canned("c1", "ko", "A3", "/b"));
  ASSERT_FALSE(clash);
  EXPECT_EQ(clash.error().details["reason"], "shortcut_taken");
  EXPECT_EQ(store().get_canned_response("c1")->title, "A2") << "a refused edit writes nothing";
  EXPECT_EQ(store().update_canned_response(canned("ghost", "ko", "X")).error().code,
            ErrorCode::kNotFound);
  ASSERT_TRUE(store().delete_canned_response("c1"));
  EXPECT_EQ(store().get_canned_response("c1").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(store().delete_canned_response("c1").error().code, ErrorCode::kNotFound);
}

TEST_P(StoreContract, CannedSeedingHappensOnceAndRefusesBadData) {
  auto bad =
      store().seed_canned_responses({canned("s1", "ko", "A", "/x"), canned("s2", "ko", "B", "/x")});
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalidArgument);
  EXPECT_TRUE(ids(store().list_canned_responses(std::nullopt)).empty()) << "nothing written";
  auto first = store().seed_canned_responses({canned("s1", "ko", "A"), canned("s2", "en", "B")});
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_EQ(*first, 2u);
  ASSERT_TRUE(store().delete_canned_response("s1"));
  auto again = store().seed_canned_responses({canned("s1", "ko", "A"), canned("s3", "en", "C")});
  ASSERT_TRUE(again);
  EXPECT_EQ(*again, 0u) << "a store holding responses is not seeded again";
  EXPECT_EQ(ids(store().list_canned_responses(std::nullopt)), (std::vector<std::string>{"s2"}));
}

TEST_P(StoreContract, CustomerConversationsNewestFirst) {
  ASSERT_TRUE(store().create_customer(make_customer("cu1")));
  ASSERT_TRUE(store().create_customer(make_customer("cu2")));
  for (int i = 0; i < 3; ++i) {
    auto conv = make_conversation("cv" + std::to_string(i), "cu1");
    conv.created_at = conv.updated_at = conv.last_activity_at = test_time() + seconds(i);
    ASSERT_TRUE(store().create_conversation(conv));
  }
  ASSERT_TRUE(store().create_conversation(make_conversation("other", "cu2")));
  auto list = store().list_customer_conversations("cu1", 10);
  ASSERT_TRUE(list) << list.error().message;
  std::vector<std::string> got;
  for (const auto& c : *list) got.push_back(c.id);
  EXPECT_EQ(got, (std::vector<std::string>{"cv2", "cv1", "cv0"}));
  EXPECT_EQ(store().list_customer_conversations("cu1", 2)->size(), 2u);
  EXPECT_TRUE(store().list_customer_conversations("nobody", 10)->empty());
  EXPECT_EQ(store().list_customer_conversations("cu1", 0).error().code,
            ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace aicc::testing_support
