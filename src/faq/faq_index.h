// The FAQ search index: ranked full-text retrieval (Xapian, BM25) over the active FAQ
// entries, Korean through character bigrams (terms.h), with a confidence per hit
// (confidence.h) and an auto-answer decision.
//
//   auto index = aicc::faq::FaqIndex::create(data.entries);       // loader.h
//   auto result = (*index)->search("영업시간이 어떻게 되나요", Language::kKorean, 3,
//                                  IntentHint{p.intent, p.confidence});  // p: IntentPrediction
//   if (result.auto_answer) reply(result.hits.front().entry->answer);
//
// A store-backed service drives it: create() from the stored entries at start, then
// upsert() on every create/update (an inactive entry is taken out of the index), remove()
// on delete. The index holds only active entries; counters are the store's business.
//
// Thread safety: every method may be called from any thread. Searches run in parallel on
// private replicas of the Xapian database (Xapian objects are not thread-safe); writes are
// serialised and applied to each replica in turn, and a search that starts after upsert()
// returns sees the new entry. Cost with the shipped 80 entries (-O2, one core): a search
// ~0.1 ms, an upsert ~0.05 ms per replica.
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "faq/bm25.h"
#include "faq/confidence.h"
#include "faq/faq_entry.h"

namespace aicc::faq {

class Replica;
struct QueryTerm;
struct ReplicaResult;

// Measured on bot/faq/eval (tests/unit/faq/quality_test.cc, docs/bot-authoring.md): no
// unrelated query goes above 0.32, so 0.4 keeps a margin while auto-answering ~68 % of the
// answerable paraphrases without an intent hint (more with one); the rest get suggestions,
// and the right entry is among the top three for ~99 % of them.
inline constexpr float kDefaultAutoAnswerThreshold = 0.4f;

struct FaqIndexOptions {
  float auto_answer_threshold = kDefaultAutoAnswerThreshold;
  Bm25Params bm25;
  ConfidenceModel confidence;
  // Scores are multiplied by 1 + priority_weight · clamp(priority, -10, 10), so priority
  // decides between near-equal matches without overriding a clearly better one.
  double priority_weight = 0.01;
  // Scores of entries whose intent hint is the predicted intent are multiplied by
  // 1 + intent_rank_boost · (classifier confidence).
  double intent_rank_boost = 0.3;
  // Parallel searches; 0 = one per hardware thread (at least 2).
  std::size_t replicas = 0;
};

// What the intent classifier thinks the query is; build it from nlu::IntentPrediction as
// {prediction.intent, prediction.confidence}. "out_of_scope" matches no entry.
struct IntentHint {
  std::string intent;
  float confidence = 1.0f;
};

struct FaqHit {
  std::shared_ptr<const FaqEntry> entry;  // a snapshot; later upserts do not change it
  double score = 0.0;                     // BM25, after priority and intent re-ranking
  double coverage = 0.0;                  // share of the query the entry explains, [0, 1]
  float confidence = 0.0f;                // [0, 1]
};

struct FaqSearchResult {
  std::vector<FaqHit> hits;  // best first, at most k
  // The top hit's confidence reached the threshold: answer without asking.
  bool auto_answer = false;
  float threshold = 0.0f;
};

struct FaqIndexStats {
  std::size_t entries = 0;  // active entries indexed, both languages
  std::size_t korean = 0;
  std::size_t english = 0;
  std::size_t replicas = 0;
  std::uint64_t writes = 0;    // successful upsert/remove calls that changed the index
  std::uint64_t searches = 0;  // search() calls
  // Searches whose top hit did not reach the auto-answer threshold (or had no hit): the
  // "no confident answer" count that analytics turns into new FAQ candidates.
  std::uint64_t unanswered = 0;
};

class FaqIndex {
 public:
  explicit FaqIndex(FaqIndexOptions options = {});
  ~FaqIndex();
  FaqIndex(const FaqIndex&) = delete;
  FaqIndex& operator=(const FaqIndex&) = delete;

  // An index of `entries` (inactive ones are skipped). kInvalidArgument, naming the entry,
  // if one is invalid (entry_problem()) or an (id, language) pair repeats.
  static Result<std::unique_ptr<FaqIndex>> create(const std::vector<FaqEntry>& entries,
                                                  FaqIndexOptions options = {});

  // Adds or replaces the (id, language) variant; an inactive entry is removed instead.
  // kInvalidArgument (index unchanged) if entry_problem() finds a problem.
  Status upsert(const FaqEntry& entry);
  // Removes one variant, or every variant of `id`. Returns whether anything was indexed.
  bool remove(std::string_view id, Language language);
  bool remove(std::string_view id);

  // The best `k` active entries of `language` for `query`. An empty or term-less query
  // ("?!") returns no hits. Never fails.
  FaqSearchResult search(std::string_view query, Language language, std::size_t k = 3,
                         const std::optional<IntentHint>& intent = std::nullopt) const;

  // The indexed (active) variant, or nullptr.
  std::shared_ptr<const FaqEntry> find(std::string_view id, Language language) const;
  // Every indexed entry, sorted by (id, language).
  std::vector<std::shared_ptr<const FaqEntry>> entries() const;

  FaqIndexStats stats() const;
  const FaqIndexOptions& options() const { return options_; }

 private:
  using EntryMap = std::map<std::string, std::shared_ptr<const FaqEntry>, std::less<>>;

  ReplicaResult run_on_a_replica(const std::vector<QueryTerm>& terms, Language language,
                                 std::size_t limit) const;
  bool remove_key(const std::string& key);

  FaqIndexOptions options_;
  std::vector<std::unique_ptr<Replica>> replicas_;
  mutable std::atomic<std::size_t> next_replica_{0};
  mutable std::atomic<std::uint64_t> searches_{0};
  mutable std::atomic<std::uint64_t> unanswered_{0};

  std::mutex write_mutex_;                   // one writer at a time, so replicas change in step
  mutable std::shared_mutex entries_mutex_;  // guards entries_ and writes_
  EntryMap entries_;                         // entry_key() → entry
  std::uint64_t writes_ = 0;
};

}  // namespace aicc::faq
