// The customer's live WebSocket of one conversation, with resume (conversation_stream.cc).
#pragma once

#include <variant>

#include "api/api.h"
#include "net/websocket.h"

namespace aicc::api {

std::variant<net::Response, net::WsCallbacks> open_conversation_stream(ApiContext& ctx,
                                                                       net::Request& req);

}  // namespace aicc::api
