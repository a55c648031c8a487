// The HTTP layer as the server runs it: Beast's parser with the server's limits on raw bytes,
// the conversion to a Request, and the real pipeline (request id, CORS, routing with path
// parameters and wildcards, the role check, query and header access). Whatever the bytes,
// the parser refuses them or the pipeline answers with a valid status; nothing crashes.
#include <cstddef>
#include <cstdint>
#include <string>

#include <boost/beast/http/parser.hpp>
#include <boost/json.hpp>

#include "core/random.h"
#include "fuzz/fuzz_input.h"
#include "net/beast_request.h"
#include "net/pipeline.h"
#include "net/router.h"
#include "net/server.h"
#include "platform/metrics.h"

namespace {
namespace http = boost::beast::http;
using namespace aicc::net;

// Refuses every token: protected routes must answer 401, never reach their handler.
class NobodyAuthenticator final : public Authenticator {
 public:
  aicc::Result<Principal> authenticate(std::string_view) override {
    return aicc::make_error(aicc::ErrorCode::kUnauthenticated, "no sessions in the fuzzer");
  }
};

// Handlers that touch what real handlers touch: path parameters, query parameters, headers.
Response echo(Request& q) {
  std::string out;
  for (const auto& [k, v] : q.path_params) out += k + "=" + v + ";";
  for (const char* name : {"limit", "q", "from", "to", "last_event_id"})
    if (auto v = q.query_param(name)) out += *v;
  if (auto h = q.header("Authorization")) out += std::string(*h);
  Response r;
  r.content_type = "text/plain";
  r.body = std::move(out);
  return r;
}

struct Harness {
  Harness() : pipeline(router, options(), metrics, random) {
    router.add(Method::kGet, "/healthz", echo);
    router.add(Method::kGet, "/api/v1/conversations/{id}", echo);
    router.add(Method::kPost, "/api/v1/conversations/{id}/messages", echo);
    router.add(Method::kGet, "/api/v1/conversations/{id}/messages", echo);
    router.add(Method::kPut, "/api/v1/admin/faq/{id}", echo,
               RouteDoc{.required_role = aicc::Role::kAdmin});
    router.add(Method::kGet, "/docs/{file*}", echo);
    pipeline.set_authenticator(&authenticator);
  }
  static PipelineOptions options() {
    PipelineOptions o;
    o.cors_origins = {"https://shop.example"};
    o.access_log = false;
    return o;
  }
  Router router;
  aicc::MetricsRegistry metrics;
  aicc::SeededRandom random{7};
  NobodyAuthenticator authenticator;
  Pipeline pipeline;
};
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static Harness harness;
  const ServerOptions limits;
  http::request_parser<http::string_body> parser;
  parser.eager(true);
  parser.header_limit(static_cast<std::uint32_t>(limits.header_limit));
  parser.body_limit(limits.body_limit);
  boost::system::error_code ec;
  std::size_t used = 0;
  while (!parser.is_done() && used < size) {
    const auto n = parser.put(boost::asio::buffer(data + used, size - used), ec);
    if (ec || n == 0) break;
    used += n;
  }
  if (ec || !parser.is_done()) return 0;  // refused or incomplete: the server answers 400/408
  Request request = to_request(parser.get(), "192.0.2.1");
  const Response response = harness.pipeline.handle(request);
  if (response.status < 200 || response.status > 599) __builtin_trap();
  if (response.content_type == "application/json") {
    boost::system::error_code jec;
    (void)boost::json::parse(response.body, jec);
    if (jec) __builtin_trap();
  }
  return 0;
}
