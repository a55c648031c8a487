// Request bodies as every JSON endpoint reads them: the content type (the first byte picks
// one), read_object, then the typed field reader the handlers use, nested objects included.
// Whatever arrives, the answer is an object or the API's one error shape.
#include <cstddef>
#include <cstdint>
#include <string>

#include <boost/json.hpp>

#include "api/json_io.h"
#include "fuzz/fuzz_input.h"

namespace {
namespace json = boost::json;
using aicc::api::FieldReader;

constexpr const char* kContentTypes[] = {"application/json", "application/json; charset=utf-8",
                                         "text/plain", "APPLICATION/JSON", ""};

void read_fields(const json::object& body, int depth) {
  FieldReader r(body);
  (void)r.string("text");
  (void)r.string("client_msg_id");
  (void)r.integer("rating", false, 1, 5);
  (void)r.integer("limit");
  (void)r.boolean("active");
  (void)r.strings("events");
  if (const auto* arr = r.array("examples")) (void)arr->size();
  if (const auto* nested = r.object("metadata"); nested && depth < 4) {
    FieldReader inner(*nested, "metadata");
    (void)inner.string("name");
    r.take_error(inner);
    read_fields(*nested, depth + 1);
  }
  r.reject_unknown();
  if (!r.ok()) {
    const auto error = r.error();
    // The one error shape: a 4xx JSON body that itself parses.
    if (error.status < 400 || error.status > 499) __builtin_trap();
    boost::system::error_code ec;
    (void)json::parse(error.body, ec);
    if (ec) __builtin_trap();
  }
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto [selector, body] = aicc::fuzz::split_selector(data, size);
  aicc::net::Request request;
  request.method = aicc::net::Method::kPost;
  const char* type = kContentTypes[selector % std::size(kContentTypes)];
  if (*type) request.headers.emplace_back("content-type", type);
  request.body = std::string(body);
  auto parsed = aicc::api::read_object(request, selector & 0x80);
  if (auto* object = std::get_if<json::object>(&parsed)) {
    read_fields(*object, 0);
  } else {
    const auto& response = std::get<aicc::net::Response>(parsed);
    if (response.status < 400 || response.status > 499) __builtin_trap();
  }
  return 0;
}
