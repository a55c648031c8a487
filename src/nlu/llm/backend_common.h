// Pieces shared by the Bedrock and OpenAI-compatible backends (internal to nlu/llm).
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"
#include "nlu/llm/http_client.h"

namespace aicc::nlu::detail {

// A base URL split for signing and for the Host header: "http://127.0.0.1:8080/x/" gives
// origin "http://127.0.0.1:8080", authority "127.0.0.1:8080", path "/x" (no trailing '/').
struct BaseUrl {
  std::string origin;
  std::string authority;
  std::string path;
};
// Fails (reason config) unless `url` is an absolute http(s) URL without query or fragment.
Result<BaseUrl> parse_base_url(std::string_view url);

// The error for a non-2xx answer: reason http_status, details "status" and, when the body or
// `error_type_header` names one, "error_type"; the message quotes the provider's message.
Error http_status_error(std::string_view provider, const HttpResponse& response,
                        std::string_view error_type_header);

}  // namespace aicc::nlu::detail
