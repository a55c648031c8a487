// /api/v1/faq: the FAQ knowledge base for customers and the bot's front ends — search,
// browse, read an entry (counted as a view), say whether it helped — and the list of
// questions it could not answer. Editing entries is the admin API's job.

#include "api/api.h"
#include "api/json_io.h"
#include "api/schemas.h"
#include "core/utf8.h"
#include "faq/faq_entry.h"

namespace aicc::api {
namespace {

constexpr int kDefaultSearchLimit = 5;
constexpr int kDefaultUnansweredLimit = 20;

std::vector<ResponseDoc> with_errors(std::vector<ResponseDoc> ok,
                                     std::initializer_list<int> codes) {
  static const std::map<int, std::string> text = {
      {400, "Invalid input (bad query parameter, malformed JSON, missing or wrong-typed field)"},
      {404, "No such FAQ entry in this language"},
      {413, "Body larger than the limit"},
      {415, "Body is not application/json"}};
  return with_error_docs(std::move(ok), codes, text);
}

Response bad_param(std::string_view name, const std::string& message) {
  return net::error_response(400, "invalid_request", message, {{"field", std::string(name)}});
}

// ?language=ko|en. Absent: nullopt (the caller picks its default).
std::variant<std::optional<nlu::Language>, Response> language_param(const Request& req) {
  auto value = req.query_param("language");
  if (!value) return std::optional<nlu::Language>();
  auto language = faq::parse_language(*value);
  if (!language) return bad_param("language", "language must be ko or en");
  return language;
}

json::array strings(const std::vector<std::string>& values) {
  json::array out;
  for (const auto& v : values) out.emplace_back(v);
  return out;
}

json::object to_json(const faq::FaqEntry& e) {
  return {{"id", e.id},
          {"language", nlu::language_code(e.language)},
          {"category", e.category},
          {"question", e.question},
          {"answer", e.answer},
          {"keywords", strings(e.keywords)},
          {"priority", e.priority},
          {"active", e.active},
          {"view_count", e.view_count},
          {"helpful_count", e.helpful_count},
          {"not_helpful_count", e.not_helpful_count},
          {"updated_at", format_iso8601(e.updated_at)}};
}

Response search(ApiContext& ctx, const Request& req, const std::string& q) {
  auto language = language_param(req);
  if (auto* err = std::get_if<Response>(&language)) return *err;
  auto limit = limit_param(req, kDefaultSearchLimit, kMaxFaqSearchLimit);
  if (auto* err = std::get_if<Response>(&limit)) return *err;
  if (req.query_param("category") || req.query_param("active"))
    return bad_param("q",
                     "category and active filter the list; a search takes q, language "
                     "and limit");
  // Without ?language the query says which language it is in.
  const auto lang = std::get<std::optional<nlu::Language>>(language).value_or(
      is_valid_utf8(q) ? nlu::detect_language(q) : nlu::Language::kKorean);
  auto result = ctx.faq.search(q, lang, std::get<int>(limit));
  if (!result) return net::error_response(result.error());
  json::array hits;
  for (const auto& h : result->hits)
    hits.push_back(json::object{{"id", h.entry->id},
                                {"question", h.entry->question},
                                {"answer", h.entry->answer},
                                {"category", h.entry->category},
                                {"confidence", h.confidence}});
  return json_response(200, json::object{{"query", q},
                                         {"language", nlu::language_code(lang)},
                                         {"auto_answer", result->auto_answer},
                                         {"threshold", result->threshold},
                                         {"hits", std::move(hits)}});
}

Response list(ApiContext& ctx, const Request& req) {
  auto language = language_param(req);
  if (auto* err = std::get_if<Response>(&language)) return *err;
  if (req.query_param("limit"))
    return bad_param("limit", "limit applies to a search (with q); the list is complete");
  FaqFilter filter;
  filter.language = std::get<std::optional<nlu::Language>>(language);
  // Customers see what the bot may answer with; soft-deleted entries are gone for them.
  filter.active = true;
  if (auto category = req.query_param("category")) {
    const auto length = utf8_length(*category);
    if (!length || *length == 0 || *length > faq::kMaxQuestionLength)
      return bad_param("category", "category must be 1–" + std::to_string(faq::kMaxQuestionLength) +
                                       " characters of UTF-8");
    filter.category = *category;
  }
  auto entries = ctx.faq.list(filter);
  if (!entries) return net::error_response(entries.error());
  json::array items;
  for (const auto& e : *entries) items.push_back(to_json(e));
  return json_response(200, json::object{{"entries", std::move(items)}});
}

Response search_or_list(ApiContext& ctx, Request& req) {
  if (auto q = req.query_param("q")) return search(ctx, req, *q);
  return list(ctx, req);
}

Response get_entry(ApiContext& ctx, Request& req) {
  auto language = language_param(req);
  if (auto* err = std::get_if<Response>(&language)) return *err;
  const auto lang =
      std::get<std::optional<nlu::Language>>(language).value_or(nlu::Language::kKorean);
  auto entry = ctx.faq.view(req.param("id"), lang);
  if (!entry) return net::error_response(entry.error());
  return json_response(200, to_json(*entry));
}

Response post_feedback(ApiContext& ctx, Request& req) {
  auto body = read_object(req);
  if (auto* err = std::get_if<Response>(&body)) return *err;
  FieldReader f(std::get<json::object>(body));
  auto helpful = f.boolean("helpful", true);
  auto language_code = f.string("language");
  f.reject_unknown();
  if (!f.ok()) return f.error();
  auto lang = nlu::Language::kKorean;
  if (language_code) {
    auto parsed = faq::parse_language(*language_code);
    if (!parsed) return bad_param("language", "language must be ko or en");
    lang = *parsed;
  }
  auto entry = ctx.faq.feedback(req.param("id"), lang, *helpful);
  if (!entry) return net::error_response(entry.error());
  return json_response(200, to_json(*entry));
}

Response list_unanswered(ApiContext& ctx, Request& req) {
  auto language = language_param(req);
  if (auto* err = std::get_if<Response>(&language)) return *err;
  auto limit = limit_param(req, kDefaultUnansweredLimit, 500);
  if (auto* err = std::get_if<Response>(&limit)) return *err;
  auto top =
      ctx.faq.unanswered(std::get<int>(limit), std::get<std::optional<nlu::Language>>(language));
  if (!top) return net::error_response(top.error());
  json::array items;
  for (const auto& s : *top) {
    json::value best = nullptr;
    if (!s.best_faq_id.empty())
      best = json::object{{"id", s.best_faq_id},
                          {"confidence", s.best_confidence ? json::value(*s.best_confidence)
                                                           : json::value(nullptr)}};
    items.push_back(json::object{{"text", s.text},
                                 {"key", s.key},
                                 {"language", nlu::language_code(s.language)},
                                 {"count", s.count},
                                 {"last_seen", format_iso8601(s.last_seen)},
                                 {"best_candidate", std::move(best)}});
  }
  return json_response(200, json::object{{"queries", std::move(items)}});
}

const net::ParamDoc kLanguageParam{.name = "language",
                                   .description = "ko or en",
                                   .schema_json = R"({"type":"string","enum":["ko","en"]})"};

}  // namespace

void add_faq_routes(net::Router& r, ApiContext& ctx) {
  const std::string base = "/api/v1/faq";
  r.add(
      Method::kGet, base, [&ctx](Request& q) { return search_or_list(ctx, q); },
      RouteDoc{
          .operation_id = "searchFaq",
          .summary = "Search the FAQ, or list its entries",
          .description =
              "With q: the best active entries for the question (BM25 over Korean bigrams and "
              "English words), each with a confidence; auto_answer says the best one reached "
              "the threshold for answering without asking. A search below the threshold is "
              "logged as an unanswered query. Without q: every active entry, filtered by "
              "language and category, sorted by id.",
          .tag = "FAQ",
          .params = {{.name = "q", .description = "the customer's question, 1–1000 characters"},
                     {.name = "language",
                      .description = "ko or en; for a search, detected from q when absent",
                      .schema_json = R"({"type":"string","enum":["ko","en"]})"},
                     {.name = "limit",
                      .description = "search only: hits to return, 1–20 (default 5)",
                      .schema_json = R"({"type":"integer","minimum":1,"maximum":20})"},
                     {.name = "category", .description = "list only: e.g. 결제"}},
          .responses = with_errors(
              {{200, "Search hits (with q) or entries (without)", schema_ref("FaqSearchOrList")}},
              {400})});
  r.add(
      Method::kGet, base + "/unanswered", [&ctx](Request& q) { return list_unanswered(ctx, q); },
      RouteDoc{.operation_id = "listUnansweredFaqQueries",
               .summary = "The most frequent questions the FAQ could not answer",
               .description = "Bot turns that ended in clarify, offer_agent or an FAQ intent's "
                              "fallback reply, and searches below the auto-answer threshold, "
                              "grouped by normalised text; most frequent first, then most "
                              "recent.",
               .tag = "FAQ",
               .params = {kLanguageParam,
                          {.name = "limit",
                           .description = "groups to return, 1–500 (default 20)",
                           .schema_json = R"({"type":"integer","minimum":1,"maximum":500})"}},
               .responses = with_errors(
                   {{200, "Unanswered queries", schema_ref("UnansweredFaqQueries")}}, {400}),
               // Customers' own words: for the people who maintain the FAQ, not the public.
               .required_role = Role::kSupervisor});
  r.add(
      Method::kGet, base + "/{id}", [&ctx](Request& q) { return get_entry(ctx, q); },
      RouteDoc{.operation_id = "getFaqEntry",
               .summary = "Read an FAQ entry (counts a view)",
               .tag = "FAQ",
               .params = {{.name = "language",
                           .description = "ko or en (default ko)",
                           .schema_json = R"({"type":"string","enum":["ko","en"]})"}},
               .responses = with_errors(
                   {{200, "The entry, its view counted", schema_ref("FaqEntry")}}, {400, 404})});
  r.add(
      Method::kPost, base + "/{id}/feedback", [&ctx](Request& q) { return post_feedback(ctx, q); },
      RouteDoc{
          .operation_id = "postFaqFeedback",
          .summary = "Say whether an FAQ answer helped",
          .description = "Counts one helpful or not-helpful vote on the entry's language "
                         "variant and returns the entry with its counters.",
          .tag = "FAQ",
          .request_schema_json = schema_ref("FaqFeedbackRequest"),
          .responses = with_errors({{200, "The entry with its counters", schema_ref("FaqEntry")}},
                                   {400, 404, 413, 415})});
}

}  // namespace aicc::api
