// The FAQ knowledge base as a service: the store holds the entries and their counters
// (the source of truth), a FaqIndex built from the store's active entries answers searches,
// and every change made through this service goes to the store first and then to the
// index. bot/faq is only the seed of an empty store, read at the first start.
//
//   auto faq = FaqService::start(store, clock, {.seed_dir = "bot/faq"});
//   bot_options.faq_index = (*faq)->index();  // the bot answers from the same index
//
// Counters: get() counts a view, feedback() a helpful/not-helpful vote; searches and bot
// turns without a confident answer go to the store's unanswered-query log.
//
// Thread-safe. With several nodes, each keeps its own index: changes made on one node
// reach the others' indexes at their next start (admin editing will broadcast them).
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "faq/faq_index.h"
#include "faq/query_key.h"
#include "store/store.h"

namespace aicc {

struct FaqServiceOptions {
  // The bot's FAQ directory (loader.h format): read only when the store holds no entry.
  // A missing directory then leaves the knowledge base empty (logged), not an error.
  std::filesystem::path seed_dir = "bot/faq";
  faq::FaqIndexOptions index;
  std::function<void(std::string_view)> log;  // one line per start-up step; may be empty
};

inline constexpr int kMaxFaqSearchLimit = 20;

class FaqService {
 public:
  // Seeds an empty store from options.seed_dir, then indexes the store's active entries.
  // Fails if the seed data is malformed or the store cannot be read.
  static Result<std::unique_ptr<FaqService>> start(Store& store, const Clock& clock,
                                                   FaqServiceOptions options);

  // The live index, for the bot's dialogue turns. Shared: it outlives neither party.
  std::shared_ptr<faq::FaqIndex> index() const { return index_; }
  // Entries this start inserted into the store: all of the seed at the first start, 0 after.
  std::size_t seeded() const { return seeded_; }

  // The best `limit` (1…kMaxFaqSearchLimit) active entries for `query` (1…
  // faq::kMaxQueryLength characters, not blank). A search whose best hit does not reach
  // the auto-answer threshold is logged as unanswered. kInvalidArgument (details "field")
  // for a bad query or limit.
  Result<faq::FaqSearchResult> search(std::string_view query, nlu::Language language, int limit);

  // An active entry, its view counted. kNotFound for an unknown or soft-deleted entry.
  Result<faq::FaqEntry> view(std::string_view id, nlu::Language language);
  // Counts a helpful / not helpful vote on a stored entry (a vote on an entry deleted
  // since the customer read it still counts). kNotFound for an unknown entry.
  Result<faq::FaqEntry> feedback(std::string_view id, nlu::Language language, bool helpful);
  // Stored entries, inactive ones included unless the filter says otherwise.
  Result<std::vector<faq::FaqEntry>> list(const FaqFilter& filter);

  // Creates or edits an entry (counters are kept), in the store and then in the index.
  Result<FaqUpsertResult> upsert(const faq::FaqEntry& entry);
  // Soft delete: marks the stored entry inactive and takes it out of the index.
  // kNotFound for an unknown entry.
  Result<faq::FaqEntry> deactivate(std::string_view id, nlu::Language language);

  // Logs a question the FAQ could not answer confidently; the text is clipped to
  // faq::kMaxQueryLength characters. `conversation_id` empty for searches outside a chat.
  Status record_unanswered(std::string_view text, nlu::Language language,
                           std::string_view conversation_id, std::string_view best_faq_id,
                           std::optional<double> best_confidence);
  // The store's report (Store::top_unanswered_queries).
  Result<std::vector<UnansweredSummary>> unanswered(int limit,
                                                    std::optional<nlu::Language> language);

 private:
  FaqService(Store& store, const Clock& clock, std::shared_ptr<faq::FaqIndex> index,
             std::size_t seeded)
      : store_(store), clock_(clock), index_(std::move(index)), seeded_(seeded) {}

  Store& store_;
  const Clock& clock_;
  std::shared_ptr<faq::FaqIndex> index_;
  std::size_t seeded_;
};

}  // namespace aicc
