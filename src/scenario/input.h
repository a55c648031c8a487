// Validation and normalisation of one answer to one step, by input type. Pure: the same step,
// answer, language and `now` always give the same result.
//
//   text          trimmed; length in characters (default 1..1000); optional regex on the whole
//                 answer (ECMAScript, byte-wise on UTF-8: prefer [가-힣] only as a range of
//                 whole code points written literally)
//   choice        the option's value, chosen by number, label or synonym (matching.h)
//   number        "3", "2.5", "1,000", "3개" → "3", "2.5", "1000", "3"; min/max inclusive
//   date          any date the entity extractor reads (2024-01-15, 1월 15일, 내일, 다음 주 월요일,
//                 tomorrow) → "YYYY-MM-DD"; future_only = strictly after today in the
//                 extractor's zone; max_days_ahead bounds it
//   phone         010-1234-5678, 01012345678, +82 10 … → national form with hyphens
//                 ("010-1234-5678", "02-123-4567", "1588-1234"); mobile_only = 01X, 11 digits
//   email         lower-cased address
//   order_number  the extractor's order-number pattern; a bare token with 4+ digits is accepted
//                 too, since the question itself is the cue ("주문번호를 알려주세요" →
//                 "20240115001")
//   yes_no        "yes" | "no"
// An answer holding two different values of its type ("내일 아니면 모레") is refused: asking
// again is better than picking one.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "nlu/entities/entities.h"
#include "scenario/definition.h"

namespace aicc::scenario {

struct AnswerCheck {
  std::optional<std::string> value;  // the normalised value to store, when valid
  std::string message;               // when invalid: what is wrong, in the turn's language

  bool valid() const { return value.has_value(); }
};

AnswerCheck check_answer(const Step& step, std::string_view answer,
                         const nlu::EntityExtractor& extractor, TimePoint now, Language language);

// "3", "2.5", "-1": the shortest decimal that reads back as `value`.
std::string format_number(double value);

// Korean phone number from the extractor's value ("+821012345678") in national form with
// hyphens ("010-1234-5678"); nullopt for numbers that are not Korean.
std::optional<std::string> format_korean_phone(std::string_view e164);

}  // namespace aicc::scenario
