#include "net/http.h"

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include "core/result.h"

namespace aicc::net {
namespace {

namespace json = boost::json;
using ::testing::HasSubstr;
using ::testing::Not;

// Parses a response body strictly and checks it has exactly PRODUCT.md §9's error shape:
// {"error": {"code": "...", "message": "...", "details": {...}}} and nothing else.
json::object parse_error_shape(const Response& r) {
  boost::system::error_code ec;
  json::value v = json::parse(r.body, ec);
  EXPECT_FALSE(ec) << ec.message() << " in " << r.body;
  if (ec || !v.is_object()) {
    ADD_FAILURE() << "not a JSON object: " << r.body;
    return {};
  }
  const auto& top = v.as_object();
  EXPECT_EQ(top.size(), 1u) << r.body;
  const auto* err = top.if_contains("error");
  if (!err || !err->is_object()) {
    ADD_FAILURE() << "no error object: " << r.body;
    return {};
  }
  const auto& e = err->as_object();
  EXPECT_EQ(e.size(), 3u) << r.body;
  EXPECT_TRUE(e.contains("code") && e.at("code").is_string()) << r.body;
  EXPECT_TRUE(e.contains("message") && e.at("message").is_string()) << r.body;
  EXPECT_TRUE(e.contains("details") && e.at("details").is_object()) << r.body;
  return e;
}

std::string str(const json::object& o, const char* key) {
  const auto* v = o.if_contains(key);
  if (!v || !v->is_string()) return "<missing " + std::string(key) + ">";
  return std::string(v->as_string());
}

constexpr ErrorCode kAllErrorCodes[] = {
    ErrorCode::kInvalidArgument,    ErrorCode::kNotFound,    ErrorCode::kConflict,
    ErrorCode::kFailedPrecondition, ErrorCode::kUnavailable, ErrorCode::kInternal,
};

// ---- Methods ----

TEST(HttpMethod, EveryMethodRoundTrips) {
  for (auto m : {Method::kGet, Method::kHead, Method::kPost, Method::kPut, Method::kPatch,
                 Method::kDelete, Method::kOptions}) {
    SCOPED_TRACE(std::string(to_string(m)));
    EXPECT_EQ(parse_method(to_string(m)), m);
  }
  EXPECT_EQ(to_string(Method::kGet), "GET");
  EXPECT_EQ(to_string(Method::kOptions), "OPTIONS");
  EXPECT_EQ(to_string(Method::kOther), "OTHER");
}

TEST(HttpMethod, MethodsAreCaseSensitiveAndUnknownOnesAreOther) {
  // RFC 9110 §9.1: method names are case-sensitive.
  for (const char* text : {"get", "Get", "POST ", "", "TRACE", "CONNECT", "PROPFIND", "OTHER"}) {
    SCOPED_TRACE(text);
    EXPECT_EQ(parse_method(text), Method::kOther);
  }
}

// ---- The one error shape ----

TEST(HttpError, ShapeWithDetails) {
  const Response r = error_response(400, "invalid_request", "text is required",
                                    {{"field", "text"}, {"limit", "1000"}});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.content_type, "application/json");
  const json::object e = parse_error_shape(r);
  EXPECT_EQ(str(e, "code"), "invalid_request");
  EXPECT_EQ(str(e, "message"), "text is required");
  const auto& d = e.at("details").as_object();
  EXPECT_EQ(d.size(), 2u);
  EXPECT_EQ(str(d, "field"), "text");
  EXPECT_EQ(str(d, "limit"), "1000");
}

TEST(HttpError, EmptyDetailsIsAnEmptyObjectNotMissing) {
  const Response r = error_response(404, "not_found", "no such conversation");
  EXPECT_EQ(r.body,
            R"({"error":{"code":"not_found","message":"no such conversation","details":{}}})");
  parse_error_shape(r);
}

TEST(HttpError, HostileTextStaysValidJson) {
  // Messages echo client input (paths, field names): quotes, control bytes, Korean text and
  // malformed UTF-8 must not break the document.
  const std::string nasty = std::string("a\"b\\c\nd\t\x01 상담원 \xff\xfe end \xe2\x82");
  const Response r = error_response(400, "invalid_request", "bad: " + nasty, {{nasty, nasty}});
  const json::object e = parse_error_shape(r);
  EXPECT_THAT(str(e, "message"), HasSubstr("a\"b\\c\nd\t\x01 상담원 "));
  EXPECT_THAT(str(e, "message"), HasSubstr("\xef\xbf\xbd"));  // U+FFFD for the bad bytes
  EXPECT_EQ(e.at("details").as_object().size(), 1u);
}

TEST(HttpError, StatusForEveryErrorCode) {
  const std::map<ErrorCode, int> expected = {
      {ErrorCode::kInvalidArgument, 400}, {ErrorCode::kNotFound, 404},
      {ErrorCode::kConflict, 409},        {ErrorCode::kFailedPrecondition, 422},
      {ErrorCode::kUnavailable, 503},     {ErrorCode::kInternal, 500},
  };
  for (auto code : kAllErrorCodes) {
    SCOPED_TRACE(std::string(to_string(code)));
    EXPECT_EQ(http_status_for(code), expected.at(code));
  }
}

TEST(HttpError, OnlyServerSideFailuresAnswer5xx) {
  // PRODUCT.md §9: no endpoint answers 500 for bad input.
  for (auto code : kAllErrorCodes) {
    SCOPED_TRACE(std::string(to_string(code)));
    const int status = http_status_for(code);
    EXPECT_EQ(status >= 500, code == ErrorCode::kInternal || code == ErrorCode::kUnavailable);
    EXPECT_NE(reason_phrase(status), "") << "a status with a known reason phrase";
  }
}

TEST(HttpError, FromDomainErrorForEveryErrorCode) {
  const std::map<ErrorCode, std::string> expected_code = {
      {ErrorCode::kInvalidArgument, "invalid_request"},  // the API's one code for bad input
      {ErrorCode::kNotFound, "not_found"},
      {ErrorCode::kConflict, "conflict"},
      {ErrorCode::kFailedPrecondition, "failed_precondition"},
      {ErrorCode::kUnavailable, "unavailable"},
      {ErrorCode::kInternal, "internal"},
  };
  std::set<std::string> codes;
  for (auto code : kAllErrorCodes) {
    SCOPED_TRACE(std::string(to_string(code)));
    const Error err(code, "what happened", {{"conversation_id", "c-1"}});
    const Response r = error_response(err);
    EXPECT_EQ(r.status, http_status_for(code));
    EXPECT_EQ(r.content_type, "application/json");
    const json::object e = parse_error_shape(r);
    EXPECT_EQ(str(e, "code"), expected_code.at(code));
    EXPECT_EQ(str(e, "message"), "what happened");
    EXPECT_EQ(str(e.at("details").as_object(), "conversation_id"), "c-1");
    codes.insert(str(e, "code"));
  }
  EXPECT_EQ(codes.size(), std::size(kAllErrorCodes)) << "each ErrorCode has its own code";
}

// ---- Request ----

Request request_with_headers(Headers h) {
  Request r;
  r.headers = std::move(h);
  return r;
}

TEST(HttpRequest, HeaderLookup) {
  const Request r = request_with_headers(
      {{"content-type", "application/json"}, {"x-request-id", "abc"}, {"accept", "a"}});
  EXPECT_EQ(r.header("content-type"), "application/json");
  EXPECT_EQ(r.header("x-request-id"), "abc");
  EXPECT_EQ(r.header("origin"), std::nullopt);
  EXPECT_EQ(r.header(""), std::nullopt);
  EXPECT_EQ(r.header("content"), std::nullopt) << "no prefix matching";
}

TEST(HttpRequest, HeaderNamesAreCaseInsensitive) {
  // RFC 9110 §5.1. The server stores names lower-cased; a lookup in any case finds them.
  const Request r = request_with_headers({{"content-type", "text/plain"}, {"origin", "o"}});
  EXPECT_EQ(r.header("Content-Type"), "text/plain");
  EXPECT_EQ(r.header("CONTENT-TYPE"), "text/plain");
  EXPECT_EQ(r.header("Origin"), "o");
}

TEST(HttpRequest, RepeatedHeaderGivesTheFirstValue) {
  const Request r = request_with_headers({{"accept", "first"}, {"accept", "second"}});
  EXPECT_EQ(r.header("accept"), "first");
}

TEST(HttpRequest, EmptyHeaderValueIsPresent) {
  const Request r = request_with_headers({{"x-empty", ""}});
  ASSERT_TRUE(r.header("x-empty").has_value());
  EXPECT_EQ(*r.header("x-empty"), "");
}

Request request_with_query(std::string q) {
  Request r;
  r.query = std::move(q);
  return r;
}

TEST(HttpRequest, QueryParamBasics) {
  const Request r = request_with_query("limit=50&cursor=abc&empty=&flag&limit=99");
  EXPECT_EQ(r.query_param("limit"), "50") << "the first of repeated parameters";
  EXPECT_EQ(r.query_param("cursor"), "abc");
  EXPECT_EQ(r.query_param("empty"), "");
  EXPECT_EQ(r.query_param("flag"), "") << "a name without '=' is present and empty";
  EXPECT_EQ(r.query_param("missing"), std::nullopt);
  EXPECT_EQ(r.query_param("lim"), std::nullopt) << "no prefix matching";
  EXPECT_EQ(r.query_param("limit=50"), std::nullopt);
}

TEST(HttpRequest, QueryParamOfAnEmptyQuery) {
  EXPECT_EQ(request_with_query("").query_param("a"), std::nullopt);
  EXPECT_EQ(request_with_query("&&&").query_param("a"), std::nullopt);
  EXPECT_EQ(request_with_query("&&a=1&&").query_param("a"), "1");
}

TEST(HttpRequest, QueryParamIsPercentDecoded) {
  const Request r = request_with_query(
      "q=hello+world&plus=a%2Bb&amp=x%26y&eq=a=b&ko=%EC%83%81%EB%8B%B4%EC%9B%90&na%6De=key");
  EXPECT_EQ(r.query_param("q"), "hello world") << "'+' is a space in a query";
  EXPECT_EQ(r.query_param("plus"), "a+b");
  EXPECT_EQ(r.query_param("amp"), "x&y");
  EXPECT_EQ(r.query_param("eq"), "a=b") << "only the first '=' splits";
  EXPECT_EQ(r.query_param("ko"), "상담원");
  EXPECT_EQ(r.query_param("name"), "key") << "names are decoded too";
}

TEST(HttpRequest, QueryParamWithABadEscape) {
  const Request r = request_with_query("bad=%zz&%G1=x&good=1");
  EXPECT_EQ(r.query_param("bad"), std::nullopt);
  EXPECT_EQ(r.query_param("good"), "1") << "a malformed pair does not hide the others";
}

TEST(HttpRequest, PathParam) {
  Request r;
  r.path_params = {{"id", "c-1"}, {"name", "상담"}};
  EXPECT_EQ(r.param("id"), "c-1");
  EXPECT_EQ(r.param("name"), "상담");
  EXPECT_EQ(r.param("other"), "");
}

// ---- Response ----

TEST(HttpResponse, DefaultsToJson200) {
  const Response r;
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, "application/json");
  EXPECT_TRUE(r.headers.empty());
}

TEST(HttpResponse, SetHeaderReplacesInsteadOfDuplicating) {
  Response r;
  r.set_header("etag", "\"1\"");
  r.set_header("cache-control", "no-cache");
  r.set_header("etag", "\"2\"");
  ASSERT_EQ(r.headers.size(), 2u);
  EXPECT_EQ(r.header("etag"), "\"2\"");
  EXPECT_EQ(r.header("cache-control"), "no-cache");
  EXPECT_EQ(r.headers[0].first, "etag") << "keeps its place";
  EXPECT_EQ(r.header("location"), std::nullopt);
}

TEST(HttpResponse, HeaderNamesAreCaseInsensitive) {
  // A handler writing "Vary" and the pipeline writing "vary" must not give two headers.
  Response r;
  r.set_header("Vary", "Accept-Language");
  r.set_header("vary", "Origin");
  ASSERT_EQ(r.headers.size(), 1u);
  EXPECT_EQ(r.header("vary"), "Origin");
  EXPECT_EQ(r.header("VARY"), "Origin");
}

// ---- Percent-decoding ----

TEST(HttpPercentDecode, WellFormedInput) {
  struct Case {
    const char* in;
    const char* out;
  };
  for (const Case& c : std::vector<Case>{
           {"", ""},
           {"plain", "plain"},
           {"a%20b", "a b"},
           {"%41%42%43", "ABC"},
           {"%4a%4A", "JJ"},  // either case of hex digit
           {"100%25", "100%"},
           {"%2F%3F%23", "/?#"},
           {"%ED%95%9C%EA%B8%80", "한글"},
           {"raw 한글 kept", "raw 한글 kept"},
           {"%e2%9c%93", "✓"},
       }) {
    SCOPED_TRACE(c.in);
    EXPECT_EQ(percent_decode(c.in, false), c.out);
  }
}

TEST(HttpPercentDecode, NulByteIsDecodedNotTruncated) {
  const auto out = percent_decode("a%00b", false);
  ASSERT_TRUE(out.has_value());
  EXPECT_EQ(*out, std::string("a\0b", 3));
}

TEST(HttpPercentDecode, PlusIsASpaceOnlyWhenAsked) {
  EXPECT_EQ(percent_decode("a+b", true), "a b");
  EXPECT_EQ(percent_decode("a+b", false), "a+b");
  EXPECT_EQ(percent_decode("a%2Bb", true), "a+b") << "an encoded '+' stays a '+'";
}

TEST(HttpPercentDecode, BadEscapesAreRejected) {
  for (const char* bad :
       {"%", "%4", "a%", "ab%4", "%zz", "%g0", "%0g", "%%41", "%-1", "% 1", "ok%2", "%\xc3\xa9"}) {
    SCOPED_TRACE(bad);
    EXPECT_EQ(percent_decode(bad, false), std::nullopt);
    EXPECT_EQ(percent_decode(bad, true), std::nullopt);
  }
}

TEST(HttpPercentDecode, EscapeAtTheVeryEndIsDecoded) {
  // Boundary: a complete escape that ends the input.
  EXPECT_EQ(percent_decode("ab%41", false), "abA");
  EXPECT_EQ(percent_decode("%41", false), "A");
}

TEST(HttpPercentDecode, DecodesBytesNotCharacters) {
  // The decoder is byte-level: a lone encoded byte that is not valid UTF-8 comes back as that
  // byte; validating text is the caller's job.
  EXPECT_EQ(percent_decode("%FF%c3", false), std::string("\xff\xc3"));
}

// ---- Reason phrases ----

TEST(HttpReasonPhrase, EveryStatusTheServerAndApiSend) {
  const std::map<int, std::string> expected = {
      {200, "OK"},
      {201, "Created"},
      {202, "Accepted"},
      {204, "No Content"},
      {304, "Not Modified"},
      {400, "Bad Request"},
      {401, "Unauthorized"},
      {403, "Forbidden"},
      {404, "Not Found"},
      {405, "Method Not Allowed"},
      {408, "Request Timeout"},
      {409, "Conflict"},
      {413, "Payload Too Large"},
      {415, "Unsupported Media Type"},
      {422, "Unprocessable Entity"},
      {429, "Too Many Requests"},
      {431, "Request Header Fields Too Large"},  // server.cc sends it for oversized headers
      {500, "Internal Server Error"},
      {503, "Service Unavailable"},
  };
  for (const auto& [status, phrase] : expected) {
    SCOPED_TRACE(status);
    EXPECT_EQ(reason_phrase(status), phrase);
  }
}

TEST(HttpReasonPhrase, UnknownStatusHasNoPhrase) {
  for (int s : {0, 99, 299, 418, 599, 1000, -1}) EXPECT_EQ(reason_phrase(s), "") << s;
}

}  // namespace
}  // namespace aicc::net
