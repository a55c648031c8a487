// Roles, usernames and agent profiles: the domain rules of core/user.h and core/agent.h.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/agent.h"
#include "core/user.h"

namespace aicc {
namespace {

TEST(Roles, AreOrderedAgentSupervisorAdmin) {
  EXPECT_TRUE(role_allows(Role::kAdmin, Role::kAgent));
  EXPECT_TRUE(role_allows(Role::kAdmin, Role::kSupervisor));
  EXPECT_TRUE(role_allows(Role::kSupervisor, Role::kSupervisor));
  EXPECT_FALSE(role_allows(Role::kSupervisor, Role::kAdmin));
  EXPECT_FALSE(role_allows(Role::kAgent, Role::kSupervisor));
}

TEST(Roles, RoundTripAndRejectUnknownNames) {
  for (Role r : {Role::kAgent, Role::kSupervisor, Role::kAdmin})
    EXPECT_EQ(parse_role(to_string(r)), r);
  EXPECT_FALSE(parse_role("Admin"));
  EXPECT_FALSE(parse_role("root"));
  EXPECT_FALSE(parse_role(""));
}

TEST(Roles, OnlyAgentsAndSupervisorsHaveProfiles) {
  EXPECT_TRUE(has_agent_profile(Role::kAgent));
  EXPECT_TRUE(has_agent_profile(Role::kSupervisor));
  EXPECT_FALSE(has_agent_profile(Role::kAdmin));
}

TEST(Usernames, AcceptTheDocumentedShape) {
  for (const char* ok : {"kim", "Kim.Minji", "agent_7", "a-b", "lee@example.com", "abc"})
    EXPECT_TRUE(validate_username(ok)) << ok;
}

TEST(Usernames, RejectEverythingElseNamingTheField) {
  const std::vector<std::string> cases = {
      "", "ab", std::string(65, 'a'), "_kim", ".kim", "kim minji", "김민지", "kim/1", "kim\n"};
  for (const auto& bad : cases) {
    auto st = validate_username(bad);
    ASSERT_FALSE(st) << bad;
    EXPECT_EQ(st.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(st.error().details.at("field"), "username");
  }
}

TEST(DisplayNames, AllowUnicodeButNoControlCharacters) {
  EXPECT_TRUE(validate_display_name("김민지 (Minji Kim)"));
  EXPECT_TRUE(validate_display_name(""));
  EXPECT_FALSE(validate_display_name("a\tb"));
  EXPECT_FALSE(validate_display_name("\xff"));
  EXPECT_FALSE(validate_display_name(std::string(201, 'x')));
}

TEST(AgentStates, RoundTripAndBusyIsNotChosen) {
  for (auto s :
       {AgentState::kAvailable, AgentState::kBusy, AgentState::kBreak, AgentState::kTraining,
        AgentState::kMeeting, AgentState::kAfterCallWork, AgentState::kOffline}) {
    EXPECT_EQ(parse_agent_state(to_string(s)), s);
    EXPECT_EQ(agent_may_choose(s), s != AgentState::kBusy);
  }
  EXPECT_EQ(to_string(AgentState::kAfterCallWork), "after_call_work");
  EXPECT_FALSE(parse_agent_state("lunch"));
}

AgentProfile valid_profile() {
  AgentProfile p;
  p.skills = {{"billing", 3}, {"technical_support", 5}};
  p.languages = {"ko", "en"};
  p.queues = {"general-queue"};
  return p;
}

TEST(AgentProfiles, DefaultsAreChatThreeVoiceOne) {
  const AgentProfile p;
  EXPECT_EQ(p.chat_capacity, 3);
  EXPECT_EQ(p.voice_capacity, 1);
  EXPECT_EQ(p.state, AgentState::kOffline);
  EXPECT_TRUE(validate_profile(valid_profile()));
}

TEST(AgentProfiles, EachBadFieldIsNamed) {
  struct Case {
    const char* field;
    void (*spoil)(AgentProfile&);
  };
  const Case cases[] = {
      {"skills[0].level", [](AgentProfile& p) { p.skills[0].level = 0; }},
      {"skills[1].level", [](AgentProfile& p) { p.skills[1].level = 6; }},
      {"skills[0].name", [](AgentProfile& p) { p.skills[0].name = ""; }},
      {"skills[0].name", [](AgentProfile& p) { p.skills[0].name = "Billing"; }},
      {"skills[1].name", [](AgentProfile& p) { p.skills[1].name = "billing"; }},
      {"languages[1]", [](AgentProfile& p) { p.languages[1] = "ko"; }},
      {"languages[0]", [](AgentProfile& p) { p.languages[0] = "k o"; }},
      {"queues[0]", [](AgentProfile& p) { p.queues[0] = std::string(65, 'q'); }},
      {"chat_capacity", [](AgentProfile& p) { p.chat_capacity = -1; }},
      {"chat_capacity", [](AgentProfile& p) { p.chat_capacity = 21; }},
      {"voice_capacity", [](AgentProfile& p) { p.voice_capacity = 6; }},
  };
  for (const auto& c : cases) {
    AgentProfile p = valid_profile();
    c.spoil(p);
    auto st = validate_profile(p);
    ASSERT_FALSE(st) << c.field;
    EXPECT_EQ(st.error().details.at("field"), c.field) << st.error().message;
  }
}

TEST(AgentProfiles, StateReasonsAreShortPlainText) {
  EXPECT_TRUE(validate_state_reason(""));
  EXPECT_TRUE(validate_state_reason("점심 식사"));
  EXPECT_FALSE(validate_state_reason(std::string(201, 'x')));
  EXPECT_FALSE(validate_state_reason("a\nb"));
}

}  // namespace
}  // namespace aicc
