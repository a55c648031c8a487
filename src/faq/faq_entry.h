// An FAQ entry: one question/answer pair in one language, as the knowledge base stores it.
//
// An entry is identified by (id, language): the shipped data gives every id a Korean and an
// English variant, and each variant is indexed and counted on its own. Counters and
// updated_at belong to the store; the index reads them but never changes them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "nlu/text/language.h"

namespace aicc::faq {

using nlu::Language;

struct FaqEntry {
  std::string id;        // stable slug, e.g. "faq_business_hours"; shared by the ko/en variants
  std::string category;  // one of the bot's categories (bot/faq/categories.json), e.g. "결제"
  Language language = Language::kKorean;
  std::string question;                   // the canonical question, shown to the customer
  std::vector<std::string> alternatives;  // other ways customers ask it (indexed, not shown)
  std::string answer;
  std::vector<std::string> keywords;
  int priority = 0;  // breaks near-ties in ranking; higher wins
  bool active = true;
  // The bot intent this entry answers (e.g. "general_inquiry"); empty if none. When the
  // classifier predicts this intent, the entry ranks higher and its confidence rises.
  std::string intent;
  std::int64_t view_count = 0;
  std::int64_t helpful_count = 0;
  std::int64_t not_helpful_count = 0;
  TimePoint updated_at{};
};

// Longest accepted texts: an answer may be a paragraph, the rest are one-liners.
inline constexpr std::size_t kMaxIdLength = 64;
inline constexpr std::size_t kMaxQuestionLength = 300;
inline constexpr std::size_t kMaxAnswerLength = 4000;

// Why `entry` cannot be indexed or stored, or an empty string if it is fine. Checks: id is
// 1–64 of [a-z0-9_-]; category, question and answer are non-blank; every text is valid
// UTF-8 within its length limit; no blank alternative or keyword. Category membership is the
// loader's concern (it knows the bot's category list).
std::string entry_problem(const FaqEntry& entry);

// "ko" / "en" ↔ Language; nullopt for anything else.
std::optional<Language> parse_language(std::string_view code);

}  // namespace aicc::faq
