// The storage contract, part 6: the audit log — appended, filtered by resource, actor and
// time, newest first, paged by the last entry seen.
#include <gtest/gtest.h>

#include "contract_fixture.h"

namespace aicc::testing_support {
namespace {

using std::chrono::seconds;

AuditEntry entry(std::string id, int at_s, std::string type = "webhook",
                 std::string resource = "w1", std::string actor = "u-admin") {
  AuditEntry e;
  e.id = std::move(id);
  e.at = test_time() + seconds(at_s);
  e.actor_id = std::move(actor);
  e.actor_name = "admin";
  e.action = type + ".update";
  e.resource_type = std::move(type);
  e.resource_id = std::move(resource);
  e.before_json = R"({"url":"https://a.example.com","secret":"***"})";
  e.after_json = R"({"url":"https://b.example.com","secret":"***"})";
  e.request_id = "req-1";
  e.client_address = "10.0.0.7";
  return e;
}

std::vector<std::string> ids(const Result<std::vector<AuditEntry>>& r) {
  std::vector<std::string> out;
  if (r)
    for (const auto& e : *r) out.push_back(e.id);
  return out;
}

TEST_P(StoreContract, AuditEntriesRoundTripNewestFirst) {
  ASSERT_TRUE(store().append_audit_entry(entry("a1", 1)));
  ASSERT_TRUE(store().append_audit_entry(entry("a3", 3)));
  ASSERT_TRUE(store().append_audit_entry(entry("a2", 2)));
  auto all = store().list_audit_entries({});
  ASSERT_TRUE(all) << all.error().message;
  EXPECT_EQ(ids(all), (std::vector<std::string>{"a3", "a2", "a1"}));
  const AuditEntry& e = all->back();
  const AuditEntry want = entry("a1", 1);
  EXPECT_EQ(e.at, want.at);
  EXPECT_EQ(e.actor_id, want.actor_id);
  EXPECT_EQ(e.actor_name, want.actor_name);
  EXPECT_EQ(e.action, want.action);
  EXPECT_EQ(e.resource_type, want.resource_type);
  EXPECT_EQ(e.resource_id, want.resource_id);
  EXPECT_EQ(e.before_json, want.before_json);
  EXPECT_EQ(e.after_json, want.after_json);
  EXPECT_EQ(e.request_id, want.request_id);
  EXPECT_EQ(e.client_address, want.client_address);
}

TEST_P(StoreContract, AuditRefusesDuplicatesAndIncompleteEntries) {
  ASSERT_TRUE(store().append_audit_entry(entry("a1", 1)));
  auto dup = store().append_audit_entry(entry("a1", 2));
  ASSERT_FALSE(dup);
  EXPECT_EQ(dup.error().code, ErrorCode::kConflict);
  auto bad = entry("a2", 2);
  bad.action.clear();
  EXPECT_EQ(store().append_audit_entry(bad).error().code, ErrorCode::kInvalidArgument);
  AuditFilter f;
  f.limit = 0;
  EXPECT_EQ(store().list_audit_entries(f).error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(ids(store().list_audit_entries({})), (std::vector<std::string>{"a1"}));
}

TEST_P(StoreContract, AuditFiltersByResourceActorAndTimeAndPages) {
  ASSERT_TRUE(store().append_audit_entry(entry("a1", 1, "webhook", "w1")));
  ASSERT_TRUE(store().append_audit_entry(entry("a2", 2, "agent", "u7", "u-other")));
  ASSERT_TRUE(store().append_audit_entry(entry("a3", 3, "webhook", "w2")));
  ASSERT_TRUE(store().append_audit_entry(entry("a4", 3, "webhook", "w1")));  // same second as a3
  ASSERT_TRUE(store().append_audit_entry(entry("a5", 5, "webhook", "w1")));
  AuditFilter f;
  f.resource_type = "webhook";
  EXPECT_EQ(ids(store().list_audit_entries(f)), (std::vector<std::string>{"a5", "a4", "a3", "a1"}));
  f.resource_id = "w1";
  EXPECT_EQ(ids(store().list_audit_entries(f)), (std::vector<std::string>{"a5", "a4", "a1"}));
  AuditFilter by_actor;
  by_actor.actor_id = "u-other";
  EXPECT_EQ(ids(store().list_audit_entries(by_actor)), (std::vector<std::string>{"a2"}));
  AuditFilter window;
  window.since = test_time() + seconds(2);
  window.until = test_time() + seconds(5);
  EXPECT_EQ(ids(store().list_audit_entries(window)), (std::vector<std::string>{"a4", "a3", "a2"}));
  AuditFilter page;
  page.limit = 2;
  auto first = store().list_audit_entries(page);
  EXPECT_EQ(ids(first), (std::vector<std::string>{"a5", "a4"}));
  page.before_id = "a4";
  EXPECT_EQ(ids(store().list_audit_entries(page)), (std::vector<std::string>{"a3", "a2"}))
      << "a3 shares a4's time and sorts after it by id";
  page.before_id = "a2";
  EXPECT_EQ(ids(store().list_audit_entries(page)), (std::vector<std::string>{"a1"}));
}

}  // namespace
}  // namespace aicc::testing_support
