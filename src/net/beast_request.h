// The one conversion from a request Beast parsed off the wire to the transport-neutral
// Request the pipeline handles: header names lower-cased, target split into path and query.
// Shared by the server and the HTTP fuzz target, so the fuzzer tests what the server runs.
#pragma once

#include <string>

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include "net/http.h"

namespace aicc::net {

Request to_request(const boost::beast::http::request<boost::beast::http::string_body>& in,
                   std::string remote);

}  // namespace aicc::net
