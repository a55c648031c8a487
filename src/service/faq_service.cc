#include "service/faq_service.h"

#include <system_error>
#include <utility>

#include "core/utf8.h"
#include "faq/loader.h"
#include "faq/query_key.h"
#include "platform/log.h"

namespace aicc {
namespace {

Error not_found(std::string_view id, nlu::Language language) {
  const std::string code(nlu::language_code(language));
  return Error(ErrorCode::kNotFound, "no FAQ entry \"" + std::string(id) + "\" (" + code + ")",
               {{"id", std::string(id)}, {"language", code}});
}

Status check_query(std::string_view query, int limit) {
  const auto length = utf8_length(query);
  if (!length)
    return make_error(ErrorCode::kInvalidArgument, "q is not valid UTF-8", {{"field", "q"}});
  if (query.find_first_not_of(" \t\r\n") == std::string_view::npos)
    return make_error(ErrorCode::kInvalidArgument, "q must not be empty", {{"field", "q"}});
  if (*length > faq::kMaxQueryLength)
    return make_error(ErrorCode::kInvalidArgument,
                      "q is longer than " + std::to_string(faq::kMaxQueryLength) + " characters",
                      {{"field", "q"}});
  if (limit < 1 || limit > kMaxFaqSearchLimit)
    return make_error(ErrorCode::kInvalidArgument,
                      "limit must be between 1 and " + std::to_string(kMaxFaqSearchLimit),
                      {{"field", "limit"}});
  return {};
}

// The seed at the first start: bot/faq into an empty store. Returns how many entries this
// call inserted (0 when the store had entries, or another node seeded first).
Result<std::size_t> seed_if_empty(Store& store, const Clock& clock,
                                  const FaqServiceOptions& options) {
  auto log = [&](const std::string& line) {
    if (options.log) options.log(line);
  };
  auto existing = store.list_faq_entries({});
  if (!existing) return tl::unexpected(existing.error());
  if (!existing->empty()) return std::size_t{0};
  std::error_code ec;
  if (!std::filesystem::is_directory(options.seed_dir, ec)) {
    log("no FAQ entries in the store and no seed directory " + options.seed_dir.string() +
        ": the knowledge base starts empty");
    return std::size_t{0};
  }
  auto data = faq::load_faq_directory(options.seed_dir, clock.now());
  if (!data) return tl::unexpected(data.error());
  auto seeded = store.seed_faq_entries(data->entries);
  if (!seeded) return tl::unexpected(seeded.error());
  log("FAQ store seeded from " + options.seed_dir.string() + ": " + std::to_string(*seeded) +
      " entries");
  return *seeded;
}

}  // namespace

Result<std::unique_ptr<FaqService>> FaqService::start(Store& store, const Clock& clock,
                                                      FaqServiceOptions options) {
  auto seeded = seed_if_empty(store, clock, options);
  if (!seeded) return tl::unexpected(seeded.error());
  // The index is built from the store, never from the seed: after the first start the
  // seed files may differ from what editors made of the knowledge base.
  auto entries = store.list_faq_entries({});
  if (!entries) return tl::unexpected(entries.error());
  auto index = faq::FaqIndex::create(*entries, options.index);
  if (!index) return tl::unexpected(index.error());
  if (options.log)
    options.log("FAQ index built from the store: " + std::to_string((*index)->stats().entries) +
                " active of " + std::to_string(entries->size()) + " entries");
  return std::unique_ptr<FaqService>(
      new FaqService(store, clock, std::shared_ptr<faq::FaqIndex>(std::move(*index)), *seeded));
}

Result<faq::FaqSearchResult> FaqService::search(std::string_view query, nlu::Language language,
                                                int limit) {
  if (auto st = check_query(query, limit); !st) return tl::unexpected(st.error());
  auto result = index_->search(query, language, static_cast<std::size_t>(limit));
  if (!result.auto_answer) {
    std::string best_id;
    std::optional<double> best_confidence;
    if (!result.hits.empty()) {
      best_id = result.hits.front().entry->id;
      best_confidence = result.hits.front().confidence;
    }
    // The answer does not depend on the log: a failed write is reported, not returned.
    if (auto st = record_unanswered(query, language, "", best_id, best_confidence); !st)
      log::warn("unanswered FAQ query not recorded", {{"error", st.error().message}});
  }
  return result;
}

Result<faq::FaqEntry> FaqService::view(std::string_view id, nlu::Language language) {
  auto entry = store_.get_faq_entry(id, language);
  if (!entry) return entry;
  if (!entry->active) return tl::unexpected(not_found(id, language));
  return store_.bump_faq_counter(id, language, FaqCounter::kView);
}

Result<faq::FaqEntry> FaqService::feedback(std::string_view id, nlu::Language language,
                                           bool helpful) {
  return store_.bump_faq_counter(id, language,
                                 helpful ? FaqCounter::kHelpful : FaqCounter::kNotHelpful);
}

Result<std::vector<faq::FaqEntry>> FaqService::list(const FaqFilter& filter) {
  return store_.list_faq_entries(filter);
}

Result<FaqUpsertResult> FaqService::upsert(const faq::FaqEntry& entry) {
  auto stored = store_.upsert_faq_entry(entry);
  if (!stored) return stored;
  // The store accepted it, so the index will (both check faq::entry_problem).
  if (auto st = index_->upsert(stored->entry); !st) return tl::unexpected(st.error());
  return stored;
}

Result<faq::FaqEntry> FaqService::deactivate(std::string_view id, nlu::Language language) {
  auto entry = store_.get_faq_entry(id, language);
  if (!entry) return entry;
  entry->active = false;
  entry->updated_at = clock_.now();
  auto stored = upsert(*entry);
  if (!stored) return tl::unexpected(stored.error());
  return std::move(stored->entry);
}

Status FaqService::record_unanswered(std::string_view text, nlu::Language language,
                                     std::string_view conversation_id, std::string_view best_faq_id,
                                     std::optional<double> best_confidence) {
  UnansweredQuery q;
  q.text = faq::clip_utf8(text, faq::kMaxQueryLength);
  q.language = language;
  q.conversation_id = std::string(conversation_id);
  q.best_faq_id = std::string(best_faq_id);
  q.best_confidence = best_confidence;
  q.created_at = clock_.now();
  return store_.record_unanswered_query(q);
}

Result<std::vector<UnansweredSummary>> FaqService::unanswered(
    int limit, std::optional<nlu::Language> language) {
  return store_.top_unanswered_queries(limit, language);
}

}  // namespace aicc
