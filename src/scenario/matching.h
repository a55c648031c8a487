// How short free-text answers are compared with the words a scenario expects: option labels,
// synonyms, yes/no words and cancel words. Customers type "전자제품이요", "１번", "YES!",
// "취소할게요"; all of these must land on the intended word without a model.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "scenario/definition.h"

namespace aicc::scenario {

// The comparison key of a word or answer: NFKC, case-folded, all spaces removed, trailing
// punctuation (. , ! ? ~) dropped. "  Yes! " → "yes", "상담 예약" → "상담예약".
std::string match_key(std::string_view text);

// The keys an answer may stand for: its match_key first, then the key without one common
// Korean ending ("전자제품이요" → "전자제품", "2번" → "2", "택배로요" → "택배").
std::vector<std::string> answer_keys(std::string_view answer);

// The option an answer selects on a choice (or yes_no) step: by 1-based number, value, label or
// synonym in either language. nullptr when nothing (or more than one option) matches.
const ChoiceOption* match_option(const Step& step, std::string_view answer);

// "yes" / "no" for a yes_no step: the step's own options first, then the built-in words
// (네, 예, 응, 맞아요, yes, ok … / 아니요, 아뇨, 아니, no …). nullopt when neither.
std::optional<std::string> match_yes_no(const Step& step, std::string_view answer);

// True when the step itself takes `answer` as a valid choice (its options, synonyms, yes/no
// words). Such an answer is never read as a cancel word: on "주문을 취소할까요?" a customer's
// "취소해 주세요" means yes.
bool step_claims_answer(const Step& step, std::string_view answer);

// The built-in cancel words: 취소, 그만, 중단, cancel, stop, quit.
const std::vector<std::string>& default_cancel_words();

// True when the whole answer is one of `words`, optionally with a polite verb ending
// ("취소", "취소할게요", "그만 할래요", "Cancel please"). A sentence that merely contains the
// word ("주문 취소하고 싶어요") is not a cancel: on a cancel/refund form it is an answer.
bool is_cancel_input(std::string_view answer, const std::vector<std::string>& words);

}  // namespace aicc::scenario
