// Both backends against a real HTTP server on 127.0.0.1: the requests they send (headers,
// SigV4 signature recomputed from what arrived, body shape) and the fallback on every kind of
// bad answer the documented wire formats allow.
#include <chrono>

#include <gtest/gtest.h>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include "nlu/llm/bedrock_backend.h"
#include "nlu/llm/fallback.h"
#include "nlu/llm/llm_config.h"
#include "nlu/llm/openai_backend.h"
#include "nlu/llm/sigv4.h"
#include "test_server.h"

namespace aicc::nlu {
namespace {
namespace json = boost::json;
using testing::CannedResponse;
using testing::RecordedRequest;
using testing::TestHttpServer;
using namespace std::chrono_literals;

constexpr std::string_view kModelId = "anthropic.claude-3-sonnet-20240229-v1:0";
constexpr std::string_view kReply =
    R"({"intent":"cancel_request","confidence":0.95,"entities":{"주문번호":"A-1001"},)"
    R"("reasoning":"주문 취소 요청","response_text":"주문 취소를 도와드리겠습니다.",)"
    R"("next_action":"continue","suggested_actions":["주문 취소","상담원 연결"]})";

std::shared_ptr<const IntentCatalog> catalog() {
  static const auto c = std::make_shared<const IntentCatalog>(IntentCatalog::prototype_defaults());
  return c;
}

std::shared_ptr<const Clock> fixed_clock() {
  return std::make_shared<const ManualClock>(*parse_iso8601("2026-01-15T09:30:00Z"));
}

std::shared_ptr<const HttpClient> http(std::chrono::milliseconds timeout = 2000ms,
                                       std::size_t max_bytes = 64 * 1024) {
  HttpOptions o;
  o.total_timeout = timeout;
  o.connect_timeout = std::min<std::chrono::milliseconds>(timeout, 1000ms);
  o.max_response_bytes = max_bytes;
  return std::make_shared<const CurlHttpClient>(o);
}

IntentPrediction local_prediction() {
  IntentPrediction p;
  p.intent = "general_inquiry";
  p.confidence = 0.74f;
  return p;
}

std::string reason_of(const Error& e) {
  const auto it = e.details.find("reason");
  return it == e.details.end() ? "" : it->second;
}

// --- Bedrock ----------------------------------------------------------------------------------

std::string claude_body(std::string_view text) {
  json::object body{{"id", "msg_01"},
                    {"type", "message"},
                    {"role", "assistant"},
                    {"model", "claude-3-sonnet-20240229"},
                    {"stop_reason", "end_turn"},
                    {"stop_sequence", nullptr},
                    {"usage", json::object{{"input_tokens", 512}, {"output_tokens", 96}}}};
  body["content"] = json::array{json::object{{"type", "text"}, {"text", text}}};
  return json::serialize(body);
}

CannedResponse claude_says(std::string_view text) {
  return {.status = 200,
          .headers = {{"Content-Type", "application/json"}, {"x-amzn-RequestId", "r-1"}},
          .body = claude_body(text)};
}

CannedResponse bedrock_error(int status, std::string_view type, std::string_view message) {
  return {.status = status,
          .headers = {{"Content-Type", "application/json"},
                      {"x-amzn-ErrorType", std::string(type) + ":http://internal.amazon.com/"}},
          .body = json::serialize(json::object{{"message", message}})};
}

sigv4::Credentials credentials(std::string token = "") {
  return {"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", std::move(token)};
}

std::unique_ptr<BedrockBackend> bedrock(const TestHttpServer& server,
                                        std::shared_ptr<const HttpClient> client = http(),
                                        std::string token = "") {
  BedrockOptions o;
  o.region = "us-east-1";
  o.model_id = std::string(kModelId);
  o.base_url = server.base_url();
  o.credentials = credentials(std::move(token));
  auto b = BedrockBackend::create(o, catalog(), std::move(client), fixed_clock());
  EXPECT_TRUE(b) << b.error().message;
  return std::move(*b);
}

// Recomputes the signature from the request as it arrived: the signed headers named in the
// Authorization header, the path as received, the body as received.
std::string recomputed_authorization(const RecordedRequest& r, const std::string& token) {
  const std::string& auth = r.headers.at("authorization");
  const auto sh = auth.find("SignedHeaders=") + 14;
  const std::string signed_names = auth.substr(sh, auth.find(',', sh) - sh);
  sigv4::Request req;
  req.method = r.method;
  req.host = r.headers.at("host");
  req.path = r.target.substr(0, r.target.find('?'));
  req.payload = r.body;
  std::size_t start = 0;
  while (start <= signed_names.size()) {
    const auto end = std::min(signed_names.find(';', start), signed_names.size());
    const std::string name = signed_names.substr(start, end - start);
    req.headers.emplace_back(name, r.headers.at(name));
    start = end + 1;
  }
  sigv4::Options o;
  o.region = "us-east-1";
  o.service = "bedrock";
  o.add_content_sha256 = r.has("x-amz-content-sha256");
  auto s = sigv4::sign(req, credentials(token), o, *parse_iso8601("2026-01-15T09:30:00Z"));
  return s ? s->authorization : "sign failed";
}

TEST(BedrockBackend, SendsASignedInvokeModelRequestAndReadsTheReply) {
  TestHttpServer server([](const RecordedRequest&) { return claude_says(kReply); });
  auto backend = bedrock(server);
  LlmRequest request{.text = "주문 A-1001 취소해 주세요",
                     .session_attributes = {{"user_id", "u-7"}}};
  auto r = backend->understand(request);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->intent, "cancel_request");
  EXPECT_DOUBLE_EQ(r->confidence, 0.95);
  EXPECT_EQ(r->entities.at("주문번호"), "A-1001");
  EXPECT_EQ(r->suggested_actions.size(), 2u);

  const auto requests = server.requests();
  ASSERT_EQ(requests.size(), 1u);
  const auto& got = requests[0];
  EXPECT_EQ(got.method, "POST");
  EXPECT_EQ(got.target, "/model/anthropic.claude-3-sonnet-20240229-v1%3A0/invoke");
  EXPECT_EQ(got.headers.at("host"), "127.0.0.1:" + std::to_string(server.port()));
  EXPECT_EQ(got.headers.at("content-type"), "application/json");
  EXPECT_EQ(got.headers.at("accept"), "application/json");
  EXPECT_EQ(got.headers.at("x-amz-date"), "20260115T093000Z");
  EXPECT_EQ(got.headers.at("x-amz-content-sha256"), sigv4::sha256_hex(got.body));
  EXPECT_FALSE(got.has("x-amz-security-token"));
  const std::string& auth = got.headers.at("authorization");
  EXPECT_TRUE(auth.starts_with(
      "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260115/us-east-1/bedrock/aws4_request, "
      "SignedHeaders=accept;content-type;host;x-amz-content-sha256;x-amz-date, Signature="))
      << auth;
  EXPECT_EQ(auth, recomputed_authorization(got, ""));
  // Only one Host header went out, the one that was signed.
  int hosts = 0;
  for (const auto& [name, value] : got.header_list) hosts += name == "host";
  EXPECT_EQ(hosts, 1);

  // Body: the Claude messages API on Bedrock (spec-D §7.7).
  const json::value body = json::parse(got.body);
  EXPECT_EQ(body.at("anthropic_version"), "bedrock-2023-05-31");
  EXPECT_EQ(body.at("max_tokens").as_int64(), 1000);
  EXPECT_DOUBLE_EQ(body.at("temperature").as_double(), 0.1);
  EXPECT_EQ(body.at("system").as_string(), catalog()->system_prompt());
  const auto& messages = body.at("messages").as_array();
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0].at("role"), "user");
  EXPECT_EQ(messages[0].at("content").as_string(), build_user_prompt(request));
  EXPECT_NE(std::string(messages[0].at("content").as_string()).find("고객 ID: u-7"),
            std::string::npos);
}

TEST(BedrockBackend, SignsTheSessionToken) {
  TestHttpServer server([](const RecordedRequest&) { return claude_says(kReply); });
  auto backend = bedrock(server, http(), "FQoGZXIvYXdzEXAMPLETOKEN");
  ASSERT_TRUE(backend->understand({.text = "취소"}));
  const auto got = server.requests().at(0);
  EXPECT_EQ(got.headers.at("x-amz-security-token"), "FQoGZXIvYXdzEXAMPLETOKEN");
  EXPECT_NE(got.headers.at("authorization").find("x-amz-date;x-amz-security-token, Signature="),
            std::string::npos);
  EXPECT_EQ(got.headers.at("authorization"),
            recomputed_authorization(got, "FQoGZXIvYXdzEXAMPLETOKEN"));
}

TEST(BedrockBackend, TheSignatureChangesWithTheBody) {
  // A server that checks signatures would refuse a body altered after signing.
  TestHttpServer server([](const RecordedRequest&) { return claude_says(kReply); });
  auto backend = bedrock(server);
  ASSERT_TRUE(backend->understand({.text = "하나"}));
  auto tampered = server.requests().at(0);
  tampered.body += " ";
  tampered.headers["x-amz-content-sha256"] = sigv4::sha256_hex(tampered.body);
  EXPECT_NE(tampered.headers.at("authorization"), recomputed_authorization(tampered, ""));
}

TEST(BedrockBackend, DefaultEndpointIsTheRegionalRuntime) {
  BedrockOptions o;
  o.region = "ap-northeast-2";
  o.credentials = credentials();
  auto b = BedrockBackend::create(o, catalog(), http(), fixed_clock());
  ASSERT_TRUE(b);
  auto req = (*b)->build_request({.text = "x"});
  ASSERT_TRUE(req);
  EXPECT_EQ(req->url,
            "https://bedrock-runtime.ap-northeast-2.amazonaws.com/model/"
            "anthropic.claude-3-sonnet-20240229-v1%3A0/invoke");
}

TEST(BedrockBackend, RefusesToStartWithoutCredentials) {
  BedrockOptions o;
  auto b = BedrockBackend::create(o, catalog(), http(), fixed_clock());
  ASSERT_FALSE(b);
  EXPECT_EQ(reason_of(b.error()), "config");
}

struct BadAnswer {
  std::string name;
  CannedResponse response;
  std::string reason;
  std::string status;  // expected "status" detail, if any
};

class BedrockFallsBack : public ::testing::TestWithParam<BadAnswer> {};

TEST_P(BedrockFallsBack, ToTheLocalModelWithTheReason) {
  const auto& param = GetParam();
  TestHttpServer server([&](const RecordedRequest&) { return param.response; });
  auto backend = bedrock(server);
  auto r = backend->understand({.text = "결제가 안돼요"});
  ASSERT_FALSE(r) << param.name;
  EXPECT_EQ(reason_of(r.error()), param.reason) << r.error().message;
  if (!param.status.empty()) {
    EXPECT_EQ(r.error().details.at("status"), param.status);
  }

  const LlmWithFallback combined(std::shared_ptr<const LlmBackend>(std::move(backend)));
  const auto d = combined.decide(local_prediction(), {.text = "결제가 안돼요"});
  EXPECT_EQ(d.source, NluSource::kLocal);
  EXPECT_EQ(d.intent, "general_inquiry");
  EXPECT_EQ(d.fallback_reason, param.reason);
  EXPECT_FALSE(d.fallback_message.empty());
}

INSTANTIATE_TEST_SUITE_P(
    DocumentedShapes, BedrockFallsBack,
    ::testing::Values(
        BadAnswer{"malformed_reply", claude_says(R"({"intent": "greeting", "confidence": )"),
                  "invalid_json", ""},
        BadAnswer{"prose_reply", claude_says("죄송합니다. 다시 말씀해 주시겠어요?"), "invalid_json",
                  ""},
        BadAnswer{"wrong_type",
                  claude_says(R"({"intent":"greeting","confidence":"high","entities":{},
            "reasoning":"","response_text":"","next_action":"continue","suggested_actions":[]})"),
                  "wrong_type", ""},
        BadAnswer{"missing_field", claude_says(R"({"intent":"greeting","confidence":0.9})"),
                  "missing_field", ""},
        BadAnswer{
            "envelope_not_json", {.status = 200, .body = "<html>oops</html>"}, "bad_envelope", ""},
        BadAnswer{"envelope_without_text",
                  {.status = 200,
                   .body = R"({"content":[{"type":"tool_use","id":"t","name":"x","input":{}}]})"},
                  "bad_envelope",
                  ""},
        BadAnswer{"http_400_validation",
                  bedrock_error(400, "ValidationException", "Malformed input request"),
                  "http_status", "400"},
        BadAnswer{"http_403_access_denied",
                  bedrock_error(403, "AccessDeniedException", "You don't have access to the model"),
                  "http_status", "403"},
        BadAnswer{"http_429_throttling",
                  bedrock_error(429, "ThrottlingException", "Too many requests, please wait"),
                  "http_status", "429"},
        BadAnswer{"http_500_internal",
                  bedrock_error(500, "InternalServerException", "Internal server error"),
                  "http_status", "500"},
        BadAnswer{"http_503_no_body", {.status = 503, .body = ""}, "http_status", "503"}),
    [](const ::testing::TestParamInfo<BadAnswer>& p) { return p.param.name; });

TEST(BedrockBackend, AnUnknownIntentIsOutOfScopeAndTheFallbackSaysWhy) {
  TestHttpServer server([](const RecordedRequest&) {
    return claude_says(R"({"intent":"weather","confidence":0.9,"entities":{},"reasoning":"",
        "response_text":"","next_action":"continue","suggested_actions":[]})");
  });
  std::shared_ptr<const LlmBackend> backend = bedrock(server);
  auto r = backend->understand({.text = "내일 날씨 어때요"});
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->intent, "out_of_scope");
  EXPECT_EQ(r->unknown_intent, "weather");
  const auto d = LlmWithFallback(backend).decide(local_prediction(), {.text = "내일 날씨 어때요"});
  EXPECT_EQ(d.source, NluSource::kLocal);
  EXPECT_EQ(d.intent, "general_inquiry");
  EXPECT_EQ(d.fallback_reason, "unknown_intent");
}

TEST(BedrockBackend, HttpErrorsNameTheAwsErrorType) {
  TestHttpServer server([](const RecordedRequest&) {
    return bedrock_error(429, "ThrottlingException", "Too many requests, please wait");
  });
  auto r = bedrock(server)->understand({.text = "x"});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(r.error().details.at("error_type"), "ThrottlingException");
  EXPECT_NE(r.error().message.find("Too many requests"), std::string::npos);
}

TEST(BedrockBackend, AServerThatHangsTimesOut) {
  TestHttpServer server([](const RecordedRequest&) {
    auto response = claude_says(kReply);
    response.delay = 10s;  // far beyond the client's timeout; the server stops early on exit
    return response;
  });
  auto backend = bedrock(server, http(300ms));
  const auto start = std::chrono::steady_clock::now();
  auto r = backend->understand({.text = "x"});
  const auto elapsed = std::chrono::steady_clock::now() - start;
  ASSERT_FALSE(r);
  EXPECT_EQ(reason_of(r.error()), "timeout") << r.error().message;
  EXPECT_LT(elapsed, 5s);  // the timeout, not the server, ended the call
}

TEST(BedrockBackend, AHugeBodyIsCutOff) {
  TestHttpServer server([](const RecordedRequest&) {
    return CannedResponse{.status = 200, .body = std::string(64 * 1024, 'x'), .repeat = 64};
  });
  auto r = bedrock(server, http(2000ms, 64 * 1024))->understand({.text = "x"});
  ASSERT_FALSE(r);
  EXPECT_EQ(reason_of(r.error()), "too_large") << r.error().message;
}

TEST(BedrockBackend, AHugeBodyWithoutContentLengthIsCutOff) {
  TestHttpServer server([](const RecordedRequest&) {
    return CannedResponse{.status = 200,
                          .body = std::string(64 * 1024, 'x'),
                          .omit_content_length = true,
                          .repeat = 64};
  });
  auto r = bedrock(server, http(2000ms, 64 * 1024))->understand({.text = "x"});
  ASSERT_FALSE(r);
  EXPECT_EQ(reason_of(r.error()), "too_large") << r.error().message;
}

TEST(BedrockBackend, NobodyListeningIsAConnectError) {
  int port = 0;
  {
    TestHttpServer closed([](const RecordedRequest&) { return CannedResponse{}; });
    port = closed.port();
  }
  BedrockOptions o;
  o.base_url = "http://127.0.0.1:" + std::to_string(port);
  o.credentials = credentials();
  auto b = BedrockBackend::create(o, catalog(), http(), fixed_clock());
  ASSERT_TRUE(b);
  auto r = (*b)->understand({.text = "x"});
  ASSERT_FALSE(r);
  EXPECT_EQ(reason_of(r.error()), "connect") << r.error().message;
}

// --- OpenAI-compatible ---------------------------------------------------------------------------

std::string completion_body(const json::value& content) {
  json::object message{{"role", "assistant"}, {"content", content}};
  json::object choice{{"index", 0}, {"message", message}, {"finish_reason", "stop"}};
  return json::serialize(
      json::object{{"id", "chatcmpl-1"},
                   {"object", "chat.completion"},
                   {"created", 1767000000},
                   {"model", "qwen2.5-7b-instruct"},
                   {"choices", json::array{choice}},
                   {"usage", json::object{{"prompt_tokens", 500}, {"completion_tokens", 90}}}});
}

CannedResponse completion(const json::value& content) {
  return {.status = 200,
          .headers = {{"Content-Type", "application/json"}},
          .body = completion_body(content)};
}

CannedResponse openai_error(int status, std::string_view type, std::string_view message) {
  return {.status = status,
          .headers = {{"Content-Type", "application/json"}},
          .body = json::serialize(json::object{
              {"error", json::object{{"message", message}, {"type", type}, {"code", nullptr}}}})};
}

std::unique_ptr<OpenAiBackend> openai(const TestHttpServer& server, std::string suffix = "",
                                      std::string key = "sk-test-123", bool json_mode = true,
                                      std::shared_ptr<const HttpClient> client = http()) {
  OpenAiOptions o;
  o.base_url = server.base_url() + suffix;
  o.api_key = std::move(key);
  o.model = "qwen2.5-7b-instruct";
  o.json_mode = json_mode;
  auto b = OpenAiBackend::create(o, catalog(), std::move(client));
  EXPECT_TRUE(b) << b.error().message;
  return std::move(*b);
}

TEST(OpenAiBackend, PostsChatCompletionsAndReadsTheMessageContent) {
  TestHttpServer server([](const RecordedRequest&) { return completion(json::string(kReply)); });
  auto backend = openai(server);
  const LlmRequest request{.text = "주문 취소요", .session_attributes = {}};
  auto r = backend->understand(request);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->intent, "cancel_request");
  EXPECT_EQ(r->response_text, "주문 취소를 도와드리겠습니다.");

  const auto got = server.requests().at(0);
  EXPECT_EQ(got.method, "POST");
  EXPECT_EQ(got.target, "/v1/chat/completions");
  EXPECT_EQ(got.headers.at("authorization"), "Bearer sk-test-123");
  EXPECT_EQ(got.headers.at("content-type"), "application/json");
  const json::value body = json::parse(got.body);
  EXPECT_EQ(body.at("model"), "qwen2.5-7b-instruct");
  EXPECT_EQ(body.at("response_format").at("type"), "json_object");
  EXPECT_EQ(body.at("max_tokens").as_int64(), 1000);
  const auto& messages = body.at("messages").as_array();
  ASSERT_EQ(messages.size(), 2u);
  EXPECT_EQ(messages[0].at("role"), "system");
  EXPECT_EQ(messages[0].at("content").as_string(), catalog()->system_prompt());
  EXPECT_EQ(messages[1].at("role"), "user");
  EXPECT_EQ(messages[1].at("content").as_string(), build_user_prompt(request));
}

TEST(OpenAiBackend, BaseUrlMayEndInV1AndKeyAndJsonModeAreOptional) {
  TestHttpServer server([](const RecordedRequest&) { return completion(json::string(kReply)); });
  ASSERT_TRUE(openai(server, "/v1/", "", false)->understand({.text = "x"}));
  ASSERT_TRUE(openai(server, "/proxy")->understand({.text = "x"}));
  const auto requests = server.requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[0].target, "/v1/chat/completions");
  EXPECT_FALSE(requests[0].has("authorization"));
  EXPECT_FALSE(json::parse(requests[0].body).as_object().contains("response_format"));
  EXPECT_EQ(requests[1].target, "/proxy/v1/chat/completions");
}

TEST(OpenAiBackend, AKeyWithALineBreakIsRefusedNotSent) {
  TestHttpServer server([](const RecordedRequest&) { return completion(json::string(kReply)); });
  auto r = openai(server, "", "sk-1\r\nX-Injected: yes")->understand({.text = "x"});
  ASSERT_FALSE(r);
  EXPECT_EQ(reason_of(r.error()), "config");
  EXPECT_TRUE(server.requests().empty());
}

class OpenAiFallsBack : public ::testing::TestWithParam<BadAnswer> {};

TEST_P(OpenAiFallsBack, ToTheLocalModelWithTheReason) {
  const auto& param = GetParam();
  TestHttpServer server([&](const RecordedRequest&) { return param.response; });
  const LlmWithFallback combined(std::shared_ptr<const LlmBackend>(openai(server)));
  const auto d = combined.decide(local_prediction(), {.text = "결제가 안돼요"});
  EXPECT_EQ(d.source, NluSource::kLocal) << param.name;
  EXPECT_EQ(d.intent, "general_inquiry");
  EXPECT_EQ(d.fallback_reason, param.reason) << d.fallback_message;
  if (!param.status.empty()) {
    EXPECT_NE(d.fallback_message.find("HTTP " + param.status), std::string::npos)
        << d.fallback_message;
  }
}

INSTANTIATE_TEST_SUITE_P(
    DocumentedShapes, OpenAiFallsBack,
    ::testing::Values(
        BadAnswer{"malformed_content", completion(json::string("{\"intent\": \"greeting\",")),
                  "invalid_json", ""},
        BadAnswer{"content_null", completion(nullptr), "bad_envelope", ""},
        BadAnswer{"no_choices",
                  {.status = 200, .body = R"({"id":"x","object":"chat.completion","choices":[]})"},
                  "bad_envelope",
                  ""},
        BadAnswer{"confidence_out_of_range",
                  completion(json::string(R"({"intent":"greeting","confidence":7,"entities":{},
            "reasoning":"","response_text":"","next_action":"continue","suggested_actions":[]})")),
                  "out_of_range", ""},
        BadAnswer{
            "entities_not_strings",
            completion(json::string(R"({"intent":"greeting","confidence":0.9,"entities":{"n":1},
            "reasoning":"","response_text":"","next_action":"continue","suggested_actions":[]})")),
            "wrong_type", ""},
        BadAnswer{"http_400",
                  openai_error(400, "invalid_request_error", "response_format unsupported"),
                  "http_status", "400"},
        BadAnswer{"http_401", openai_error(401, "invalid_request_error", "Incorrect API key"),
                  "http_status", "401"},
        BadAnswer{"http_429", openai_error(429, "rate_limit_exceeded", "Rate limit reached"),
                  "http_status", "429"},
        BadAnswer{"http_500", openai_error(500, "server_error", "The server had an error"),
                  "http_status", "500"}),
    [](const ::testing::TestParamInfo<BadAnswer>& p) { return p.param.name; });

TEST(OpenAiBackend, TimeoutAndHugeBodyFallBack) {
  TestHttpServer slow([](const RecordedRequest&) {
    auto response = completion(json::string(kReply));
    response.delay = 10s;
    return response;
  });
  const LlmWithFallback timed(
      std::shared_ptr<const LlmBackend>(openai(slow, "", "k", true, http(300ms))));
  EXPECT_EQ(timed.decide(local_prediction(), {.text = "x"}).fallback_reason, "timeout");

  TestHttpServer huge([](const RecordedRequest&) {
    return CannedResponse{.status = 200, .body = std::string(1 << 20, ' '), .repeat = 4};
  });
  const LlmWithFallback capped(
      std::shared_ptr<const LlmBackend>(openai(huge, "", "k", true, http(2000ms, 64 * 1024))));
  EXPECT_EQ(capped.decide(local_prediction(), {.text = "x"}).fallback_reason, "too_large");
}

TEST(LlmConfigEndToEnd, FactoryBackendHonoursTheConfiguredTimeout) {
  TestHttpServer slow([](const RecordedRequest&) {
    auto response = completion(json::string(kReply));
    response.delay = 10s;
    return response;
  });
  LlmConfig c;
  c.provider = LlmProvider::kOpenAi;
  c.base_url = slow.base_url();
  c.timeout = 200ms;
  auto backend = make_llm_backend(c, catalog(), fixed_clock());
  ASSERT_TRUE(backend) << backend.error().message;
  auto r = (*backend)->understand({.text = "x"});
  ASSERT_FALSE(r);
  EXPECT_EQ(reason_of(r.error()), "timeout");

  TestHttpServer fine([](const RecordedRequest&) { return completion(json::string(kReply)); });
  c.base_url = fine.base_url();
  auto ok = make_llm_backend(c, catalog(), fixed_clock());
  ASSERT_TRUE(ok);
  const LlmWithFallback combined(*ok);
  const auto d = combined.decide(local_prediction(), {.text = "취소"});
  EXPECT_EQ(d.source, NluSource::kLlm);
  EXPECT_EQ(d.intent, "cancel_request");
}

}  // namespace
}  // namespace aicc::nlu
