#include "net/pipeline.h"

#include <chrono>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <string>
#include <variant>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include "core/random.h"
#include "platform/log.h"
#include "platform/metrics.h"

namespace aicc::net {
namespace {

namespace json = boost::json;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

json::object parse_object(const std::string& text) {
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  EXPECT_FALSE(ec) << ec.message() << " in " << text;
  if (ec || !v.is_object()) {
    ADD_FAILURE() << "not a JSON object: " << text;
    return {};
  }
  return v.as_object();
}

// The error object of PRODUCT.md §9's shape, checked strictly.
json::object error_of(const Response& r) {
  EXPECT_EQ(r.content_type, "application/json");
  const json::object top = parse_object(r.body);
  EXPECT_EQ(top.size(), 1u) << r.body;
  const auto* e = top.if_contains("error");
  if (!e || !e->is_object()) {
    ADD_FAILURE() << "no error object: " << r.body;
    return {};
  }
  const auto& o = e->as_object();
  EXPECT_EQ(o.size(), 3u) << r.body;
  EXPECT_TRUE(o.contains("code") && o.at("code").is_string()) << r.body;
  EXPECT_TRUE(o.contains("message") && o.at("message").is_string()) << r.body;
  EXPECT_TRUE(o.contains("details") && o.at("details").is_object()) << r.body;
  return o;
}

std::string str(const json::object& o, const char* key) {
  const auto* v = o.if_contains(key);
  if (!v || !v->is_string()) return "<missing " + std::string(key) + ">";
  return std::string(v->as_string());
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

// The lines of `text` (a metrics exposition) that start with `prefix`.
std::vector<std::string> series(const std::string& text, const std::string& prefix) {
  std::vector<std::string> out;
  for (auto& l : lines_of(text))
    if (l.rfind(prefix, 0) == 0) out.push_back(l);
  return out;
}

bool is_generated_id(std::string_view id) {
  static const std::regex hex16("[0-9a-f]{16}");
  return std::regex_match(std::string(id), hex16);
}

class PipelineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    saved_level_ = log::level();
    log::set_level(log::Level::kInfo);
    log::capture_for_tests(true);

    router_.add(Method::kGet, "/healthz", [this](Request& q) {
      ++calls_;
      seen_ = q;
      Response r;
      r.body = R"({"status":"ok"})";
      return r;
    });
    router_.add(Method::kGet, "/api/v1/conversations/{id}", [this](Request& q) {
      ++calls_;
      seen_ = q;
      Response r;
      r.body = "conv " + q.param("id");
      return r;
    });
    router_.add(Method::kPost, "/api/v1/conversations/{id}/messages", [this](Request& q) {
      ++calls_;
      seen_ = q;
      Response r;
      r.status = 201;
      return r;
    });
    router_.add(Method::kGet, "/api/v1/customers/{key}", [this](Request& q) {
      ++calls_;
      seen_ = q;
      return Response{};
    });
    router_.add(Method::kGet, "/boom", [](Request&) -> Response {
      throw std::runtime_error("db password=hunter2 at /var/lib/aicc/aicc.db line 42");
    });
    router_.add(Method::kGet, "/boom-int", [](Request&) -> Response { throw 42; });
    router_.add_websocket(
        "/api/v1/conversations/{id}/stream",
        [](Request&) -> std::variant<Response, WsCallbacks> { return WsCallbacks{}; });
  }
  void TearDown() override {
    log::capture_for_tests(false);
    log::set_level(saved_level_);
  }

  Pipeline make(PipelineOptions o = {}) {
    return Pipeline(router_, std::move(o), metrics_, random_);
  }

  static Request req(Method m, std::string target, Headers h = {}) {
    Request r;
    r.method = m;
    r.target = target;
    const auto q = target.find('?');
    r.path = target.substr(0, q);
    if (q != std::string::npos) r.query = target.substr(q + 1);
    r.headers = std::move(h);
    r.remote_address = "192.0.2.7";
    return r;
  }

  // The captured log lines, parsed; the capture buffer is emptied.
  std::vector<json::object> take_log() {
    std::vector<json::object> out;
    for (auto& l : lines_of(log::take_captured())) out.push_back(parse_object(l));
    return out;
  }
  std::vector<json::object> access_lines() {
    std::vector<json::object> out;
    for (auto& o : take_log())
      if (str(o, "msg") == "http") out.push_back(o);
    return out;
  }

  Router router_;
  MetricsRegistry metrics_;
  SeededRandom random_{7};
  int calls_ = 0;
  Request seen_;
  log::Level saved_level_ = log::Level::kInfo;
};

// ---- Routing through the pipeline ----

TEST_F(PipelineTest, RoutesToTheHandlerWithRouteAndDecodedParams) {
  auto p = make();
  auto q = req(Method::kGet, "/api/v1/conversations/%EC%83%81%EB%8B%B4-1?x=1");
  const Response r = p.handle(q);
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "conv 상담-1");
  EXPECT_EQ(calls_, 1);
  EXPECT_EQ(seen_.route, "/api/v1/conversations/{id}");
  EXPECT_EQ(seen_.param("id"), "상담-1");
  EXPECT_EQ(q.route, "/api/v1/conversations/{id}") << "the caller's request is filled in too";
}

TEST_F(PipelineTest, UnknownPathIs404InTheErrorShape) {
  auto p = make();
  auto q = req(Method::kGet, "/api/v1/nothing-here");
  const Response r = p.handle(q);
  EXPECT_EQ(r.status, 404);
  const auto e = error_of(r);
  EXPECT_EQ(str(e, "code"), "not_found");
  EXPECT_THAT(str(e, "message"), HasSubstr("/api/v1/nothing-here"));
  EXPECT_EQ(calls_, 0);
  EXPECT_EQ(r.header("allow"), std::nullopt);
}

TEST_F(PipelineTest, WrongMethodIs405WithAllowHeader) {
  auto p = make();
  auto q = req(Method::kDelete, "/api/v1/conversations/c-1");
  const Response r = p.handle(q);
  EXPECT_EQ(r.status, 405);
  const auto e = error_of(r);
  EXPECT_EQ(str(e, "code"), "method_not_allowed");
  // RFC 9110 §15.5.6: every method the resource supports, which includes HEAD for a GET
  // route and OPTIONS, both answered by the pipeline.
  EXPECT_EQ(r.header("allow"), "GET, HEAD, OPTIONS");
  EXPECT_EQ(str(e.at("details").as_object(), "allow"), "GET, HEAD, OPTIONS");
  EXPECT_EQ(calls_, 0);

  auto post_only = req(Method::kGet, "/api/v1/conversations/c-1/messages");
  const Response r2 = p.handle(post_only);
  EXPECT_EQ(r2.status, 405);
  EXPECT_EQ(r2.header("allow"), "POST, OPTIONS");
}

TEST_F(PipelineTest, HeadRunsTheGetHandler) {
  auto p = make();
  auto q = req(Method::kHead, "/healthz");
  const Response r = p.handle(q);
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(calls_, 1);
  EXPECT_EQ(seen_.method, Method::kHead);
}

TEST_F(PipelineTest, PlainOptionsAnswersAllowWithoutRunningAHandler) {
  auto p = make();
  auto q = req(Method::kOptions, "/api/v1/conversations/c-1");
  const Response r = p.handle(q);
  EXPECT_EQ(r.status, 204);
  EXPECT_EQ(r.body, "");
  EXPECT_EQ(r.content_type, "");
  EXPECT_EQ(r.header("allow"), "GET, HEAD, OPTIONS");
  EXPECT_EQ(calls_, 0);

  auto unknown = req(Method::kOptions, "/nowhere");
  EXPECT_EQ(p.handle(unknown).status, 404);
}

// ---- Request ids ----

TEST_F(PipelineTest, RequestIdIsGeneratedWhenAbsent) {
  auto p = make();
  auto q1 = req(Method::kGet, "/healthz");
  auto q2 = req(Method::kGet, "/healthz");
  const Response r1 = p.handle(q1);
  const Response r2 = p.handle(q2);
  EXPECT_TRUE(is_generated_id(q1.request_id)) << q1.request_id;
  EXPECT_EQ(r1.header("x-request-id"), q1.request_id);
  EXPECT_EQ(seen_.request_id, q2.request_id) << "the handler sees the id";
  EXPECT_NE(q1.request_id, q2.request_id);
  EXPECT_EQ(r2.header("x-request-id"), q2.request_id);
}

TEST_F(PipelineTest, GeneratedIdsComeFromTheInjectedRandomSource) {
  SeededRandom a(99), b(99);
  MetricsRegistry ma, mb;
  Pipeline pa(router_, {}, ma, a), pb(router_, {}, mb, b);
  auto qa = req(Method::kGet, "/healthz");
  auto qb = req(Method::kGet, "/healthz");
  pa.handle(qa);
  pb.handle(qb);
  EXPECT_EQ(qa.request_id, qb.request_id);
}

TEST_F(PipelineTest, WellFormedClientRequestIdIsEchoed) {
  auto p = make();
  for (const std::string& id :
       {std::string("abc-123"), std::string("0f8e7d6c.ab_CD-ef"), std::string(128, 'a')}) {
    SCOPED_TRACE(id);
    auto q = req(Method::kGet, "/healthz", {{"x-request-id", id}});
    const Response r = p.handle(q);
    EXPECT_EQ(q.request_id, id);
    EXPECT_EQ(r.header("x-request-id"), id);
  }
}

TEST_F(PipelineTest, MalformedOrOversizedClientRequestIdIsReplaced) {
  auto p = make();
  for (const std::string& bad : {
           std::string(""),
           std::string(129, 'a'),
           std::string(10000, 'b'),
           std::string("abc\r\nSet-Cookie: session=evil"),
           std::string("abc def"),
           std::string("<script>alert(1)</script>"),
           std::string("\"quoted\""),
           std::string("id/../../etc"),
           std::string("상담-1"),
           std::string("a\0b", 3),
           std::string("a{b}"),
       }) {
    SCOPED_TRACE(bad);
    auto q = req(Method::kGet, "/healthz", {{"x-request-id", bad}});
    const Response r = p.handle(q);
    EXPECT_TRUE(is_generated_id(q.request_id)) << q.request_id;
    EXPECT_EQ(r.header("x-request-id"), q.request_id);
    for (const auto& l : access_lines()) EXPECT_EQ(str(l, "request_id"), q.request_id);
  }
}

TEST_F(PipelineTest, AssignRequestIdKeepsAnAssignedId) {
  auto p = make();
  Request q = req(Method::kGet, "/healthz", {{"x-request-id", "from-client"}});
  q.request_id = "already-set";
  p.assign_request_id(q);
  EXPECT_EQ(q.request_id, "already-set");
  Request fresh = req(Method::kGet, "/healthz", {{"x-request-id", "from-client"}});
  p.assign_request_id(fresh);
  EXPECT_EQ(fresh.request_id, "from-client");
}

// ---- CORS ----

TEST_F(PipelineTest, NoCorsHeadersWhenCorsIsNotConfigured) {
  auto p = make();
  auto q = req(Method::kGet, "/healthz", {{"origin", "https://shop.example"}});
  const Response r = p.handle(q);
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.header("access-control-allow-origin"), std::nullopt);
  EXPECT_EQ(r.header("access-control-expose-headers"), std::nullopt);
}

TEST_F(PipelineTest, ListedOriginIsAllowedAndEchoed) {
  auto p = make({.cors_origins = {"https://shop.example", "https://admin.example"}});
  auto q = req(Method::kGet, "/healthz", {{"origin", "https://admin.example"}});
  const Response r = p.handle(q);
  EXPECT_EQ(r.header("access-control-allow-origin"), "https://admin.example");
  EXPECT_EQ(r.header("vary"), "Origin");
  const auto expose = r.header("access-control-expose-headers");
  ASSERT_TRUE(expose.has_value());
  EXPECT_THAT(std::string(*expose), HasSubstr("X-Request-Id"));
}

TEST_F(PipelineTest, UnlistedOriginGetsNoCorsHeaders) {
  auto p = make({.cors_origins = {"https://shop.example"}});
  for (const char* origin : {"https://evil.example", "https://shop.example.evil.example",
                             "http://shop.example", "https://SHOP.example", "null", ""}) {
    SCOPED_TRACE(origin);
    auto q = req(Method::kGet, "/healthz", {{"origin", origin}});
    const Response r = p.handle(q);
    EXPECT_EQ(r.status, 200) << "CORS is enforced by the browser, not by refusing";
    EXPECT_EQ(r.header("access-control-allow-origin"), std::nullopt);
    EXPECT_EQ(r.header("access-control-expose-headers"), std::nullopt);
  }
}

TEST_F(PipelineTest, WildcardAllowsAnyOrigin) {
  auto p = make({.cors_origins = {"*"}});
  auto q = req(Method::kGet, "/healthz", {{"origin", "https://anyone.example"}});
  const Response r = p.handle(q);
  EXPECT_EQ(r.header("access-control-allow-origin"), "*");
  EXPECT_EQ(r.header("vary"), std::nullopt) << "the answer does not depend on the origin";
  auto no_origin = req(Method::kGet, "/healthz");
  EXPECT_EQ(p.handle(no_origin).header("access-control-allow-origin"), std::nullopt);
}

TEST_F(PipelineTest, CorsHeadersAreOnErrorResponsesToo) {
  // A browser can read the error body only if the error response carries the CORS headers.
  auto p = make({.cors_origins = {"https://shop.example"}});
  for (const char* path : {"/nowhere", "/boom"}) {
    SCOPED_TRACE(path);
    auto q = req(Method::kGet, path, {{"origin", "https://shop.example"}});
    const Response r = p.handle(q);
    EXPECT_GE(r.status, 400);
    EXPECT_EQ(r.header("access-control-allow-origin"), "https://shop.example");
  }
}

TEST_F(PipelineTest, PreflightFromAnAllowedOrigin) {
  auto p = make({.cors_origins = {"https://shop.example"}});
  auto q = req(Method::kOptions, "/api/v1/conversations/c-1/messages",
               {{"origin", "https://shop.example"},
                {"access-control-request-method", "POST"},
                {"access-control-request-headers", "content-type, x-request-id"}});
  const Response r = p.handle(q);
  EXPECT_EQ(r.status, 204);
  EXPECT_EQ(r.body, "");
  EXPECT_EQ(r.content_type, "");
  EXPECT_EQ(r.header("access-control-allow-origin"), "https://shop.example");
  EXPECT_EQ(r.header("vary"), "Origin");
  const auto methods = r.header("access-control-allow-methods");
  ASSERT_TRUE(methods.has_value());
  EXPECT_THAT(std::string(*methods), HasSubstr("POST"));
  const auto headers = r.header("access-control-allow-headers");
  ASSERT_TRUE(headers.has_value());
  EXPECT_THAT(std::string(*headers), HasSubstr("Content-Type"));
  EXPECT_THAT(std::string(*headers), HasSubstr("X-Request-Id"));
  EXPECT_EQ(r.header("access-control-max-age"), "600");
  EXPECT_TRUE(r.header("x-request-id").has_value());
  EXPECT_EQ(calls_, 0) << "a preflight never reaches a handler";
}

TEST_F(PipelineTest, PreflightFromADeniedOriginGrantsNothing) {
  auto p = make({.cors_origins = {"https://shop.example"}});
  auto q = req(Method::kOptions, "/api/v1/conversations/c-1/messages",
               {{"origin", "https://evil.example"}, {"access-control-request-method", "POST"}});
  const Response r = p.handle(q);
  EXPECT_EQ(r.status, 204);
  EXPECT_EQ(r.header("access-control-allow-origin"), std::nullopt);
  EXPECT_EQ(r.header("access-control-allow-methods"), std::nullopt);
  EXPECT_EQ(r.header("access-control-allow-headers"), std::nullopt);
  EXPECT_EQ(calls_, 0);
}

TEST_F(PipelineTest, OptionsWithoutRequestMethodIsNotAPreflight) {
  auto p = make({.cors_origins = {"*"}});
  auto q = req(Method::kOptions, "/healthz", {{"origin", "https://a.example"}});
  const Response r = p.handle(q);
  EXPECT_EQ(r.status, 204);
  EXPECT_EQ(r.header("allow"), "GET, HEAD, OPTIONS");
  EXPECT_EQ(r.header("access-control-allow-methods"), std::nullopt);
  EXPECT_EQ(r.header("access-control-allow-origin"), "*");
}

// ---- Metrics ----

TEST_F(PipelineTest, MetricsUseTheRouteTemplateNotTheRawPath) {
  auto p = make();
  for (const char* id : {"c-1", "c-2", "c-3"}) {
    auto q = req(Method::kGet, std::string("/api/v1/conversations/") + id);
    p.handle(q);
  }
  auto post = req(Method::kPost, "/api/v1/conversations/c-9/messages");
  p.handle(post);
  const std::string text = metrics_.render();
  EXPECT_THAT(text, Not(HasSubstr("c-1")));
  EXPECT_THAT(text, Not(HasSubstr("c-9")));
  EXPECT_THAT(series(text, "aicc_http_requests_total{"),
              ::testing::UnorderedElementsAre(
                  "aicc_http_requests_total{method=\"GET\",route=\"/api/v1/conversations/"
                  "{id}\",status=\"200\"} 3",
                  "aicc_http_requests_total{method=\"POST\",route=\"/api/v1/conversations/{id}/"
                  "messages\",status=\"201\"} 1"));
  EXPECT_THAT(series(text, "aicc_http_request_duration_seconds_count{"),
              ::testing::UnorderedElementsAre(
                  "aicc_http_request_duration_seconds_count{method=\"GET\",route=\"/api/v1/"
                  "conversations/{id}\"} 3",
                  "aicc_http_request_duration_seconds_count{method=\"POST\",route=\"/api/v1/"
                  "conversations/{id}/messages\"} 1"));
  EXPECT_THAT(text, HasSubstr("# TYPE aicc_http_requests_total counter"));
  EXPECT_THAT(text, HasSubstr("# TYPE aicc_http_request_duration_seconds histogram"));
}

TEST_F(PipelineTest, UnmatchedRequestsShareOneRouteLabel) {
  auto p = make();
  for (int i = 0; i < 20; ++i) {
    auto q = req(Method::kGet, "/scan/" + std::to_string(i) + "/wp-admin.php");
    p.handle(q);
  }
  auto wrong = req(Method::kPut, "/healthz");
  p.handle(wrong);
  const std::string text = metrics_.render();
  EXPECT_THAT(text, Not(HasSubstr("wp-admin")));
  EXPECT_THAT(series(text, "aicc_http_requests_total{"),
              ::testing::UnorderedElementsAre(
                  "aicc_http_requests_total{method=\"GET\",route=\"unmatched\",status=\"404\"} 20",
                  "aicc_http_requests_total{method=\"PUT\",route=\"unmatched\",status=\"405\"} 1"));
}

TEST_F(PipelineTest, HandlerExceptionIsCountedAs500) {
  auto p = make();
  auto q = req(Method::kGet, "/boom");
  p.handle(q);
  EXPECT_THAT(
      metrics_.render(),
      HasSubstr("aicc_http_requests_total{method=\"GET\",route=\"/boom\",status=\"500\"} 1"));
}

TEST_F(PipelineTest, FinishRecordsServerMadeResponses) {
  // The server answers some requests itself (413, 431, malformed) and reports them here.
  auto p = make({.cors_origins = {"*"}});
  Request bad;
  bad.method = Method::kPost;
  bad.path = "/api/v1/conversations/c-1/messages";
  bad.headers = {{"origin", "https://a.example"}};
  p.assign_request_id(bad);
  Response r = error_response(413, "payload_too_large", "too large");
  p.finish(bad, r, std::chrono::milliseconds(3));
  EXPECT_EQ(r.header("x-request-id"), bad.request_id);
  EXPECT_EQ(r.header("access-control-allow-origin"), "*");
  const std::string text = metrics_.render();
  EXPECT_THAT(text, HasSubstr("aicc_http_requests_total{method=\"POST\",route=\"unmatched\","
                              "status=\"413\"} 1"));
  EXPECT_THAT(text, HasSubstr("aicc_http_request_duration_seconds_sum{method=\"POST\","
                              "route=\"unmatched\"} 0.003"));
  const auto logged = access_lines();
  ASSERT_EQ(logged.size(), 1u);
  EXPECT_EQ(logged[0].at("status").as_int64(), 413);
}

// ---- Access log ----

TEST_F(PipelineTest, AccessLogIsOneJsonLinePerRequest) {
  auto p = make();
  auto q = req(Method::kGet, "/api/v1/conversations/c-7?token=secret-token-value",
               {{"x-request-id", "req-1"}});
  p.handle(q);
  const auto logged = access_lines();
  ASSERT_EQ(logged.size(), 1u);
  const auto& l = logged[0];
  EXPECT_EQ(str(l, "level"), "info");
  EXPECT_EQ(str(l, "request_id"), "req-1");
  EXPECT_EQ(str(l, "method"), "GET");
  EXPECT_EQ(str(l, "path"), "/api/v1/conversations/c-7");
  EXPECT_EQ(str(l, "route"), "/api/v1/conversations/{id}");
  ASSERT_TRUE(l.contains("status") && l.at("status").is_int64());
  EXPECT_EQ(l.at("status").as_int64(), 200);
  ASSERT_TRUE(l.contains("duration_ms"));
  EXPECT_TRUE(l.at("duration_ms").is_number());
  EXPECT_GE(l.at("duration_ms").to_number<double>(), 0.0);
  EXPECT_EQ(str(l, "remote"), "192.0.2.7");
  EXPECT_THAT(json::serialize(l), Not(HasSubstr("secret-token-value")))
      << "the query string (tokens, search terms) is not logged";
}

TEST_F(PipelineTest, AccessLogMasksPersonalDataInThePath) {
  auto p = make();
  struct Case {
    const char* path;
    std::vector<const char*> forbidden;  // must not appear in the log
  };
  for (const Case& c : std::vector<Case>{
           {"/api/v1/customers/010-1234-5678", {"1234-5678", "010-1234"}},
           {"/api/v1/customers/900101-1234567", {"900101", "-1234567"}},
           {"/api/v1/customers/kim.minsu@example.com", {"kim.minsu"}},
           // Clients encode '@' (encodeURIComponent); the address must be masked all the same.
           {"/api/v1/customers/kim.minsu%40example.com", {"kim.minsu"}},
           {"/api/v1/customers/010%2D1234%2D5678", {"%2D1234", "1234-5678"}},
       }) {
    SCOPED_TRACE(c.path);
    auto q = req(Method::kGet, c.path, {{"x-request-id", "rid"}});
    EXPECT_EQ(p.handle(q).status, 200);
    const std::string text = log::take_captured();
    EXPECT_THAT(text, HasSubstr("\"msg\":\"http\""));
    for (const char* f : c.forbidden) EXPECT_THAT(text, Not(HasSubstr(f)));
    EXPECT_THAT(text, HasSubstr("\"route\":\"/api/v1/customers/{key}\""));
  }
}

TEST_F(PipelineTest, AccessLogStaysValidJsonForHostilePaths) {
  auto p = make();
  auto q = req(Method::kGet, std::string("/x\"y\\z\xff\xfe/%zz/\x01"));
  EXPECT_EQ(p.handle(q).status, 404);
  const auto logged = access_lines();  // parse_object fails the test on invalid JSON
  ASSERT_EQ(logged.size(), 1u);
  EXPECT_EQ(str(logged[0], "route"), "unmatched");
  EXPECT_THAT(str(logged[0], "path"), StartsWith("/x\"y\\z"));
}

TEST_F(PipelineTest, AccessLogCanBeTurnedOff) {
  auto p = make({.access_log = false});
  auto q = req(Method::kGet, "/healthz");
  p.handle(q);
  EXPECT_EQ(log::take_captured(), "");
  EXPECT_THAT(metrics_.render(), HasSubstr("aicc_http_requests_total")) << "metrics still count";
}

// ---- Handler exceptions ----

TEST_F(PipelineTest, ThrowingHandlerGives500WithoutLeakingInternals) {
  auto p = make();
  auto q = req(Method::kGet, "/boom", {{"x-request-id", "trace-me"}});
  Response r;
  ASSERT_NO_THROW(r = p.handle(q));
  EXPECT_EQ(r.status, 500);
  const auto e = error_of(r);
  EXPECT_EQ(str(e, "code"), "internal");
  EXPECT_THAT(r.body, Not(HasSubstr("hunter2")));
  EXPECT_THAT(r.body, Not(HasSubstr("/var/lib")));
  EXPECT_THAT(r.body, Not(HasSubstr("runtime_error")));
  EXPECT_EQ(str(e.at("details").as_object(), "request_id"), "trace-me")
      << "the client can quote the id to find the log line";
  EXPECT_EQ(r.header("x-request-id"), "trace-me");

  // The server log has the cause, tied to the request id and route.
  const auto logged = take_log();
  bool found = false;
  for (const auto& l : logged) {
    if (str(l, "level") != "error") continue;
    found = true;
    EXPECT_EQ(str(l, "request_id"), "trace-me");
    EXPECT_EQ(str(l, "route"), "/boom");
    EXPECT_THAT(json::serialize(l), HasSubstr("hunter2"));
  }
  EXPECT_TRUE(found) << "the exception is logged";
}

TEST_F(PipelineTest, HandlerThrowingANonStandardExceptionGives500Too) {
  // handle() never throws, whatever the handler throws.
  auto p = make();
  auto q = req(Method::kGet, "/boom-int");
  Response r;
  ASSERT_NO_THROW(r = p.handle(q));
  EXPECT_EQ(r.status, 500);
  EXPECT_EQ(str(error_of(r), "code"), "internal");
  EXPECT_THAT(metrics_.render(), HasSubstr("route=\"/boom-int\",status=\"500\"} 1"));
}

// ---- WebSocket matching ----

TEST_F(PipelineTest, MatchWebSocketFillsTheRequest) {
  auto p = make();
  auto q = req(Method::kGet, "/api/v1/conversations/c%2D5/stream");
  Response refusal;
  const Route* route = p.match_websocket(q, refusal);
  ASSERT_NE(route, nullptr);
  EXPECT_TRUE(static_cast<bool>(route->websocket));
  EXPECT_EQ(q.route, "/api/v1/conversations/{id}/stream");
  EXPECT_EQ(q.param("id"), "c-5");
  EXPECT_TRUE(is_generated_id(q.request_id));
}

TEST_F(PipelineTest, MatchWebSocketRefusesUnknownAndOrdinaryRoutes) {
  auto p = make();
  for (const char* path : {"/nowhere", "/api/v1/conversations/c-1", "/healthz"}) {
    SCOPED_TRACE(path);
    auto q = req(Method::kGet, path);
    Response refusal;
    EXPECT_EQ(p.match_websocket(q, refusal), nullptr);
    EXPECT_EQ(refusal.status, 404);
    EXPECT_EQ(str(error_of(refusal), "code"), "not_found");
  }
}

TEST_F(PipelineTest, PlainGetOnAWebSocketPathIsNotFound) {
  auto p = make();
  auto q = req(Method::kGet, "/api/v1/conversations/c-1/stream");
  EXPECT_EQ(p.handle(q).status, 404);
}

}  // namespace
}  // namespace aicc::net
