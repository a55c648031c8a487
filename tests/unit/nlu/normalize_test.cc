#include "nlu/text/normalize.h"

#include <gtest/gtest.h>

#include "nlu/text/language.h"

namespace aicc::nlu {
namespace {

TEST(Normalize, FullWidthFormsBecomeAscii) {
  EXPECT_EQ(normalize_text("ＡＢＣ　１２３？"), "abc 123?");
  EXPECT_EQ(normalize_text("ＡＳ　신청"), "as 신청");
}

TEST(Normalize, NfkcCompatibilityCharacters) {
  EXPECT_EQ(normalize_text("ﬁle"), "file");       // ligature
  EXPECT_EQ(normalize_text("①번"), "1번");        // circled digit
  EXPECT_EQ(normalize_text("ｶﾀｶﾅ"), "カタカナ");  // half-width katakana
  EXPECT_EQ(normalize_text("㎏"), "kg");
}

TEST(Normalize, HangulIsComposed) {
  // "영업" typed as decomposed conjoining jamo (NFD) equals the precomposed syllables.
  EXPECT_EQ(normalize_text("\u110B\u1167\u11BC\u110B\u1165\u11B8"), "영업");
}

TEST(Normalize, CaseIsFolded) {
  EXPECT_EQ(normalize_text("Refund PLEASE"), "refund please");
}

TEST(Normalize, RepeatedLettersAreCut) {
  EXPECT_EQ(normalize_text("ㅋㅋㅋㅋㅋㅋ"), normalize_text("ㅋㅋ"));
  EXPECT_EQ(normalize_text("ㅠㅠㅠㅠ 안돼요"), normalize_text("ㅠㅠ 안돼요"));
  EXPECT_EQ(normalize_text("soooo goood"), "soo good");
  EXPECT_EQ(normalize_text("네에에에에"), "네에에");
}

TEST(Normalize, RepeatedPunctuationIsCut) {
  EXPECT_EQ(normalize_text("왜 안 와요!!!!!"), "왜 안 와요!");
  EXPECT_EQ(normalize_text("really???"), "really?");
  EXPECT_EQ(normalize_text("~~~안녕~~~"), "~안녕~");
}

TEST(Normalize, DigitsAreNeverCut) {
  EXPECT_EQ(normalize_text("10000원"), "10000원");
  EXPECT_EQ(normalize_text("010-1111-2222"), "010-1111-2222");
}

TEST(Normalize, SpacingVariants) {
  EXPECT_EQ(normalize_text("  영업\t시간   \n 알려줘 "), "영업 시간 알려줘");
  EXPECT_EQ(normalize_text("영업\u200B시간"), "영업시간");  // zero-width space removed
  EXPECT_EQ(normalize_text("영업\u00A0시간\u3000문의"), "영업 시간 문의");  // NBSP, ideographic
  EXPECT_EQ(normalize_text(""), "");
  EXPECT_EQ(normalize_text(" \t\n"), "");
}

TEST(Normalize, LookAlikePunctuationIsLumped) {
  EXPECT_EQ(normalize_text("don\u2019t"), "don't");
  EXPECT_EQ(normalize_text("a\u2013b"), "a-b");
}

TEST(Normalize, InvalidUtf8NeverFails) {
  const std::string bad = std::string("ab\xFF\xFE") + "c\xE0\x80";
  const std::string out = normalize_text(bad);
  EXPECT_EQ(out, "ab\uFFFDc\uFFFD");  // each bad byte → U+FFFD, then repeats are cut
  EXPECT_EQ(sanitize_utf8("영업"), "영업");
}

TEST(Language, DetectsKoreanEnglishAndMixed) {
  EXPECT_EQ(detect_language("영업시간이 어떻게 되나요?"), Language::kKorean);
  EXPECT_EQ(detect_language("where is my order?"), Language::kEnglish);
  EXPECT_EQ(detect_language("AS 신청 가능한가요"), Language::kKorean);
  EXPECT_EQ(detect_language("how do I get a 환불"), Language::kEnglish);
  EXPECT_EQ(detect_language("12345"), Language::kKorean);  // no evidence: product default
  EXPECT_EQ(detect_language("ㅋㅋㅋ"), Language::kKorean);
  EXPECT_EQ(language_code(Language::kEnglish), "en");
  EXPECT_EQ(language_code(Language::kKorean), "ko");
}

}  // namespace
}  // namespace aicc::nlu
