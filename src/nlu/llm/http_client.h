// A small blocking HTTP client for the LLM backends, on libcurl: one request at a time per
// call, a strict total timeout, a connect timeout and a cap on the response size. Connections
// are reused through a small pool of curl handles, so concurrent callers do not serialise.
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "core/result.h"

namespace aicc::nlu {

struct HttpRequest {
  std::string method = "POST";
  std::string url;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
};

struct HttpResponse {
  long status = 0;
  std::map<std::string, std::string> headers;  // lowercase names; the last value wins
  std::string body;
};

struct HttpOptions {
  std::chrono::milliseconds total_timeout{3000};  // the whole exchange, connect included
  std::chrono::milliseconds connect_timeout{1000};
  std::size_t max_response_bytes = 1024 * 1024;
};

class HttpClient {
 public:
  virtual ~HttpClient() = default;
  // Any HTTP status is a response; only transport failures are errors, with details
  // "reason" = timeout | connect | too_large | transport (llm_reason).
  virtual Result<HttpResponse> send(const HttpRequest& request) const = 0;
};

class CurlHttpClient final : public HttpClient {
 public:
  explicit CurlHttpClient(HttpOptions options = {});
  ~CurlHttpClient() override;
  CurlHttpClient(const CurlHttpClient&) = delete;
  CurlHttpClient& operator=(const CurlHttpClient&) = delete;

  Result<HttpResponse> send(const HttpRequest& request) const override;
  const HttpOptions& options() const { return options_; }

 private:
  void* acquire() const;  // a CURL*, from the pool or new
  void release(void* handle) const;

  HttpOptions options_;
  mutable std::mutex mutex_;
  mutable std::vector<void*> idle_;
};

}  // namespace aicc::nlu
