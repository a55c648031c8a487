// The storage contract, part 8: API keys — created, found by hash whatever their state,
// listed newest first, revoked once (a second revoke keeps the first time).
#include <gtest/gtest.h>

#include "contract_fixture.h"

namespace aicc::testing_support {
namespace {

using std::chrono::seconds;

ApiKey key(std::string id, int at_s, std::string hash) {
  ApiKey k;
  k.id = std::move(id);
  k.name = "channel " + k.id;
  k.prefix = "aicc_0123";
  k.key_hash = std::move(hash);
  k.role = Role::kSupervisor;
  k.created_by = "u-admin";
  k.created_at = test_time() + seconds(at_s);
  return k;
}

TEST_P(StoreContract, ApiKeysRoundTripAndRevokeOnce) {
  ApiKey a = key("k1", 1, std::string(64, 'a'));
  a.expires_at = test_time() + seconds(3600);
  ASSERT_TRUE(store().create_api_key(a));
  ASSERT_TRUE(store().create_api_key(key("k2", 2, std::string(64, 'b'))));
  auto dup_id = store().create_api_key(key("k1", 3, std::string(64, 'c')));
  ASSERT_FALSE(dup_id);
  EXPECT_EQ(dup_id.error().code, ErrorCode::kConflict);
  auto dup_hash = store().create_api_key(key("k3", 3, std::string(64, 'a')));
  ASSERT_FALSE(dup_hash);
  EXPECT_EQ(dup_hash.error().code, ErrorCode::kConflict);

  auto all = store().list_api_keys();
  ASSERT_TRUE(all) << all.error().message;
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].id, "k2");
  auto found = store().find_api_key_by_hash(std::string(64, 'a'));
  ASSERT_TRUE(found) << found.error().message;
  EXPECT_EQ(found->id, "k1");
  EXPECT_EQ(found->name, "channel k1");
  EXPECT_EQ(found->role, Role::kSupervisor);
  EXPECT_EQ(found->created_at, a.created_at);
  EXPECT_EQ(found->expires_at, a.expires_at);
  EXPECT_FALSE(found->revoked_at);
  EXPECT_EQ(store().find_api_key_by_hash(std::string(64, 'z')).error().code, ErrorCode::kNotFound);

  auto revoked = store().revoke_api_key("k1", test_time() + seconds(10));
  ASSERT_TRUE(revoked) << revoked.error().message;
  EXPECT_EQ(revoked->revoked_at, test_time() + seconds(10));
  auto again = store().revoke_api_key("k1", test_time() + seconds(20));
  ASSERT_TRUE(again);
  EXPECT_EQ(again->revoked_at, test_time() + seconds(10));
  EXPECT_FALSE(again->valid_at(test_time() + seconds(11)));
  EXPECT_EQ(store().revoke_api_key("nope", test_time()).error().code, ErrorCode::kNotFound);
  // Found by hash even when revoked: the caller decides.
  EXPECT_TRUE(store().find_api_key_by_hash(std::string(64, 'a')));
}

}  // namespace
}  // namespace aicc::testing_support
