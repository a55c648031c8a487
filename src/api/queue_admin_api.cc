// Queues, business hours and holidays for admins (/api/v1/admin/queues…,
// /api/v1/admin/business-hours, /api/v1/admin/holidays…): QueueAdmin validates, stores
// and puts each change in force on every node; each change is audited with before/after.
#include <boost/json.hpp>

#include "api/api.h"
#include "api/json_io.h"
#include "api/schemas.h"

namespace aicc::api {
namespace {

const std::string kQueues = "/api/v1/admin/queues";
const std::string kHours = "/api/v1/admin/business-hours";
const std::string kHolidays = "/api/v1/admin/holidays";

std::vector<ResponseDoc> with_errors(std::vector<ResponseDoc> ok,
                                     std::initializer_list<int> codes) {
  static const std::map<int, std::string> text = {
      {400,
       "Invalid input: details.field names the key at fault (a bad time, overlapping "
       "ranges, an unknown time zone, escalation reason or queue, …)"},
      {404, "No such queue or holiday"},
      {409,
       "details.reason: queue_exists, holiday_exists, default_queue / critical_queue (it "
       "cannot be deleted), escalations_waiting (details.waiting)"},
      {413, "Body larger than the limit"},
      {415, "Body is not application/json"}};
  return with_error_docs(std::move(ok), codes, text);
}

json::object queue_json(const routing::QueueDef& q, TimePoint now) {
  json::object o = routing::QueueSet::queue_json(q).as_object();
  o["open_now"] = q.hours.is_open(now);
  return o;
}

json::object holiday_json(const routing::Holiday& h) {
  return {{"date", h.date},
          {"name", h.name},
          {"queue", h.queue.empty() ? json::value(nullptr) : json::value(h.queue)}};
}

Response unavailable() {
  return net::error_response(503, "unavailable", "the queue configuration is not served here");
}

// Runs a change and records it: the answer is the resource after it (or 204).
Response audited(ApiContext& ctx, Request& req, Result<QueueConfigChange> done, int status,
                 const std::string& action, const std::string& type, const std::string& id) {
  if (!done) return net::error_response(done.error());
  ctx.audit.record(audit_actor(req), action, type, id, json::serialize(done->before),
                   json::serialize(done->after));
  if (status == 204) {
    Response r;
    r.status = 204;
    return r;
  }
  return json_response(status, done->after);
}

Response list_queues(ApiContext& ctx, Request&) {
  const auto set = ctx.escalations->queues();
  const TimePoint now = ctx.clock.now();
  json::array items;
  for (const auto& q : set->queues()) items.push_back(queue_json(q, now));
  return json_response(200, json::object{{"queues", std::move(items)},
                                         {"default_queue", set->default_queue_id()},
                                         {"critical_queue", set->critical_queue_id()},
                                         {"version", ctx.queue_admin->version()}});
}

Response get_queue(ApiContext& ctx, Request& req) {
  const auto set = ctx.escalations->queues();
  const auto* q = set->find(req.param("id"));
  if (q == nullptr)
    return net::error_response(404, "not_found", "no such queue: " + std::string(req.param("id")));
  return json_response(200, queue_json(*q, ctx.clock.now()));
}

Response create_queue(ApiContext& ctx, Request& req) {
  auto body = read_object(req);
  if (auto* err = std::get_if<Response>(&body)) return *err;
  const auto& o = std::get<json::object>(body);
  auto done = ctx.queue_admin->create_queue(o);
  const std::string id = done && done->after.is_object()
                             ? std::string(done->after.as_object().at("id").as_string())
                             : "";
  auto resp = audited(ctx, req, std::move(done), 201, "queue.create", "queue", id);
  if (resp.status == 201) resp.set_header("location", kQueues + "/" + id);
  return resp;
}

Response replace_queue(ApiContext& ctx, Request& req) {
  auto body = read_object(req);
  if (auto* err = std::get_if<Response>(&body)) return *err;
  const std::string id(req.param("id"));
  return audited(ctx, req, ctx.queue_admin->replace_queue(id, std::get<json::object>(body)), 200,
                 "queue.update", "queue", id);
}

Response delete_queue(ApiContext& ctx, Request& req) {
  const std::string id(req.param("id"));
  return audited(ctx, req, ctx.queue_admin->delete_queue(id), 204, "queue.delete", "queue", id);
}

Response get_hours(ApiContext& ctx, Request&) {
  const auto set = ctx.escalations->queues();
  json::object o = set->global_hours().schedule_json().as_object();
  o["open_now"] = set->global_hours().is_open(ctx.clock.now());
  return json_response(200, o);
}

Response replace_hours(ApiContext& ctx, Request& req) {
  auto body = read_object(req);
  if (auto* err = std::get_if<Response>(&body)) return *err;
  return audited(ctx, req, ctx.queue_admin->replace_global_hours(std::get<json::object>(body)), 200,
                 "business_hours.update", "business_hours", "global");
}

Response list_holidays(ApiContext& ctx, Request& req) {
  const auto set = ctx.escalations->queues();
  const std::string queue(req.query_param("queue").value_or(""));
  if (!queue.empty() && set->find(queue) == nullptr)
    return net::error_response(400, "invalid_request", "no such queue: " + queue,
                               {{"field", "queue"}});
  json::array items;
  for (const auto& h : set->holidays())
    if (queue.empty() || h.queue.empty() || h.queue == queue) items.push_back(holiday_json(h));
  return json_response(200, json::object{{"holidays", std::move(items)}});
}

std::string holiday_id(std::string_view date, std::string_view queue) {
  return queue.empty() ? std::string(date) : std::string(date) + "@" + std::string(queue);
}

Response create_holiday(ApiContext& ctx, Request& req) {
  auto body = read_object(req);
  if (auto* err = std::get_if<Response>(&body)) return *err;
  const auto& o = std::get<json::object>(body);
  auto done = ctx.queue_admin->add_holiday(o);
  std::string date, queue;
  if (done && done->after.is_object()) {
    date = done->after.as_object().at("date").as_string();
    if (const auto& q = done->after.as_object().at("queue"); q.is_string()) queue = q.as_string();
  }
  auto resp =
      audited(ctx, req, std::move(done), 201, "holiday.create", "holiday", holiday_id(date, queue));
  if (resp.status == 201)
    resp.set_header("location", kHolidays + "/" + date + (queue.empty() ? "" : "?queue=" + queue));
  return resp;
}

Response delete_holiday(ApiContext& ctx, Request& req) {
  const std::string date(req.param("date"));
  const std::string queue(req.query_param("queue").value_or(""));
  return audited(ctx, req, ctx.queue_admin->remove_holiday(date, queue), 204, "holiday.delete",
                 "holiday", holiday_id(date, queue));
}

}  // namespace

void add_queue_admin_routes(net::Router& r, ApiContext& ctx) {
  auto served = [&ctx](Response (*handler)(ApiContext&, Request&)) {
    return [&ctx, handler](Request& q) {
      if (ctx.queue_admin == nullptr || ctx.escalations == nullptr) return unavailable();
      return handler(ctx, q);
    };
  };
  r.add(Method::kGet, kQueues, served(list_queues),
        RouteDoc{.operation_id = "listQueues",
                 .summary = "The queues with their settings, and the default and critical queue",
                 .tag = "Admin",
                 .responses = with_errors({{200, "The queues", schema_ref("QueueList")}}, {}),
                 .required_role = Role::kAdmin});
  r.add(Method::kPost, kQueues, served(create_queue),
        RouteDoc{.operation_id = "createQueue",
                 .summary = "Create a queue",
                 .description =
                     "id (1–64 of A-Z a-z 0-9 _ -), name {ko, en}, skills, reasons (escalation "
                     "reasons; each is routed to one queue), hours (null or left out: the global "
                     "business hours), max_size, sla_minutes by priority. Takes effect at once on "
                     "every node. Audited.",
                 .tag = "Admin",
                 .request_schema_json = schema_ref("QueueDefinition"),
                 .responses = with_errors({{201, "Created", schema_ref("QueueDefinition")}},
                                          {400, 409, 413, 415}),
                 .required_role = Role::kAdmin});
  r.add(
      Method::kGet, kQueues + "/{id}", served(get_queue),
      RouteDoc{.operation_id = "getQueue",
               .summary = "One queue",
               .tag = "Admin",
               .responses = with_errors({{200, "The queue", schema_ref("QueueDefinition")}}, {404}),
               .required_role = Role::kAdmin});
  r.add(Method::kPut, kQueues + "/{id}", served(replace_queue),
        RouteDoc{.operation_id = "replaceQueue",
                 .summary = "Replace a queue's settings",
                 .description = "Same fields as create (the id is the path's); what the body "
                                "leaves out takes the defaults. Audited with before and after.",
                 .tag = "Admin",
                 .request_schema_json = schema_ref("QueueDefinition"),
                 .responses = with_errors({{200, "Saved", schema_ref("QueueDefinition")}},
                                          {400, 404, 413, 415}),
                 .required_role = Role::kAdmin});
  r.add(Method::kDelete, kQueues + "/{id}", served(delete_queue),
        RouteDoc{.operation_id = "deleteQueue",
                 .summary = "Delete a queue (not the default or critical one, nor one with "
                            "escalations waiting: 409); its own holidays go with it. Audited.",
                 .tag = "Admin",
                 .responses = with_errors({{204, "Deleted", ""}}, {404, 409}),
                 .required_role = Role::kAdmin});
  r.add(Method::kGet, kHours, served(get_hours),
        RouteDoc{.operation_id = "getBusinessHours",
                 .summary = "The global business hours (queues without hours of their own)",
                 .tag = "Admin",
                 .responses = with_errors({{200, "The schedule", schema_ref("BusinessHours")}}, {}),
                 .required_role = Role::kAdmin});
  r.add(Method::kPut, kHours, served(replace_hours),
        RouteDoc{.operation_id = "replaceBusinessHours",
                 .summary = "Replace the global business hours",
                 .description = "timezone (default Asia/Seoul) and week {mon … sun: [{open, "
                                "close}]}; a day left out is closed. Audited.",
                 .tag = "Admin",
                 .request_schema_json = schema_ref("BusinessHours"),
                 .responses =
                     with_errors({{200, "Saved", schema_ref("BusinessHours")}}, {400, 413, 415}),
                 .required_role = Role::kAdmin});
  r.add(
      Method::kGet, kHolidays, served(list_holidays),
      RouteDoc{.operation_id = "listHolidays",
               .summary = "Holidays by date (queue=ID: those that close that queue)",
               .tag = "Admin",
               .responses = with_errors({{200, "The holidays", schema_ref("HolidayList")}}, {400}),
               .required_role = Role::kAdmin});
  r.add(Method::kPost, kHolidays, served(create_holiday),
        RouteDoc{.operation_id = "createHoliday",
                 .summary = "Add a holiday: date (YYYY-MM-DD, local time), name, queue (null: "
                            "every queue). Closed all day. Audited.",
                 .tag = "Admin",
                 .request_schema_json = schema_ref("Holiday"),
                 .responses =
                     with_errors({{201, "Created", schema_ref("Holiday")}}, {400, 409, 413, 415}),
                 .required_role = Role::kAdmin});
  r.add(Method::kDelete, kHolidays + "/{date}", served(delete_holiday),
        RouteDoc{.operation_id = "deleteHoliday",
                 .summary = "Remove a holiday (queue=ID for one queue's). Audited.",
                 .tag = "Admin",
                 .responses = with_errors({{204, "Deleted", ""}}, {404}),
                 .required_role = Role::kAdmin});
}

}  // namespace aicc::api
