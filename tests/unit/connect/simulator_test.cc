// The simulator's paths through the deploy flow and small flows, with a test port (hours,
// queue capacity) and no bot: DTMF conditions, timeouts when inputs run out, retry caps,
// Lambda answers as $.External, attribute references, queue transfer.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "connect/flow_simulator.h"
#include "test_contact.h"

namespace aicc::connect {
namespace {

Flow load(const std::string& relative) {
  std::ifstream in(std::string(AICC_SOURCE_DIR) + "/" + relative);
  std::ostringstream s;
  s << in.rdbuf();
  auto parsed = parse_flow(s.str());
  EXPECT_TRUE(parsed.flow && parsed.problems.empty());
  return parsed.flow.value_or(Flow{});
}

std::vector<std::string> blocks(const SimulationResult& r) {
  std::vector<std::string> out;
  for (const auto& s : r.path) out.push_back(s.block);
  return out;
}

bool visited(const SimulationResult& r, const std::string& block) {
  for (const auto& s : r.path)
    if (s.block == block) return true;
  return false;
}

class SimulatorTest : public ContactTest {
 protected:
  SimulationResult run(std::vector<std::string> inputs) {
    SimulationOptions o;
    o.inputs = std::move(inputs);
    o.customer_address = "+821012345678";
    return simulate_flow(inbound_, *engine_, o);
  }
  Flow inbound_ = load("deploy/connect/inbound-flow.json");
};

TEST_F(SimulatorTest, AfterHoursSaysSoAndHangsUp) {
  center_.open = false;
  auto r = run({});
  EXPECT_EQ(r.end, "disconnected");
  EXPECT_EQ(blocks(r), (std::vector<std::string>{"welcome-message", "set-contact-attributes",
                                                 "check-business-hours", "after-hours-message",
                                                 "disconnect"}));
  EXPECT_EQ(r.attributes.at("CallType"), "Inbound");
}

TEST_F(SimulatorTest, FourGoesStraightToTheQueue) {
  auto r = run({"4"});
  EXPECT_EQ(r.end, "queued") << r.error;
  EXPECT_EQ(r.queue, "${QUEUE_ARN}");
  ASSERT_EQ(center_.transfers.size(), 1u);
  EXPECT_EQ(center_.transfers[0].conversation_id, conversation_id_for("simulated-contact"));
  EXPECT_TRUE(visited(r, "set-queue"));
}

TEST_F(SimulatorTest, MenuTimeoutsAreCappedAtThreeAttemptsThenAnAgent) {
  auto r = run({});  // no input at all
  EXPECT_EQ(r.end, "queued") << r.error;
  int menus = 0;
  for (const auto& s : r.path) menus += s.block == "main-menu" ? 1 : 0;
  EXPECT_EQ(menus, 3);
  EXPECT_EQ(r.path[3].outcome, "error InputTimeLimitExceeded");
  EXPECT_EQ(r.attributes.at("MenuRetries"), "2");
}

TEST_F(SimulatorTest, AnInvalidDigitIsRefusedAndTheMenuRepeats) {
  auto r = run({"9", "4"});
  EXPECT_EQ(r.end, "queued");
  EXPECT_TRUE(visited(r, "menu-invalid-message"));
}

TEST_F(SimulatorTest, AccountPathChecksTheDigitsThroughTheLambda) {
  // Wrong digits: authentication fails, the caller goes to an agent.
  auto failed = run({"3", "0000"});
  EXPECT_TRUE(visited(failed, "authentication-failed"));
  EXPECT_EQ(failed.end, "queued");
  // The right digits reach the Lex block; no more input: its timeout leads to an agent.
  auto ok = run({"3", "5678"});
  EXPECT_FALSE(visited(ok, "authentication-failed"));
  EXPECT_TRUE(visited(ok, "invoke-chatbot"));
  EXPECT_EQ(ok.attributes.at("Department"), "Account");
}

TEST_F(SimulatorTest, AFullQueueOffersACallbackThroughTheEscalationLambda) {
  center_.capacity = false;
  auto r = run({"4", "1"});
  EXPECT_EQ(r.end, "disconnected");
  EXPECT_TRUE(visited(r, "queue-full-message"));
  EXPECT_TRUE(visited(r, "callback-confirmation"));
  ASSERT_EQ(center_.transfers.size(), 2u);  // the failed transfer, then the callback
  EXPECT_EQ(center_.transfers[1].reason, "callback");
}

TEST_F(SimulatorTest, KeepWaitingIsCappedToo) {
  center_.capacity = false;
  auto r = run({"4", "2", "2", "2"});
  EXPECT_EQ(r.end, "disconnected") << r.error;
  EXPECT_TRUE(visited(r, "schedule-callback"));
  EXPECT_EQ(r.attributes.at("QueueRetries"), "2");
}

TEST_F(SimulatorTest, AFlowThatLoopsForeverIsStopped) {
  auto parsed = parse_flow(R"({"Version": "2019-10-30", "StartAction": "a", "Actions": [
    {"Identifier": "a", "Type": "MessageParticipant", "Parameters": {"Text": "again"},
     "Transitions": {"NextAction": "a", "Errors": [{"NextAction": "a", "ErrorType": "NoMatchingError"}]}}]})");
  ASSERT_TRUE(parsed.flow);
  SimulationOptions o;
  o.max_blocks = 20;
  auto r = simulate_flow(*parsed.flow, *engine_, o);
  EXPECT_EQ(r.end, "error");
  EXPECT_NE(r.error.find("a loop"), std::string::npos);
}

TEST_F(SimulatorTest, ConsoleExportedChatFlowPlaysTheLambdaResponse) {
  Flow chat = load("tests/connect/flows/console-export-chat.json");
  SimulationOptions o;
  o.channel = "CHAT";
  o.inputs = {"안녕하세요"};
  auto r = simulate_flow(chat, *engine_, o);
  // Without a bot the chat engine stores the message and answers nothing; the flow plays
  // the (empty) response and waits for more input, which times out.
  EXPECT_EQ(r.end, "disconnected") << r.error;
  EXPECT_EQ(r.path.back().type, "DisconnectParticipant");
  EXPECT_EQ(r.path[1].type, "GetParticipantInput");
  EXPECT_EQ(r.path[2].type, "InvokeLambdaFunction");
}

}  // namespace
}  // namespace aicc::connect
