// Event ids of the live streams and resuming after a reconnect (docs/api.md, "Resuming a
// stream"). Every event a stream sends carries "event_id"; a client that reconnects
// passes the last one it received as ?last_event_id=… and the stream sends what it missed
// before anything new.
//
// An id is "<node>.<number>" on the agent stream and "<node>.<number>.<seq>" on a
// conversation stream: the node that sent it (api::LiveEvents::node_id), that node's
// EventBus number of the event, and the highest message seq the stream had delivered,
// without a gap, up to it. Clients treat ids as opaque.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "service/event_bus.h"

namespace aicc::api {

struct StreamPosition {
  std::string node;
  std::uint64_t number = 0;
  std::int64_t seq = -1;  // -1 on the agent stream
};

std::string format_event_id(const std::string& node, std::uint64_t number, std::int64_t seq = -1);
// kInvalidArgument (field last_event_id) for anything format_event_id cannot produce,
// or for an agent id where a conversation id is needed (`with_seq`) and vice versa.
Result<StreamPosition> parse_event_id(std::string_view id, bool with_seq);

// The event as a client receives it: `event_id` first, then the event's own fields.
std::string with_event_id(std::string_view event_json, const std::string& event_id);

// The events after `from` in this node's ring, for `topics`; nullopt when they cannot
// be replayed: another node's id (or a restarted one) or a gap older than the ring.
std::optional<std::vector<BusEvent>> replayable(const EventBus& bus, const std::string& node,
                                                const StreamPosition& from,
                                                const std::vector<std::string>& topics);

}  // namespace aicc::api
