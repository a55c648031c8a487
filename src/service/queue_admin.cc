#include "service/queue_admin.h"

#include <algorithm>

#include <boost/json.hpp>

#include "platform/log.h"

namespace aicc {
namespace json = boost::json;

namespace {

const std::string kSource = "queue configuration";
constexpr int kAttempts = 5;  // compare-and-set rounds against other changes

Error invalid(const std::string& field, const std::string& what) {
  return Error(ErrorCode::kInvalidArgument, field + ": " + what, {{"field", field}});
}

// A loader error about the changed document, told in the request's terms: its key
// without `prefix` (where the request's part sits in the document).
Error as_request_error(const Error& e, const std::string& prefix) {
  const auto it = e.details.find("key");
  if (e.code != ErrorCode::kInvalidArgument || it == e.details.end()) return e;
  std::string key = it->second;
  const std::string head = kSource + ": " + key + ": ";
  const std::string what = e.message.starts_with(head) ? e.message.substr(head.size()) : e.message;
  if (!prefix.empty() && key.starts_with(prefix)) key = key.substr(prefix.size());
  if (!prefix.empty() && key + "." == prefix) key = "(body)";
  return invalid(key, what);
}

// Holidays have their own resource; an hours object of a request carries none.
std::optional<Error> holidays_inside(const json::object& hours, const std::string& field) {
  if (hours.contains("holidays"))
    return invalid(field + "holidays", "holidays are managed as /api/v1/admin/holidays");
  return std::nullopt;
}

json::array& array_at(json::object& doc, std::string_view key) {
  auto& v = doc[key];
  if (!v.is_array()) v = json::array{};
  return v.as_array();
}

std::string string_at(const json::value& v, std::string_view key) {
  if (!v.is_object()) return {};
  const auto* f = v.as_object().if_contains(key);
  return f && f->is_string() ? std::string(f->as_string()) : std::string();
}

// A queue body onto its stored form: the id is the resource's.
Result<json::object> queue_body(const json::object& body, std::string_view id) {
  json::object q = body;
  if (const auto* given = q.if_contains("id"); given && !id.empty()) {
    if (!given->is_string() || given->as_string() != id)
      return tl::unexpected(invalid(
          "id", "must be the queue's id \"" + std::string(id) + "\" (a queue is not renamed)"));
  }
  if (!id.empty()) q["id"] = id;
  q.erase("open_now");  // read-only, so that a queue read can be sent back as it is
  if (const auto* h = q.if_contains("hours"); h && h->is_object())
    if (auto e = holidays_inside(h->as_object(), "hours.")) return tl::unexpected(*e);
  return q;
}

}  // namespace

std::int64_t QueueAdmin::version() const {
  std::lock_guard lock(mutex_);
  return version_;
}

void QueueAdmin::install(routing::QueueSet set, std::int64_t version) {
  std::lock_guard lock(mutex_);
  if (version <= version_) return;  // a newer one is in force already
  live_.replace(std::make_shared<const routing::QueueSet>(std::move(set)));
  version_ = version;
}

Status QueueAdmin::reload() {
  auto stored = store_.get_queue_config();
  if (!stored) return tl::unexpected(stored.error());
  if (!*stored) return make_error(ErrorCode::kFailedPrecondition, "no queue configuration stored");
  if ((*stored)->version <= version()) return {};
  boost::system::error_code ec;
  auto doc = json::parse((*stored)->document, ec);
  if (ec)
    return make_error(ErrorCode::kInternal,
                      "the stored queue configuration is not JSON: " + ec.message());
  auto set = routing::QueueSet::parse(doc, kSource);
  if (!set) return tl::unexpected(set.error());
  install(std::move(*set), (*stored)->version);
  log::info("queue configuration in force", {{"version", (*stored)->version}});
  return {};
}

Status QueueAdmin::load_or_seed(const routing::QueueSet& seed) {
  auto stored = store_.get_queue_config();
  if (!stored) return tl::unexpected(stored.error());
  if (!*stored) {
    auto saved = store_.save_queue_config(json::serialize(seed.to_json()), 0, clock_.now());
    // Another node seeding at the same moment is as good.
    if (!saved && saved.error().code != ErrorCode::kConflict) return tl::unexpected(saved.error());
    if (saved) log::info("queue configuration seeded from the bot data", {{"version", 1}});
  }
  return reload();
}

Result<QueueConfigChange> QueueAdmin::change(
    const std::function<Result<json::value>(json::object& document)>& edit,
    const std::function<json::value(const routing::QueueSet&)>& after,
    const std::string& field_prefix) {
  for (int attempt = 0; attempt < kAttempts; ++attempt) {
    auto stored = store_.get_queue_config();
    if (!stored) return tl::unexpected(stored.error());
    if (!*stored)
      return make_error(ErrorCode::kFailedPrecondition, "no queue configuration stored");
    boost::system::error_code ec;
    auto doc = json::parse((*stored)->document, ec);
    if (ec || !doc.is_object())
      return make_error(ErrorCode::kInternal,
                        "the stored queue configuration is not a JSON object");
    auto before = edit(doc.as_object());
    if (!before) return tl::unexpected(before.error());
    auto set = routing::QueueSet::parse(doc, kSource);
    if (!set) return tl::unexpected(as_request_error(set.error(), field_prefix));
    auto saved =
        store_.save_queue_config(json::serialize(set->to_json()), (*stored)->version, clock_.now());
    if (!saved) {
      const auto reason = saved.error().details.find("reason");
      if (saved.error().code == ErrorCode::kConflict && reason != saved.error().details.end() &&
          reason->second == "stale")
        continue;  // another change came first: apply ours to it
      return tl::unexpected(saved.error());
    }
    QueueConfigChange out{std::move(*before), after(*set), saved->version};
    install(std::move(*set), saved->version);
    if (on_change) on_change(saved->version);
    return out;
  }
  return make_error(ErrorCode::kUnavailable, "the queue configuration kept changing; try again",
                    {{"reason", "busy"}});
}

namespace {

std::optional<std::size_t> queue_index(const json::array& queues, std::string_view id) {
  for (std::size_t i = 0; i < queues.size(); ++i)
    if (string_at(queues[i], "id") == id) return i;
  return std::nullopt;
}

json::value queue_after(const routing::QueueSet& set, const std::string& id) {
  const auto* q = set.find(id);
  return q ? routing::QueueSet::queue_json(*q) : json::value(nullptr);
}

}  // namespace

Result<QueueConfigChange> QueueAdmin::create_queue(const json::object& body) {
  const auto* id = body.if_contains("id");
  if (id == nullptr || !id->is_string() || id->as_string().empty())
    return tl::unexpected(invalid("id", "is required: 1–64 characters of [A-Za-z0-9_-]"));
  const std::string queue_id(id->as_string());
  auto q = queue_body(body, "");
  if (!q) return tl::unexpected(q.error());
  std::string prefix;
  return change(
      [&](json::object& doc) -> Result<json::value> {
        auto& queues = array_at(doc, "queues");
        if (queue_index(queues, queue_id))
          return make_error(ErrorCode::kConflict, "a queue \"" + queue_id + "\" exists already",
                            {{"reason", "queue_exists"}, {"field", "id"}});
        prefix = "queues[" + std::to_string(queues.size()) + "].";
        queues.push_back(*q);
        return json::value(nullptr);
      },
      [&](const routing::QueueSet& set) { return queue_after(set, queue_id); }, prefix);
}

Result<QueueConfigChange> QueueAdmin::replace_queue(std::string_view id, const json::object& body) {
  auto q = queue_body(body, id);
  if (!q) return tl::unexpected(q.error());
  const std::string queue_id(id);
  std::string prefix;
  return change(
      [&](json::object& doc) -> Result<json::value> {
        auto& queues = array_at(doc, "queues");
        const auto at = queue_index(queues, queue_id);
        if (!at) return make_error(ErrorCode::kNotFound, "no such queue: " + queue_id);
        prefix = "queues[" + std::to_string(*at) + "].";
        json::value before = queues[*at];
        queues[*at] = *q;
        return before;
      },
      [&](const routing::QueueSet& set) { return queue_after(set, queue_id); }, prefix);
}

Result<QueueConfigChange> QueueAdmin::delete_queue(std::string_view id) {
  const std::string queue_id(id);
  return change(
      [&](json::object& doc) -> Result<json::value> {
        auto& queues = array_at(doc, "queues");
        const auto at = queue_index(queues, queue_id);
        if (!at) return make_error(ErrorCode::kNotFound, "no such queue: " + queue_id);
        for (const char* role : {"default_queue", "critical_queue"})
          if (string_at(doc, role) == queue_id)
            return make_error(ErrorCode::kConflict,
                              "queue " + queue_id + " is the " + role +
                                  ": every escalation may need it, so it cannot be deleted",
                              {{"reason", role}});
        auto waiting = store_.count_waiting(queue_id);
        if (!waiting) return tl::unexpected(waiting.error());
        if (*waiting > 0)
          return make_error(
              ErrorCode::kConflict,
              "queue " + queue_id + " has " + std::to_string(*waiting) +
                  " escalation(s) waiting; they must be handled or moved first",
              {{"reason", "escalations_waiting"}, {"waiting", std::to_string(*waiting)}});
        json::value before = queues[*at];
        queues.erase(queues.begin() + static_cast<std::ptrdiff_t>(*at));
        // Its own holidays go with it.
        auto& holidays = array_at(doc, "holidays");
        holidays.erase(
            std::remove_if(holidays.begin(), holidays.end(),
                           [&](const json::value& h) { return string_at(h, "queue") == queue_id; }),
            holidays.end());
        return before;
      },
      [](const routing::QueueSet&) { return json::value(nullptr); }, "");
}

Result<QueueConfigChange> QueueAdmin::replace_global_hours(const json::object& hours) {
  if (auto e = holidays_inside(hours, "")) return tl::unexpected(*e);
  return change(
      [&](json::object& doc) -> Result<json::value> {
        json::value before = doc["hours"];
        doc["hours"] = hours;
        return before;
      },
      [](const routing::QueueSet& set) { return set.global_hours().schedule_json(); }, "hours.");
}

namespace {

json::value holiday_json(const routing::Holiday& h) {
  return json::object{{"date", h.date},
                      {"name", h.name},
                      {"queue", h.queue.empty() ? json::value(nullptr) : json::value(h.queue)}};
}

json::value holiday_after(const routing::QueueSet& set, const std::string& date,
                          const std::string& queue) {
  for (const auto& h : set.holidays())
    if (h.date == date && h.queue == queue) return holiday_json(h);
  return nullptr;
}

}  // namespace

Result<QueueConfigChange> QueueAdmin::add_holiday(const json::object& body) {
  const std::string date = string_at(body, "date");
  std::string queue = string_at(body, "queue");
  if (const auto* q = body.if_contains("queue"); q && !q->is_string() && !q->is_null())
    return tl::unexpected(invalid("queue", "must be a queue id or null"));
  std::string prefix;
  return change(
      [&](json::object& doc) -> Result<json::value> {
        auto& holidays = array_at(doc, "holidays");
        for (const auto& h : holidays)
          if (!date.empty() && string_at(h, "date") == date && string_at(h, "queue") == queue)
            return make_error(
                ErrorCode::kConflict,
                "holiday " + date + (queue.empty() ? "" : " of " + queue) + " exists already",
                {{"reason", "holiday_exists"}});
        if (!queue.empty() && !queue_index(array_at(doc, "queues"), queue))
          return tl::unexpected(invalid("queue", "no such queue: " + queue));
        prefix = "holidays[" + std::to_string(holidays.size()) + "].";
        holidays.push_back(body);
        return json::value(nullptr);
      },
      [&](const routing::QueueSet& set) { return holiday_after(set, date, queue); }, prefix);
}

Result<QueueConfigChange> QueueAdmin::remove_holiday(std::string_view date,
                                                     std::string_view queue) {
  return change(
      [&](json::object& doc) -> Result<json::value> {
        auto& holidays = array_at(doc, "holidays");
        for (std::size_t i = 0; i < holidays.size(); ++i)
          if (string_at(holidays[i], "date") == date && string_at(holidays[i], "queue") == queue) {
            json::value before = holidays[i];
            if (before.is_object() && !before.as_object().contains("queue"))
              before.as_object()["queue"] = nullptr;
            holidays.erase(holidays.begin() + static_cast<std::ptrdiff_t>(i));
            return before;
          }
        return make_error(ErrorCode::kNotFound,
                          "no holiday " + std::string(date) +
                              (queue.empty() ? "" : " of queue " + std::string(queue)));
      },
      [](const routing::QueueSet&) { return json::value(nullptr); }, "");
}

}  // namespace aicc
