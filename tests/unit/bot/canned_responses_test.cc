// bot/canned_responses.json: the shipped defaults load; bad files are refused with the
// file and the entry named.
#include "bot/canned_responses.h"

#include <gtest/gtest.h>

#include <fstream>

namespace aicc::bot {
namespace {

const TimePoint kNow = from_unix_micros(1'790'000'000'000'000);

std::filesystem::path write(const std::string& name, const std::string& text) {
  auto path = std::filesystem::temp_directory_path() / ("aicc_canned_" + name + ".json");
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

TEST(CannedResponsesFile, TheShippedDefaultsLoadInBothLanguages) {
  auto all = load_canned_responses(
      std::filesystem::path(AICC_SOURCE_DIR) / "bot" / "canned_responses.json", kNow);
  ASSERT_TRUE(all) << all.error().message;
  int ko = 0, en = 0;
  for (const auto& c : *all) {
    (c.language == "ko" ? ko : en)++;
    EXPECT_EQ(c.created_at, kNow);
  }
  EXPECT_GE(ko, 3);
  EXPECT_GE(en, 3);
}

TEST(CannedResponsesFile, AMissingFileIsEmpty) {
  auto none = load_canned_responses("/nonexistent/canned_responses.json", kNow);
  ASSERT_TRUE(none);
  EXPECT_TRUE(none->empty());
}

TEST(CannedResponsesFile, BadEntriesNameTheFileEntryAndField) {
  struct Case {
    std::string json, entry, field;
  } cases[] = {
      {R"({"responses": [{"id": "a", "language": "fr", "title": "t", "text": "x"}]})",
       "responses[0]", "language"},
      {R"({"responses": [{"id": "a", "language": "ko", "title": "t", "text": "x"},
                         {"id": "a", "language": "en", "title": "t", "text": "x"}]})",
       "responses[1]", "id"},
      {R"({"responses": [{"id": "a", "language": "ko", "title": "t", "text": "x", "shortcut": "x"}]})",
       "responses[0]", "shortcut"},
      {R"({"responses": [{"id": "a", "language": "ko", "title": "", "text": "x"}]})",
       "responses[0]", "title"},
      {R"({"responses": [{"id": "a", "language": "ko", "title": "t", "text": "x", "tone": "warm"}]})",
       "responses[0]", "tone"},
      {R"({"responses": {}})", "", "responses"},
  };
  for (const auto& c : cases) {
    const auto path = write("bad", c.json);
    auto r = load_canned_responses(path, kNow);
    ASSERT_FALSE(r) << c.json;
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(r.error().details["file"], path.string());
    EXPECT_EQ(r.error().details["entry"], c.entry) << c.json;
    EXPECT_EQ(r.error().details["field"], c.field) << c.json;
    EXPECT_NE(r.error().message.find(path.string()), std::string::npos);
  }
  auto broken = load_canned_responses(write("broken", "{"), kNow);
  ASSERT_FALSE(broken);
}

}  // namespace
}  // namespace aicc::bot
