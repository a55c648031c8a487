// /api/v1/admin/intents… and /api/v1/admin/nlu…: the intents with their examples (the
// bot's own from bot/intents, read-only here, and those admins add, stored in
// bot.examples_file), and retraining as a background job whose new model is swapped in
// without a restart. Every change is audited. Admins only.
#include <set>

#include "api/api.h"
#include "api/json_io.h"
#include "api/schemas.h"
#include "bot/intent_examples.h"
#include "bot/retrainer.h"
#include "nlu/intent/dataset.h"

namespace aicc::api {
namespace {

std::vector<ResponseDoc> with_errors(std::vector<ResponseDoc> ok,
                                     std::initializer_list<int> codes) {
  static const std::map<int, std::string> text = {
      {400, "Invalid input (malformed JSON, unknown field, blank or over-long text)"},
      {404, "No such intent, example or job"},
      {409, "The example exists already, or a retrain is running"},
      {415, "Body is not application/json"},
      {503, "The bot is disabled (bot.enabled = false)"}};
  return with_error_docs(std::move(ok), codes, text);
}

std::optional<Response> unless_bot(const ApiContext& ctx) {
  if (ctx.bot && ctx.intent_examples && ctx.retrainer) return std::nullopt;
  return net::error_response(503, "unavailable", "the bot is disabled (bot.enabled = false)");
}

// intent → its examples in bot/intents (out_of_scope included).
Result<std::map<std::string, std::vector<std::string>>> bot_examples(const ApiContext& ctx) {
  auto data = nlu::load_dataset(ctx.intents_dir.string());
  if (!data) return tl::unexpected(data.error());
  std::map<std::string, std::vector<std::string>> out;
  for (auto& e : data->examples) out[e.label].push_back(std::move(e.text));
  return out;
}

json::object example_json(const bot::AddedExample& e) {
  return {{"id", e.id}, {"intent", e.intent}, {"text", e.text}, {"source", "added"}};
}

Response list_intents(ApiContext& ctx, Request&) {
  if (auto off = unless_bot(ctx)) return *off;
  auto own = bot_examples(ctx);
  if (!own) return net::error_response(own.error());
  const auto model = ctx.bot->classifier();
  std::map<std::string, json::array> added;
  for (const auto& e : ctx.intent_examples->list()) added[e.intent].push_back(example_json(e));
  json::array intents;
  for (const auto& [intent, texts] : *own) {
    json::array examples;
    for (const auto& t : texts) examples.push_back(json::object{{"text", t}, {"source", "bot"}});
    json::array& extra = added[intent];
    const std::size_t n_added = extra.size();
    for (auto& e : extra) examples.push_back(std::move(e));
    const bool in_model =
        std::find(model->labels().begin(), model->labels().end(), intent) != model->labels().end();
    intents.push_back(
        json::object{{"intent", intent},
                     {"examples_count", texts.size() + n_added},
                     {"added_count", n_added},
                     {"threshold", intent == nlu::kOutOfScope
                                       ? json::value(nullptr)
                                       : json::value(model->thresholds().for_intent(intent))},
                     {"in_model", in_model},
                     {"examples", std::move(examples)}});
  }
  return json_response(200, json::object{{"intents", std::move(intents)},
                                         {"examples_file", ctx.intent_examples->path().string()}});
}

Response add_example(ApiContext& ctx, Request& req) {
  if (auto off = unless_bot(ctx)) return *off;
  auto body = read_object(req);
  if (auto* err = std::get_if<Response>(&body)) return *err;
  FieldReader f(std::get<json::object>(body));
  const std::string text = f.string("text", true).value_or("");
  f.reject_unknown();
  if (!f.ok()) return f.error();
  auto own = bot_examples(ctx);
  if (!own) return net::error_response(own.error());
  const std::string intent = req.param("intent");
  auto it = own->find(intent);
  if (it == own->end())
    return net::error_response(404, "not_found",
                               "no intent " + intent + " in " + ctx.intents_dir.string());
  auto added = ctx.intent_examples->add(intent, text, it->second);
  if (!added) return net::error_response(added.error());
  ctx.audit.record(audit_actor(req), "intent.example.add", "intent", intent, "null",
                   json::serialize(example_json(*added)));
  return json_response(201, example_json(*added));
}

Response remove_example(ApiContext& ctx, Request& req) {
  if (auto off = unless_bot(ctx)) return *off;
  auto gone = ctx.intent_examples->remove(req.param("intent"), req.param("id"));
  if (!gone) return net::error_response(gone.error());
  ctx.audit.record(audit_actor(req), "intent.example.remove", "intent", gone->intent,
                   json::serialize(example_json(*gone)), "null");
  return json_response(200, example_json(*gone));
}

json::object report_json(const nlu::EvalReport& r) {
  json::array per_intent;
  for (const auto& c : r.per_class)
    per_intent.push_back(json::object{{"intent", c.label},
                                      {"support", c.support},
                                      {"predicted", c.predicted},
                                      {"precision", c.precision},
                                      {"recall", c.recall},
                                      {"f1", c.f1}});
  json::array confused;
  for (const auto& [pair, n] : r.confused)
    confused.push_back(
        json::object{{"gold", pair.first}, {"predicted", pair.second}, {"count", n}});
  return {{"examples", r.n_test},
          {"in_scope", r.n_in_scope},
          {"out_of_scope", r.n_oos},
          {"accuracy", r.accuracy},
          {"in_scope_accuracy", r.in_scope_accuracy},
          {"macro_f1", r.macro_f1},
          {"oos_recall", r.oos_recall},
          {"oos_precision", r.oos_precision},
          {"per_intent", std::move(per_intent)},
          {"confused", std::move(confused)}};
}

json::object job_json(const bot::RetrainJob& j) {
  json::object out{{"id", j.id},
                   {"state", bot::to_string(j.state)},
                   {"percent", j.percent},
                   {"step", j.step},
                   {"started_at", format_iso8601(j.started_at)},
                   {"finished_at", j.finished_at ? json::value(format_iso8601(*j.finished_at))
                                                 : json::value(nullptr)},
                   {"error", j.error.empty() ? json::value(nullptr) : json::value(j.error)},
                   {"folds", j.folds},
                   {"examples", j.examples},
                   {"added_examples", j.added_examples}};
  out["report"] = j.report ? json::value(report_json(*j.report)) : json::value(nullptr);
  return out;
}

Response retrain(ApiContext& ctx, Request& req) {
  if (auto off = unless_bot(ctx)) return *off;
  auto job = ctx.retrainer->start();
  if (!job) return net::error_response(job.error());
  ctx.audit.record(audit_actor(req), "nlu.retrain", "nlu_job", job->id, "null",
                   json::serialize(job_json(*job)));
  auto resp = json_response(202, job_json(*job));
  resp.set_header("location", "/api/v1/admin/nlu/jobs/" + job->id);
  return resp;
}

Response get_job(ApiContext& ctx, Request& req) {
  if (auto off = unless_bot(ctx)) return *off;
  auto job = ctx.retrainer->job(req.param("id"));
  if (!job) return net::error_response(job.error());
  return json_response(200, job_json(*job));
}

Response last_report(ApiContext& ctx, Request&) {
  if (auto off = unless_bot(ctx)) return *off;
  auto job = ctx.retrainer->last_report();
  if (!job) return net::error_response(404, "not_found", "no retrain has finished yet");
  return json_response(200, job_json(*job));
}

}  // namespace

void add_nlu_admin_routes(net::Router& r, ApiContext& ctx) {
  r.add(
      Method::kGet, "/api/v1/admin/intents", [&ctx](Request& q) { return list_intents(ctx, q); },
      RouteDoc{.operation_id = "listIntents",
               .summary = "The intents with their examples (the bot's and those added)",
               .tag = "Admin",
               .responses = with_errors({{200, "The intents", schema_ref("IntentList")}}, {503}),
               .required_role = Role::kAdmin});
  r.add(
      Method::kPost, "/api/v1/admin/intents/{intent}/examples",
      [&ctx](Request& q) { return add_example(ctx, q); },
      RouteDoc{.operation_id = "addIntentExample",
               .summary = "Add a training example to an intent",
               .description = "Stored in bot.examples_file; trained on by the next retrain "
                              "(and at every start).",
               .tag = "Admin",
               .request_schema_json = schema_ref("IntentExampleRequest"),
               .responses = with_errors({{201, "The added example", schema_ref("IntentExample")}},
                                        {400, 404, 409, 415, 503}),
               .required_role = Role::kAdmin});
  r.add(
      Method::kDelete, "/api/v1/admin/intents/{intent}/examples/{id}",
      [&ctx](Request& q) { return remove_example(ctx, q); },
      RouteDoc{.operation_id = "removeIntentExample",
               .summary = "Remove an added training example (bot/intents is edited as files)",
               .tag = "Admin",
               .responses = with_errors({{200, "The removed example", schema_ref("IntentExample")}},
                                        {404, 503}),
               .required_role = Role::kAdmin});
  r.add(
      Method::kPost, "/api/v1/admin/nlu/retrain", [&ctx](Request& q) { return retrain(ctx, q); },
      RouteDoc{.operation_id = "retrainIntentModel",
               .summary = "Start retraining the intent model in the background",
               .description = "Trains on bot/intents plus the added examples, evaluates by "
                              "5-fold cross-validation, writes the model file and swaps the "
                              "new model in without a restart. One job at a time (409).",
               .tag = "Admin",
               .responses =
                   with_errors({{202, "The job, running", schema_ref("RetrainJob")}}, {409, 503}),
               .required_role = Role::kAdmin});
  r.add(
      Method::kGet, "/api/v1/admin/nlu/jobs/{id}", [&ctx](Request& q) { return get_job(ctx, q); },
      RouteDoc{.operation_id = "getRetrainJob",
               .summary = "A retrain job: state, percent, step, times, error, report",
               .tag = "Admin",
               .responses = with_errors({{200, "The job", schema_ref("RetrainJob")}}, {404, 503}),
               .required_role = Role::kAdmin});
  r.add(
      Method::kGet, "/api/v1/admin/nlu/report", [&ctx](Request& q) { return last_report(ctx, q); },
      RouteDoc{.operation_id = "getLastRetrainReport",
               .summary = "The newest successful retrain job with its evaluation report",
               .tag = "Admin",
               .responses = with_errors({{200, "The job", schema_ref("RetrainJob")}}, {404, 503}),
               .required_role = Role::kAdmin});
}

}  // namespace aicc::api
