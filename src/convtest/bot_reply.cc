#include "convtest/bot_reply.h"

#include <boost/json.hpp>

namespace aicc::convtest {
namespace json = boost::json;

namespace {

const json::object* object_at(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v && v->is_object() ? &v->as_object() : nullptr;
}

std::string string_at(const json::object* o, std::string_view key) {
  if (o == nullptr) return {};
  const auto* v = o->if_contains(key);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

std::optional<double> number_at(const json::object* o, std::string_view key) {
  if (o == nullptr) return std::nullopt;
  const auto* v = o->if_contains(key);
  if (v == nullptr) return std::nullopt;
  if (v->is_double()) return v->as_double();
  if (v->is_int64()) return static_cast<double>(v->as_int64());
  if (v->is_uint64()) return static_cast<double>(v->as_uint64());
  return std::nullopt;
}

bool bool_at(const json::object* o, std::string_view key) {
  if (o == nullptr) return false;
  const auto* v = o->if_contains(key);
  return v && v->is_bool() && v->as_bool();
}

}  // namespace

BotReply read_bot_reply(const Message& m) {
  BotReply r;
  r.text = m.text;
  r.decision = m.decision;
  r.reason = m.reason;
  r.sentiment = m.sentiment;
  r.best_intent = m.intent;
  r.intent = m.intent;
  r.confidence = m.confidence.value_or(0);
  boost::system::error_code ec;
  const json::value details = json::parse(m.details_json, ec);
  if (ec || !details.is_object()) return r;
  const json::object& d = details.as_object();
  if (const auto* q = d.if_contains("quick_replies"); q && q->is_array())
    for (const auto& chip : q->as_array())
      if (chip.is_string()) r.quick_replies.emplace_back(chip.as_string());
  if (const auto* intent = object_at(d, "intent")) {
    r.best_intent = string_at(intent, "name");
    r.intent = bool_at(intent, "out_of_scope") ? "out_of_scope" : r.best_intent;
    r.confidence = number_at(intent, "confidence").value_or(r.confidence);
  }
  const auto* sentiment = object_at(d, "sentiment");
  if (sentiment != nullptr) {
    r.sentiment = string_at(sentiment, "label");
    r.anger = bool_at(sentiment, "anger");
    r.urgency = bool_at(sentiment, "urgency");
  }
  if (const auto* tone = d.if_contains("tone"); tone && tone->is_string())
    r.tone = std::string(tone->as_string());
  if (const auto* faq = object_at(d, "faq")) {
    r.faq_id = string_at(faq, "id");
    r.faq_confidence = number_at(faq, "confidence").value_or(0);
  }
  if (const auto* c = d.if_contains("faq_candidates"); c && c->is_array()) {
    for (const auto& hit : c->as_array()) {
      if (!hit.is_object()) continue;
      r.faq_candidates.emplace_back(string_at(&hit.as_object(), "id"),
                                    number_at(&hit.as_object(), "confidence").value_or(0));
    }
  }
  if (const auto* s = object_at(d, "scenario")) {
    r.scenario_id = string_at(s, "id");
    r.step = string_at(s, "step");
    r.step_number = static_cast<int>(number_at(s, "step_number").value_or(0));
    r.steps = static_cast<int>(number_at(s, "steps").value_or(0));
    r.percent = number_at(s, "percent");
  }
  if (const auto* e = object_at(d, "escalation")) {
    r.escalation_reason = string_at(e, "reason");
    r.escalation_priority = string_at(e, "priority");
    r.escalation_description = string_at(e, "description");
  }
  return r;
}

}  // namespace aicc::convtest
