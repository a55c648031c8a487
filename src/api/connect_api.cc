// /api/v1/connect/lambda and /api/v1/lex/codehook: Amazon Connect and Amazon Lex V2 call
// AICC (through a minimal Lambda proxy, deploy/connect/) with their documented event
// formats. The events are checked here for the shape AWS sends — anything else is a
// 400 in the API's error shape — and answered by connect::ContactEngine.
#include <boost/json.hpp>

#include "api/api.h"
#include "api/json_io.h"
#include "api/schemas.h"
#include "connect/contact_engine.h"

namespace aicc::api {
namespace {

// Connect contact ids are UUIDs and Lex session ids at most 100 characters; the id also
// names the caller's customer record (external ids are limited to 128 bytes).
constexpr std::size_t kMaxIdBytes = 100;

const std::map<int, std::string>& error_texts() {
  static const std::map<int, std::string> t = {
      {400,
       "Not an event AWS sends (missing or wrong-typed field), or a message the chat "
       "engine refuses (e.g. longer than 1000 characters)"},
      {401, "connect.token is set and X-AICC-Connect-Token is missing or wrong"},
      {409, "The contact's conversation is closed"},
      {413, "Body larger than the limit"},
      {415, "Body is not application/json"}};
  return t;
}

Response bad_event(const std::string& field, const std::string& message) {
  return net::error_response(400, "invalid_event", message, {{"field", field}});
}

// A JSON object whose values are all strings (Connect attributes and parameters, Lex
// session attributes); nullopt and `problem` set otherwise.
std::optional<connect::StringMap> string_map(const json::value* v, const std::string& field,
                                             std::optional<Response>& problem) {
  connect::StringMap out;
  if (!v || v->is_null()) return out;
  if (!v->is_object()) {
    problem = bad_event(field, field + " must be an object of strings");
    return std::nullopt;
  }
  for (const auto& [k, value] : v->get_object()) {
    if (!value.is_string()) {
      problem = bad_event(field + "." + std::string(k),
                          field + "." + std::string(k) + " must be a string (" +
                              "Connect and Lex send every value as a string)");
      return std::nullopt;
    }
    out[std::string(k)] = std::string(value.get_string());
  }
  return out;
}

const json::object* object_at(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v ? v->if_object() : nullptr;
}

std::optional<std::string> string_at(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (!v || !v->is_string()) return std::nullopt;
  return std::string(v->get_string());
}

// Whether the request carries the shared secret (compared in constant time).
bool has_token(const Request& req, const std::string& token) {
  if (token.empty()) return true;
  const auto given = req.header("x-aicc-connect-token");
  if (!given || given->size() != token.size()) return false;
  unsigned char diff = 0;
  for (std::size_t i = 0; i < token.size(); ++i)
    diff |= static_cast<unsigned char>((*given)[i] ^ token[i]);
  return diff == 0;
}

Response unauthenticated() {
  return net::error_response(401, "unauthenticated",
                             "X-AICC-Connect-Token is missing or wrong (connect.token)");
}

Response connect_lambda(connect::ContactEngine& engine, Request& req) {
  auto body = read_object(req);
  if (auto* err = std::get_if<Response>(&body)) return *err;
  const auto& event = std::get<json::object>(body);
  if (const auto* name = event.if_contains("Name");
      name && (!name->is_string() || name->get_string() != "ContactFlowEvent"))
    return bad_event("Name", "Name must be \"ContactFlowEvent\"");
  const auto* details = object_at(event, "Details");
  if (!details) return bad_event("Details", "Details (object) is required");
  const auto* contact = object_at(*details, "ContactData");
  if (!contact) return bad_event("Details.ContactData", "Details.ContactData (object) is required");
  connect::ContactEvent e;
  e.contact_id = string_at(*contact, "ContactId").value_or("");
  if (e.contact_id.empty() || e.contact_id.size() > kMaxIdBytes)
    return bad_event("Details.ContactData.ContactId",
                     "Details.ContactData.ContactId must be a string of 1–100 bytes");
  if (contact->contains("Channel")) {
    auto channel = string_at(*contact, "Channel");
    if (!channel ||
        (*channel != "VOICE" && *channel != "CHAT" && *channel != "TASK" && *channel != "EMAIL"))
      return bad_event("Details.ContactData.Channel",
                       "Details.ContactData.Channel must be VOICE, CHAT, TASK or EMAIL");
    e.channel = *channel;
  }
  if (const auto* endpoint = contact->if_contains("CustomerEndpoint");
      endpoint && !endpoint->is_null()) {
    const auto* o = endpoint->if_object();
    const auto* address = o ? o->if_contains("Address") : nullptr;
    if (!o || (address && !address->is_string()))
      return bad_event("Details.ContactData.CustomerEndpoint",
                       "Details.ContactData.CustomerEndpoint must be an object with a string "
                       "Address");
    if (address) e.customer_address = std::string(address->get_string());
  }
  std::optional<Response> problem;
  auto attributes =
      string_map(contact->if_contains("Attributes"), "Details.ContactData.Attributes", problem);
  if (!attributes) return *problem;
  e.attributes = std::move(*attributes);
  auto parameters = string_map(details->if_contains("Parameters"), "Details.Parameters", problem);
  if (!parameters) return *problem;
  e.parameters = std::move(*parameters);
  auto answer = engine.lambda(e);
  if (!answer) return net::error_response(answer.error());
  json::object out;
  for (const auto& [k, v] : *answer) out[k] = v;
  return json_response(200, out);
}

Response lex_codehook(connect::ContactEngine& engine, Request& req) {
  auto body = read_object(req);
  if (auto* err = std::get_if<Response>(&body)) return *err;
  const auto& event = std::get<json::object>(body);
  if (auto v = string_at(event, "messageVersion"); event.contains("messageVersion") && v != "1.0")
    return bad_event("messageVersion", "messageVersion must be \"1.0\"");
  connect::LexEvent e;
  e.session_id = string_at(event, "sessionId").value_or("");
  if (e.session_id.empty() || e.session_id.size() > kMaxIdBytes)
    return bad_event("sessionId", "sessionId must be a string of 1–100 bytes");
  e.invocation_source = string_at(event, "invocationSource").value_or("");
  if (e.invocation_source != "DialogCodeHook" && e.invocation_source != "FulfillmentCodeHook")
    return bad_event("invocationSource",
                     "invocationSource must be DialogCodeHook or FulfillmentCodeHook");
  if (event.contains("inputTranscript") && !string_at(event, "inputTranscript"))
    return bad_event("inputTranscript", "inputTranscript must be a string");
  e.input_transcript = string_at(event, "inputTranscript").value_or("");
  const auto* bot = object_at(event, "bot");
  if (!bot || !string_at(*bot, "localeId"))
    return bad_event("bot.localeId", "bot.localeId (string) is required");
  e.locale_id = *string_at(*bot, "localeId");
  const auto* state = object_at(event, "sessionState");
  if (!state) return bad_event("sessionState", "sessionState (object) is required");
  const auto* intent = object_at(*state, "intent");
  if (!intent || !string_at(*intent, "name"))
    return bad_event("sessionState.intent.name", "sessionState.intent.name is required");
  e.intent_name = *string_at(*intent, "name");
  const json::value* slots = intent->if_contains("slots");
  if (slots && !slots->is_null() && !slots->is_object())
    return bad_event("sessionState.intent.slots", "sessionState.intent.slots must be an object");
  if (slots && slots->is_object())
    for (const auto& [name, _] : slots->get_object()) e.slot_names.emplace_back(name);
  std::optional<Response> problem;
  auto session = string_map(state->if_contains("sessionAttributes"),
                            "sessionState.sessionAttributes", problem);
  if (!session) return *problem;
  e.session_attributes = std::move(*session);

  auto answer = engine.lex(e);
  if (!answer) return net::error_response(answer.error());
  json::object action{{"type", answer->dialog_action}};
  if (!answer->slot_to_elicit.empty()) action["slotToElicit"] = answer->slot_to_elicit;
  json::object attrs;
  for (const auto& [k, v] : answer->session_attributes) attrs[k] = v;
  json::object session_state{{"dialogAction", std::move(action)},
                             {"sessionAttributes", std::move(attrs)}};
  if (answer->dialog_action != "ElicitIntent") {
    json::object out_intent{{"name", answer->intent_name}, {"state", answer->intent_state}};
    out_intent["slots"] = slots && slots->is_object() ? *slots : json::value(json::object{});
    out_intent["confirmationState"] = "None";
    session_state["intent"] = std::move(out_intent);
  }
  json::object out{{"sessionState", std::move(session_state)}};
  if (!answer->message.empty())
    out["messages"] =
        json::array{json::object{{"contentType", "PlainText"}, {"content", answer->message}}};
  return json_response(200, out);
}

}  // namespace

void add_connect_routes(net::Router& r, connect::ContactEngine& engine, std::string token) {
  r.add(
      Method::kPost, "/api/v1/connect/lambda",
      [&engine, token](Request& q) {
        return has_token(q, token) ? connect_lambda(engine, q) : unauthenticated();
      },
      RouteDoc{.operation_id = "connectLambda",
               .summary = "Amazon Connect contact-flow Lambda event",
               .description =
                   "Takes the event Amazon Connect sends to a Lambda function from a flow "
                   "(Details.ContactData, Details.Parameters) and answers the flat string map "
                   "Connect requires. Details.Parameters.requestType: chat (default), voice, "
                   "escalation, business_hours, queue_status, verify_customer. The contact id "
                   "maps to one conversation, driven by the same engine as the chat API.",
               .tag = "Amazon Connect",
               .request_schema_json = schema_ref("ConnectLambdaEvent"),
               .responses = with_error_docs(
                   {{200, "Flat attributes for $.External", schema_ref("ConnectLambdaResult")}},
                   {400, 401, 409, 413, 415}, error_texts())});
  r.add(
      Method::kPost, "/api/v1/lex/codehook",
      [&engine, token](Request& q) {
        return has_token(q, token) ? lex_codehook(engine, q) : unauthenticated();
      },
      RouteDoc{.operation_id = "lexCodeHook",
               .summary = "Amazon Lex V2 code hook",
               .description =
                   "Takes the Lex V2 Lambda input event (DialogCodeHook or FulfillmentCodeHook) "
                   "and answers the Lex V2 response: the dialog action (Close, ElicitSlot, "
                   "ElicitIntent, ConfirmIntent, Delegate), the intent state and AICC's message. "
                   "The Lex session id maps to one conversation; sessionAttributes.BotResult is "
                   "Completed or TransferToAgent when the dialog closes.",
               .tag = "Amazon Connect",
               .request_schema_json = schema_ref("LexCodeHookEvent"),
               .responses = with_error_docs(
                   {{200, "The Lex V2 response", schema_ref("LexCodeHookResponse")}},
                   {400, 401, 409, 413, 415}, error_texts())});
}

}  // namespace aicc::api
