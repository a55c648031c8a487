#include "faq/faq_entry.h"

#include "core/utf8.h"

namespace aicc::faq {
namespace {

bool is_blank(std::string_view s) {
  return s.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

bool is_id_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

// Length limits count code points, so Korean and English texts get the same room.
std::string text_problem(std::string_view field, std::string_view text, std::size_t max) {
  const auto length = utf8_length(text);
  if (!length) return std::string(field) + " is not valid UTF-8";
  if (is_blank(text)) return std::string(field) + " is empty";
  if (*length > max) {
    return std::string(field) + " is longer than " + std::to_string(max) + " characters";
  }
  return {};
}

}  // namespace

std::string entry_problem(const FaqEntry& entry) {
  if (entry.id.empty() || entry.id.size() > kMaxIdLength) {
    return "id must be 1-" + std::to_string(kMaxIdLength) + " characters";
  }
  for (char c : entry.id) {
    if (!is_id_char(c)) return "id may only contain a-z, 0-9, '_' and '-'";
  }
  if (auto p = text_problem("category", entry.category, kMaxQuestionLength); !p.empty()) return p;
  if (auto p = text_problem("question", entry.question, kMaxQuestionLength); !p.empty()) return p;
  if (auto p = text_problem("answer", entry.answer, kMaxAnswerLength); !p.empty()) return p;
  for (std::size_t i = 0; i < entry.alternatives.size(); ++i) {
    auto p = text_problem("alternatives[" + std::to_string(i) + "]", entry.alternatives[i],
                          kMaxQuestionLength);
    if (!p.empty()) return p;
  }
  for (std::size_t i = 0; i < entry.keywords.size(); ++i) {
    auto p =
        text_problem("keywords[" + std::to_string(i) + "]", entry.keywords[i], kMaxQuestionLength);
    if (!p.empty()) return p;
  }
  if (!is_valid_utf8(entry.intent)) return "intent is not valid UTF-8";
  return {};
}

std::optional<Language> parse_language(std::string_view code) {
  if (code == "ko") return Language::kKorean;
  if (code == "en") return Language::kEnglish;
  return std::nullopt;
}

}  // namespace aicc::faq
