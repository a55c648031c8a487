// The prompt of spec-D §7.4/§7.6, strict validation of the 7-field reply, the fallback choice
// and the configuration — everything that needs no network.
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "nlu/llm/fallback.h"
#include "nlu/llm/llm_config.h"
#include "nlu/llm/prompt.h"
#include "nlu/llm/reply.h"

namespace aicc::nlu {
namespace {

const IntentCatalog& catalog() {
  static const IntentCatalog c = IntentCatalog::prototype_defaults();
  return c;
}

std::string reason_of(const Error& e) {
  const auto it = e.details.find("reason");
  return it == e.details.end() ? "" : it->second;
}

constexpr std::string_view kValid = R"({
  "intent": "payment_inquiry", "confidence": 0.92,
  "entities": {"결제수단": "카드"}, "reasoning": "결제 실패 언급",
  "response_text": "결제 문제를 도와드리겠습니다.", "next_action": "continue",
  "suggested_actions": ["결제 재시도", "상담원 연결"]})";

TEST(LlmPrompt, SystemPromptListsIntentsWithThreeExamplesAndTheSchema) {
  const std::string& p = catalog().system_prompt();
  EXPECT_TRUE(p.starts_with("\n당신은 한국어 고객센터 AI 어시스턴트입니다."));
  EXPECT_TRUE(p.ends_with("- 복잡한 문제는 상담원 연결을 제안하세요\n"));
  EXPECT_NE(p.find("## 지원하는 의도 (Intent):\n- greeting: 인사, 안녕하세요, 처음 대화 시작 "
                   "(예: 안녕하세요, 안녕, 반갑습니다)\n- product_inquiry:"),
            std::string::npos);
  EXPECT_EQ(p.find("처음 뵙겠습니다"), std::string::npos);  // only the first three examples
  for (const char* key : {"\"intent\"", "\"confidence\"", "\"entities\"", "\"reasoning\"",
                          "\"response_text\"", "\"next_action\"", "\"suggested_actions\""}) {
    EXPECT_NE(p.find(key), std::string::npos) << key;
  }
  EXPECT_NE(p.find("## 분석 규칙:\n1. "), std::string::npos);
  EXPECT_NE(p.find("반드시 다음 JSON 형식으로 응답하세요:"), std::string::npos);
}

TEST(LlmPrompt, UserPromptWithAndWithoutContext) {
  EXPECT_EQ(build_user_prompt({.text = "안녕하세요"}),
            "\n## 대화 컨텍스트:\n새로운 대화\n\n## 고객 메시지:\n\"안녕하세요\"\n\n"
            "위 고객 메시지를 분석하여 JSON 형식으로 응답해주세요.\n");
  LlmRequest r;
  r.text = "환불해주세요";
  r.session_attributes = {{"customer_mood", "frustrated"},
                          {"user_id", "u1"},
                          {"conversation_stage", ""},
                          {"last_intent", "complaint"},
                          {"other", "ignored"}};
  EXPECT_EQ(build_user_prompt(r),
            "\n## 대화 컨텍스트:\n고객 ID: u1\n이전 의도: complaint\n고객 감정: frustrated\n\n"
            "## 고객 메시지:\n\"환불해주세요\"\n\n위 고객 메시지를 분석하여 JSON 형식으로 "
            "응답해주세요.\n");
}

TEST(LlmPrompt, CatalogueFromTheDefaultBotsIntentFiles) {
  auto c = load_intent_catalog(std::filesystem::path(AICC_SOURCE_DIR) / "bot" / "intents");
  ASSERT_TRUE(c) << c.error().message;
  std::vector<std::string> names;
  for (const auto& spec : c->intents()) names.push_back(spec.name);
  EXPECT_EQ(names, (std::vector<std::string>{"agent_request", "cancel_request", "complaint",
                                             "general_inquiry", "goodbye", "greeting",
                                             "order_status", "payment_inquiry", "product_inquiry",
                                             "reservation", "technical_support"}));
  EXPECT_FALSE(c->contains("out_of_scope"));  // the out-of-scope examples are not an intent
  EXPECT_NE(c->system_prompt().find("- complaint: 불만 및 컴플레인 (예: "), std::string::npos);
}

class CatalogDir {
 public:
  CatalogDir() {
    static int counter = 0;
    path_ = std::filesystem::temp_directory_path() /
            ("aicc-llm-catalog-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::create_directories(path_);
  }
  ~CatalogDir() { std::filesystem::remove_all(path_); }
  void write(const std::string& name, const std::string& content) const {
    std::ofstream(path_ / name) << content;
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

TEST(LlmPrompt, CatalogueFileFormsAndErrors) {
  CatalogDir dir;
  dir.write("b.json",
            R"({"intent":"refund","description":"환불","examples":["환불요","돈 돌려줘"]})");
  dir.write("a.json", R"({"intent":"hello","description":{"en":"Greeting"},
                         "examples":{"ko":["안녕"],"en":["hi","hello"]}})");
  dir.write("notes.txt", "ignored");
  auto c = load_intent_catalog(dir.path());
  ASSERT_TRUE(c) << c.error().message;
  ASSERT_EQ(c->intents().size(), 2u);
  EXPECT_EQ(c->intents()[0].name, "hello");
  EXPECT_EQ(c->intents()[0].description, "Greeting");
  EXPECT_EQ(c->intents()[0].examples, (std::vector<std::string>{"안녕", "hi", "hello"}));
  EXPECT_NE(c->system_prompt().find("- refund: 환불 (예: 환불요, 돈 돌려줘)\n"), std::string::npos);

  dir.write("c.json", R"({"description":"no name"})");
  auto bad = load_intent_catalog(dir.path());
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(bad.error().details.at("file").find("c.json"), std::string::npos);
  dir.write("c.json", "{ not json");
  EXPECT_FALSE(load_intent_catalog(dir.path()));

  const auto missing = load_intent_catalog(dir.path() / "nope");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
}

TEST(LlmReply, ParsesAllSevenFields) {
  auto r = parse_llm_reply(kValid, catalog());
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->intent, "payment_inquiry");
  EXPECT_DOUBLE_EQ(r->confidence, 0.92);
  EXPECT_EQ(r->entities, (std::map<std::string, std::string>{{"결제수단", "카드"}}));
  EXPECT_EQ(r->reasoning, "결제 실패 언급");
  EXPECT_EQ(r->response_text, "결제 문제를 도와드리겠습니다.");
  EXPECT_EQ(r->next_action, "continue");
  EXPECT_EQ(r->suggested_actions, (std::vector<std::string>{"결제 재시도", "상담원 연결"}));
  EXPECT_TRUE(r->unknown_intent.empty());
}

TEST(LlmReply, ToleratesProseAndFencesAroundTheObject) {
  auto r =
      parse_llm_reply("분석 결과입니다:\n```json\n" + std::string(kValid) + "\n```\n", catalog());
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->intent, "payment_inquiry");
}

TEST(LlmReply, IntegerConfidenceIsANumber) {
  auto r = parse_llm_reply(
      R"({"intent":"greeting","confidence":1,"entities":{},"reasoning":"","response_text":"안녕하세요",
          "next_action":"continue","suggested_actions":[]})",
      catalog());
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_DOUBLE_EQ(r->confidence, 1.0);
}

TEST(LlmReply, UnknownIntentBecomesOutOfScope) {
  std::string text(kValid);
  text.replace(text.find("payment_inquiry"), 15, "weather_forecast");
  auto r = parse_llm_reply(text, catalog());
  ASSERT_TRUE(r);
  EXPECT_EQ(r->intent, kOutOfScopeIntent);
  EXPECT_EQ(r->unknown_intent, "weather_forecast");

  text.replace(text.find("weather_forecast"), 16, "out_of_scope");
  auto oos = parse_llm_reply(text, catalog());
  ASSERT_TRUE(oos);
  EXPECT_EQ(oos->intent, kOutOfScopeIntent);
  EXPECT_TRUE(oos->unknown_intent.empty());
}

struct BadReply {
  std::string name;
  std::string text;
  std::string reason;
};

class LlmReplyRejects : public ::testing::TestWithParam<BadReply> {};

TEST_P(LlmReplyRejects, WithItsReason) {
  auto r = parse_llm_reply(GetParam().text, catalog());
  ASSERT_FALSE(r) << GetParam().name;
  EXPECT_EQ(reason_of(r.error()), GetParam().reason) << r.error().message;
  EXPECT_FALSE(r.error().message.empty());
}

std::string with(std::string_view from, std::string_view to) {
  std::string t(kValid);
  const auto at = t.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  t.replace(at, from.size(), to);
  return t;
}

INSTANTIATE_TEST_SUITE_P(
    AllCases, LlmReplyRejects,
    ::testing::Values(
        BadReply{"no_braces", "죄송합니다, 이해하지 못했습니다.", "invalid_json"},
        BadReply{"truncated", R"({"intent": "greeting", "confidence": 0.9, "entities": {})",
                 "invalid_json"},
        BadReply{"trailing_comma", with("\"상담원 연결\"]", "\"상담원 연결\",]"), "invalid_json"},
        // As in the prototype, the object is cut from the first '{' to the last '}'.
        BadReply{"object_inside_array", R"([{"intent":"greeting"}])", "missing_field"},
        BadReply{"array_top", R"(["greeting", 0.9])", "invalid_json"},
        BadReply{"reversed_braces", "} nothing {", "invalid_json"},
        BadReply{"no_intent", with("\"intent\": \"payment_inquiry\",", ""), "missing_field"},
        BadReply{"no_confidence", with("\"confidence\": 0.92,", ""), "missing_field"},
        BadReply{"no_entities", with("\"entities\": {\"결제수단\": \"카드\"},", ""),
                 "missing_field"},
        BadReply{"no_reasoning", with("\"reasoning\": \"결제 실패 언급\",", ""), "missing_field"},
        BadReply{"no_response_text",
                 with("\"response_text\": \"결제 문제를 도와드리겠습니다.\",", ""),
                 "missing_field"},
        BadReply{"no_next_action", with("\"next_action\": \"continue\",", ""), "missing_field"},
        BadReply{"no_suggested_actions",
                 with(",\n  \"suggested_actions\": [\"결제 재시도\", \"상담원 연결\"]", ""),
                 "missing_field"},
        BadReply{"confidence_string", with("0.92", "\"high\""), "wrong_type"},
        BadReply{"confidence_null", with("0.92", "null"), "wrong_type"},
        BadReply{"intent_number", with("\"payment_inquiry\"", "7"), "wrong_type"},
        BadReply{"entities_array", with("{\"결제수단\": \"카드\"}", "[\"카드\"]"), "wrong_type"},
        BadReply{"entity_number", with("\"카드\"", "3"), "wrong_type"},
        BadReply{"actions_string", with("[\"결제 재시도\", \"상담원 연결\"]", "\"재시도\""),
                 "wrong_type"},
        BadReply{"actions_mixed", with("\"결제 재시도\", \"상담원 연결\"", "\"재시도\", 1"),
                 "wrong_type"},
        BadReply{"response_text_object", with("\"결제 문제를 도와드리겠습니다.\"", "{}"),
                 "wrong_type"},
        BadReply{"confidence_above_one", with("0.92", "1.5"), "out_of_range"},
        BadReply{"confidence_negative", with("0.92", "-0.1"), "out_of_range"},
        BadReply{"confidence_huge", with("0.92", "1e400"), "out_of_range"},
        BadReply{"intent_empty", with("\"payment_inquiry\"", "\"\""), "out_of_range"},
        BadReply{"next_action_empty", with("\"continue\"", "\"\""), "out_of_range"},
        BadReply{"response_too_long",
                 with("결제 문제를 도와드리겠습니다.", std::string(20000, 'x')), "out_of_range"}),
    [](const ::testing::TestParamInfo<BadReply>& p) { return p.param.name; });

TEST(LlmReply, ErrorCodesFollowReasons) {
  EXPECT_EQ(llm_error(llm_reason::kTimeout, "t").code, ErrorCode::kUnavailable);
  EXPECT_EQ(llm_error(llm_reason::kHttpStatus, "h").code, ErrorCode::kUnavailable);
  EXPECT_EQ(llm_error(llm_reason::kInvalidJson, "j").code, ErrorCode::kInternal);
  EXPECT_EQ(llm_error(llm_reason::kConfig, "c").code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(llm_error(llm_reason::kTimeout, "t", {{"status", "1"}}).details.at("reason"),
            "timeout");
}

IntentPrediction local_prediction() {
  IntentPrediction p;
  p.intent = "general_inquiry";
  p.confidence = 0.81f;
  p.threshold = 0.7f;
  return p;
}

TEST(LlmFallback, ValidAnswerIsUsed) {
  const auto d = choose_understanding(local_prediction(), parse_llm_reply(kValid, catalog()));
  EXPECT_EQ(d.source, NluSource::kLlm);
  EXPECT_EQ(d.intent, "payment_inquiry");
  EXPECT_DOUBLE_EQ(d.confidence, 0.92);
  EXPECT_FALSE(d.out_of_scope);
  ASSERT_TRUE(d.llm);
  EXPECT_EQ(d.llm->next_action, "continue");
  EXPECT_TRUE(d.fallback_reason.empty());
}

TEST(LlmFallback, ExplicitOutOfScopeFromTheLlmIsAnAnswer) {
  const auto d = choose_understanding(
      local_prediction(), parse_llm_reply(with("payment_inquiry", "out_of_scope"), catalog()));
  EXPECT_EQ(d.source, NluSource::kLlm);
  EXPECT_TRUE(d.out_of_scope);
}

TEST(LlmFallback, ErrorsAndUnknownIntentsFallBackWithTheReason) {
  const auto local = local_prediction();
  auto d = choose_understanding(local, parse_llm_reply("not json", catalog()));
  EXPECT_EQ(d.source, NluSource::kLocal);
  EXPECT_EQ(d.intent, "general_inquiry");
  EXPECT_FLOAT_EQ(static_cast<float>(d.confidence), 0.81f);
  EXPECT_EQ(d.fallback_reason, "invalid_json");
  EXPECT_FALSE(d.llm);

  d = choose_understanding(local,
                           parse_llm_reply(with("payment_inquiry", "refund_now"), catalog()));
  EXPECT_EQ(d.source, NluSource::kLocal);
  EXPECT_EQ(d.fallback_reason, "unknown_intent");
  EXPECT_NE(d.fallback_message.find("refund_now"), std::string::npos);

  d = choose_understanding(local, tl::unexpected(Error(ErrorCode::kInternal, "no reason")));
  EXPECT_EQ(d.fallback_reason, "exception");
}

TEST(LlmFallback, LocalOutOfScopeStaysOutOfScope) {
  auto local = local_prediction();
  local.out_of_scope = true;
  local.intent = "out_of_scope";
  const auto d =
      choose_understanding(local, tl::unexpected(llm_error(llm_reason::kTimeout, "slow")));
  EXPECT_TRUE(d.out_of_scope);
  EXPECT_EQ(d.intent, kOutOfScopeIntent);
  EXPECT_EQ(d.fallback_reason, "timeout");
  EXPECT_EQ(d.fallback_message, "slow");
}

class ThrowingBackend final : public LlmBackend {
 public:
  Result<LlmUnderstanding> understand(const LlmRequest&) const override {
    throw std::runtime_error("boom");
  }
  std::string_view name() const override { return "throwing"; }
};

TEST(LlmFallback, NoBackendMeansLocalWithReasonDisabled) {
  const LlmWithFallback none(nullptr);
  EXPECT_FALSE(none.enabled());
  const auto d = none.decide(local_prediction(), {.text = "안녕"});
  EXPECT_EQ(d.source, NluSource::kLocal);
  EXPECT_EQ(d.fallback_reason, "disabled");
}

TEST(LlmFallback, ThrowingBackendIsContained) {
  const LlmWithFallback llm(std::make_shared<ThrowingBackend>());
  EXPECT_TRUE(llm.enabled());
  NluDecision d;
  EXPECT_NO_THROW(d = llm.decide(local_prediction(), {.text = "안녕"}));
  EXPECT_EQ(d.source, NluSource::kLocal);
  EXPECT_EQ(d.fallback_reason, "exception");
  EXPECT_EQ(d.fallback_message, "boom");
}

TEST(LlmConfigTest, ParsesProviders) {
  EXPECT_EQ(*parse_llm_provider("none"), LlmProvider::kNone);
  EXPECT_EQ(*parse_llm_provider(""), LlmProvider::kNone);
  EXPECT_EQ(*parse_llm_provider("bedrock"), LlmProvider::kBedrock);
  EXPECT_EQ(*parse_llm_provider("openai"), LlmProvider::kOpenAi);
  const auto bad = parse_llm_provider("claude");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(to_string(LlmProvider::kOpenAi), "openai");
}

TEST(LlmConfigTest, EnvironmentFillsOnlyEmptyFields) {
  LlmConfig c;
  c.provider = LlmProvider::kBedrock;
  c.region = "ap-northeast-2";
  const std::map<std::string, std::string> env = {
      {"AWS_ACCESS_KEY_ID", "AKID"},   {"AWS_SECRET_ACCESS_KEY", "secret"},
      {"AWS_SESSION_TOKEN", "token"},  {"AWS_REGION", "eu-west-1"},
      {"BEDROCK_REGION", "us-west-2"}, {"BEDROCK_MODEL_ID", "anthropic.claude-v2:1"}};
  const auto filled = with_environment(c, env);
  EXPECT_EQ(filled.access_key_id, "AKID");
  EXPECT_EQ(filled.secret_access_key, "secret");
  EXPECT_EQ(filled.session_token, "token");
  EXPECT_EQ(filled.region, "ap-northeast-2");  // explicit setting wins
  EXPECT_EQ(filled.model_id, "anthropic.claude-v2:1");
  c.region.clear();
  EXPECT_EQ(with_environment(c, env).region, "us-west-2");  // BEDROCK_REGION, not AWS_REGION
  EXPECT_EQ(with_environment(c, {}).region, "");
}

TEST(LlmConfigTest, ValidationNamesTheSetting) {
  auto setting_of = [](const LlmConfig& c) {
    const auto s = validate(c);
    return s ? std::string() : s.error().details.at("setting");
  };
  LlmConfig c;
  EXPECT_EQ(setting_of(c), "");
  c.timeout = std::chrono::milliseconds(10);
  EXPECT_EQ(setting_of(c), "llm.timeout_ms");
  c = {};
  c.temperature = 3;
  EXPECT_EQ(setting_of(c), "llm.temperature");
  c = {};
  c.max_response_bytes = 10;
  EXPECT_EQ(setting_of(c), "llm.max_response_bytes");
  c = {};
  c.provider = LlmProvider::kBedrock;
  EXPECT_EQ(setting_of(c), "llm.access_key_id");
  c = {};
  c.provider = LlmProvider::kOpenAi;
  EXPECT_EQ(setting_of(c), "llm.base_url");
}

TEST(LlmConfigTest, FactoryBuildsTheConfiguredBackend) {
  auto catalog_ptr = std::make_shared<const IntentCatalog>(IntentCatalog::prototype_defaults());
  auto clock = std::make_shared<const SystemClock>();
  LlmConfig c;
  auto none = make_llm_backend(c, catalog_ptr, clock);
  ASSERT_TRUE(none);
  EXPECT_EQ(*none, nullptr);

  c.provider = LlmProvider::kBedrock;
  c.access_key_id = "AKID";
  c.secret_access_key = "secret";
  auto bedrock = make_llm_backend(c, catalog_ptr, clock);
  ASSERT_TRUE(bedrock) << bedrock.error().message;
  EXPECT_EQ((*bedrock)->name(), "bedrock");

  c.provider = LlmProvider::kOpenAi;
  c.base_url = "ftp://example.com";
  auto bad_url = make_llm_backend(c, catalog_ptr, clock);
  ASSERT_FALSE(bad_url);
  EXPECT_EQ(reason_of(bad_url.error()), "config");
  c.base_url = "http://127.0.0.1:1";
  auto openai = make_llm_backend(c, catalog_ptr, clock);
  ASSERT_TRUE(openai) << openai.error().message;
  EXPECT_EQ((*openai)->name(), "openai");
}

}  // namespace
}  // namespace aicc::nlu
