// The grouping key of unanswered queries, and UTF-8 clipping of what gets logged.
#include <gtest/gtest.h>

#include <string>

#include "faq/query_key.h"

namespace aicc::faq {
namespace {

TEST(QueryKey, SpellingsOfOneQuestionShareAKey) {
  const std::string key = query_key("영업시간이 어떻게 되나요?");
  EXPECT_EQ(key, "영업시간이 어떻게 되나요");
  EXPECT_EQ(query_key("영업시간이 어떻게 되나요"), key);
  EXPECT_EQ(query_key("  영업시간이   어떻게 되나요!!!  "), key);
  EXPECT_EQ(query_key("영업시간이 어떻게 되나요 ?~"), key);
  EXPECT_EQ(query_key("Refund POLICY?"), "refund policy");
  EXPECT_EQ(query_key("ＲＥＦＵＮＤ policy"), "refund policy") << "full-width letters";
}

TEST(QueryKey, DifferentQuestionsKeepDifferentKeys) {
  EXPECT_NE(query_key("환불 되나요"), query_key("교환 되나요"));
  EXPECT_EQ(query_key("1000원?"), "1000원") << "digits are never touched";
  EXPECT_EQ(query_key("?!"), "") << "nothing but punctuation";
  EXPECT_EQ(query_key("¿qué?"), "¿qué") << "only trailing punctuation goes";
}

TEST(ClipUtf8, CutsWholeCodePoints) {
  EXPECT_EQ(clip_utf8("가나다라", 2), "가나");
  EXPECT_EQ(clip_utf8("가나다라", 4), "가나다라");
  EXPECT_EQ(clip_utf8("가나다라", 10), "가나다라");
  EXPECT_EQ(clip_utf8("a가🎉b", 3), "a가🎉");
  EXPECT_EQ(clip_utf8("abc", 0), "");
  EXPECT_EQ(clip_utf8("", 5), "");
}

}  // namespace
}  // namespace aicc::faq
