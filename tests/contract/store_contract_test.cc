// The storage contract, part 1: schema and migrations, customers, conversations and
// their life cycle, persistence. Every case runs against every backend.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "contract_fixture.h"
#include "store/migration.h"

namespace aicc::testing_support {

std::string backend_name(const ::testing::TestParamInfo<std::string>& info) {
  return info.param;
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreContract, ::testing::Values("sqlite", "postgres"),
                         backend_name);

using ::testing::HasSubstr;

// ---- schema ----

TEST_P(StoreContract, FreshDatabaseReportsNoSchemaThenMigratesIdempotently) {
  auto fresh_db = make_test_database(GetParam());
  ASSERT_TRUE(fresh_db) << fresh_db.error().message;
  auto fresh = open_test_store(**fresh_db);
  ASSERT_TRUE(fresh) << fresh.error().message;
  Store& s = **fresh;

  auto before = s.schema_status();
  ASSERT_TRUE(before) << before.error().message;
  EXPECT_EQ(before->current_version, 0);
  EXPECT_GE(before->latest_version, 1);
  EXPECT_FALSE(before->up_to_date());

  ASSERT_TRUE(s.migrate());
  ASSERT_TRUE(s.migrate()) << "a second migrate must be a no-op";
  auto after = s.schema_status();
  ASSERT_TRUE(after);
  EXPECT_EQ(after->current_version, before->latest_version);
  EXPECT_TRUE(after->up_to_date());
  // Versions need not be consecutive (branches reserve numbers), so: one row per version,
  // the last one the latest.
  auto rows = (*fresh_db)->query_int("SELECT count(*) FROM schema_migrations");
  auto versions = (*fresh_db)->query_int("SELECT count(DISTINCT version) FROM schema_migrations");
  auto last = (*fresh_db)->query_int("SELECT max(version) FROM schema_migrations");
  ASSERT_TRUE(rows && versions && last);
  EXPECT_EQ(*rows, *versions) << "one row per migration, none applied twice";
  EXPECT_EQ(*last, after->latest_version);
  fresh->reset();
}

TEST_P(StoreContract, RefusesDatabaseMigratedByNewerBinary) {
  ASSERT_TRUE(store().create_customer(make_customer("c1")));
  ASSERT_TRUE(db().execute("INSERT INTO schema_migrations (version, applied_at) VALUES (999, 0)"));

  auto refused = store().migrate();
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_THAT(refused.error().message, HasSubstr("999"));
  EXPECT_THAT(refused.error().message, HasSubstr("newer"));

  auto status = store().schema_status();
  ASSERT_TRUE(status);
  EXPECT_EQ(status->current_version, 999);
  EXPECT_FALSE(status->up_to_date());

  reopen();  // a restart changes nothing
  auto again = store().migrate();
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_TRUE(store().get_customer("c1")) << "refusing must not touch the data";
}

TEST_P(StoreContract, PingAnswersAndBackendNamesItself) {
  EXPECT_TRUE(store().ping());
  EXPECT_EQ(store().backend(), GetParam());
}

// ---- customers ----

TEST_P(StoreContract, CustomerRoundTripsEveryField) {
  Customer c = make_customer("cust-1", "crm-42");
  c.name = "김민수";
  c.phone = "+82-10-1234-5678";
  c.email = "minsu@example.com";
  c.tier = CustomerTier::kVip;
  c.language = "ko";
  c.tags = {"vip", "배송", "emoji 🎉", "quote \" and \\ backslash", ""};
  c.escalation_count = 3;
  c.satisfaction = 4.25;
  c.created_at = test_time(1);
  c.updated_at = test_time(2);
  ASSERT_TRUE(store().create_customer(c));

  auto got = store().get_customer("cust-1");
  ASSERT_TRUE(got) << got.error().message;
  EXPECT_EQ(got->id, c.id);
  EXPECT_EQ(got->external_id, c.external_id);
  EXPECT_EQ(got->name, c.name);
  EXPECT_EQ(got->phone, c.phone);
  EXPECT_EQ(got->email, c.email);
  EXPECT_EQ(got->tier, c.tier);
  EXPECT_EQ(got->language, c.language);
  EXPECT_EQ(got->tags, c.tags);
  EXPECT_EQ(got->escalation_count, 3);
  EXPECT_EQ(got->satisfaction, std::optional<double>(4.25));
  EXPECT_EQ(got->created_at, c.created_at);
  EXPECT_EQ(got->updated_at, c.updated_at);
}

TEST_P(StoreContract, CustomerOptionalFieldsStayEmpty) {
  ASSERT_TRUE(store().create_customer(make_customer("cust-1")));
  auto got = store().get_customer("cust-1");
  ASSERT_TRUE(got);
  EXPECT_FALSE(got->satisfaction.has_value());
  EXPECT_TRUE(got->tags.empty());
  EXPECT_EQ(got->tier, CustomerTier::kRegular);
  EXPECT_EQ(got->external_id, "");
}

TEST_P(StoreContract, UnknownCustomerIsNotFound) {
  auto got = store().get_customer("nobody");
  ASSERT_FALSE(got);
  EXPECT_EQ(got.error().code, ErrorCode::kNotFound);
}

TEST_P(StoreContract, FindsCustomerByExternalId) {
  ASSERT_TRUE(store().create_customer(make_customer("cust-1", "crm-1")));
  ASSERT_TRUE(store().create_customer(make_customer("cust-2", "crm-2")));
  auto found = store().find_customer_by_external_id("crm-2");
  ASSERT_TRUE(found) << found.error().message;
  EXPECT_EQ(found->id, "cust-2");

  auto missing = store().find_customer_by_external_id("crm-3");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
}

TEST_P(StoreContract, EmptyExternalIdIsNotAKey) {
  ASSERT_TRUE(store().create_customer(make_customer("cust-1")));
  ASSERT_TRUE(store().create_customer(make_customer("cust-2")))
      << "customers without an external id must not conflict with each other";
  auto found = store().find_customer_by_external_id("");
  ASSERT_FALSE(found);
  EXPECT_EQ(found.error().code, ErrorCode::kNotFound);
}

TEST_P(StoreContract, DuplicateCustomerIdConflicts) {
  ASSERT_TRUE(store().create_customer(make_customer("cust-1", "crm-1")));
  Customer again = make_customer("cust-1", "crm-other");
  again.name = "someone else";
  auto dup = store().create_customer(again);
  ASSERT_FALSE(dup);
  EXPECT_EQ(dup.error().code, ErrorCode::kConflict);
  EXPECT_EQ(store().get_customer("cust-1")->name, "Customer cust-1") << "original untouched";
}

TEST_P(StoreContract, DuplicateExternalIdConflicts) {
  ASSERT_TRUE(store().create_customer(make_customer("cust-1", "crm-1")));
  auto dup = store().create_customer(make_customer("cust-2", "crm-1"));
  ASSERT_FALSE(dup);
  EXPECT_EQ(dup.error().code, ErrorCode::kConflict);
  EXPECT_EQ(store().get_customer("cust-2").error().code, ErrorCode::kNotFound);
}

// ---- conversations ----

TEST_P(StoreContract, ConversationRoundTripsEveryField) {
  ASSERT_TRUE(store().create_customer(make_customer("cust-1")));
  Conversation c = make_conversation("conv-1", "cust-1");
  c.channel = "kakao";
  c.language = "en";
  c.created_at = test_time(10);
  c.updated_at = test_time(11);
  c.last_activity_at = test_time(12);
  ASSERT_TRUE(store().create_conversation(c));

  auto got = store().get_conversation("conv-1");
  ASSERT_TRUE(got) << got.error().message;
  EXPECT_EQ(got->id, "conv-1");
  EXPECT_EQ(got->customer_id, "cust-1");
  EXPECT_EQ(got->channel, "kakao");
  EXPECT_EQ(got->language, "en");
  EXPECT_EQ(got->state, ConversationState::kBot);
  EXPECT_EQ(got->close_reason, "");
  EXPECT_EQ(got->message_count, 0);
  EXPECT_EQ(got->created_at, c.created_at);
  EXPECT_EQ(got->updated_at, c.updated_at);
  EXPECT_EQ(got->last_activity_at, c.last_activity_at);
  EXPECT_FALSE(got->closed_at.has_value());
}

TEST_P(StoreContract, ConversationForUnknownCustomerIsNotFound) {
  auto created = store().create_conversation(make_conversation("conv-1", "nobody"));
  ASSERT_FALSE(created);
  EXPECT_EQ(created.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(store().get_conversation("conv-1").error().code, ErrorCode::kNotFound);
}

TEST_P(StoreContract, DuplicateConversationConflicts) {
  given_conversation("conv-1");
  auto dup = store().create_conversation(make_conversation("conv-1", "cust-of-conv-1"));
  ASSERT_FALSE(dup);
  EXPECT_EQ(dup.error().code, ErrorCode::kConflict);
}

TEST_P(StoreContract, UnknownConversationIsNotFound) {
  auto got = store().get_conversation("nothing");
  ASSERT_FALSE(got);
  EXPECT_EQ(got.error().code, ErrorCode::kNotFound);
}

TEST_P(StoreContract, LegalTransitionsFollowTheLifeCycle) {
  given_conversation("conv-1");
  using S = ConversationState;
  std::int64_t t = 100;
  for (S to : {S::kQueued, S::kBot, S::kQueued, S::kAssigned, S::kQueued, S::kAssigned}) {
    auto moved = store().transition_conversation("conv-1", to, test_time(++t), "");
    ASSERT_TRUE(moved) << "to " << to_string(to) << ": " << moved.error().message;
    EXPECT_EQ(moved->state, to);
    auto got = store().get_conversation("conv-1");
    ASSERT_TRUE(got);
    EXPECT_EQ(got->state, to);
    EXPECT_EQ(got->updated_at, test_time(t));
    EXPECT_FALSE(got->closed_at.has_value());
  }
  auto closed = store().transition_conversation("conv-1", S::kClosed, test_time(200), "agent");
  ASSERT_TRUE(closed) << closed.error().message;
  auto got = store().get_conversation("conv-1");
  ASSERT_TRUE(got);
  EXPECT_EQ(got->state, S::kClosed);
  EXPECT_EQ(got->close_reason, "agent");
  EXPECT_EQ(got->closed_at, std::optional<TimePoint>(test_time(200)));
  EXPECT_EQ(got->updated_at, test_time(200));
}

TEST_P(StoreContract, AbandonIsTerminalToo) {
  given_conversation("conv-1");
  ASSERT_TRUE(store().transition_conversation("conv-1", ConversationState::kAbandoned, test_time(5),
                                              "inactivity"));
  auto back = store().transition_conversation("conv-1", ConversationState::kBot, test_time(6), "");
  ASSERT_FALSE(back);
  EXPECT_EQ(back.error().code, ErrorCode::kConflict);
  EXPECT_EQ(store().get_conversation("conv-1")->close_reason, "inactivity");
}

TEST_P(StoreContract, IllegalTransitionIsRefusedAndLeavesTheRowUnchanged) {
  given_conversation("conv-1");
  auto before = store().get_conversation("conv-1");
  ASSERT_TRUE(before);

  auto skip =
      store().transition_conversation("conv-1", ConversationState::kAssigned, test_time(50), "");
  ASSERT_FALSE(skip);
  EXPECT_EQ(skip.error().code, ErrorCode::kConflict);
  auto after = store().get_conversation("conv-1");
  ASSERT_TRUE(after);
  EXPECT_EQ(after->state, before->state);
  EXPECT_EQ(after->updated_at, before->updated_at);

  ASSERT_TRUE(store().transition_conversation("conv-1", ConversationState::kClosed, test_time(60),
                                              "customer"));
  const auto closed = store().get_conversation("conv-1");
  auto reopen_attempt =
      store().transition_conversation("conv-1", ConversationState::kQueued, test_time(70), "");
  ASSERT_FALSE(reopen_attempt);
  EXPECT_EQ(reopen_attempt.error().code, ErrorCode::kConflict);
  auto close_again =
      store().transition_conversation("conv-1", ConversationState::kClosed, test_time(80), "agent");
  ASSERT_FALSE(close_again);
  const auto still = store().get_conversation("conv-1");
  ASSERT_TRUE(still);
  EXPECT_EQ(still->state, ConversationState::kClosed);
  EXPECT_EQ(still->close_reason, "customer");
  EXPECT_EQ(still->closed_at, closed->closed_at);
  EXPECT_EQ(still->updated_at, closed->updated_at);
}

TEST_P(StoreContract, TransitionOfUnknownConversationIsNotFound) {
  auto moved =
      store().transition_conversation("nothing", ConversationState::kQueued, test_time(), "");
  ASSERT_FALSE(moved);
  EXPECT_EQ(moved.error().code, ErrorCode::kNotFound);
}

// ---- persistence ----

TEST_P(StoreContract, EverythingSurvivesCloseAndReopen) {
  given_conversation("conv-1");
  ASSERT_TRUE(store().append_message(make_message("m1", "conv-1", "첫 메시지", "k1")));
  ASSERT_TRUE(store().append_message(make_message("m2", "conv-1", "second")));
  ASSERT_TRUE(
      store().transition_conversation("conv-1", ConversationState::kQueued, test_time(9), ""));
  reopen();

  auto status = store().schema_status();
  ASSERT_TRUE(status);
  EXPECT_TRUE(status->up_to_date());
  EXPECT_TRUE(store().get_customer("cust-of-conv-1"));
  auto conv = store().get_conversation("conv-1");
  ASSERT_TRUE(conv);
  EXPECT_EQ(conv->state, ConversationState::kQueued);
  EXPECT_EQ(conv->message_count, 2);
  auto page = store().list_messages("conv-1", 0, 10);
  ASSERT_TRUE(page);
  ASSERT_EQ(page->messages.size(), 2u);
  EXPECT_EQ(page->messages[0].text, "첫 메시지");

  auto retry = store().append_message(make_message("m1-retry", "conv-1", "again", "k1"));
  ASSERT_TRUE(retry);
  EXPECT_FALSE(retry->created) << "idempotency keys survive a restart";
  auto next = store().append_message(make_message("m3", "conv-1", "third"));
  ASSERT_TRUE(next);
  EXPECT_EQ(next->message.seq, 3);
}

}  // namespace aicc::testing_support
