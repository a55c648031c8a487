// AWS Signature Version 4 (HMAC-SHA256), implemented with OpenSSL. Follows the IAM user
// guide's "Create a signed AWS API request": canonical request, string to sign, signing key
// derived from the secret by date, region and service, and the Authorization header.
// Verified against the documented signing examples (tests/unit/nlu_llm/sigv4_test.cc).
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/clock.h"
#include "core/result.h"

namespace aicc::nlu::sigv4 {

struct Credentials {
  std::string access_key_id;
  std::string secret_access_key;
  std::string session_token;  // temporary credentials only; sent as x-amz-security-token
};

struct Request {
  std::string method;  // "GET", "POST", …
  std::string host;    // the Host header as sent: "bedrock-runtime.us-east-1.amazonaws.com"
  // The path as it goes on the wire, percent-encoded once ("/model/a.b-v1%3A0/invoke").
  std::string path;
  std::string query;  // the raw query string without '?', as it goes on the wire
  std::vector<std::pair<std::string, std::string>> headers;  // headers to sign besides host
  std::string_view payload;
};

struct Options {
  std::string region;
  std::string service;
  // Also send and sign x-amz-content-sha256 (the payload hash). The test suite does not.
  bool add_content_sha256 = false;
  // Every service but S3 encodes the (already encoded) path once more in the canonical URI.
  bool double_encode_path = true;
};

struct Signature {
  std::string amz_date;           // 20150830T123600Z
  std::string canonical_request;  // for diagnostics and tests
  std::string string_to_sign;
  std::string signed_headers;  // host;x-amz-date
  std::string signature;       // lowercase hex
  std::string authorization;   // the Authorization header value
  // Headers the caller must send besides its own: x-amz-date, then x-amz-security-token and
  // x-amz-content-sha256 when used, then authorization (lowercase names).
  std::vector<std::pair<std::string, std::string>> headers;
};

// Fails (kInvalidArgument) on empty credentials, region, service, method or host.
Result<Signature> sign(const Request& request, const Credentials& credentials,
                       const Options& options, TimePoint now);

// The building blocks, exposed for the documented test vectors.
std::string sha256_hex(std::string_view data);
std::string hmac_sha256(std::string_view key, std::string_view data);  // raw 32 bytes
std::string hex(std::string_view bytes);
// kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request").
std::string signing_key(std::string_view secret, std::string_view date, std::string_view region,
                        std::string_view service);
std::string amz_date(TimePoint now);  // YYYYMMDD'T'HHMMSS'Z' in UTC
// RFC 3986 encoding of all but the unreserved characters A-Z a-z 0-9 - _ . ~ (uppercase hex);
// '/' is kept when `keep_slash`.
std::string uri_encode(std::string_view text, bool keep_slash);
std::string canonical_query(std::string_view query);

}  // namespace aicc::nlu::sigv4
