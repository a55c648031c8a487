#include "dialogue/dialogue_state.h"

#include <boost/json.hpp>

namespace aicc::dialogue {
namespace json = boost::json;

namespace {
constexpr std::int64_t kFormat = 1;

Error bad_state(const std::string& why) {
  return Error{ErrorCode::kInvalidArgument, "unreadable bot state: " + why, {}};
}
}  // namespace

std::string to_json(const DialogueState& s) {
  json::object o;
  o["v"] = kFormat;
  o["turns"] = s.customer_turns;
  o["since_resolution"] = s.turns_since_resolution;
  o["misses"] = s.misses_in_row;
  json::array intents;
  for (const auto& i : s.recent_intents) intents.emplace_back(i);
  o["intents"] = std::move(intents);
  json::array anger;
  for (bool a : s.recent_anger) anger.emplace_back(a);
  o["anger"] = std::move(anger);
  if (s.in_scenario()) {
    o["scenario_id"] = s.scenario_id;
    o["scenario"] = s.scenario_state;
    if (!s.scenario_choices.empty()) {
      json::array choices;
      for (const auto& c : s.scenario_choices) choices.emplace_back(c);
      o["choices"] = std::move(choices);
    }
  }
  return json::serialize(o);
}

Result<DialogueState> dialogue_state_from_json(std::string_view text) {
  DialogueState s;
  if (text.empty()) return s;
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec || !v.is_object()) return tl::unexpected(bad_state("not a JSON object"));
  const json::object& o = v.as_object();
  const auto* version = o.if_contains("v");
  if (!version || !version->is_int64() || version->as_int64() != kFormat)
    return tl::unexpected(bad_state("unknown format version"));
  auto read_int = [&](const char* key, int& out) -> bool {
    const auto* f = o.if_contains(key);
    if (!f || !f->is_int64() || f->as_int64() < 0 || f->as_int64() > 1'000'000) return false;
    out = static_cast<int>(f->as_int64());
    return true;
  };
  if (!read_int("turns", s.customer_turns) ||
      !read_int("since_resolution", s.turns_since_resolution) ||
      !read_int("misses", s.misses_in_row))
    return tl::unexpected(bad_state("bad counters"));
  const auto* intents = o.if_contains("intents");
  const auto* anger = o.if_contains("anger");
  if (!intents || !intents->is_array() || !anger || !anger->is_array())
    return tl::unexpected(bad_state("bad history"));
  for (const auto& i : intents->as_array()) {
    if (!i.is_string()) return tl::unexpected(bad_state("bad intent history"));
    s.recent_intents.emplace_back(i.as_string());
  }
  for (const auto& a : anger->as_array()) {
    if (!a.is_bool()) return tl::unexpected(bad_state("bad anger history"));
    s.recent_anger.push_back(a.as_bool());
  }
  const auto* scenario = o.if_contains("scenario");
  const auto* scenario_id = o.if_contains("scenario_id");
  if (scenario || scenario_id) {
    if (!scenario || !scenario->is_string() || !scenario_id || !scenario_id->is_string() ||
        scenario->as_string().empty())
      return tl::unexpected(bad_state("bad scenario"));
    s.scenario_state = std::string(scenario->as_string());
    s.scenario_id = std::string(scenario_id->as_string());
    // Optional: states saved before choices were kept have none.
    if (const auto* choices = o.if_contains("choices")) {
      if (!choices->is_array()) return tl::unexpected(bad_state("bad scenario choices"));
      for (const auto& c : choices->as_array()) {
        if (!c.is_string()) return tl::unexpected(bad_state("bad scenario choices"));
        s.scenario_choices.emplace_back(c.as_string());
      }
    }
  }
  return s;
}

}  // namespace aicc::dialogue
