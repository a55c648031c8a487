// The SigV4 signer against AWS's documented examples: the Signature Version 4 test suite
// (AKIDEXAMPLE, 20150830T123600Z, us-east-1, service "service", host example.amazonaws.com)
// and the IAM user guide's signing-key and ListUsers examples.
#include "nlu/llm/sigv4.h"

#include <gtest/gtest.h>

namespace aicc::nlu::sigv4 {
namespace {

constexpr std::string_view kSecret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
constexpr std::string_view kEmptyHash =
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

TimePoint suite_time() {
  return *parse_iso8601("2015-08-30T12:36:00Z");
}

Credentials suite_credentials(std::string token = "") {
  return {"AKIDEXAMPLE", std::string(kSecret), std::move(token)};
}

Options suite_options() {
  Options o;
  o.region = "us-east-1";
  o.service = "service";
  return o;
}

Signature sign_suite(std::string method, std::string path, std::string query = "",
                     std::vector<std::pair<std::string, std::string>> headers = {},
                     std::string_view payload = "", std::string token = "") {
  Request r;
  r.method = std::move(method);
  r.host = "example.amazonaws.com";
  r.path = std::move(path);
  r.query = std::move(query);
  r.headers = std::move(headers);
  r.payload = payload;
  auto s = sign(r, suite_credentials(std::move(token)), suite_options(), suite_time());
  EXPECT_TRUE(s) << s.error().message;
  return s ? *s : Signature{};
}

std::string suite_authorization(std::string_view signed_headers, std::string_view signature) {
  return "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
         "SignedHeaders=" +
         std::string(signed_headers) + ", Signature=" + std::string(signature);
}

TEST(SigV4, Sha256OfEmptyPayload) {
  EXPECT_EQ(sha256_hex(""), kEmptyHash);
}

TEST(SigV4, AmzDateFormat) {
  EXPECT_EQ(amz_date(suite_time()), "20150830T123600Z");
}

TEST(SigV4, IamGuideSigningKey) {
  // IAM user guide: kSigning for 20150830 / us-east-1 / iam.
  EXPECT_EQ(hex(signing_key(kSecret, "20150830", "us-east-1", "iam")),
            "c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9");
}

TEST(SigV4, IamGuideListUsersExample) {
  Request r;
  r.method = "GET";
  r.host = "iam.amazonaws.com";
  r.path = "/";
  r.query = "Action=ListUsers&Version=2010-05-08";
  r.headers = {{"Content-Type", "application/x-www-form-urlencoded; charset=utf-8"}};
  Options o;
  o.region = "us-east-1";
  o.service = "iam";
  auto s = sign(r, suite_credentials(), o, suite_time());
  ASSERT_TRUE(s) << s.error().message;
  EXPECT_EQ(s->canonical_request,
            "GET\n/\nAction=ListUsers&Version=2010-05-08\n"
            "content-type:application/x-www-form-urlencoded; charset=utf-8\n"
            "host:iam.amazonaws.com\nx-amz-date:20150830T123600Z\n\n"
            "content-type;host;x-amz-date\n" +
                std::string(kEmptyHash));
  EXPECT_EQ(sha256_hex(s->canonical_request),
            "f536975d06c0309214f805bb90ccff089219ecd68b2577efef23edd43b7e1a59");
  EXPECT_EQ(s->string_to_sign,
            "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/iam/aws4_request\n"
            "f536975d06c0309214f805bb90ccff089219ecd68b2577efef23edd43b7e1a59");
  EXPECT_EQ(s->signature, "5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7");
}

TEST(SigV4, SuiteGetVanilla) {
  const auto s = sign_suite("GET", "/");
  EXPECT_EQ(s.canonical_request,
            "GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\n"
            "host;x-amz-date\n" +
                std::string(kEmptyHash));
  EXPECT_EQ(s.string_to_sign,
            "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n"
            "bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63");
  EXPECT_EQ(
      s.authorization,
      suite_authorization("host;x-amz-date",
                          "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"));
  // The headers to send: x-amz-date, then the Authorization itself.
  ASSERT_EQ(s.headers.size(), 2u);
  EXPECT_EQ(s.headers[0], (std::pair<std::string, std::string>("x-amz-date", "20150830T123600Z")));
  EXPECT_EQ(s.headers[1].first, "authorization");
  EXPECT_EQ(s.headers[1].second, s.authorization);
}

TEST(SigV4, SuitePostVanilla) {
  EXPECT_EQ(sign_suite("POST", "/").signature,
            "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b");
}

TEST(SigV4, SuiteGetVanillaQueryOrderKeyCase) {
  const auto s = sign_suite("GET", "/", "Param2=value2&Param1=value1");
  EXPECT_TRUE(s.canonical_request.starts_with("GET\n/\nParam1=value1&Param2=value2\n"));
  EXPECT_EQ(s.signature, "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500");
}

TEST(SigV4, SuiteGetVanillaQueryOrderValue) {
  const auto s = sign_suite("GET", "/", "Param1=value2&Param1=value1");
  EXPECT_TRUE(s.canonical_request.starts_with("GET\n/\nParam1=value1&Param1=value2\n"));
  EXPECT_EQ(s.signature, "5772eed61e12b33fae39ee5e7012498b51d56abc0abb7c60486157bd471c4694");
}

TEST(SigV4, SuiteGetUnreserved) {
  EXPECT_EQ(sign_suite("GET", "/-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
                .signature,
            "07ef7494c76fa4850883e2b006601f940f8a34d404d0cfa977f52a65bbf5f24f");
}

TEST(SigV4, SuiteGetHeaderValueTrim) {
  const auto s =
      sign_suite("GET", "/", "", {{"My-Header1", " value1"}, {"My-Header2", "\"a   b   c\""}});
  EXPECT_NE(s.canonical_request.find("my-header1:value1\nmy-header2:\"a b c\"\n"),
            std::string::npos);
  EXPECT_EQ(
      s.authorization,
      suite_authorization("host;my-header1;my-header2;x-amz-date",
                          "acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736"));
}

TEST(SigV4, SuitePostXWwwFormUrlencoded) {
  const auto s = sign_suite(
      "POST", "/", "", {{"Content-Type", "application/x-www-form-urlencoded"}}, "Param1=value1");
  EXPECT_EQ(sha256_hex(s.canonical_request),
            "42a5e5bb34198acb3e84da4f085bb7927f2bc277ca766e6d19c73c2154021281");
  EXPECT_EQ(
      s.authorization,
      suite_authorization("content-type;host;x-amz-date",
                          "ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a"));
}

TEST(SigV4, SuiteGetVanillaWithSessionToken) {
  const std::string token = "6e86291e8372ff2a2260956d9b8aae1d763fbf315fa00fa31553b73ebf194267";
  const auto s = sign_suite("GET", "/", "", {}, "", token);
  EXPECT_EQ(sha256_hex(s.canonical_request),
            "067b36aa60031588cea4a4cde1f21215227a047690c72247f1d70b32fbbfad2b");
  EXPECT_EQ(
      s.authorization,
      suite_authorization("host;x-amz-date;x-amz-security-token",
                          "07ec1639c89043aa0e3e2de82b96708f198cceab042d4a97044c66dd9f74e7f8"));
  bool sent = false;
  for (const auto& [name, value] : s.headers)
    sent = sent || (name == "x-amz-security-token" && value == token);
  EXPECT_TRUE(sent);
}

TEST(SigV4, ContentSha256IsSentAndSigned) {
  const auto s = sign_suite("POST", "/", "", {}, "{}");
  Request r{"POST", "example.amazonaws.com", "/", "", {}, "{}"};
  Options o = suite_options();
  o.add_content_sha256 = true;
  auto with = sign(r, suite_credentials(), o, suite_time());
  ASSERT_TRUE(with);
  EXPECT_EQ(with->signed_headers, "host;x-amz-content-sha256;x-amz-date");
  EXPECT_NE(with->canonical_request.find("x-amz-content-sha256:" + sha256_hex("{}") + "\n"),
            std::string::npos);
  EXPECT_NE(with->signature, s.signature);
}

TEST(SigV4, PathIsEncodedOnceMoreForNonS3Services) {
  // Bedrock model ids hold ':' — sent as %3A, canonicalised as %253A.
  const auto s = sign_suite("POST", "/model/anthropic.claude-v2%3A1/invoke");
  EXPECT_TRUE(s.canonical_request.starts_with("POST\n/model/anthropic.claude-v2%253A1/invoke\n"));
  Request r{"POST", "example.amazonaws.com", "/a%3Ab", "", {}, ""};
  Options o = suite_options();
  o.double_encode_path = false;
  auto single = sign(r, suite_credentials(), o, suite_time());
  ASSERT_TRUE(single);
  EXPECT_TRUE(single->canonical_request.starts_with("POST\n/a%3Ab\n"));
}

TEST(SigV4, CanonicalQueryEncodesAndSorts) {
  EXPECT_EQ(canonical_query("b=2&a=1"), "a=1&b=2");
  EXPECT_EQ(canonical_query("q=a+b"), "q=a%2Bb");
  EXPECT_EQ(canonical_query("q=a%20b&flag"), "flag=&q=a%20b");
  EXPECT_EQ(canonical_query("x=a/b"), "x=a%2Fb");
  EXPECT_EQ(canonical_query(""), "");
}

TEST(SigV4, CallerCannotOverrideSignerHeaders) {
  const auto plain = sign_suite("GET", "/");
  const auto spoofed =
      sign_suite("GET", "/", "", {{"X-Amz-Date", "19990101T000000Z"}, {"Authorization", "nope"}});
  EXPECT_EQ(spoofed.signature, plain.signature);
}

TEST(SigV4, RejectsMissingCredentialsOrScope) {
  Request r{"GET", "example.amazonaws.com", "/", "", {}, ""};
  EXPECT_FALSE(sign(r, {"", "secret", ""}, suite_options(), suite_time()));
  EXPECT_FALSE(sign(r, {"AKID", "", ""}, suite_options(), suite_time()));
  Options no_region = suite_options();
  no_region.region.clear();
  const auto e = sign(r, suite_credentials(), no_region, suite_time());
  ASSERT_FALSE(e);
  EXPECT_EQ(e.error().code, ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace aicc::nlu::sigv4
