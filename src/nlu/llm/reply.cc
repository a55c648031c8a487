#include "nlu/llm/reply.h"

#include <cmath>
#include <utility>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

namespace aicc::nlu {
namespace json = boost::json;
namespace {

ErrorCode code_for(std::string_view reason) {
  if (reason == llm_reason::kDisabled || reason == llm_reason::kConfig) {
    return ErrorCode::kFailedPrecondition;
  }
  if (reason == llm_reason::kTimeout || reason == llm_reason::kConnect ||
      reason == llm_reason::kTransport || reason == llm_reason::kHttpStatus) {
    return ErrorCode::kUnavailable;
  }
  return ErrorCode::kInternal;  // the dependency answered, but not as agreed
}

tl::unexpected<Error> fail(std::string_view reason, std::string message,
                           std::map<std::string, std::string> details = {}) {
  return tl::unexpected<Error>(llm_error(reason, std::move(message), std::move(details)));
}

// The field `name` of `object`, or an error if it is absent.
Result<const json::value*> field(const json::object& object, std::string_view name) {
  const auto* v = object.if_contains(name);
  if (v == nullptr) {
    return fail(llm_reason::kMissingField, "the reply has no \"" + std::string(name) + "\"",
                {{"field", std::string(name)}});
  }
  return v;
}

Result<std::string> string_field(const json::object& object, std::string_view name,
                                 std::size_t max_bytes, bool allow_empty) {
  auto v = field(object, name);
  if (!v) return tl::unexpected(std::move(v).error());
  const auto* s = (*v)->if_string();
  if (s == nullptr) {
    return fail(llm_reason::kWrongType, "\"" + std::string(name) + "\" is not a string",
                {{"field", std::string(name)}});
  }
  if (s->size() > max_bytes || (!allow_empty && s->empty())) {
    return fail(llm_reason::kOutOfRange,
                "\"" + std::string(name) + "\" is " + (s->empty() ? "empty" : "too long"),
                {{"field", std::string(name)}});
  }
  return std::string(s->data(), s->size());
}

Result<double> confidence_field(const json::object& object) {
  auto v = field(object, "confidence");
  if (!v) return tl::unexpected(std::move(v).error());
  const json::value& value = **v;
  double c = 0;
  if (value.is_double()) {
    c = value.get_double();
  } else if (value.is_int64()) {
    c = static_cast<double>(value.get_int64());
  } else if (value.is_uint64()) {
    c = static_cast<double>(value.get_uint64());
  } else {
    return fail(llm_reason::kWrongType, "\"confidence\" is not a number",
                {{"field", "confidence"}});
  }
  if (!std::isfinite(c) || c < 0.0 || c > 1.0) {
    return fail(llm_reason::kOutOfRange, "\"confidence\" is outside [0, 1]",
                {{"field", "confidence"}});
  }
  return c;
}

Result<std::map<std::string, std::string>> entities_field(const json::object& object,
                                                          const ReplyLimits& limits) {
  auto v = field(object, "entities");
  if (!v) return tl::unexpected(std::move(v).error());
  const auto* entities = (*v)->if_object();
  if (entities == nullptr) {
    return fail(llm_reason::kWrongType, "\"entities\" is not an object", {{"field", "entities"}});
  }
  if (entities->size() > limits.max_entities) {
    return fail(llm_reason::kOutOfRange, "\"entities\" has too many keys", {{"field", "entities"}});
  }
  std::map<std::string, std::string> out;
  for (const auto& kv : *entities) {
    const auto* s = kv.value().if_string();
    const std::string key(kv.key());
    if (s == nullptr) {
      return fail(llm_reason::kWrongType, "entity \"" + key + "\" is not a string",
                  {{"field", "entities"}});
    }
    if (key.empty() || s->size() > limits.max_text_bytes) {
      return fail(llm_reason::kOutOfRange, "entity \"" + key + "\" is empty-named or too long",
                  {{"field", "entities"}});
    }
    out[key] = std::string(s->data(), s->size());
  }
  return out;
}

Result<std::vector<std::string>> actions_field(const json::object& object,
                                               const ReplyLimits& limits) {
  auto v = field(object, "suggested_actions");
  if (!v) return tl::unexpected(std::move(v).error());
  const auto* actions = (*v)->if_array();
  if (actions == nullptr) {
    return fail(llm_reason::kWrongType, "\"suggested_actions\" is not an array",
                {{"field", "suggested_actions"}});
  }
  if (actions->size() > limits.max_suggested_actions) {
    return fail(llm_reason::kOutOfRange, "\"suggested_actions\" has too many items",
                {{"field", "suggested_actions"}});
  }
  std::vector<std::string> out;
  for (const auto& item : *actions) {
    const auto* s = item.if_string();
    if (s == nullptr) {
      return fail(llm_reason::kWrongType, "\"suggested_actions\" holds a non-string",
                  {{"field", "suggested_actions"}});
    }
    if (s->size() > limits.max_text_bytes) {
      return fail(llm_reason::kOutOfRange, "a suggested action is too long",
                  {{"field", "suggested_actions"}});
    }
    out.emplace_back(s->data(), s->size());
  }
  return out;
}

}  // namespace

Error llm_error(std::string_view reason, std::string message,
                std::map<std::string, std::string> details) {
  details["reason"] = std::string(reason);
  return Error(code_for(reason), std::move(message), std::move(details));
}

Result<LlmUnderstanding> parse_llm_reply(std::string_view text, const IntentCatalog& catalog,
                                         const ReplyLimits& limits) {
  const auto first = text.find('{');
  const auto last = text.rfind('}');
  if (first == std::string_view::npos || last == std::string_view::npos || last < first) {
    return fail(llm_reason::kInvalidJson, "the reply holds no JSON object");
  }
  json::parse_options options;
  options.max_depth = 16;
  json::error_code ec;
  const json::value parsed =
      json::parse(text.substr(first, last - first + 1), ec, json::storage_ptr(), options);
  if (ec) return fail(llm_reason::kInvalidJson, "the reply is not valid JSON: " + ec.message());
  const auto* object = parsed.if_object();
  if (object == nullptr) return fail(llm_reason::kInvalidJson, "the reply is not a JSON object");

  LlmUnderstanding out;
  auto intent = string_field(*object, "intent", limits.max_intent_bytes, false);
  if (!intent) return tl::unexpected(std::move(intent).error());
  auto confidence = confidence_field(*object);
  if (!confidence) return tl::unexpected(std::move(confidence).error());
  auto entities = entities_field(*object, limits);
  if (!entities) return tl::unexpected(std::move(entities).error());
  auto reasoning = string_field(*object, "reasoning", limits.max_text_bytes, true);
  if (!reasoning) return tl::unexpected(std::move(reasoning).error());
  auto response_text = string_field(*object, "response_text", limits.max_text_bytes, true);
  if (!response_text) return tl::unexpected(std::move(response_text).error());
  auto next_action = string_field(*object, "next_action", limits.max_intent_bytes, false);
  if (!next_action) return tl::unexpected(std::move(next_action).error());
  auto actions = actions_field(*object, limits);
  if (!actions) return tl::unexpected(std::move(actions).error());

  if (*intent == kOutOfScopeIntent || catalog.contains(*intent)) {
    out.intent = std::move(*intent);
  } else {
    out.intent = std::string(kOutOfScopeIntent);
    out.unknown_intent = std::move(*intent);
  }
  out.confidence = *confidence;
  out.entities = std::move(*entities);
  out.reasoning = std::move(*reasoning);
  out.response_text = std::move(*response_text);
  out.next_action = std::move(*next_action);
  out.suggested_actions = std::move(*actions);
  return out;
}

}  // namespace aicc::nlu
