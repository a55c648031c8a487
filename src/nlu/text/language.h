// Language of a customer message, for reply texts and analytics. The product speaks Korean
// and English; Korean is the default when the text gives no evidence (digits, emoji).
#pragma once

#include <string_view>

namespace aicc::nlu {

enum class Language { kKorean, kEnglish };

// "ko" or "en".
std::string_view language_code(Language language);

// Counts Hangul and Latin letters. A Hangul syllable carries about as much as three Latin
// letters, so mixed text such as "AS 신청 가능한가요" is Korean and "how do I get a 환불"
// is English. No letters at all → Korean.
Language detect_language(std::string_view text);

}  // namespace aicc::nlu
