// Loading definitions from files: both formats, and one bad file per kind of mistake, each
// error naming the file, the step and the problem; all errors collected, not just the first.
#include "scenario/loader.h"

#include <algorithm>

#include <gtest/gtest.h>

#include "scenario_test_util.h"

namespace aicc::scenario {
namespace {

using testing::TempDir;

constexpr std::string_view kGoodYaml = R"(
id: booking
name: {ko: 예약, en: Booking}
trigger_intents: [reservation]
steps:
  - id: kind
    type: choice
    prompt: {ko: "종류를 골라 주세요", en: "Pick a kind"}
    options:
      - {value: a, label: {ko: 가, en: A}}
      - {value: b, label: {ko: 나, en: B}, synonyms: {ko: [나나], en: [bee]}}
    branches:
      - {when: b, next: escalate, reason: complex_inquiry}
  - id: date
    type: date
    prompt: "{kind} 날짜는요?"
    validation: {future_only: true}
completion_message: {ko: "{kind} {date} 접수", en: "{kind} on {date}"}
completion_action: {type: webhook, url: "https://example.com/hook"}
)";

constexpr std::string_view kGoodJson = R"({
  "id": "lookup",
  "name": {"ko": "조회", "en": "Lookup"},
  "steps": [
    {"id": "order", "type": "order_number", "prompt": {"ko": "주문번호?", "en": "Order?"},
     "retry_limit": 2}
  ],
  "completion_action": {"type": "lookup", "kind": "order"}
})";

// Loads one YAML text from a temporary file and returns its errors as text.
std::vector<std::string> yaml_errors(const std::string& yaml) {
  TempDir dir;
  const std::string path = dir.write("bad.yaml", yaml);
  const LoadReport report = load_scenario_file(path);
  std::vector<std::string> out;
  for (const auto& e : report.errors) {
    EXPECT_EQ(e.file, path);
    out.push_back(e.to_string());
  }
  EXPECT_EQ(report.scenarios.empty(), !report.errors.empty());
  return out;
}

// The good YAML with `from` replaced by `to`.
std::string edit(std::string_view from, std::string_view to) {
  std::string s(kGoodYaml);
  const auto at = s.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) s.replace(at, from.size(), to);
  return s;
}

// Expects an error that mentions every fragment (a mistake may cause follow-on errors, such as
// a placeholder naming a slot that a misnamed step no longer has).
void expect_error(const std::string& yaml, std::initializer_list<std::string_view> fragments) {
  const auto errors = yaml_errors(yaml);
  const bool found = std::any_of(errors.begin(), errors.end(), [&](const std::string& e) {
    return std::all_of(fragments.begin(), fragments.end(),
                       [&](std::string_view f) { return e.find(f) != std::string::npos; });
  });
  EXPECT_TRUE(found) << "no error mentions all of the fragments in "
                     << ::testing::PrintToString(errors);
}

// Expects exactly one error, mentioning every fragment.
void expect_only_error(const std::string& yaml, std::initializer_list<std::string_view> fragments) {
  const auto errors = yaml_errors(yaml);
  ASSERT_EQ(errors.size(), 1u) << ::testing::PrintToString(errors);
  for (auto f : fragments) {
    EXPECT_NE(errors[0].find(f), std::string::npos) << "missing '" << f << "' in " << errors[0];
  }
}

TEST(Loader, ReadsYamlAndJson) {
  TempDir dir;
  dir.write("a.yaml", std::string(kGoodYaml));
  dir.write("b.json", std::string(kGoodJson));
  dir.write("README.txt", "not a scenario");
  const LoadReport report = load_scenario_dir(dir.path());
  ASSERT_TRUE(report.ok()) << to_error(report.errors).message;
  ASSERT_EQ(report.scenarios.size(), 2u);
  const Scenario& booking = report.scenarios[0];
  EXPECT_EQ(booking.id, "booking");
  EXPECT_EQ(booking.name.en, "Booking");
  ASSERT_EQ(booking.steps.size(), 2u);
  EXPECT_EQ(booking.steps[0].type, InputType::kChoice);
  EXPECT_EQ(booking.steps[0].slot, "kind");  // defaults to the step id
  EXPECT_EQ(booking.steps[0].options[1].synonyms.en, std::vector<std::string>{"bee"});
  EXPECT_EQ(booking.steps[1].prompt.ko, "{kind} 날짜는요?");
  EXPECT_TRUE(booking.steps[1].validation.future_only);
  EXPECT_EQ(booking.steps[1].retry_limit, 3);
  EXPECT_EQ(booking.completion_action->url, "https://example.com/hook");
  // Texts left out get the product's defaults.
  EXPECT_EQ(booking.escalation_message.ko, "상담원에게 연결해드리겠습니다. 잠시만 기다려주세요.");
  const Scenario& lookup = report.scenarios[1];
  EXPECT_EQ(lookup.steps[0].retry_limit, 2);
  EXPECT_EQ(lookup.steps[0].type, InputType::kOrderNumber);
}

TEST(Loader, SyntaxErrorsNameTheFile) {
  TempDir dir;
  const auto yaml = dir.write("broken.yaml", "id: x\nsteps: [\n");
  const auto json = dir.write("broken.json", "{\"id\": ");
  EXPECT_NE(load_scenario_file(yaml).errors.at(0).to_string().find("broken.yaml: invalid YAML"),
            std::string::npos);
  EXPECT_NE(load_scenario_file(json).errors.at(0).to_string().find("broken.json: invalid JSON"),
            std::string::npos);
}

TEST(Loader, UnknownNextStep) {
  expect_only_error(edit("    validation: {future_only: true}",
                         "    validation: {future_only: true}\n    next: ask_phone"),
                    {"scenario 'booking'", "step 'date'", "next: unknown step 'ask_phone'"});
}

TEST(Loader, UnreachableStep) {
  expect_only_error(edit("    validation: {future_only: true}",
                         "    validation: {future_only: true}\n    next: complete\n"
                         "  - id: lonely\n    prompt: 외딴"),
                    {"scenario 'booking'", "step 'lonely'", "unreachable"});
}

TEST(Loader, MissingKoreanPrompt) {
  expect_only_error(
      edit(R"(prompt: {ko: "종류를 골라 주세요", en: "Pick a kind"})", "prompt: {en: Pick}"),
      {"step 'kind'", "prompt.ko"});
}

TEST(Loader, BadRegex) {
  expect_only_error(edit("    validation: {future_only: true}",
                         "    validation: {future_only: true}\n  - id: code\n    prompt: 코드\n"
                         "    validation: {pattern: \"[A-Z\"}"),
                    {"step 'code'", "pattern does not compile"});
}

TEST(Loader, DuplicateStepId) {
  expect_error(edit("  - id: date", "  - id: kind"), {"step 'kind'", "duplicate step id"});
}

TEST(Loader, ReservedStepId) {
  expect_error(edit("  - id: date", "  - id: complete"), {"'complete' is reserved"});
}

TEST(Loader, CycleWithoutExit) {
  const auto errors = yaml_errors(R"(
id: loop
name: 순환
steps:
  - id: a
    prompt: 가
    next: b
  - id: b
    prompt: 나
    next: a
)");
  ASSERT_EQ(errors.size(), 2u) << ::testing::PrintToString(errors);
  EXPECT_NE(errors[0].find("step 'a': cycle without exit"), std::string::npos) << errors[0];
  EXPECT_NE(errors[1].find("step 'b': cycle without exit"), std::string::npos) << errors[1];
}

TEST(Loader, CycleWithAnExitIsFine) {
  const auto errors = yaml_errors(R"(
id: loop
name: 반복
steps:
  - id: item
    prompt: 상품?
  - id: more
    type: yes_no
    prompt: 더 있나요?
    branches: [{when: "yes", next: item}]
    next: complete
)");
  EXPECT_TRUE(errors.empty()) << ::testing::PrintToString(errors);
}

TEST(Loader, UnknownFieldAndUnknownType) {
  expect_error(edit("    type: date", "    type: datetime"),
               {"step 'date'", "unknown input type 'datetime'"});
  expect_only_error(edit("    type: date", "    type: date\n    promt: 오타"),
                    {"step 'date'", "unknown field 'promt'"});
}

TEST(Loader, ValidationThatDoesNotFitTheType) {
  expect_only_error(edit("{future_only: true}", "{future_only: true, min_length: 3}"),
                    {"step 'date'", "'min_length' does not apply to a date step"});
}

TEST(Loader, BranchOnAValueNoOptionHas) {
  // The prototype branched on "4" while its options were words: that branch never fired.
  expect_only_error(edit("{when: b, next: escalate", "{when: \"4\", next: escalate"),
                    {"step 'kind'", "'4' is not the value of an option"});
}

TEST(Loader, CollidingOptionWords) {
  expect_error(edit("synonyms: {ko: [나나]", "synonyms: {ko: [가]"),
               {"step 'kind'", "selects both"});
  expect_error(edit("synonyms: {ko: [나나]", "synonyms: {ko: [\"1\"]"),
               {"selects both 'a' and 'b'"});
}

TEST(Loader, PlaceholdersMustBeFilledOnEveryPath) {
  expect_error(edit("prompt: \"{kind} 날짜는요?\"", "prompt: \"{date} 날짜는요?\""),
               {"step 'date'", "{date} may not be filled yet"});
  expect_error(edit("prompt: \"{kind} 날짜는요?\"", "prompt: \"{typo} 날짜는요?\""),
               {"{typo} is not the slot of any step"});
  expect_error(edit("prompt: \"{kind} 날짜는요?\"", "prompt: \"{kind 날짜는요?\""),
               {"step 'date'", "without '}'"});
}

TEST(Loader, EscalationMessageTakesNoPlaceholders) {
  expect_only_error(
      edit("completion_action:", "escalation_message: \"{kind} 연결\"\ncompletion_action:"),
      {"no {slot} placeholders"});
}

TEST(Loader, BadEscalationReasonAndAction) {
  expect_only_error(edit("reason: complex_inquiry", "reason: bored"),
                    {"unknown escalation reason 'bored'"});
  expect_only_error(
      edit("{type: webhook, url: \"https://example.com/hook\"}", "{type: webhook, url: ftp://x}"),
      {"webhook needs an http(s) url"});
  expect_only_error(edit("{type: webhook, url: \"https://example.com/hook\"}", "{type: record}"),
                    {"'record' needs a kind"});
  expect_only_error(edit("{type: webhook, url: \"https://example.com/hook\"}", "{type: email}"),
                    {"unknown type 'email'"});
}

TEST(Loader, ChoiceNeedsOptionsAndRetryLimitMustBePositive) {
  expect_error(edit("    validation: {future_only: true}",
                    "    validation: {future_only: true}\n  - id: pick\n    type: choice\n"
                    "    prompt: 골라요\n    options: [{value: only, label: 하나}]"),
               {"step 'pick'", "at least 2 options"});
  expect_error(edit("    type: date", "    type: date\n    retry_limit: 0"),
               {"step 'date'", "retry_limit"});
}

TEST(Loader, CollectsEveryErrorNotJustTheFirst) {
  const auto errors = yaml_errors(R"(
id: many
steps:
  - id: a
    type: colour
    next: nowhere
  - id: a
    prompt: 둘
)");
  // no Korean name, unknown type, missing prompt, unknown next, duplicate id
  EXPECT_GE(errors.size(), 5u) << ::testing::PrintToString(errors);
}

TEST(Loader, DuplicateIdsAndIntentsAcrossFiles) {
  TempDir dir;
  dir.write("one.yaml", std::string(kGoodYaml));
  dir.write("two.yaml", std::string(kGoodYaml));
  std::string other(kGoodYaml);
  other.replace(other.find("id: booking"), 11, "id: booking2");
  dir.write("three.yaml", other);
  const LoadReport report = load_scenario_dir(dir.path());
  std::vector<std::string> errors;
  for (const auto& e : report.errors) errors.push_back(e.to_string());
  ASSERT_EQ(errors.size(), 2u) << ::testing::PrintToString(errors);
  EXPECT_NE(errors[0].find("three.yaml: scenario 'booking2': trigger_intents: 'reservation' "
                           "already starts scenario 'booking'"),
            std::string::npos)
      << errors[0];
  EXPECT_NE(errors[1].find("two.yaml: scenario 'booking': id: duplicate scenario id (also in"),
            std::string::npos)
      << errors[1];
  EXPECT_FALSE(load_scenarios(dir.path()));
}

TEST(Loader, MissingDirectoryIsAnError) {
  const auto result = load_scenarios("/nonexistent/aicc/scenarios");
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(result.error().message.find("cannot read the scenario directory"), std::string::npos);
}

TEST(Loader, ParseTextForTheAdminApi) {
  const LoadReport report = parse_scenario_text(kGoodJson, SourceFormat::kJson, "admin API");
  ASSERT_TRUE(report.ok());
  const LoadReport bad = parse_scenario_text("{\"id\":\"x\"}", SourceFormat::kJson, "admin API");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.errors[0].file, "admin API");
}

}  // namespace
}  // namespace aicc::scenario
