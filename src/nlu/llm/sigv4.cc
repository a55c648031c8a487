#include "nlu/llm/sigv4.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <ctime>
#include <map>

namespace aicc::nlu::sigv4 {
namespace {

constexpr std::string_view kAlgorithm = "AWS4-HMAC-SHA256";

bool unreserved(unsigned char c) {
  return std::isalnum(c) != 0 || c == '-' || c == '_' || c == '.' || c == '~';
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Undoes percent-encoding; a '%' not followed by two hex digits stays literal. '+' stays '+'.
std::string percent_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 &&
        hex_value(text[i + 2]) >= 0) {
      out += static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

std::string lowercase(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// Trims the value and folds each run of spaces/tabs inside it into one space.
std::string canonical_header_value(std::string_view value) {
  std::string out;
  bool pending_space = false;
  for (const char c : value) {
    if (c == ' ' || c == '\t') {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    out += c;
  }
  return out;
}

bool owned_by_signer(std::string_view lower_name) {
  return lower_name == "x-amz-date" || lower_name == "authorization" ||
         lower_name == "x-amz-security-token" || lower_name == "x-amz-content-sha256";
}

}  // namespace

std::string hex(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (const char b : bytes) {
    const auto u = static_cast<unsigned char>(b);
    out += kDigits[u >> 4];
    out += kDigits[u & 0x0f];
  }
  return out;
}

std::string sha256_hex(std::string_view data) {
  std::array<unsigned char, SHA256_DIGEST_LENGTH> digest{};
  SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest.data());
  return hex(std::string_view(reinterpret_cast<const char*>(digest.data()), digest.size()));
}

std::string hmac_sha256(std::string_view key, std::string_view data) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> mac{};
  unsigned int length = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(data.data()), data.size(), mac.data(), &length);
  return std::string(reinterpret_cast<const char*>(mac.data()), length);
}

std::string signing_key(std::string_view secret, std::string_view date, std::string_view region,
                        std::string_view service) {
  const std::string k_date = hmac_sha256("AWS4" + std::string(secret), date);
  const std::string k_region = hmac_sha256(k_date, region);
  const std::string k_service = hmac_sha256(k_region, service);
  return hmac_sha256(k_service, "aws4_request");
}

std::string amz_date(TimePoint now) {
  const std::time_t seconds =
      std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  std::array<char, 32> buffer{};
  const std::size_t n = std::strftime(buffer.data(), buffer.size(), "%Y%m%dT%H%M%SZ", &utc);
  return std::string(buffer.data(), n);
}

std::string uri_encode(std::string_view text, bool keep_slash) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (unreserved(c) || (keep_slash && c == '/')) {
      out += ch;
    } else {
      out += '%';
      out += kDigits[c >> 4];
      out += kDigits[c & 0x0f];
    }
  }
  return out;
}

std::string canonical_query(std::string_view query) {
  std::vector<std::pair<std::string, std::string>> params;
  while (!query.empty()) {
    const auto amp = query.find('&');
    const std::string_view part = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (part.empty()) continue;
    const auto eq = part.find('=');
    const std::string_view name = part.substr(0, eq);
    const std::string_view value =
        eq == std::string_view::npos ? std::string_view() : part.substr(eq + 1);
    params.emplace_back(uri_encode(percent_decode(name), false),
                        uri_encode(percent_decode(value), false));
  }
  std::sort(params.begin(), params.end());
  std::string out;
  for (const auto& [name, value] : params) {
    if (!out.empty()) out += '&';
    out += name + "=" + value;
  }
  return out;
}

Result<Signature> sign(const Request& request, const Credentials& credentials,
                       const Options& options, TimePoint now) {
  if (credentials.access_key_id.empty() || credentials.secret_access_key.empty()) {
    return make_error(ErrorCode::kInvalidArgument, "SigV4: access key id and secret are required");
  }
  if (options.region.empty() || options.service.empty() || request.method.empty() ||
      request.host.empty()) {
    return make_error(ErrorCode::kInvalidArgument,
                      "SigV4: region, service, method and host are required");
  }
  Signature out;
  out.amz_date = amz_date(now);
  const std::string date = out.amz_date.substr(0, 8);
  const std::string payload_hash = sha256_hex(request.payload);

  // Canonical headers: lowercase names, sorted; repeated names joined with ','.
  std::map<std::string, std::string> headers;
  auto add = [&](std::string_view name, std::string_view value) {
    auto [it, inserted] = headers.try_emplace(lowercase(name), canonical_header_value(value));
    if (!inserted) it->second += "," + canonical_header_value(value);
  };
  bool has_host = false;
  for (const auto& [name, value] : request.headers) {
    const std::string lower = lowercase(name);
    if (owned_by_signer(lower)) continue;
    has_host = has_host || lower == "host";
    add(lower, value);
  }
  if (!has_host) add("host", request.host);
  add("x-amz-date", out.amz_date);
  out.headers.emplace_back("x-amz-date", out.amz_date);
  if (!credentials.session_token.empty()) {
    add("x-amz-security-token", credentials.session_token);
    out.headers.emplace_back("x-amz-security-token", credentials.session_token);
  }
  if (options.add_content_sha256) {
    add("x-amz-content-sha256", payload_hash);
    out.headers.emplace_back("x-amz-content-sha256", payload_hash);
  }
  std::string canonical_headers;
  for (const auto& [name, value] : headers) {
    canonical_headers += name + ":" + value + "\n";
    if (!out.signed_headers.empty()) out.signed_headers += ';';
    out.signed_headers += name;
  }

  std::string path = request.path.empty() ? "/" : request.path;
  if (options.double_encode_path) path = uri_encode(path, true);
  out.canonical_request = request.method + "\n" + path + "\n" + canonical_query(request.query) +
                          "\n" + canonical_headers + "\n" + out.signed_headers + "\n" +
                          payload_hash;

  const std::string scope = date + "/" + options.region + "/" + options.service + "/aws4_request";
  out.string_to_sign = std::string(kAlgorithm) + "\n" + out.amz_date + "\n" + scope + "\n" +
                       sha256_hex(out.canonical_request);
  const std::string key =
      signing_key(credentials.secret_access_key, date, options.region, options.service);
  out.signature = hex(hmac_sha256(key, out.string_to_sign));
  out.authorization = std::string(kAlgorithm) + " Credential=" + credentials.access_key_id + "/" +
                      scope + ", SignedHeaders=" + out.signed_headers +
                      ", Signature=" + out.signature;
  out.headers.emplace_back("authorization", out.authorization);
  return out;
}

}  // namespace aicc::nlu::sigv4
