#include "scenario/state.h"

#include <algorithm>
#include <array>
#include <limits>

#include <boost/json.hpp>

namespace aicc::scenario {

namespace json = boost::json;

namespace {

constexpr int kVersion = 1;

constexpr std::array<std::pair<RunStatus, std::string_view>, 4> kStatusNames{{
    {RunStatus::kActive, "active"},
    {RunStatus::kCompleted, "completed"},
    {RunStatus::kEscalated, "escalated"},
    {RunStatus::kCancelled, "cancelled"},
}};

tl::unexpected<Error> bad_field(std::string_view field, std::string_view problem) {
  return make_error(ErrorCode::kInvalidArgument,
                    "scenario state: '" + std::string(field) + "' " + std::string(problem),
                    {{"field", std::string(field)}});
}

Result<std::string> read_string(const json::object& o, std::string_view field, bool required) {
  const auto* v = o.if_contains(field);
  if (!v) {
    if (required) return bad_field(field, "is missing");
    return std::string();
  }
  if (!v->is_string()) return bad_field(field, "must be a string");
  return std::string(v->as_string());
}

Result<int> read_count(const json::object& o, std::string_view field) {
  const auto* v = o.if_contains(field);
  if (!v) return bad_field(field, "is missing");
  if (!v->is_int64() && !v->is_uint64()) return bad_field(field, "must be an integer");
  const auto n = v->to_number<std::int64_t>();
  if (n < 0 || n > std::numeric_limits<int>::max()) return bad_field(field, "is out of range");
  return static_cast<int>(n);
}

}  // namespace

std::string_view to_string(RunStatus status) {
  for (const auto& [s, name] : kStatusNames) {
    if (s == status) return name;
  }
  return "active";
}

std::optional<RunStatus> parse_run_status(std::string_view text) {
  for (const auto& [s, name] : kStatusNames) {
    if (name == text) return s;
  }
  return std::nullopt;
}

std::string state_to_json(const ScenarioState& state) {
  json::object slots;
  for (const auto& [k, v] : state.slots) slots[k] = v;
  json::array path;
  for (const auto& step : state.path) path.emplace_back(step);
  json::object o;
  o["version"] = kVersion;
  o["scenario"] = state.scenario_id;
  o["step"] = state.step_id;
  o["status"] = to_string(state.status);
  o["slots"] = std::move(slots);
  o["path"] = std::move(path);
  o["retries"] = state.retries;
  o["invalid_in_row"] = state.invalid_in_row;
  return json::serialize(o);
}

Result<ScenarioState> state_from_json(std::string_view text) {
  boost::system::error_code ec;
  const json::value doc = json::parse(text, ec);
  if (ec) {
    return make_error(ErrorCode::kInvalidArgument,
                      "scenario state is not valid JSON: " + ec.message());
  }
  if (!doc.is_object()) return bad_field("(document)", "must be an object");
  const json::object& o = doc.as_object();
  for (const auto& entry : o) {
    static constexpr std::array<std::string_view, 8> kKnown{
        "version", "scenario", "step", "status", "slots", "path", "retries", "invalid_in_row"};
    if (std::find(kKnown.begin(), kKnown.end(), entry.key()) == kKnown.end()) {
      return bad_field(entry.key(), "is not a field of the scenario state");
    }
  }
  const auto* version = o.if_contains("version");
  if (!version || !version->is_int64() || version->as_int64() != kVersion) {
    return bad_field("version", "must be 1");
  }
  ScenarioState state;
  auto scenario = read_string(o, "scenario", true);
  if (!scenario) return tl::unexpected(scenario.error());
  if (scenario->empty()) return bad_field("scenario", "is empty");
  state.scenario_id = std::move(*scenario);
  auto step = read_string(o, "step", true);
  if (!step) return tl::unexpected(step.error());
  if (step->empty()) return bad_field("step", "is empty");
  state.step_id = std::move(*step);
  auto status_text = read_string(o, "status", true);
  if (!status_text) return tl::unexpected(status_text.error());
  const auto status = parse_run_status(*status_text);
  if (!status) return bad_field("status", "must be active, completed, escalated or cancelled");
  state.status = *status;

  const auto* slots = o.if_contains("slots");
  if (!slots || !slots->is_object()) return bad_field("slots", "must be an object");
  for (const auto& [k, v] : slots->as_object()) {
    if (!v.is_string()) return bad_field("slots." + std::string(k), "must be a string");
    state.slots[std::string(k)] = std::string(v.as_string());
  }
  const auto* path = o.if_contains("path");
  if (!path || !path->is_array()) return bad_field("path", "must be an array");
  for (const auto& v : path->as_array()) {
    if (!v.is_string()) return bad_field("path", "must hold step ids");
    state.path.emplace_back(v.as_string());
  }
  auto retries = read_count(o, "retries");
  if (!retries) return tl::unexpected(retries.error());
  state.retries = *retries;
  auto in_row = read_count(o, "invalid_in_row");
  if (!in_row) return tl::unexpected(in_row.error());
  state.invalid_in_row = *in_row;
  return state;
}

}  // namespace aicc::scenario
