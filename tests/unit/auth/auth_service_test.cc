// Login, sessions and accounts over a real SQLite store, with a manual clock so that
// expiry and lockouts are exact.
#include <filesystem>
#include <memory>

#include <gtest/gtest.h>

#include "auth/accounts.h"
#include "auth/auth_service.h"
#include "core/ids.h"
#include "platform/session_token.h"
#include "store/sqlite/sqlite_store.h"

namespace aicc {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

constexpr const char* kPassword = "correct horse battery";

class AuthServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("aicc-auth-test-" + std::to_string(OsRandom().next_u64()));
    auto store = open_sqlite_store((dir_ / "aicc.db").string(), 2);
    ASSERT_TRUE(store) << store.error().message;
    store_ = std::move(*store);
    ASSERT_TRUE(store_->migrate());
    accounts_ = std::make_unique<Accounts>(*store_, clock_, ids_);
    auth_ = std::make_unique<AuthService>(
        *store_, clock_, random_,
        AuthOptions{.session_ttl = hours(1), .max_failures = 3, .lockout = seconds(30)});
    NewAccount kim;
    kim.username = "Kim";
    kim.password = kPassword;
    auto created = accounts_->create(kim);
    ASSERT_TRUE(created) << created.error().message;
    kim_ = *created;
  }
  void TearDown() override {
    auth_.reset();
    accounts_.reset();
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  SeededRandom random_{1};
  ManualClock clock_{from_unix_micros(1'800'000'000'000'000)};
  IdGenerator ids_{clock_, random_};
  std::filesystem::path dir_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<Accounts> accounts_;
  std::unique_ptr<AuthService> auth_;
  User kim_;
};

TEST_F(AuthServiceTest, LoginIgnoresUsernameCaseAndStoresOnlyTheTokenHash) {
  auto login = auth_->login("kIM", kPassword, "10.0.0.1");
  ASSERT_TRUE(login) << login.error().message;
  EXPECT_TRUE(looks_like_session_token(login->token));
  EXPECT_EQ(login->user.id, kim_.id);
  EXPECT_EQ(login->session.token_hash, session_token_hash(login->token));
  EXPECT_NE(login->session.token_hash, login->token);
  EXPECT_EQ(login->session.expires_at, clock_.now() + hours(1));
  // The store finds the session by the hash, never by the token itself.
  EXPECT_TRUE(store_->find_valid_session(login->session.token_hash, clock_.now()));
  EXPECT_FALSE(store_->find_valid_session(login->token, clock_.now()));
  auto who = auth_->authenticate(login->token);
  ASSERT_TRUE(who) << who.error().message;
  EXPECT_EQ(who->user.username, "Kim");
  EXPECT_EQ(who->user.role, Role::kAgent);
}

TEST_F(AuthServiceTest, UnknownUserAndWrongPasswordLookTheSame) {
  auto wrong = auth_->login("kim", "wrong password!", "10.0.0.1");
  auto unknown = auth_->login("nobody", kPassword, "10.0.0.1");
  ASSERT_FALSE(wrong);
  ASSERT_FALSE(unknown);
  EXPECT_EQ(wrong.error().code, ErrorCode::kUnauthenticated);
  EXPECT_EQ(unknown.error().code, ErrorCode::kUnauthenticated);
  EXPECT_EQ(wrong.error().message, unknown.error().message);
  EXPECT_EQ(wrong.error().message.find("wrong password!"), std::string::npos);
  auto huge = auth_->login(std::string(100'000, 'k'), kPassword, "10.0.0.1");
  ASSERT_FALSE(huge);
  EXPECT_EQ(huge.error().message, wrong.error().message);
}

TEST_F(AuthServiceTest, FailuresLockTheUsernameFromThatAddressEvenForTheRightPassword) {
  for (int i = 0; i < 3; ++i) EXPECT_FALSE(auth_->login("kim", "wrong password!", "10.0.0.1"));
  auto locked = auth_->login("kim", kPassword, "10.0.0.1");
  ASSERT_FALSE(locked);
  EXPECT_EQ(locked.error().code, ErrorCode::kResourceExhausted);
  EXPECT_EQ(locked.error().details.at("retry_after_s"), "30");
  EXPECT_TRUE(auth_->login("kim", kPassword, "10.0.0.2")) << "another address is not locked";
  clock_.advance(seconds(30));
  EXPECT_TRUE(auth_->login("kim", kPassword, "10.0.0.1"));
}

TEST_F(AuthServiceTest, SessionsExpireAtTheirTtl) {
  auto login = auth_->login("kim", kPassword, "10.0.0.1");
  ASSERT_TRUE(login);
  clock_.advance(hours(1) - seconds(1));
  EXPECT_TRUE(auth_->authenticate(login->token));
  clock_.advance(seconds(1));
  auto expired = auth_->authenticate(login->token);
  ASSERT_FALSE(expired);
  EXPECT_EQ(expired.error().code, ErrorCode::kUnauthenticated);
}

TEST_F(AuthServiceTest, LogoutEndsOnlyThatSession) {
  auto a = auth_->login("kim", kPassword, "10.0.0.1");
  auto b = auth_->login("kim", kPassword, "10.0.0.1");
  ASSERT_TRUE(a && b);
  EXPECT_NE(a->token, b->token);
  ASSERT_TRUE(auth_->logout(a->token));
  EXPECT_FALSE(auth_->authenticate(a->token));
  EXPECT_TRUE(auth_->authenticate(b->token));
  EXPECT_FALSE(auth_->logout(a->token)) << "a revoked token cannot log out again";
}

TEST_F(AuthServiceTest, MalformedTokensAreRefused) {
  const std::vector<std::string> tokens = {"", "abc", std::string(64, 'z'), std::string(64, 'a')};
  for (const auto& token : tokens) {
    auto r = auth_->authenticate(token);
    ASSERT_FALSE(r) << token;
    EXPECT_EQ(r.error().code, ErrorCode::kUnauthenticated);
  }
}

TEST_F(AuthServiceTest, LastSeenIsWrittenAtMostOncePerInterval) {
  auto login = auth_->login("kim", kPassword, "10.0.0.1");
  ASSERT_TRUE(login);
  clock_.advance(seconds(30));
  auto first = auth_->authenticate(login->token);
  ASSERT_TRUE(first);
  EXPECT_EQ(first->session.last_seen_at, login->session.created_at);
  clock_.advance(seconds(31));
  auto second = auth_->authenticate(login->token);
  ASSERT_TRUE(second);
  EXPECT_EQ(second->session.last_seen_at, clock_.now());
}

TEST_F(AuthServiceTest, NewPasswordEndsSessionsAndOnlyTheNewOneWorks) {
  auto login = auth_->login("kim", kPassword, "10.0.0.1");
  ASSERT_TRUE(login);
  ASSERT_TRUE(accounts_->set_password("KIM", "a brand new password"));
  EXPECT_FALSE(auth_->authenticate(login->token));
  EXPECT_FALSE(auth_->login("kim", kPassword, "10.0.0.3"));
  EXPECT_TRUE(auth_->login("kim", "a brand new password", "10.0.0.3"));
  auto weak = accounts_->set_password("kim", "short");
  ASSERT_FALSE(weak);
  EXPECT_EQ(weak.error().code, ErrorCode::kInvalidArgument);
}

TEST_F(AuthServiceTest, DisabledUsersCannotLogInAndLoseTheirSessions) {
  auto login = auth_->login("kim", kPassword, "10.0.0.1");
  ASSERT_TRUE(login);
  auto disabled = accounts_->disable("kim");
  ASSERT_TRUE(disabled);
  EXPECT_FALSE(disabled->active);
  EXPECT_FALSE(auth_->authenticate(login->token));
  auto again = auth_->login("kim", kPassword, "10.0.0.1");
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kUnauthenticated);
}

TEST_F(AuthServiceTest, AccountsValidateBeforeStoring) {
  NewAccount a;
  a.username = "lee";
  a.password = "short";
  EXPECT_EQ(accounts_->create(a).error().details.at("field"), "password");
  a.password = kPassword;
  a.username = "kim";  // taken, ignoring case
  EXPECT_EQ(accounts_->create(a).error().code, ErrorCode::kConflict);
  a.username = "lee";
  a.role = Role::kAdmin;
  a.skills = {{"billing", 2}};
  EXPECT_EQ(accounts_->create(a).error().details.at("field"), "role");
  a.role = Role::kSupervisor;
  a.skills = {{"billing", 9}};
  EXPECT_EQ(accounts_->create(a).error().details.at("field"), "skills[0].level");
  a.skills = {{"billing", 4}};
  a.chat_capacity = 5;
  auto lee = accounts_->create(a);
  ASSERT_TRUE(lee) << lee.error().message;
  auto agent = store_->get_agent(lee->id);
  ASSERT_TRUE(agent);
  EXPECT_EQ(agent->profile.chat_capacity, 5);
  EXPECT_EQ(agent->profile.voice_capacity, 1);
  EXPECT_EQ(agent->profile.state, AgentState::kOffline);
  EXPECT_EQ(agent->profile.skills, (std::vector<AgentSkill>{{"billing", 4}}));
}

TEST_F(AuthServiceTest, AgentsChooseTheirStateButNotBusy) {
  clock_.advance(minutes(5));
  auto on = accounts_->set_state(kim_.id, AgentState::kAvailable, "");
  ASSERT_TRUE(on) << on.error().message;
  EXPECT_EQ(on->profile.state, AgentState::kAvailable);
  EXPECT_EQ(on->profile.state_since, clock_.now());
  auto busy = accounts_->set_state(kim_.id, AgentState::kBusy, "");
  ASSERT_FALSE(busy);
  EXPECT_EQ(busy.error().code, ErrorCode::kFailedPrecondition);
  auto bad_reason = accounts_->set_state(kim_.id, AgentState::kBreak, std::string(201, 'x'));
  ASSERT_FALSE(bad_reason);
  EXPECT_EQ(bad_reason.error().code, ErrorCode::kInvalidArgument);
  auto history = store_->list_agent_state_history(kim_.id, 10);
  ASSERT_TRUE(history);
  ASSERT_EQ(history->size(), 2u) << "offline since creation, then available";
  EXPECT_EQ((*history)[0].state, AgentState::kAvailable);
  EXPECT_EQ((*history)[1].ended_at, clock_.now());
}

}  // namespace
}  // namespace aicc
