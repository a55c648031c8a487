// What an agent sees of a hand-over: /api/v1/agent/escalations/{id}/context (transcript
// with the bot's understanding of each customer turn, reason and priority, the customer,
// earlier conversations, an extractive summary) and the customer's earlier conversations
// (/api/v1/agent/customers/{id}/conversations[/{conversation_id}]).
//
// An agent reads only escalations offered or assigned to them (now or before) and the
// customers of those; supervisors and admins read everything.
#include <algorithm>
#include <map>
#include <set>

#include "api/api.h"
#include "api/json_io.h"
#include "api/schemas.h"
#include "service/handover_summary.h"

namespace aicc::api {
namespace {

constexpr int kEarlierListed = 20;      // earlier conversations shown in the context
constexpr int kCustomerHistory = 500;   // conversations counted and listed per customer
constexpr int kTranscriptPage = 500;    // messages per store page
constexpr int kTranscriptLimit = 5000;  // longest transcript returned

std::vector<ResponseDoc> with_errors(std::vector<ResponseDoc> ok,
                                     std::initializer_list<int> codes) {
  static const std::map<int, std::string> text = {
      {403, "An agent asking for an escalation or customer that is not theirs"},
      {404, "No such escalation, customer or conversation"}};
  return with_error_docs(std::move(ok), codes, text);
}

bool oversees(const Request& req) {
  return req.principal->role == Role::kSupervisor || req.principal->role == Role::kAdmin;
}

Response not_yours(std::string_view what) {
  return net::error_response(
      403, "forbidden",
      std::string("this ") + std::string(what) + " is not offered or assigned to you",
      {{"reason", "not_yours"}});
}

// Whether the calling agent holds (or held) an escalation of this customer.
Result<bool> agent_serves_customer(ApiContext& ctx, const Request& req,
                                   std::string_view customer_id) {
  if (oversees(req)) return true;
  auto mine = ctx.store.list_agent_escalations(req.principal->user_id);
  if (!mine) return tl::unexpected(mine.error());
  for (const auto& e : *mine)
    if (e.customer_id == customer_id) return true;
  return false;
}

Result<std::vector<Message>> transcript(ApiContext& ctx, std::string_view conversation_id) {
  std::vector<Message> all;
  std::int64_t after = 0;
  for (;;) {
    auto page = ctx.store.list_messages(conversation_id, after, kTranscriptPage);
    if (!page) return tl::unexpected(page.error());
    for (auto& m : page->messages) all.push_back(std::move(m));
    if (!page->has_more || page->messages.empty() ||
        all.size() >= static_cast<std::size_t>(kTranscriptLimit))
      return all;
    after = all.back().seq;
  }
}

int entity_count(const std::string& entities_json) {
  if (entities_json.empty()) return 0;
  boost::system::error_code ec;
  auto v = json::parse(entities_json, ec);
  return !ec && v.is_array() ? static_cast<int>(v.as_array().size()) : 0;
}

// The summary: the chosen sentences, then what the NLU found over every customer turn —
// intents by count (most frequent first), distinct entities, and the sentiment mix.
json::object summary_json(const std::vector<Message>& messages) {
  std::vector<SummaryTurn> turns;
  std::map<std::string, int> intents;
  std::map<std::string, int> sentiments;
  json::array entities;
  std::set<std::pair<std::string, std::string>> seen_entities;
  for (const auto& m : messages) {
    if (m.sender != Sender::kCustomer) continue;
    turns.push_back({m.seq, m.text, m.intent, m.sentiment, entity_count(m.entities_json)});
    if (!m.intent.empty()) ++intents[m.intent];
    if (!m.sentiment.empty()) ++sentiments[m.sentiment];
    boost::system::error_code ec;
    auto parsed = m.entities_json.empty() ? json::value() : json::parse(m.entities_json, ec);
    if (ec || !parsed.is_array()) continue;
    for (const auto& e : parsed.as_array()) {
      if (!e.is_object()) continue;
      const auto& o = e.as_object();
      const auto* type = o.if_contains("type");
      const auto* text = o.if_contains("text");  // masked when sensitive
      if (!type || !text || !type->is_string() || !text->is_string()) continue;
      const std::string t(type->as_string()), x(text->as_string());
      if (seen_entities.insert({t, x}).second)
        entities.push_back(json::object{{"type", t}, {"text", x}, {"seq", m.seq}});
    }
  }
  json::array sentences;
  for (const auto& s : summarize_customer_turns(turns))
    sentences.push_back(json::object{{"seq", s.seq}, {"text", s.text}});
  std::vector<std::pair<std::string, int>> ranked(intents.begin(), intents.end());
  std::stable_sort(ranked.begin(), ranked.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  json::array intent_list;
  for (const auto& [intent, count] : ranked)
    intent_list.push_back(json::object{{"intent", intent}, {"count", count}});
  json::object sentiment;
  for (const auto& [label, count] : sentiments) sentiment[label] = count;
  return {{"sentences", std::move(sentences)},
          {"intents", std::move(intent_list)},
          {"entities", std::move(entities)},
          {"sentiment", std::move(sentiment)},
          {"customer_turns", static_cast<std::int64_t>(turns.size())}};
}

json::object conversation_brief(const Conversation& c) {
  json::object o = to_json(c);
  o.erase("updated_at");
  return o;
}

json::object customer_json(const Customer& c, std::int64_t conversations) {
  json::object o = to_json(c);
  o["vip"] = c.tier == CustomerTier::kVip || c.tier == CustomerTier::kPremium;
  o["conversation_count"] = conversations;
  o["earlier_conversation_count"] = conversations > 0 ? conversations - 1 : 0;
  return o;
}

Response context(ApiContext& ctx, Request& req) {
  auto e = ctx.store.get_escalation(req.param("id"));
  if (!e) return net::error_response(e.error());
  if (!oversees(req) && e->agent_id != req.principal->user_id) return not_yours("escalation");
  auto conversation = ctx.store.get_conversation(e->conversation_id);
  if (!conversation) return net::error_response(conversation.error());
  auto customer = ctx.store.get_customer(e->customer_id);
  if (!customer) return net::error_response(customer.error());
  auto messages = transcript(ctx, e->conversation_id);
  if (!messages) return net::error_response(messages.error());
  auto history = ctx.store.list_customer_conversations(e->customer_id, kCustomerHistory);
  if (!history) return net::error_response(history.error());
  json::array earlier;
  for (const auto& c : *history)
    if (c.id != e->conversation_id && static_cast<int>(earlier.size()) < kEarlierListed)
      earlier.push_back(conversation_brief(c));
  json::array lines;
  for (const auto& m : *messages) lines.push_back(to_json(m));
  // Where the agent may transfer it (POST …/transfer {"queue": id}).
  json::array queues;
  if (ctx.escalations)
    for (const auto& q : ctx.escalations->queues()->queues()) {
      json::object names;
      for (const auto& [language, name] : q.name) names[language] = name;
      queues.push_back(json::object{{"id", q.id}, {"name", std::move(names)}});
    }
  json::object escalation = agent_work_json(*e);
  escalation["priority_rank"] = e->priority_rank;
  return json_response(
      200, json::object{
               {"escalation", std::move(escalation)},
               {"conversation", to_json(*conversation)},
               {"customer", customer_json(*customer, static_cast<std::int64_t>(history->size()))},
               {"transcript", std::move(lines)},
               {"earlier_conversations", std::move(earlier)},
               {"summary", summary_json(*messages)},
               {"queues", std::move(queues)}});
}

Response customer_conversations(ApiContext& ctx, Request& req) {
  auto customer = ctx.store.get_customer(req.param("id"));
  if (!customer) return net::error_response(customer.error());
  auto allowed = agent_serves_customer(ctx, req, customer->id);
  if (!allowed) return net::error_response(allowed.error());
  if (!*allowed) return not_yours("customer");
  auto history = ctx.store.list_customer_conversations(customer->id, kCustomerHistory);
  if (!history) return net::error_response(history.error());
  json::array items;
  for (const auto& c : *history) items.push_back(conversation_brief(c));
  return json_response(
      200, json::object{
               {"customer", customer_json(*customer, static_cast<std::int64_t>(history->size()))},
               {"conversations", std::move(items)}});
}

Response customer_conversation(ApiContext& ctx, Request& req) {
  auto customer = ctx.store.get_customer(req.param("id"));
  if (!customer) return net::error_response(customer.error());
  auto allowed = agent_serves_customer(ctx, req, customer->id);
  if (!allowed) return net::error_response(allowed.error());
  if (!*allowed) return not_yours("customer");
  auto conversation = ctx.store.get_conversation(req.param("conversation_id"));
  if (!conversation || conversation->customer_id != customer->id)
    return net::error_response(404, "not_found", "no such conversation of this customer");
  auto messages = transcript(ctx, conversation->id);
  if (!messages) return net::error_response(messages.error());
  json::array lines;
  for (const auto& m : *messages) lines.push_back(to_json(m));
  auto escalation = ctx.store.latest_escalation(conversation->id);
  if (!escalation) return net::error_response(escalation.error());
  return json_response(
      200, json::object{{"conversation", to_json(*conversation)},
                        {"escalation", *escalation ? json::value(agent_work_json(**escalation))
                                                   : json::value(nullptr)},
                        {"transcript", std::move(lines)},
                        {"summary", summary_json(*messages)}});
}

}  // namespace

void add_agent_context_routes(net::Router& r, ApiContext& ctx) {
  r.add(
      Method::kGet, "/api/v1/agent/escalations/{id}/context",
      [&ctx](Request& q) { return context(ctx, q); },
      RouteDoc{.operation_id = "agentEscalationContext",
               .summary = "Everything the agent needs on accepting a hand-over",
               .description =
                   "The transcript (each customer turn with the bot's intent, confidence, "
                   "entities and sentiment), the escalation's reason, priority and reference, "
                   "the customer (VIP flag, number of conversations), their 20 most recent "
                   "earlier conversations, and an extractive summary: the 2–3 most informative "
                   "customer sentences with the intents, entities and sentiment found. Agents "
                   "read escalations offered or assigned to them; supervisors and admins any.",
               .tag = "Agent",
               .responses =
                   with_errors({{200, "The context", schema_ref("EscalationContext")}}, {403, 404}),
               .required_role = Role::kAgent});
  r.add(
      Method::kGet, "/api/v1/agent/customers/{id}/conversations",
      [&ctx](Request& q) { return customer_conversations(ctx, q); },
      RouteDoc{
          .operation_id = "agentCustomerConversations",
          .summary = "A customer's conversations, newest first",
          .description = "Agents read the customers of escalations they hold; "
                         "supervisors and admins any. At most 500.",
          .tag = "Agent",
          .responses = with_errors(
              {{200, "The customer and conversations", schema_ref("CustomerHistory")}}, {403, 404}),
          .required_role = Role::kAgent});
  r.add(
      Method::kGet, "/api/v1/agent/customers/{id}/conversations/{conversation_id}",
      [&ctx](Request& q) { return customer_conversation(ctx, q); },
      RouteDoc{.operation_id = "agentCustomerConversation",
               .summary = "One earlier conversation of a customer with its transcript",
               .tag = "Agent",
               .responses = with_errors(
                   {{200, "The conversation", schema_ref("CustomerConversationTranscript")}},
                   {403, 404}),
               .required_role = Role::kAgent});
}

}  // namespace aicc::api
