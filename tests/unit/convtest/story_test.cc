// Loading story files: the format's features, and one bad file per kind of mistake, each
// error naming the file and the line — a typo must never switch an expectation off.
#include "convtest/story.h"

#include <fstream>
#include <string>

#include <gtest/gtest.h>

namespace aicc::convtest {
namespace {

namespace fs = std::filesystem;

class StoryFiles : public testing::Test {
 protected:
  void SetUp() override {
    dir_ =
        fs::path(testing::TempDir()) /
        ("stories-" + std::string(testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  fs::path write(const std::string& name, const std::string& text) {
    const fs::path p = dir_ / name;
    std::ofstream(p) << text;
    return p;
  }
  // The load error of a one-file story set.
  std::string error_of(const std::string& text) {
    auto loaded = load_story_file(write("bad.yaml", text));
    EXPECT_FALSE(loaded) << "expected an error for:\n" << text;
    return loaded ? std::string() : loaded.error().message;
  }

  fs::path dir_;
};

TEST_F(StoryFiles, ReadsEveryFeatureOfTheFormat) {
  auto loaded = load_story_file(write("ok.yaml", R"(stories:
  - story: reservation
    language: en
    tier: vip
    now: 2026-03-02T10:00:00+09:00
    welcome: {quick_replies_contain: [A, B]}
    turns:
      - user: "book"
        decision: scenario_start
        reply_contains: [one, two]
        escalation: {reason: complaint, priority: high}
        percent: 0
      - user: 1
        no_reply: true
)"));
  ASSERT_TRUE(loaded) << loaded.error().message;
  ASSERT_EQ(loaded->size(), 1u);
  const Story& s = loaded->front();
  EXPECT_EQ(s.name, "reservation");
  EXPECT_EQ(s.language, "en");
  EXPECT_EQ(s.tier, CustomerTier::kVip);
  EXPECT_EQ(s.now, parse_iso8601("2026-03-02T01:00:00Z"));
  EXPECT_EQ(s.line, 2);
  ASSERT_EQ(s.welcome.size(), 2u);
  EXPECT_EQ(s.welcome[1].expected, "B");
  ASSERT_EQ(s.turns.size(), 2u);
  EXPECT_EQ(s.turns[0].user, "book");
  EXPECT_EQ(s.turns[0].line, 8);
  const auto& checks = s.turns[0].checks;
  ASSERT_EQ(checks.size(), 6u);  // decision, 2 × reply_contains, reason, priority, percent
  EXPECT_EQ(checks[0].kind, Check::Kind::kDecision);
  EXPECT_EQ(checks[1].kind, Check::Kind::kReplyContains);
  EXPECT_EQ(checks[2].expected, "two");
  EXPECT_EQ(checks[3].kind, Check::Kind::kEscalationReason);
  EXPECT_EQ(checks[3].expected, "complaint");
  EXPECT_EQ(checks[4].kind, Check::Kind::kEscalationPriority);
  EXPECT_EQ(checks[4].line, 11);
  EXPECT_EQ(s.turns[1].user, "1");
  EXPECT_EQ(s.turns[1].checks[0].kind, Check::Kind::kNoReply);
  EXPECT_EQ(key_name(Check::Kind::kQuickRepliesContain), "quick_replies_contain");
}

TEST_F(StoryFiles, UnknownExpectationKeyNamesFileAndLine) {
  const auto e = error_of(R"(stories:
  - story: typo
    turns:
      - user: "hi"
        reply_contain: hello
)");
  EXPECT_NE(e.find("bad.yaml:5:"), std::string::npos) << e;
  EXPECT_NE(e.find("unknown key \"reply_contain\""), std::string::npos) << e;
}

TEST_F(StoryFiles, UnknownStoryAndTopLevelKeys) {
  EXPECT_NE(error_of("stories:\n  - story: a\n    langauge: ko\n    turns: [{user: hi}]\n")
                .find("bad.yaml:3: unknown key \"langauge\""),
            std::string::npos);
  EXPECT_NE(error_of("story: a\n").find("bad.yaml:1: unknown key \"story\""), std::string::npos);
}

TEST_F(StoryFiles, ValuesOutsideTheirClosedSetAreRefused) {
  const auto e = error_of(R"(stories:
  - story: a
    turns:
      - user: "hi"
        decision: faq
)");
  EXPECT_NE(e.find("bad.yaml:5: decision: \"faq\" is not one of"), std::string::npos) << e;
  EXPECT_NE(error_of("stories:\n  - story: a\n    turns:\n      - user: x\n        escalation: "
                     "{reason: angry}\n")
                .find(":5: escalation: \"angry\""),
            std::string::npos);
  EXPECT_NE(error_of("stories:\n  - story: a\n    turns:\n      - user: x\n        escalation: "
                     "{reason: complaint, level: high}\n")
                .find("unknown key \"level\" in escalation"),
            std::string::npos);
  EXPECT_NE(error_of("stories:\n  - story: a\n    turns:\n      - user: x\n        percent: half\n")
                .find(":5: percent must be a number"),
            std::string::npos);
  EXPECT_NE(error_of("stories:\n  - story: a\n    language: fr\n    turns: [{user: x}]\n")
                .find(":3: language must be ko or en"),
            std::string::npos);
  EXPECT_NE(error_of("stories:\n  - story: a\n    tier: gold\n    turns: [{user: x}]\n")
                .find(":3: tier must be"),
            std::string::npos);
  EXPECT_NE(error_of("stories:\n  - story: a\n    now: yesterday\n    turns: [{user: x}]\n")
                .find(":3: now must be an ISO-8601 time"),
            std::string::npos);
}

TEST_F(StoryFiles, StructuralMistakes) {
  EXPECT_NE(error_of("stories:\n  - story: a\n    turns:\n      - decision: greet\n")
                .find(":4: a turn needs user:"),
            std::string::npos);
  EXPECT_NE(error_of("stories:\n  - story: a\n    turns:\n      - user: \"\"\n")
                .find(":4: a turn needs user:"),
            std::string::npos);
  EXPECT_NE(error_of("stories:\n  - language: ko\n    turns: [{user: x}]\n")
                .find(":2: a story needs a name"),
            std::string::npos);
  EXPECT_NE(error_of("stories:\n  - story: a\n").find(":2: story \"a\" has no turns"),
            std::string::npos);
  EXPECT_NE(error_of("stories:\n  - story: a\n    turns:\n      - user: x\n        "
                     "reply_contains: []\n")
                .find(":5: reply_contains is an empty list"),
            std::string::npos);
  EXPECT_NE(error_of("stories: []\n").find("stories must be a non-empty list"), std::string::npos);
}

TEST_F(StoryFiles, MalformedYamlNamesTheLine) {
  // A key indented between the turn's keys and the list's items.
  const auto e =
      error_of("stories:\n  - story: a\n    turns:\n      - user: hi\n     decision: greet\n");
  EXPECT_NE(e.find("bad.yaml:5: "), std::string::npos) << e;
  EXPECT_NE(error_of("stories:\n  - story: a\n    turns: [{user: hi}\n").find("bad.yaml:4: "),
            std::string::npos);
}

TEST_F(StoryFiles, DirectoryLoadsFilesInOrderAndRefusesDuplicateNames) {
  write("b.yaml", "stories:\n  - story: second\n    turns: [{user: x}]\n");
  write("a.yml", "stories:\n  - story: first\n    turns: [{user: x}]\n");
  write("notes.txt", "not a story");
  auto loaded = load_story_dir(dir_);
  ASSERT_TRUE(loaded) << loaded.error().message;
  ASSERT_EQ(loaded->size(), 2u);
  EXPECT_EQ((*loaded)[0].name, "first");
  EXPECT_EQ((*loaded)[1].name, "second");

  write("c.yaml", "stories:\n  - story: first\n    turns: [{user: y}]\n");
  auto dup = load_story_dir(dir_);
  ASSERT_FALSE(dup);
  EXPECT_NE(dup.error().message.find("c.yaml:2: story \"first\" is already defined at"),
            std::string::npos)
      << dup.error().message;
}

TEST_F(StoryFiles, AnEmptyOrMissingDirectoryIsAnError) {
  EXPECT_FALSE(load_story_dir(dir_));
  EXPECT_FALSE(load_story_dir(dir_ / "missing"));
}

}  // namespace
}  // namespace aicc::convtest
