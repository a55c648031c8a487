#include "nlu/llm/http_client.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <memory>

#include "nlu/llm/llm_backend.h"
#include "nlu/llm/reply.h"

namespace aicc::nlu {
namespace {

constexpr std::size_t kMaxIdleHandles = 4;

struct Sink {
  HttpResponse* response = nullptr;
  std::size_t max_bytes = 0;
  bool overflow = false;
};

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
  auto* sink = static_cast<Sink*>(user);
  const std::size_t n = size * count;
  if (sink->response->body.size() + n > sink->max_bytes) {
    sink->overflow = true;
    return 0;  // makes curl stop with CURLE_WRITE_ERROR
  }
  sink->response->body.append(data, n);
  return n;
}

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
  auto* sink = static_cast<Sink*>(user);
  const std::size_t n = size * count;
  std::string_view line(data, n);
  if (line.starts_with("HTTP/")) {  // a new response (after 100 Continue or a proxy)
    sink->response->headers.clear();
    return n;
  }
  const auto colon = line.find(':');
  if (colon == std::string_view::npos) return n;
  std::string name(line.substr(0, colon));
  std::transform(name.begin(), name.end(), name.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  std::string_view value = line.substr(colon + 1);
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
  while (!value.empty() && (value.back() == '\r' || value.back() == '\n' || value.back() == ' ')) {
    value.remove_suffix(1);
  }
  sink->response->headers[name] = std::string(value);
  return n;
}

struct SlistDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

std::once_flag g_curl_init;  // curl_global_init is not thread-safe; run it once

}  // namespace

CurlHttpClient::CurlHttpClient(HttpOptions options) : options_(options) {
  std::call_once(g_curl_init, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

CurlHttpClient::~CurlHttpClient() {
  for (void* handle : idle_) curl_easy_cleanup(static_cast<CURL*>(handle));
}

void* CurlHttpClient::acquire() const {
  {
    std::lock_guard lock(mutex_);
    if (!idle_.empty()) {
      void* handle = idle_.back();
      idle_.pop_back();
      return handle;
    }
  }
  return curl_easy_init();
}

void CurlHttpClient::release(void* handle) const {
  std::lock_guard lock(mutex_);
  if (idle_.size() < kMaxIdleHandles) {
    idle_.push_back(handle);
  } else {
    curl_easy_cleanup(static_cast<CURL*>(handle));
  }
}

Result<HttpResponse> CurlHttpClient::send(const HttpRequest& request) const {
  auto* curl = static_cast<CURL*>(acquire());
  if (curl == nullptr) {
    return tl::unexpected(llm_error(llm_reason::kTransport, "curl_easy_init failed"));
  }
  curl_easy_reset(curl);  // clears options, keeps the connection cache

  // No "Expect: 100-continue" round trip: it costs a wait and buys nothing here.
  std::vector<std::string> lines{"Expect:"};
  for (const auto& [name, value] : request.headers) {
    if ((name + value).find_first_of("\r\n") != std::string::npos) {  // no header injection
      release(curl);
      return tl::unexpected(
          llm_error(llm_reason::kConfig, "header \"" + name + "\" holds a line break"));
    }
    lines.push_back(name + ": " + value);
  }
  std::unique_ptr<curl_slist, SlistDeleter> headers;
  for (const auto& line : lines) {
    curl_slist* next = curl_slist_append(headers.get(), line.c_str());
    if (next == nullptr) {
      release(curl);
      return tl::unexpected(llm_error(llm_reason::kTransport, "out of memory for headers"));
    }
    if (headers == nullptr) headers.reset(next);  // later appends keep the same head
  }

  HttpResponse response;
  Sink sink{&response, options_.max_response_bytes, false};
  char error_buffer[CURL_ERROR_SIZE] = {};

  curl_easy_setopt(curl, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(options_.total_timeout.count()));
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS,
                   static_cast<long>(options_.connect_timeout.count()));
  curl_easy_setopt(curl, CURLOPT_MAXFILESIZE_LARGE,
                   static_cast<curl_off_t>(options_.max_response_bytes));
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, &on_body);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &sink);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, &on_header);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &sink);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error_buffer);
  if (request.method == "GET") {
    curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L);
  } else {
    if (request.method != "POST") {
      curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, request.method.c_str());
    }
    curl_easy_setopt(curl, CURLOPT_POST, 1L);
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE,
                     static_cast<curl_off_t>(request.body.size()));
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, request.body.data());
  }

  const CURLcode rc = curl_easy_perform(curl);
  long status = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, nullptr);  // `headers` dies before the handle
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, nullptr);
  release(curl);

  if (rc != CURLE_OK) {
    const std::string detail = error_buffer[0] != '\0' ? error_buffer : curl_easy_strerror(rc);
    std::map<std::string, std::string> details{{"curl", std::to_string(static_cast<int>(rc))}};
    if (sink.overflow || rc == CURLE_FILESIZE_EXCEEDED) {
      return tl::unexpected(llm_error(
          llm_reason::kTooLarge,
          "response larger than " + std::to_string(options_.max_response_bytes) + " bytes",
          details));
    }
    if (rc == CURLE_OPERATION_TIMEDOUT) {
      return tl::unexpected(llm_error(llm_reason::kTimeout,
                                      "no complete response within " +
                                          std::to_string(options_.total_timeout.count()) +
                                          " ms: " + detail,
                                      details));
    }
    if (rc == CURLE_COULDNT_CONNECT || rc == CURLE_COULDNT_RESOLVE_HOST ||
        rc == CURLE_COULDNT_RESOLVE_PROXY) {
      return tl::unexpected(llm_error(llm_reason::kConnect, "cannot connect: " + detail, details));
    }
    return tl::unexpected(llm_error(llm_reason::kTransport, "HTTP failed: " + detail, details));
  }
  response.status = status;
  return response;
}

}  // namespace aicc::nlu
