// /api/v1/admin/faq…: editing the FAQ knowledge base — list with counters, create or
// replace an entry, soft delete, "test a question" against the live index, and bulk
// export (JSON, CSV) and import (JSON). Every change is audited. Admins only.
#include <set>

#include "api/api.h"
#include "api/json_io.h"
#include "api/schemas.h"
#include "faq/faq_entry.h"

namespace aicc::api {
namespace {

constexpr std::size_t kMaxImportEntries = 5000;

std::vector<ResponseDoc> with_errors(std::vector<ResponseDoc> ok,
                                     std::initializer_list<int> codes) {
  static const std::map<int, std::string> text = {
      {400, "Invalid input (malformed JSON, unknown field, an entry that fails validation)"},
      {404, "No such FAQ entry in this language"},
      {413, "Body larger than the limit"},
      {415, "Body is not application/json"}};
  return with_error_docs(std::move(ok), codes, text);
}

Response bad(std::string_view field, const std::string& message) {
  return net::error_response(400, "invalid_request", message, {{"field", std::string(field)}});
}

json::array strings(const std::vector<std::string>& values) {
  json::array out;
  for (const auto& v : values) out.emplace_back(v);
  return out;
}

// Every field, counters included: what an editor needs, and what import reads back.
json::object to_json(const faq::FaqEntry& e) {
  return {{"id", e.id},
          {"language", nlu::language_code(e.language)},
          {"category", e.category},
          {"question", e.question},
          {"alternatives", strings(e.alternatives)},
          {"answer", e.answer},
          {"keywords", strings(e.keywords)},
          {"priority", e.priority},
          {"active", e.active},
          {"intent", e.intent},
          {"view_count", e.view_count},
          {"helpful_count", e.helpful_count},
          {"not_helpful_count", e.not_helpful_count},
          {"updated_at", format_iso8601(e.updated_at)}};
}

// Reads an entry's editable fields (and its key when `need_key`); check_entry validates
// it once the key is known. Counters and updated_at are the store's; they are accepted (an
// export imports as it is) and ignored.
std::optional<faq::FaqEntry> read_entry(FieldReader& f, bool need_key) {
  faq::FaqEntry e;
  if (need_key) {
    e.id = f.string("id", true).value_or("");
    auto language = f.string("language", true);
    if (language) {
      auto parsed = faq::parse_language(*language);
      if (!parsed)
        f.fail("language", "language must be ko or en");
      else
        e.language = *parsed;
    }
  }
  e.category = f.string("category", true).value_or("");
  e.question = f.string("question", true).value_or("");
  e.alternatives = f.strings("alternatives").value_or(std::vector<std::string>{});
  e.answer = f.string("answer", true).value_or("");
  e.keywords = f.strings("keywords").value_or(std::vector<std::string>{});
  e.priority = static_cast<int>(f.integer("priority", false, -1000, 1000).value_or(0));
  e.active = f.boolean("active").value_or(true);
  e.intent = f.string("intent").value_or("");
  for (const char* ignored : {"view_count", "helpful_count", "not_helpful_count", "updated_at"})
    f.ignore(ignored);
  f.reject_unknown();
  if (!f.ok()) return std::nullopt;
  return e;
}

// faq::entry_problem as the reader's error (field "entry" under the reader's path).
bool check_entry(FieldReader& f, const faq::FaqEntry& e) {
  if (auto problem = faq::entry_problem(e); !problem.empty()) f.fail("entry", problem);
  return f.ok();
}

std::variant<nlu::Language, Response> path_language(const Request& req) {
  auto language = faq::parse_language(req.param("language"));
  if (!language) return bad("language", "language must be ko or en");
  return *language;
}

Response list_entries(ApiContext& ctx, Request& req) {
  FaqFilter filter;
  if (auto v = req.query_param("language"); v && !v->empty()) {
    filter.language = faq::parse_language(*v);
    if (!filter.language) return bad("language", "language must be ko or en");
  }
  if (auto v = req.query_param("category"); v && !v->empty()) filter.category = std::string(*v);
  if (auto v = req.query_param("active"); v && !v->empty()) {
    if (*v != "true" && *v != "false") return bad("active", "active must be true or false");
    filter.active = *v == "true";
  }
  auto entries = ctx.faq.list(filter);
  if (!entries) return net::error_response(entries.error());
  json::array items;
  for (const auto& e : *entries) items.push_back(to_json(e));
  return json_response(200, json::object{{"entries", std::move(items)}});
}

Response put_entry(ApiContext& ctx, Request& req) {
  auto language = path_language(req);
  if (auto* err = std::get_if<Response>(&language)) return *err;
  auto body = read_object(req);
  if (auto* err = std::get_if<Response>(&body)) return *err;
  FieldReader f(std::get<json::object>(body));
  auto entry = read_entry(f, false);
  if (!entry) return f.error();
  entry->id = req.param("id");
  entry->language = std::get<nlu::Language>(language);
  entry->updated_at = ctx.clock.now();
  if (!check_entry(f, *entry)) return f.error();
  auto before = ctx.store.get_faq_entry(entry->id, entry->language);
  auto saved = ctx.faq.upsert(*entry);
  if (!saved) return net::error_response(saved.error());
  ctx.audit.record(audit_actor(req), saved->created ? "faq.create" : "faq.update", "faq",
                   entry->id + "/" + std::string(nlu::language_code(entry->language)),
                   before ? json::serialize(to_json(*before)) : "null",
                   json::serialize(to_json(saved->entry)));
  return json_response(saved->created ? 201 : 200, to_json(saved->entry));
}

Response delete_entry(ApiContext& ctx, Request& req) {
  auto language = path_language(req);
  if (auto* err = std::get_if<Response>(&language)) return *err;
  const auto lang = std::get<nlu::Language>(language);
  auto before = ctx.store.get_faq_entry(req.param("id"), lang);
  if (!before) return net::error_response(before.error());
  auto gone = ctx.faq.deactivate(req.param("id"), lang);
  if (!gone) return net::error_response(gone.error());
  ctx.audit.record(audit_actor(req), "faq.delete", "faq",
                   before->id + "/" + std::string(nlu::language_code(lang)),
                   json::serialize(to_json(*before)), json::serialize(to_json(*gone)));
  return json_response(200, to_json(*gone));
}

// "Test a question": what the customer would get, without counting a view or logging an
// unanswered query.
Response test_query(ApiContext& ctx, Request& req) {
  auto body = read_object(req);
  if (auto* err = std::get_if<Response>(&body)) return *err;
  FieldReader f(std::get<json::object>(body));
  const std::string query = f.string("query", true).value_or("");
  const std::string code = f.string("language").value_or("ko");
  const auto limit = f.integer("limit", false, 1, kMaxFaqSearchLimit).value_or(5);
  f.reject_unknown();
  if (!f.ok()) return f.error();
  auto language = faq::parse_language(code);
  if (!language) return bad("language", "language must be ko or en");
  if (query.find_first_not_of(" \t\r\n") == std::string::npos)
    return bad("query", "query must not be blank");
  if (query.size() > 4 * faq::kMaxQuestionLength) return bad("query", "query is too long");
  const auto result = ctx.faq.index()->search(query, *language, static_cast<std::size_t>(limit));
  json::array hits;
  for (const auto& h : result.hits)
    hits.push_back(json::object{{"id", h.entry->id},
                                {"question", h.entry->question},
                                {"answer", h.entry->answer},
                                {"category", h.entry->category},
                                {"confidence", h.confidence},
                                {"score", h.score}});
  return json_response(200, json::object{{"query", query},
                                         {"language", code},
                                         {"auto_answer", result.auto_answer},
                                         {"threshold", result.threshold},
                                         {"hits", std::move(hits)}});
}

// One CSV field (RFC 4180): quoted when it holds a comma, quote or line break.
std::string csv_field(std::string_view v) {
  if (v.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(v);
  std::string out = "\"";
  for (char c : v) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string joined(const std::vector<std::string>& values) {
  std::string out;
  for (const auto& v : values) out += (out.empty() ? "" : " | ") + v;
  return out;
}

Response export_entries(ApiContext& ctx, Request& req) {
  const std::string format(req.query_param("format").value_or("json"));
  if (format != "json" && format != "csv") return bad("format", "format must be json or csv");
  auto entries = ctx.faq.list({});
  if (!entries) return net::error_response(entries.error());
  Response r;
  r.status = 200;
  if (format == "json") {
    json::array items;
    for (const auto& e : *entries) items.push_back(to_json(e));
    r.body = json::serialize(json::object{{"entries", std::move(items)}});
    r.set_header("content-type", "application/json");
    r.set_header("content-disposition", "attachment; filename=\"faq.json\"");
    return r;
  }
  std::string csv =
      "id,language,category,question,alternatives,answer,keywords,priority,active,intent,"
      "view_count,helpful_count,not_helpful_count,updated_at\r\n";
  for (const auto& e : *entries) {
    csv += csv_field(e.id) + "," + std::string(nlu::language_code(e.language)) + "," +
           csv_field(e.category) + "," + csv_field(e.question) + "," +
           csv_field(joined(e.alternatives)) + "," + csv_field(e.answer) + "," +
           csv_field(joined(e.keywords)) + "," + std::to_string(e.priority) + "," +
           (e.active ? "true" : "false") + "," + csv_field(e.intent) + "," +
           std::to_string(e.view_count) + "," + std::to_string(e.helpful_count) + "," +
           std::to_string(e.not_helpful_count) + "," + format_iso8601(e.updated_at) + "\r\n";
  }
  r.body = std::move(csv);
  r.set_header("content-type", "text/csv; charset=utf-8");
  r.set_header("content-disposition", "attachment; filename=\"faq.csv\"");
  return r;
}

// Bulk import of {"entries": [...]} (the JSON export's shape). Every entry is checked
// first: one bad entry rejects the whole file (details name its index and field), so an
// import never half-happens because of bad input.
Response import_entries(ApiContext& ctx, Request& req) {
  auto body = read_object(req);
  if (auto* err = std::get_if<Response>(&body)) return *err;
  FieldReader top(std::get<json::object>(body));
  const json::array* items = top.array("entries", true);
  top.reject_unknown();
  if (!top.ok()) return top.error();
  if (items->size() > kMaxImportEntries)
    return bad("entries", "at most " + std::to_string(kMaxImportEntries) + " entries per import");
  std::vector<faq::FaqEntry> entries;
  std::set<std::pair<std::string, nlu::Language>> seen;
  const TimePoint now = ctx.clock.now();
  for (std::size_t i = 0; i < items->size(); ++i) {
    const std::string at = "entries[" + std::to_string(i) + "]";
    if (!(*items)[i].is_object()) return bad(at, at + " must be an object");
    FieldReader f((*items)[i].as_object(), at);
    auto entry = read_entry(f, true);
    if (!entry || !check_entry(f, *entry)) return f.error();
    if (!seen.insert({entry->id, entry->language}).second)
      return bad(at, at + " repeats " + entry->id + "/" +
                         std::string(nlu::language_code(entry->language)));
    entry->updated_at = now;
    entries.push_back(std::move(*entry));
  }
  int created = 0, updated = 0;
  for (const auto& e : entries) {
    auto saved = ctx.faq.upsert(e);
    if (!saved) return net::error_response(saved.error());
    ++(saved->created ? created : updated);
  }
  ctx.audit.record(audit_actor(req), "faq.import", "faq", "", "null",
                   json::serialize(json::object{{"created", created}, {"updated", updated}}));
  return json_response(200, json::object{{"created", created}, {"updated", updated}});
}

}  // namespace

void add_faq_admin_routes(net::Router& r, ApiContext& ctx) {
  const std::string base = "/api/v1/admin/faq";
  r.add(
      Method::kGet, base, [&ctx](Request& q) { return list_entries(ctx, q); },
      RouteDoc{.operation_id = "adminListFaq",
               .summary = "Every FAQ entry with counters, inactive ones included",
               .description = "Query: language (ko | en), category, active (true | false).",
               .tag = "Admin",
               .responses = with_errors({{200, "The entries", schema_ref("FaqAdminList")}}, {400}),
               .required_role = Role::kAdmin});
  r.add(
      Method::kPut, base + "/{id}/{language}", [&ctx](Request& q) { return put_entry(ctx, q); },
      RouteDoc{.operation_id = "adminPutFaq",
               .summary = "Create or replace one FAQ entry (its counters stay)",
               .description = "The live index follows at once; the bot answers with the new "
                              "text from the next turn.",
               .tag = "Admin",
               .request_schema_json = schema_ref("FaqAdminEntry"),
               .responses = with_errors({{200, "Replaced", schema_ref("FaqAdminEntry")},
                                         {201, "Created", schema_ref("FaqAdminEntry")}},
                                        {400, 413, 415}),
               .required_role = Role::kAdmin});
  r.add(
      Method::kDelete, base + "/{id}/{language}",
      [&ctx](Request& q) { return delete_entry(ctx, q); },
      RouteDoc{.operation_id = "adminDeleteFaq",
               .summary = "Soft delete: the entry becomes inactive and leaves the index",
               .tag = "Admin",
               .responses = with_errors({{200, "The inactive entry", schema_ref("FaqAdminEntry")}},
                                        {400, 404}),
               .required_role = Role::kAdmin});
  r.add(
      Method::kPost, base + "/test", [&ctx](Request& q) { return test_query(ctx, q); },
      RouteDoc{.operation_id = "adminTestFaq",
               .summary = "Test a question against the live index",
               .description = "Body {\"query\", \"language\": \"ko\", \"limit\": 5}. Counts no "
                              "view and logs nothing.",
               .tag = "Admin",
               .responses = with_errors({{200, "The hits with confidence", ""}}, {400, 415}),
               .required_role = Role::kAdmin});
  r.add(
      Method::kGet, base + "/export", [&ctx](Request& q) { return export_entries(ctx, q); },
      RouteDoc{.operation_id = "adminExportFaq",
               .summary = "Every entry as JSON (importable) or CSV (?format=csv)",
               .tag = "Admin",
               .responses = with_errors({{200, "The entries", schema_ref("FaqAdminList")}}, {400}),
               .required_role = Role::kAdmin});
  r.add(
      Method::kPost, base + "/import", [&ctx](Request& q) { return import_entries(ctx, q); },
      RouteDoc{.operation_id = "adminImportFaq",
               .summary = "Create or replace many entries ({\"entries\": [...]}, the export)",
               .description = "All entries are validated first; one bad entry rejects the "
                              "import (details.field names it), nothing is written.",
               .tag = "Admin",
               .request_schema_json = schema_ref("FaqAdminList"),
               .responses =
                   with_errors({{200, "How many were created and updated", ""}}, {400, 413, 415}),
               .required_role = Role::kAdmin});
}

}  // namespace aicc::api
