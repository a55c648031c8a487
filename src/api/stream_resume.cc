#include "api/stream_resume.h"

#include <charconv>

namespace aicc::api {

std::string format_event_id(const std::string& node, std::uint64_t number, std::int64_t seq) {
  std::string id = node + "." + std::to_string(number);
  if (seq >= 0) id += "." + std::to_string(seq);
  return id;
}

namespace {

template <typename T>
bool parse_number(std::string_view text, T& out) {
  if (text.empty() || text.size() > 19) return false;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && end == text.data() + text.size();
}

}  // namespace

Result<StreamPosition> parse_event_id(std::string_view id, bool with_seq) {
  auto invalid = [&] {
    return make_error(ErrorCode::kInvalidArgument,
                      std::string("last_event_id must be an event_id this stream sent (") +
                          (with_seq ? "node.number.seq" : "node.number") + ")",
                      {{"field", "last_event_id"}});
  };
  std::vector<std::string_view> parts;
  while (true) {
    const auto dot = id.find('.');
    parts.push_back(id.substr(0, dot));
    if (dot == std::string_view::npos) break;
    id.remove_prefix(dot + 1);
  }
  if (parts.size() != (with_seq ? 3u : 2u)) return invalid();
  StreamPosition p;
  if (parts[0].size() != 8 ||
      parts[0].find_first_not_of("0123456789abcdef") != std::string_view::npos)
    return invalid();
  p.node = std::string(parts[0]);
  if (!parse_number(parts[1], p.number)) return invalid();
  if (with_seq && (!parse_number(parts[2], p.seq) || p.seq < 0)) return invalid();
  return p;
}

std::string with_event_id(std::string_view event_json, const std::string& event_id) {
  // Events are serialised JSON objects; splicing the id in front of their first field
  // spares parsing each event once per subscriber.
  std::string out;
  out.reserve(event_json.size() + event_id.size() + 16);
  out += R"({"event_id":")";
  out += event_id;
  out += '"';
  if (event_json.size() > 2) out += ',';
  out.append(event_json.substr(1));
  return out;
}

std::optional<std::vector<BusEvent>> replayable(const EventBus& bus, const std::string& node,
                                                const StreamPosition& from,
                                                const std::vector<std::string>& topics) {
  if (from.node != node) return std::nullopt;
  return bus.since(from.number, topics);
}

}  // namespace aicc::api
