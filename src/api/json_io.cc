#include "api/json_io.h"

#include <charconv>

#include "core/utf8.h"

namespace aicc::api {

std::variant<int, net::Response> limit_param(const net::Request& request, int fallback, int max) {
  auto value = request.query_param("limit");
  if (!value) return fallback;
  int limit = 0;
  auto [p, ec] = std::from_chars(value->data(), value->data() + value->size(), limit);
  if (ec != std::errc() || p != value->data() + value->size() || limit < 1 || limit > max)
    return net::error_response(400, "invalid_request",
                               "limit must be an integer from 1 to " + std::to_string(max),
                               {{"field", "limit"}});
  return limit;
}

std::variant<json::object, net::Response> read_object(const net::Request& req, bool allow_empty) {
  if (req.body.empty()) {
    if (allow_empty) return json::object{};
    return net::error_response(400, "invalid_request", "a JSON request body is required");
  }
  const auto ct = req.header("content-type");
  if (!ct || ct->find("json") == std::string_view::npos) {
    return net::error_response(415, "unsupported_media_type", "send the body as application/json",
                               {{"content_type", ct ? std::string(*ct) : std::string()}});
  }
  if (!is_valid_utf8(req.body))
    return net::error_response(400, "invalid_json", "the request body is not valid UTF-8");
  boost::system::error_code ec;
  json::parse_options opts;
  opts.max_depth = 32;
  json::value v = json::parse(req.body, ec, {}, opts);
  if (ec)
    return net::error_response(400, "invalid_json",
                               "the request body is not valid JSON: " + ec.message());
  if (!v.is_object())
    return net::error_response(400, "invalid_request", "the request body must be a JSON object");
  return std::move(v.as_object());
}

FieldReader::FieldReader(const json::object& object, std::string path_prefix)
    : object_(object), prefix_(std::move(path_prefix)) {}

std::string FieldReader::path(std::string_view key) const {
  return prefix_.empty() ? std::string(key) : prefix_ + "." + std::string(key);
}

void FieldReader::fail(std::string_view key, const std::string& message) {
  if (!error_)
    error_ = net::error_response(400, "invalid_request", message, {{"field", path(key)}});
}

std::optional<std::string> FieldReader::string(std::string_view key, bool required) {
  seen_.emplace(key);
  const auto* v = object_.if_contains(key);
  if (!v || v->is_null()) {
    if (required) fail(key, path(key) + " is required");
    return std::nullopt;
  }
  if (!v->is_string()) {
    fail(key, path(key) + " must be a string");
    return std::nullopt;
  }
  return std::string(v->as_string());
}

std::optional<std::int64_t> FieldReader::integer(std::string_view key, bool required,
                                                 std::int64_t min, std::int64_t max) {
  seen_.emplace(key);
  const auto* v = object_.if_contains(key);
  if (!v || v->is_null()) {
    if (required) fail(key, path(key) + " is required");
    return std::nullopt;
  }
  std::int64_t out = 0;
  if (v->is_int64()) {
    out = v->as_int64();
  } else if (v->is_uint64() && v->as_uint64() <= static_cast<std::uint64_t>(INT64_MAX)) {
    out = static_cast<std::int64_t>(v->as_uint64());
  } else {
    fail(key, path(key) + " must be an integer");
    return std::nullopt;
  }
  if (out < min || out > max) {
    fail(key,
         path(key) + " must be between " + std::to_string(min) + " and " + std::to_string(max));
    return std::nullopt;
  }
  return out;
}

std::optional<bool> FieldReader::boolean(std::string_view key, bool required) {
  seen_.emplace(key);
  const auto* v = object_.if_contains(key);
  if (!v || v->is_null()) {
    if (required) fail(key, path(key) + " is required");
    return std::nullopt;
  }
  if (!v->is_bool()) {
    fail(key, path(key) + " must be true or false");
    return std::nullopt;
  }
  return v->as_bool();
}

const json::object* FieldReader::object(std::string_view key, bool required) {
  seen_.emplace(key);
  const auto* v = object_.if_contains(key);
  if (!v || v->is_null()) {
    if (required) fail(key, path(key) + " is required");
    return nullptr;
  }
  if (!v->is_object()) {
    fail(key, path(key) + " must be an object");
    return nullptr;
  }
  return &v->as_object();
}

const json::array* FieldReader::array(std::string_view key, bool required) {
  seen_.emplace(key);
  const auto* v = object_.if_contains(key);
  if (!v || v->is_null()) {
    if (required) fail(key, path(key) + " is required");
    return nullptr;
  }
  if (!v->is_array()) {
    fail(key, path(key) + " must be an array");
    return nullptr;
  }
  return &v->as_array();
}

std::optional<std::vector<std::string>> FieldReader::strings(std::string_view key, bool required) {
  const json::array* items = array(key, required);
  if (!items) return std::nullopt;
  std::vector<std::string> out;
  for (std::size_t i = 0; i < items->size(); ++i) {
    const auto& item = (*items)[i];
    if (!item.is_string()) {
      fail(key, path(key) + "[" + std::to_string(i) + "] must be a string");
      return std::nullopt;
    }
    out.emplace_back(item.as_string());
  }
  return out;
}

void FieldReader::reject_unknown() {
  for (const auto& kv : object_) {
    if (!seen_.contains(std::string_view(kv.key()))) {
      fail(kv.key(), "unknown field " + path(kv.key()));
      return;
    }
  }
}

namespace {
json::value optional_string(const std::string& s) {
  return s.empty() ? json::value(nullptr) : json::value(s);
}
json::value optional_time(const std::optional<TimePoint>& t) {
  return t ? json::value(format_iso8601(*t)) : json::value(nullptr);
}
}  // namespace

json::object to_json(const Conversation& c) {
  return {{"id", c.id},
          {"customer_id", c.customer_id},
          {"channel", c.channel},
          {"language", optional_string(c.language)},
          {"state", to_string(c.state)},
          {"close_reason", optional_string(c.close_reason)},
          {"message_count", c.message_count},
          {"created_at", format_iso8601(c.created_at)},
          {"updated_at", format_iso8601(c.updated_at)},
          {"last_activity_at", format_iso8601(c.last_activity_at)},
          {"closed_at", optional_time(c.closed_at)},
          {"escalation", c.escalation_reason.empty()
                             ? json::value(nullptr)
                             : json::value(json::object{{"reason", c.escalation_reason},
                                                        {"priority", c.escalation_priority}})}};
}

json::object to_json(const Customer& c) {
  json::array tags;
  for (const auto& t : c.tags) tags.emplace_back(t);
  return {{"id", c.id},
          {"external_id", optional_string(c.external_id)},
          {"name", optional_string(c.name)},
          {"phone", optional_string(c.phone)},
          {"email", optional_string(c.email)},
          {"tier", to_string(c.tier)},
          {"language", optional_string(c.language)},
          {"tags", std::move(tags)},
          {"escalation_count", c.escalation_count},
          {"satisfaction", c.satisfaction ? json::value(*c.satisfaction) : json::value(nullptr)},
          {"created_at", format_iso8601(c.created_at)},
          {"updated_at", format_iso8601(c.updated_at)}};
}

json::object to_json(const Message& m) {
  json::value entities = json::array();
  if (!m.entities_json.empty()) {
    boost::system::error_code ec;
    auto parsed = json::parse(m.entities_json, ec);
    if (!ec) entities = std::move(parsed);
  }
  json::value details = nullptr;
  if (!m.details_json.empty()) {
    boost::system::error_code ec;
    auto parsed = json::parse(m.details_json, ec);
    if (!ec) details = std::move(parsed);
  }
  return {{"id", m.id},
          {"conversation_id", m.conversation_id},
          {"seq", m.seq},
          {"sender", to_string(m.sender)},
          {"sender_id", optional_string(m.sender_id)},
          {"text", m.text},
          {"client_msg_id", m.client_msg_id ? json::value(*m.client_msg_id) : json::value(nullptr)},
          {"intent", optional_string(m.intent)},
          {"confidence", m.confidence ? json::value(*m.confidence) : json::value(nullptr)},
          {"entities", std::move(entities)},
          {"sentiment", optional_string(m.sentiment)},
          {"decision", optional_string(m.decision)},
          {"reason", optional_string(m.reason)},
          {"details", std::move(details)},
          {"created_at", format_iso8601(m.created_at)}};
}

net::Response json_response(int status, const json::value& body) {
  net::Response r;
  r.status = status;
  r.body = json::serialize(body);
  return r;
}

json::object agent_work_json(const Escalation& e) {
  const auto optional_time = [](const std::optional<TimePoint>& t) {
    return t ? json::value(format_iso8601(*t)) : json::value(nullptr);
  };
  return {{"id", e.id},
          {"reference", e.reference},
          {"conversation_id", e.conversation_id},
          {"customer_id", e.customer_id},
          {"agent_id", e.agent_id},
          {"state", to_string(e.state)},
          {"reason", e.reason},
          {"priority", e.priority},
          {"queue_id", e.queue_id},
          {"language", e.language},
          {"note", e.note},
          {"disposition", e.disposition},
          {"wrap_up_notes", e.wrap_up_notes},
          {"created_at", format_iso8601(e.created_at)},
          {"offered_at", optional_time(e.offered_at)},
          {"assigned_at", optional_time(e.assigned_at)},
          {"ended_at", optional_time(e.ended_at)}};
}

}  // namespace aicc::api
