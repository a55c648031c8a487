// Argon2id password hashing through libsodium, and the password policy.
#include <vector>

#include <gtest/gtest.h>

#include "platform/password.h"

namespace aicc {
namespace {

TEST(PasswordPolicy, NeedsTenCharactersCountedAsCodePoints) {
  EXPECT_TRUE(check_password_policy("0123456789"));
  EXPECT_FALSE(check_password_policy("012345678"));
  // Ten Hangul syllables are 30 bytes and ten characters: accepted.
  EXPECT_TRUE(check_password_policy("가나다라마바사아자차"));
  // Nine are 27 bytes but nine characters: refused.
  EXPECT_FALSE(check_password_policy("가나다라마바사아자"));
}

TEST(PasswordPolicy, RefusesControlsBadUtf8AndHugeInputWithoutEchoingThem) {
  const std::vector<std::string> cases = {std::string("0123456789\n"),
                                          std::string("0123456789\xff"), std::string(1025, 'x'),
                                          std::string("secret\0secret", 13)};
  for (const auto& bad : cases) {
    auto st = check_password_policy(bad);
    ASSERT_FALSE(st);
    EXPECT_EQ(st.error().details.at("field"), "password");
    EXPECT_EQ(st.error().message.find("secret"), std::string::npos);
  }
}

TEST(PasswordHash, IsArgon2idAndVerifies) {
  auto hash = hash_password("correct horse battery");
  ASSERT_TRUE(hash) << hash.error().message;
  EXPECT_EQ(hash->rfind("$argon2id$", 0), 0u) << *hash;
  EXPECT_EQ(hash->find("correct horse"), std::string::npos);
  EXPECT_TRUE(verify_password(*hash, "correct horse battery"));
  EXPECT_FALSE(verify_password(*hash, "correct horse battery "));
  EXPECT_FALSE(verify_password(*hash, "Correct horse battery"));
  EXPECT_FALSE(verify_password(*hash, ""));
}

TEST(PasswordHash, IsSaltedSoEqualPasswordsHashDifferently) {
  auto a = hash_password("same password twice");
  auto b = hash_password("same password twice");
  ASSERT_TRUE(a && b);
  EXPECT_NE(*a, *b);
  EXPECT_TRUE(verify_password(*b, "same password twice"));
}

TEST(PasswordHash, RefusesAPasswordThePolicyRefuses) {
  auto hash = hash_password("short");
  ASSERT_FALSE(hash);
  EXPECT_EQ(hash.error().code, ErrorCode::kInvalidArgument);
}

TEST(PasswordHash, MalformedHashesNeverVerify) {
  EXPECT_FALSE(verify_password("", "anything at all"));
  EXPECT_FALSE(verify_password("$argon2id$garbage", "anything at all"));
  EXPECT_FALSE(verify_password(std::string(500, 'x'), "anything at all"));
}

TEST(PasswordHash, TheDummyHashIsValidAndMatchesNoRealPassword) {
  const std::string& dummy = dummy_password_hash();
  EXPECT_EQ(dummy.rfind("$argon2id$", 0), 0u);
  EXPECT_FALSE(verify_password(dummy, "correct horse battery"));
  EXPECT_EQ(&dummy, &dummy_password_hash()) << "computed once";
}

}  // namespace
}  // namespace aicc
