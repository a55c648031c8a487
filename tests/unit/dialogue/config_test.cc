// bot/policy.json and bot/responses.json: the shipped files load, and every kind of bad
// input is refused with the file and the key named.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "dialogue/policy_config.h"

namespace aicc::dialogue {
namespace {

using ::testing::HasSubstr;

const std::filesystem::path kBot = std::filesystem::path(AICC_SOURCE_DIR) / "bot";

class TempFile {
 public:
  explicit TempFile(const std::string& content) {
    path_ = std::filesystem::temp_directory_path() /
            ("aicc-dialogue-" + std::to_string(counter_++) + "-" +
             std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + ".json");
    std::ofstream(path_) << content;
  }
  ~TempFile() { std::filesystem::remove(path_); }
  const std::filesystem::path& path() const { return path_; }

 private:
  static inline int counter_ = 0;
  std::filesystem::path path_;
};

TEST(PolicyConfig, ShippedPolicyLoads) {
  auto c = load_policy_config(kBot / "policy.json");
  ASSERT_TRUE(c) << c.error().message;
  EXPECT_EQ(c->intent_actions.at("reservation").kind, IntentAction::Kind::kScenario);
  EXPECT_EQ(c->intent_actions.at("reservation").scenario, "reservation");
  EXPECT_EQ(c->intent_actions.at("agent_request").reason, "customer_request");
  EXPECT_EQ(c->escalation.max_turns, 8);
  EXPECT_EQ(c->offer_agent_after_misses, 2);
  EXPECT_FALSE(c->escalation.payment_error_cues.empty());
}

TEST(PolicyConfig, BadInputsNameTheKey) {
  struct Case {
    const char* json;
    const char* expected;
  };
  const Case cases[] = {
      {R"({"intent_actions": {}, "bogus": 1})", "unknown key \"bogus\""},
      {R"({"escalation": {}})", "\"intent_actions\" must be an object"},
      {R"({"intent_actions": {"x": {"action": "dance"}}})",
       "intent_actions.x: unknown action \"dance\""},
      {R"({"intent_actions": {"x": {"action": "scenario"}}})", "needs \"scenario\""},
      {R"({"intent_actions": {"x": {"action": "escalate", "reason": "boredom"}}})",
       "one of the 8 escalation reasons"},
      {R"({"intent_actions": {"x": {"action": "reply"}}})", "needs \"reply\""},
      {R"({"intent_actions": {"x": {"action": "greet", "colour": "red"}}})",
       "unknown key \"colour\""},
      {R"({"intent_actions": {"x": {"action": 3}}})", "intent_actions.x.action must be a string"},
      {R"({"intent_actions": {}, "escalation": {"max_turns": -1}})",
       "max_turns must be an integer"},
      {R"({"intent_actions": {}, "escalation": {"payment_error_cues": [""]}})",
       "non-empty strings"},
      {R"({"intent_actions": {}, "clarify": {"offer_agent_after_misses": 0}})",
       "offer_agent_after_misses must be an integer from 1"},
      {R"({"intent_actions": {}, "faq": {"auto_answer_threshold": 1.5}})", "from 0 to 1"},
      {"{\n\"intent_actions\": {\n}\n,,}", "line 4: invalid JSON"},
      {"[]", "must be a JSON object"},
  };
  for (const auto& c : cases) {
    TempFile f(c.json);
    auto r = load_policy_config(f.path());
    ASSERT_FALSE(r) << c.json;
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument) << c.json;
    EXPECT_THAT(r.error().message, HasSubstr(f.path().string())) << c.json;
    EXPECT_THAT(r.error().message, HasSubstr(c.expected)) << c.json;
  }
}

TEST(PolicyConfig, MissingFileIsNotFound) {
  auto r = load_policy_config("/nonexistent/policy.json");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kNotFound);
}

TEST(Responses, ShippedResponsesHaveEveryKeyInBothLanguages) {
  auto r = load_responses(kBot / "responses.json");
  ASSERT_TRUE(r) << r.error().message;
  for (const auto& key : Responses::required_keys()) {
    EXPECT_FALSE(r->text(key, nlu::Language::kKorean).empty()) << key;
    EXPECT_FALSE(r->text(key, nlu::Language::kEnglish).empty()) << key;
  }
  EXPECT_EQ(r->list("welcome_chips", nlu::Language::kKorean).size(), 4u);
  EXPECT_EQ(r->intent_label("order_status", nlu::Language::kKorean), "주문 조회");
  EXPECT_EQ(r->intent_label("no_such_intent", nlu::Language::kEnglish), "no_such_intent");
}

TEST(Responses, BadInputsNameTheKey) {
  // Every required text, then `extra` texts, then `rest` (more top-level members).
  auto all_texts = [](const std::string& extra, const std::string& rest = "") {
    std::string texts;
    for (const auto& key : Responses::required_keys())
      texts += "\"" + key + "\": {\"ko\": \"가\", \"en\": \"a\"},";
    if (extra.empty()) texts.pop_back();
    return "{\"texts\": {" + texts + extra + "}" + rest + "}";
  };
  struct Case {
    std::string json;
    const char* expected;
  };
  const Case cases[] = {
      {R"({"texts": {"welcome": {"ko": "안녕", "en": "hi"}}})", "texts.goodbye is missing"},
      {all_texts(R"("x": {"ko": "가"})"), "texts.x has no \"en\" text"},
      {all_texts(R"("x": {"ko": "가", "en": "a", "ja": "あ"})"), "unknown language \"ja\""},
      {all_texts(R"("x": {"ko": "", "en": "a"})"), "texts.x.ko must be a non-empty string"},
      {all_texts(R"("x": "plain")"), "texts.x must be an object"},
      {all_texts("", R"(, "lists": {"chips": {"ko": ["a"]}})"), "lists.chips.en must be an array"},
      {all_texts("", R"(, "intent_labels": {"greeting": {"ko": "인사"}})"),
       "intent_labels.greeting has no \"en\" text"},
      {all_texts("", R"(, "extra": 1)"), "unknown key \"extra\""},
  };
  for (const auto& c : cases) {
    TempFile f(c.json);
    auto r = load_responses(f.path());
    ASSERT_FALSE(r) << c.json;
    EXPECT_THAT(r.error().message, HasSubstr(c.expected)) << c.json;
  }
}

TEST(Responses, FillTemplateReplacesKnownNamesOnly) {
  EXPECT_EQ(fill_template("{a} and {b} and {c", {{"a", "1"}, {"b", "{a}"}}), "1 and {a} and {c");
  EXPECT_EQ(fill_template("{unknown} stays", {{"a", "1"}}), "{unknown} stays");
  EXPECT_EQ(fill_template("", {}), "");
}

}  // namespace
}  // namespace aicc::dialogue
