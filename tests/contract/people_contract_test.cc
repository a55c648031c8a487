// The storage contract, part 4: users (case-insensitive usernames), agent profiles with
// their state and state history, and sessions (by token hash; revocation, expiry).
#include <algorithm>
#include <atomic>
#include <thread>

#include <gtest/gtest.h>

#include "contract_fixture.h"

namespace aicc::testing_support {
namespace {

using std::chrono::hours;
using std::chrono::seconds;

User make_user(std::string id, std::string username, Role role = Role::kAgent) {
  User u;
  u.id = std::move(id);
  u.username = std::move(username);
  u.display_name = "김 " + u.username;
  u.role = role;
  u.password_hash = "$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA";
  u.created_at = test_time();
  u.updated_at = test_time();
  return u;
}

AgentProfile make_profile() {
  AgentProfile p;
  p.skills = {{"billing", 3}, {"technical_support", 5}};
  p.languages = {"ko", "en"};
  p.queues = {"general-queue", "payment-queue"};
  p.state_since = test_time();
  p.updated_at = test_time();
  return p;
}

Session make_session(std::string hash, std::string user_id) {
  Session s;
  s.token_hash = std::move(hash);
  s.user_id = std::move(user_id);
  s.created_at = test_time();
  s.last_seen_at = test_time();
  s.expires_at = test_time() + hours(12);
  return s;
}

// ---- users ----

TEST_P(StoreContract, UserRoundTripsEveryFieldAndIsFoundByUsernameIgnoringCase) {
  const User u = make_user("u1", "Kim.Minji", Role::kAdmin);
  ASSERT_TRUE(store().create_user(u, std::nullopt));
  for (const auto& loaded : {store().get_user("u1"), store().find_user_by_username("kim.minji"),
                             store().find_user_by_username("KIM.MINJI")}) {
    ASSERT_TRUE(loaded) << loaded.error().message;
    EXPECT_EQ(loaded->id, "u1");
    EXPECT_EQ(loaded->username, "Kim.Minji") << "kept as typed";
    EXPECT_EQ(loaded->display_name, u.display_name);
    EXPECT_EQ(loaded->role, Role::kAdmin);
    EXPECT_EQ(loaded->password_hash, u.password_hash);
    EXPECT_TRUE(loaded->active);
    EXPECT_EQ(loaded->created_at, test_time());
    EXPECT_EQ(loaded->updated_at, test_time());
  }
  EXPECT_EQ(store().get_user("nobody").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(store().find_user_by_username("kim").error().code, ErrorCode::kNotFound);
}

TEST_P(StoreContract, DuplicateUsernameIgnoringCaseIsAConflictAndStoresNothing) {
  ASSERT_TRUE(store().create_user(make_user("u1", "kim"), make_profile()));
  auto dup = store().create_user(make_user("u2", "KIM"), make_profile());
  ASSERT_FALSE(dup);
  EXPECT_EQ(dup.error().code, ErrorCode::kConflict);
  EXPECT_EQ(dup.error().details.at("field"), "username");
  auto same_id = store().create_user(make_user("u1", "lee"), make_profile());
  ASSERT_FALSE(same_id);
  EXPECT_EQ(same_id.error().code, ErrorCode::kConflict);
  EXPECT_EQ(store().get_user("u2").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(store().find_user_by_username("lee").error().code, ErrorCode::kNotFound);
  auto agents = store().list_agents();
  ASSERT_TRUE(agents);
  EXPECT_EQ(agents->size(), 1u) << "a refused user leaves no agent profile behind";
}

TEST_P(StoreContract, AProfileGoesWithAgentsAndSupervisorsOnly) {
  auto admin_with_profile =
      store().create_user(make_user("u1", "root", Role::kAdmin), make_profile());
  ASSERT_FALSE(admin_with_profile);
  EXPECT_EQ(admin_with_profile.error().code, ErrorCode::kInvalidArgument);
  auto agent_without = store().create_user(make_user("u2", "kim"), std::nullopt);
  ASSERT_FALSE(agent_without);
  EXPECT_EQ(agent_without.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(store().get_user("u1").error().code, ErrorCode::kNotFound);
  ASSERT_TRUE(store().create_user(make_user("u3", "boss", Role::kSupervisor), make_profile()));
  EXPECT_TRUE(store().get_agent("u3"));
  ASSERT_TRUE(store().create_user(make_user("u4", "root", Role::kAdmin), std::nullopt));
  EXPECT_EQ(store().get_agent("u4").error().code, ErrorCode::kNotFound);
}

TEST_P(StoreContract, UsersAreListedByUsernameIgnoringCase) {
  ASSERT_TRUE(store().create_user(make_user("u1", "charlie", Role::kAdmin), std::nullopt));
  ASSERT_TRUE(store().create_user(make_user("u2", "Bravo"), make_profile()));
  ASSERT_TRUE(store().create_user(make_user("u3", "alpha"), make_profile()));
  auto users = store().list_users();
  ASSERT_TRUE(users);
  std::vector<std::string> names;
  for (const auto& u : *users) names.push_back(u.username);
  EXPECT_EQ(names, (std::vector<std::string>{"alpha", "Bravo", "charlie"}));
  auto agents = store().list_agents();
  ASSERT_TRUE(agents);
  ASSERT_EQ(agents->size(), 2u);
  EXPECT_EQ((*agents)[0].user.username, "alpha");
  EXPECT_EQ((*agents)[1].profile.user_id, "u2");
}

TEST_P(StoreContract, UpdateUserSavesMutableFieldsOnly) {
  ASSERT_TRUE(store().create_user(make_user("u1", "kim"), make_profile()));
  // Roles change (the admin API keeps them on the same side of has_agent_profile).
  User changed = make_user("u1", "someone-else", Role::kSupervisor);
  changed.display_name = "Minji";
  changed.password_hash = "$argon2id$new";
  changed.active = false;
  changed.updated_at = test_time(5'000'000);
  auto saved = store().update_user(changed);
  ASSERT_TRUE(saved) << saved.error().message;
  EXPECT_EQ(saved->username, "kim") << "the username is fixed";
  EXPECT_EQ(saved->role, Role::kSupervisor);
  EXPECT_EQ(saved->display_name, "Minji");
  EXPECT_EQ(saved->password_hash, "$argon2id$new");
  EXPECT_FALSE(saved->active);
  EXPECT_EQ(saved->updated_at, test_time(5'000'000));
  EXPECT_EQ(store().update_user(make_user("nobody", "x")).error().code, ErrorCode::kNotFound);
}

// ---- agents ----

TEST_P(StoreContract, AgentProfileRoundTripsEveryField) {
  AgentProfile p = make_profile();
  p.chat_capacity = 5;
  p.voice_capacity = 0;
  p.state_reason = "새 직원";
  ASSERT_TRUE(store().create_user(make_user("u1", "kim"), p));
  auto agent = store().get_agent("u1");
  ASSERT_TRUE(agent) << agent.error().message;
  EXPECT_EQ(agent->user.username, "kim");
  EXPECT_EQ(agent->profile.user_id, "u1");
  EXPECT_EQ(agent->profile.skills, p.skills);
  EXPECT_EQ(agent->profile.languages, p.languages);
  EXPECT_EQ(agent->profile.queues, p.queues);
  EXPECT_EQ(agent->profile.chat_capacity, 5);
  EXPECT_EQ(agent->profile.voice_capacity, 0);
  EXPECT_EQ(agent->profile.state, AgentState::kOffline);
  EXPECT_EQ(agent->profile.state_reason, "새 직원");
  EXPECT_EQ(agent->profile.state_since, test_time());
  auto history = store().list_agent_state_history("u1", 10);
  ASSERT_TRUE(history);
  ASSERT_EQ(history->size(), 1u) << "creation opens the first state period";
  EXPECT_EQ((*history)[0].state, AgentState::kOffline);
  EXPECT_FALSE((*history)[0].ended_at);
}

TEST_P(StoreContract, UpdateAgentProfileKeepsTheState) {
  ASSERT_TRUE(store().create_user(make_user("u1", "kim"), make_profile()));
  ASSERT_TRUE(store().set_agent_state("u1", AgentState::kAvailable, "", test_time(1000)));
  AgentProfile p;
  p.user_id = "u1";
  p.skills = {{"complaints", 1}};
  p.languages = {};
  p.queues = {"complaint-queue"};
  p.chat_capacity = 2;
  p.voice_capacity = 1;
  p.state = AgentState::kOffline;  // ignored: the state has its own method
  p.updated_at = test_time(2000);
  auto saved = store().update_agent_profile(p);
  ASSERT_TRUE(saved) << saved.error().message;
  EXPECT_EQ(saved->profile.skills, p.skills);
  EXPECT_TRUE(saved->profile.languages.empty());
  EXPECT_EQ(saved->profile.queues, p.queues);
  EXPECT_EQ(saved->profile.chat_capacity, 2);
  EXPECT_EQ(saved->profile.updated_at, test_time(2000));
  EXPECT_EQ(saved->profile.state, AgentState::kAvailable);
  EXPECT_EQ(saved->profile.state_since, test_time(1000));
  p.user_id = "nobody";
  EXPECT_EQ(store().update_agent_profile(p).error().code, ErrorCode::kNotFound);
}

TEST_P(StoreContract, StateChangesCloseThePreviousPeriodAndSurviveAReopen) {
  ASSERT_TRUE(store().create_user(make_user("u1", "kim"), make_profile()));
  auto on = store().set_agent_state("u1", AgentState::kAvailable, "", test_time(1'000'000));
  ASSERT_TRUE(on) << on.error().message;
  EXPECT_EQ(on->profile.state, AgentState::kAvailable);
  EXPECT_EQ(on->profile.state_since, test_time(1'000'000));
  ASSERT_TRUE(store().set_agent_state("u1", AgentState::kBreak, "점심", test_time(2'000'000)));
  reopen();
  auto agent = store().get_agent("u1");
  ASSERT_TRUE(agent);
  EXPECT_EQ(agent->profile.state, AgentState::kBreak);
  EXPECT_EQ(agent->profile.state_reason, "점심");
  EXPECT_EQ(agent->profile.state_since, test_time(2'000'000));
  auto history = store().list_agent_state_history("u1", 10);
  ASSERT_TRUE(history);
  ASSERT_EQ(history->size(), 3u);
  EXPECT_EQ((*history)[0].state, AgentState::kBreak);
  EXPECT_EQ((*history)[0].reason, "점심");
  EXPECT_FALSE((*history)[0].ended_at);
  EXPECT_EQ((*history)[1].state, AgentState::kAvailable);
  EXPECT_EQ((*history)[1].started_at, test_time(1'000'000));
  EXPECT_EQ((*history)[1].ended_at, test_time(2'000'000));
  EXPECT_EQ((*history)[2].state, AgentState::kOffline);
  EXPECT_EQ((*history)[2].ended_at, test_time(1'000'000));
  auto newest = store().list_agent_state_history("u1", 1);
  ASSERT_TRUE(newest);
  ASSERT_EQ(newest->size(), 1u);
  EXPECT_EQ((*newest)[0].state, AgentState::kBreak);
}

TEST_P(StoreContract, TheSameStateAgainChangesNothing) {
  ASSERT_TRUE(store().create_user(make_user("u1", "kim"), make_profile()));
  ASSERT_TRUE(store().set_agent_state("u1", AgentState::kAvailable, "", test_time(1000)));
  auto again = store().set_agent_state("u1", AgentState::kAvailable, "", test_time(9000));
  ASSERT_TRUE(again);
  EXPECT_EQ(again->profile.state_since, test_time(1000)) << "the period goes on";
  EXPECT_EQ(store().list_agent_state_history("u1", 10)->size(), 2u);
  // A new reason is a new period.
  ASSERT_TRUE(store().set_agent_state("u1", AgentState::kAvailable, "back", test_time(9000)));
  EXPECT_EQ(store().list_agent_state_history("u1", 10)->size(), 3u);
}

TEST_P(StoreContract, StateOfAnUnknownAgentAndBadHistoryLimits) {
  EXPECT_EQ(store().set_agent_state("nobody", AgentState::kAvailable, "", test_time()).error().code,
            ErrorCode::kNotFound);
  EXPECT_EQ(store().get_agent("nobody").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(store().list_agent_state_history("u1", 0).error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(store().list_agent_state_history("u1", 1001).error().code, ErrorCode::kInvalidArgument);
  auto none = store().list_agent_state_history("nobody", 10);
  ASSERT_TRUE(none);
  EXPECT_TRUE(none->empty());
}

TEST_P(StoreContract, ConcurrentStateChangesLeaveOneOpenPeriod) {
  ASSERT_TRUE(store().create_user(make_user("u1", "kim"), make_profile()));
  const AgentState states[] = {AgentState::kAvailable, AgentState::kBreak, AgentState::kMeeting,
                               AgentState::kTraining};
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 10; ++i) {
        const auto at = test_time(1000 * (t * 10 + i + 1));
        if (!store().set_agent_state("u1", states[(t + i) % 4], "r" + std::to_string(t), at))
          ++failures;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  auto open = db().query_int(
      "SELECT count(*) FROM agent_state_history WHERE user_id = 'u1' AND ended_at IS NULL");
  ASSERT_TRUE(open) << open.error().message;
  EXPECT_EQ(*open, 1);
}

// ---- sessions ----

TEST_P(StoreContract, SessionIsFoundByHashWhileValid) {
  ASSERT_TRUE(store().create_user(make_user("u1", "kim"), make_profile()));
  const Session s = make_session("hash-1", "u1");
  ASSERT_TRUE(store().create_session(s));
  auto found = store().find_valid_session("hash-1", test_time(1));
  ASSERT_TRUE(found) << found.error().message;
  EXPECT_EQ(found->user_id, "u1");
  EXPECT_EQ(found->created_at, s.created_at);
  EXPECT_EQ(found->expires_at, s.expires_at);
  EXPECT_EQ(found->last_seen_at, s.last_seen_at);
  EXPECT_FALSE(found->revoked_at);
  EXPECT_EQ(store().find_valid_session("hash-2", test_time()).error().code, ErrorCode::kNotFound);
}

TEST_P(StoreContract, SessionExpiresAtItsExpiryExactly) {
  ASSERT_TRUE(store().create_user(make_user("u1", "kim"), make_profile()));
  const Session s = make_session("hash-1", "u1");
  ASSERT_TRUE(store().create_session(s));
  EXPECT_TRUE(store().find_valid_session("hash-1", s.expires_at - Micros(1)));
  EXPECT_EQ(store().find_valid_session("hash-1", s.expires_at).error().code, ErrorCode::kNotFound);
}

TEST_P(StoreContract, RevokedSessionsAreNotFoundAndRevokingTwiceKeepsTheFirstTime) {
  ASSERT_TRUE(store().create_user(make_user("u1", "kim"), make_profile()));
  ASSERT_TRUE(store().create_session(make_session("hash-1", "u1")));
  ASSERT_TRUE(store().create_session(make_session("hash-2", "u1")));
  ASSERT_TRUE(store().revoke_session("hash-1", test_time(10)));
  ASSERT_TRUE(store().revoke_session("hash-1", test_time(20)));
  EXPECT_EQ(store().find_valid_session("hash-1", test_time(30)).error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(store().find_valid_session("hash-2", test_time(30)));
  auto revoked_at = db().query_int("SELECT revoked_at FROM sessions WHERE token_hash = 'hash-1'");
  ASSERT_TRUE(revoked_at);
  EXPECT_EQ(*revoked_at, to_unix_micros(test_time(10)));
  EXPECT_EQ(store().revoke_session("hash-x", test_time()).error().code, ErrorCode::kNotFound);
}

TEST_P(StoreContract, RevokingAUsersSessionsLeavesOthersAlone) {
  ASSERT_TRUE(store().create_user(make_user("u1", "kim"), make_profile()));
  ASSERT_TRUE(store().create_user(make_user("u2", "lee"), make_profile()));
  ASSERT_TRUE(store().create_session(make_session("a", "u1")));
  ASSERT_TRUE(store().create_session(make_session("b", "u1")));
  ASSERT_TRUE(store().create_session(make_session("c", "u2")));
  ASSERT_TRUE(store().revoke_session("a", test_time(1)));
  auto n = store().revoke_user_sessions("u1", test_time(2));
  ASSERT_TRUE(n);
  EXPECT_EQ(*n, 1) << "only the one still valid";
  EXPECT_FALSE(store().find_valid_session("b", test_time(3)));
  EXPECT_TRUE(store().find_valid_session("c", test_time(3)));
}

TEST_P(StoreContract, SessionsOfDisabledUsersAreNotValid) {
  User u = make_user("u1", "kim");
  ASSERT_TRUE(store().create_user(u, make_profile()));
  ASSERT_TRUE(store().create_session(make_session("hash-1", "u1")));
  u.active = false;
  ASSERT_TRUE(store().update_user(u));
  EXPECT_EQ(store().find_valid_session("hash-1", test_time(1)).error().code, ErrorCode::kNotFound);
}

TEST_P(StoreContract, SessionsNeedAUserAndAUniqueHash) {
  EXPECT_EQ(store().create_session(make_session("hash-1", "nobody")).error().code,
            ErrorCode::kNotFound);
  ASSERT_TRUE(store().create_user(make_user("u1", "kim"), make_profile()));
  ASSERT_TRUE(store().create_session(make_session("hash-1", "u1")));
  EXPECT_EQ(store().create_session(make_session("hash-1", "u1")).error().code,
            ErrorCode::kConflict);
}

TEST_P(StoreContract, TouchingASessionMovesLastSeen) {
  ASSERT_TRUE(store().create_user(make_user("u1", "kim"), make_profile()));
  ASSERT_TRUE(store().create_session(make_session("hash-1", "u1")));
  ASSERT_TRUE(store().touch_session("hash-1", test_time() + seconds(90)));
  auto s = store().find_valid_session("hash-1", test_time() + seconds(91));
  ASSERT_TRUE(s);
  EXPECT_EQ(s->last_seen_at, test_time() + seconds(90));
  EXPECT_EQ(store().touch_session("hash-x", test_time()).error().code, ErrorCode::kNotFound);
}

}  // namespace
}  // namespace aicc::testing_support
