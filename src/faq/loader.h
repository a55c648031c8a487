// Reads the bot's FAQ data files (bot/faq/). The format is documented in
// docs/bot-authoring.md ("## FAQ"):
//
//   categories.json   {"categories": [{"name": "일반", "en": "General"}, ...]}
//   <any>.json        {"entries": [{"id": "faq_business_hours", "category": "일반",
//                                   "priority": 1, "active": true, "intent": "general_inquiry",
//                                   "ko": {"question": "...", "alternatives": [...],
//                                          "answer": "...", "keywords": [...]},
//                                   "en": {...}}, ...]}
//
// Each language variant becomes one FaqEntry. Loading is all or nothing: the first problem
// (malformed JSON, unknown field, missing answer, duplicate id, unknown category, …) rejects
// the whole load with ErrorCode::kInvalidArgument; the message names the file, the entry id
// and the problem, and the details carry "file", "id" and "reason" separately.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "faq/faq_entry.h"

namespace aicc::faq {

struct FaqCategory {
  std::string name;     // the value entries use, e.g. "주문/배송"
  std::string name_en;  // its English label, e.g. "Orders & delivery"
};

struct FaqData {
  std::vector<FaqCategory> categories;
  std::vector<FaqEntry> entries;  // sorted by (id, language)
};

inline constexpr std::string_view kCategoriesFile = "categories.json";

Result<std::vector<FaqCategory>> parse_faq_categories(std::string_view content,
                                                      std::string_view file);

// Parses one entries file. Every entry's category must be among `categories`; `updated_at`
// stamps entries that do not give their own "updated_at" (ISO-8601).
Result<std::vector<FaqEntry>> parse_faq_file(std::string_view content, std::string_view file,
                                             const std::vector<FaqCategory>& categories,
                                             TimePoint updated_at);

// Loads DIR/categories.json and every other DIR/*.json (sorted by name; subdirectories such
// as eval/ are not read). Ids must be unique across files. kNotFound if DIR or
// categories.json is missing; kInvalidArgument if anything is malformed or no entry exists.
Result<FaqData> load_faq_directory(const std::filesystem::path& dir, TimePoint updated_at);

}  // namespace aicc::faq
