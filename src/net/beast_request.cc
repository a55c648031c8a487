#include "net/beast_request.h"

#include <cctype>

namespace aicc::net {

Request to_request(const boost::beast::http::request<boost::beast::http::string_body>& in,
                   std::string remote) {
  Request r;
  r.method = parse_method(std::string_view(in.method_string()));
  r.target = std::string(in.target());
  const auto q = r.target.find('?');
  r.path = r.target.substr(0, q);
  if (q != std::string::npos) r.query = r.target.substr(q + 1);
  for (const auto& f : in) {
    std::string name(f.name_string());
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    r.headers.emplace_back(std::move(name), std::string(f.value()));
  }
  r.body = in.body();
  r.remote_address = std::move(remote);
  return r;
}

}  // namespace aicc::net
