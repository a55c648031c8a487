// Session tokens: random, well-formed, and stored only as their SHA-256.
#include <set>

#include <gtest/gtest.h>

#include "platform/session_token.h"

namespace aicc {
namespace {

TEST(SessionToken, Is64HexCharactersAndDiffersEachTime) {
  OsRandom random;
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) {
    const std::string token = new_session_token(random);
    EXPECT_EQ(token.size(), 64u);
    EXPECT_TRUE(looks_like_session_token(token)) << token;
    seen.insert(token);
  }
  EXPECT_EQ(seen.size(), 100u);
}

TEST(SessionToken, UsesTheInjectedRandomSource) {
  SeededRandom a(42), b(42), c(43);
  const std::string ta = new_session_token(a);
  EXPECT_EQ(ta, new_session_token(b));
  EXPECT_NE(ta, new_session_token(c));
}

TEST(SessionToken, JunkIsRecognisedWithoutALookup) {
  EXPECT_FALSE(looks_like_session_token(""));
  EXPECT_FALSE(looks_like_session_token(std::string(63, 'a')));
  EXPECT_FALSE(looks_like_session_token(std::string(65, 'a')));
  EXPECT_FALSE(looks_like_session_token(std::string(64, 'A')));  // only lower case is made
  EXPECT_FALSE(looks_like_session_token(std::string(63, 'a') + "g"));
  EXPECT_TRUE(looks_like_session_token(std::string(64, 'f')));
}

TEST(SessionToken, HashIsSha256Hex) {
  // FIPS 180-2 test vector.
  EXPECT_EQ(session_token_hash("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  OsRandom random;
  const std::string token = new_session_token(random);
  EXPECT_NE(session_token_hash(token), token);
  EXPECT_EQ(session_token_hash(token), session_token_hash(token));
}

}  // namespace
}  // namespace aicc
