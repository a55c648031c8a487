#include "core/utf8.h"

#include <gtest/gtest.h>

#include <string>

namespace aicc {
namespace {

TEST(Utf8, CountsCodePoints) {
  EXPECT_EQ(utf8_length(""), 0u);
  EXPECT_EQ(utf8_length("abc"), 3u);
  EXPECT_EQ(utf8_length("영업시간"), 4u);
  EXPECT_EQ(utf8_length("😀"), 1u);
}

TEST(Utf8, RejectsMalformed) {
  for (const std::string& bad : {std::string("\xff"), std::string("\xc0\xaf"),  // overlong '/'
                                 std::string("\xed\xa0\x80"),                   // surrogate
                                 std::string("\xe0\x80"),                       // truncated
                                 std::string("\xf4\x90\x80\x80"),               // > U+10FFFF
                                 std::string("a\x80")}) {
    EXPECT_FALSE(is_valid_utf8(bad));
  }
}

}  // namespace
}  // namespace aicc
