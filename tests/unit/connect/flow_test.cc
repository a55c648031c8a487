// The validator: each problem a flow can have is reported once, with its block.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "connect/flow.h"

namespace aicc::connect {
namespace {

std::string read(const std::string& relative) {
  std::ifstream in(std::string(AICC_SOURCE_DIR) + "/" + relative);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// A small valid flow: greet, menu (1 → queue, 2 → bye), disconnect.
constexpr const char* kValid = R"({
  "Version": "2019-10-30", "StartAction": "hello",
  "Metadata": {"entryPointPosition": {"x": 40, "y": 40}},
  "Actions": [
    {"Identifier": "hello", "Type": "MessageParticipant", "Parameters": {"Text": "Hi"},
     "Transitions": {"NextAction": "menu", "Errors": [{"NextAction": "bye", "ErrorType": "NoMatchingError"}]}},
    {"Identifier": "menu", "Type": "GetParticipantInput",
     "Parameters": {"Text": "1 or 2", "StoreInput": "False", "InputTimeLimitSeconds": "5"},
     "Transitions": {"NextAction": "bye",
       "Conditions": [{"NextAction": "queue", "Condition": {"Operator": "Equals", "Operands": ["1"]}},
                      {"NextAction": "bye", "Condition": {"Operator": "Equals", "Operands": ["2"]}}],
       "Errors": [{"NextAction": "bye", "ErrorType": "InputTimeLimitExceeded"},
                  {"NextAction": "bye", "ErrorType": "NoMatchingCondition"},
                  {"NextAction": "bye", "ErrorType": "NoMatchingError"}]}},
    {"Identifier": "queue", "Type": "UpdateContactTargetQueue", "Parameters": {"QueueId": "q1"},
     "Transitions": {"NextAction": "transfer", "Errors": [{"NextAction": "bye", "ErrorType": "NoMatchingError"}]}},
    {"Identifier": "transfer", "Type": "TransferContactToQueue", "Parameters": {},
     "Transitions": {"Errors": [{"NextAction": "bye", "ErrorType": "QueueAtCapacity"},
                                {"NextAction": "bye", "ErrorType": "NoMatchingError"}]}},
    {"Identifier": "bye", "Type": "DisconnectParticipant", "Parameters": {}, "Transitions": {}}
  ]})";

std::vector<FlowProblem> check_with(const std::string& from, const std::string& to) {
  std::string text = kValid;
  auto p = text.find(from);
  EXPECT_NE(p, std::string::npos) << from;
  text.replace(p, from.size(), to);
  return check_flow_text(text);
}

bool has(const std::vector<FlowProblem>& problems, const std::string& block,
         const std::string& words) {
  for (const auto& p : problems)
    if (p.block == block && p.message.find(words) != std::string::npos) return true;
  return false;
}

std::string dump(const std::vector<FlowProblem>& problems) {
  std::string s;
  for (const auto& p : problems) s += p.block + ": " + p.message + "\n";
  return s;
}

TEST(FlowValidate, AcceptsAValidFlowAndIgnoresMetadata) {
  const auto problems = check_flow_text(kValid);
  EXPECT_TRUE(problems.empty()) << dump(problems);
}

TEST(FlowValidate, ReportsNotJsonAndNotAFlow) {
  EXPECT_TRUE(has(check_flow_text("{"), "", "not valid JSON"));
  EXPECT_TRUE(has(check_flow_text("[]"), "", "JSON object"));
  EXPECT_TRUE(has(check_flow_text(R"({"Version":"2019-10-30","StartAction":"a"})"), "", "Actions"));
}

TEST(FlowValidate, ReportsAMissingTransitionTarget) {
  const auto p = check_with(R"("NextAction": "transfer")", R"("NextAction": "nowhere")");
  EXPECT_TRUE(has(p, "queue", "\"nowhere\", which is not a block")) << dump(p);
  EXPECT_TRUE(has(p, "transfer", "unreachable")) << dump(p);
}

TEST(FlowValidate, ReportsAStartActionThatIsNoBlock) {
  const auto p = check_with(R"("StartAction": "hello")", R"("StartAction": "start")");
  EXPECT_TRUE(has(p, "", "StartAction \"start\"")) << dump(p);
}

TEST(FlowValidate, ReportsUnreachableBlocks) {
  const auto q =
      check_with(R"({"NextAction": "queue", "Condition")", R"({"NextAction": "bye", "Condition")");
  EXPECT_TRUE(has(q, "queue", "unreachable from StartAction")) << dump(q);
  EXPECT_TRUE(has(q, "transfer", "unreachable from StartAction")) << dump(q);
}

TEST(FlowValidate, ReportsUnknownTypesAndNamesTheFlowLanguageOne) {
  const auto q =
      check_with(R"("Type": "UpdateContactTargetQueue")", R"("Type": "SetWorkingQueue")");
  EXPECT_TRUE(has(q, "queue", "unknown action type \"SetWorkingQueue\"")) << dump(q);
  EXPECT_TRUE(has(q, "queue", "UpdateContactTargetQueue")) << dump(q);
  const auto r = check_with(R"("Type": "MessageParticipant")", R"("Type": "Teleport")");
  EXPECT_TRUE(has(r, "hello", "unknown action type \"Teleport\"")) << dump(r);
}

TEST(FlowValidate, ReportsMissingRequiredParameters) {
  const auto p = check_with(R"("Parameters": {"QueueId": "q1"})", R"("Parameters": {})");
  EXPECT_TRUE(has(p, "queue", "needs the parameter QueueId")) << dump(p);
  const auto q = check_with(R"("Parameters": {"Text": "Hi"})", R"("Parameters": {})");
  EXPECT_TRUE(has(q, "hello", "needs the parameter Text | PromptId")) << dump(q);
  const auto r =
      check_with(R"("Parameters": {"Text": "Hi"})", R"("Parameters": {"Text": "Hi", "SSML": "x"})");
  EXPECT_TRUE(has(r, "hello", "only one of")) << dump(r);
}

TEST(FlowValidate, ReportsMissingErrorBranches) {
  const auto p = check_with(R"({"NextAction": "bye", "ErrorType": "QueueAtCapacity"},)", "");
  EXPECT_TRUE(has(p, "transfer", "missing the error branch QueueAtCapacity")) << dump(p);
  const auto q = check_with(R"({"NextAction": "bye", "ErrorType": "NoMatchingCondition"},)", "");
  EXPECT_TRUE(has(q, "menu", "no NoMatchingCondition error branch")) << dump(q);
  const auto r = check_with(R"({"NextAction": "bye", "ErrorType": "InputTimeLimitExceeded"},)", "");
  EXPECT_TRUE(has(r, "menu", "missing the error branch InputTimeLimitExceeded")) << dump(r);
}

TEST(FlowValidate, ReportsDuplicateIdentifiersAndBadConditions) {
  const auto p = check_with(R"("Identifier": "queue")", R"("Identifier": "hello")");
  EXPECT_TRUE(has(p, "hello", "more than one block")) << dump(p);
  const auto q = check_with(R"("Operator": "Equals", "Operands": ["2"])",
                            R"("Operator": "Matches", "Operands": ["2", "3"])");
  EXPECT_TRUE(has(q, "menu", "\"Matches\" is not a flow-language operator")) << dump(q);
  EXPECT_TRUE(has(q, "menu", "exactly one value")) << dump(q);
}

TEST(FlowValidate, ReportsTransitionsOnDisconnectAndMissingNextAction) {
  const auto p = check_with(
      R"("Type": "DisconnectParticipant", "Parameters": {}, "Transitions": {})",
      R"("Type": "DisconnectParticipant", "Parameters": {}, "Transitions": {"NextAction": "hello"})");
  EXPECT_TRUE(has(p, "bye", "takes no transitions")) << dump(p);
  const auto q = check_with(R"("Transitions": {"NextAction": "transfer", )", R"("Transitions": {)");
  EXPECT_TRUE(has(q, "queue", "NextAction is missing")) << dump(q);
}

TEST(FlowValidate, ChecksLambdaTimeLimitAndHoursConditions) {
  const std::string flow = R"({"Version": "2019-10-30", "StartAction": "hours", "Actions": [
    {"Identifier": "hours", "Type": "CheckHoursOfOperation", "Parameters": {},
     "Transitions": {"NextAction": "lambda", "Conditions": [
       {"NextAction": "lambda", "Condition": {"Operator": "Equals", "Operands": ["True"]}}],
       "Errors": [{"NextAction": "bye", "ErrorType": "NoMatchingError"}]}},
    {"Identifier": "lambda", "Type": "InvokeLambdaFunction",
     "Parameters": {"LambdaFunctionARN": "arn:aws:lambda:x", "InvocationTimeLimitSeconds": "30"},
     "Transitions": {"NextAction": "bye", "Conditions": [
       {"NextAction": "bye", "Condition": {"Operator": "Equals", "Operands": ["x"]}}],
       "Errors": [{"NextAction": "bye", "ErrorType": "NoMatchingError"}]}},
    {"Identifier": "bye", "Type": "DisconnectParticipant", "Parameters": {}, "Transitions": {}}]})";
  const auto p = check_flow_text(flow);
  EXPECT_TRUE(has(p, "hours", "both the \"True\" and the \"False\"")) << dump(p);
  EXPECT_TRUE(has(p, "lambda", "from 1 to 8")) << dump(p);
  EXPECT_TRUE(has(p, "lambda", "takes no Conditions")) << dump(p);
}

TEST(FlowValidate, ThePrototypeFlowAsWrittenIsRefusedAndTheDeployFlowPasses) {
  const auto bad = check_flow_text(read("tests/connect/flows/prototype-inbound-as-written.json"));
  EXPECT_TRUE(has(bad, "main-menu", "unknown action type \"GetUserInput\"")) << dump(bad);
  EXPECT_TRUE(has(bad, "check-bot-result", "Compare")) << dump(bad);
  EXPECT_TRUE(has(bad, "set-queue", "UpdateContactTargetQueue")) << dump(bad);
  const auto good = check_flow_text(read("deploy/connect/inbound-flow.json"));
  EXPECT_TRUE(good.empty()) << dump(good);
  const auto exported = check_flow_text(read("tests/connect/flows/console-export-chat.json"));
  EXPECT_TRUE(exported.empty()) << dump(exported);
}

}  // namespace
}  // namespace aicc::connect
