// ScenarioState as JSON: round trip, strict reading, and restore() against the loaded bot.
#include "scenario/state.h"

#include <gtest/gtest.h>

#include "scenario_test_util.h"

namespace aicc::scenario {
namespace {

using testing::make_engine;
using testing::make_scenario;
using testing::make_step;

ScenarioState sample() {
  ScenarioState s;
  s.scenario_id = "reservation";
  s.step_id = "ask_contact_info";
  s.status = RunStatus::kActive;
  s.slots = {{"service_type", "visit"}, {"preferred_date", "2024-01-15"}, {"memo", "\"따옴표\"\n"}};
  s.path = {"ask_service_type", "ask_preferred_date"};
  s.retries = 2;
  s.invalid_in_row = 2;
  return s;
}

TEST(StateJson, RoundTrip) {
  const ScenarioState s = sample();
  const auto back = state_from_json(state_to_json(s));
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(*back, s);
  for (RunStatus status : {RunStatus::kCompleted, RunStatus::kEscalated, RunStatus::kCancelled}) {
    ScenarioState f = s;
    f.status = status;
    EXPECT_EQ(state_from_json(state_to_json(f)).value(), f);
  }
}

void expect_invalid(std::string_view json, std::string_view mentions) {
  const auto r = state_from_json(json);
  ASSERT_FALSE(r) << json;
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(r.error().message.find(mentions), std::string::npos) << r.error().message;
}

TEST(StateJson, CorruptDocumentsAreInvalidArgument) {
  expect_invalid("", "not valid JSON");
  expect_invalid("{\"version\":1,", "not valid JSON");
  expect_invalid("[]", "must be an object");
  expect_invalid(
      R"({"scenario":"a","step":"b","status":"active","slots":{},"path":[],"retries":0,"invalid_in_row":0})",
      "version");
  const std::string good = state_to_json(sample());
  const auto with = [&](std::string_view from, std::string_view to) {
    std::string s = good;
    const auto at = s.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    s.replace(at, from.size(), to);
    return s;
  };
  expect_invalid(with("\"version\":1", "\"version\":2"), "version");
  expect_invalid(with("\"status\":\"active\"", "\"status\":\"paused\""), "status");
  expect_invalid(with("\"retries\":2", "\"retries\":-1"), "retries");
  expect_invalid(with("\"retries\":2", "\"retries\":\"2\""), "retries");
  expect_invalid(with("\"scenario\":\"reservation\"", "\"scenario\":\"\""), "scenario");
  expect_invalid(with("\"slots\":{", "\"slots\":{\"n\":1,"), "slots.n");
  expect_invalid(with("\"path\":[", "\"path\":[3,"), "path");
  expect_invalid(with("\"version\":1", "\"version\":1,\"extra\":true"), "extra");
}

TEST(StateRestore, ChecksTheLoadedDefinitions) {
  Step first = make_step("first", InputType::kText);
  Step second = make_step("second", InputType::kText);
  second.slot = "note";
  const ScenarioEngine engine = make_engine({make_scenario("form", {first, second})});
  auto started = engine.start("form", Language::kKorean);
  ASSERT_TRUE(started);
  const auto restored = engine.restore(state_to_json(started->state));
  ASSERT_TRUE(restored);
  EXPECT_EQ(*restored, started->state);

  ScenarioState s = started->state;
  s.scenario_id = "gone";
  EXPECT_EQ(engine.restore(state_to_json(s)).error().code, ErrorCode::kNotFound);
  s = started->state;
  s.step_id = "gone";
  EXPECT_EQ(engine.restore(state_to_json(s)).error().code, ErrorCode::kNotFound);
  s = started->state;
  s.path = {"gone"};
  EXPECT_EQ(engine.restore(state_to_json(s)).error().code, ErrorCode::kNotFound);
  s = started->state;
  s.slots["renamed_slot"] = "x";
  EXPECT_EQ(engine.restore(state_to_json(s)).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(engine.restore("{oops").error().code, ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace aicc::scenario
