#include "faq/faq_index.h"

#include <algorithm>
#include <set>
#include <thread>

#include "faq/document.h"
#include "faq/replica.h"

namespace aicc::faq {
namespace {

// Candidates fetched beyond k, so that re-ranking by intent can lift an entry into the top k
// and the top hit has a runner-up to measure its margin against.
constexpr std::size_t kExtraCandidates = 10;

std::size_t replica_count(std::size_t requested) {
  if (requested > 0) return requested;
  return std::max<std::size_t>(2, std::thread::hardware_concurrency());
}

}  // namespace

FaqIndex::FaqIndex(FaqIndexOptions options) : options_(std::move(options)) {
  const std::size_t n = replica_count(options_.replicas);
  replicas_.reserve(n);
  for (std::size_t i = 0; i < n; ++i) replicas_.push_back(std::make_unique<Replica>(options_.bm25));
}

FaqIndex::~FaqIndex() = default;

Result<std::unique_ptr<FaqIndex>> FaqIndex::create(const std::vector<FaqEntry>& entries,
                                                   FaqIndexOptions options) {
  std::set<std::string> keys;
  for (const auto& e : entries) {
    const std::string key = entry_key(e.id, e.language);
    if (!keys.insert(key).second) {
      return make_error(ErrorCode::kInvalidArgument,
                        "FAQ entry \"" + e.id + "\" (" +
                            std::string(nlu::language_code(e.language)) + ") appears twice",
                        {{"id", e.id}, {"reason", "duplicate id"}});
    }
  }
  auto index = std::make_unique<FaqIndex>(std::move(options));
  for (const auto& e : entries) {
    if (auto st = index->upsert(e); !st) return tl::unexpected(st.error());
  }
  return index;
}

Status FaqIndex::upsert(const FaqEntry& entry) {
  if (auto problem = entry_problem(entry); !problem.empty()) {
    return make_error(ErrorCode::kInvalidArgument, "FAQ entry \"" + entry.id + "\": " + problem,
                      {{"id", entry.id}, {"reason", problem}});
  }
  const std::string key = entry_key(entry.id, entry.language);
  std::lock_guard writer(write_mutex_);
  if (!entry.active) {
    remove_key(key);
    return {};
  }
  const Xapian::Document doc = make_document(entry);
  {
    // The entry is published before the documents, so a replica hit always finds it.
    std::unique_lock lock(entries_mutex_);
    entries_[key] = std::make_shared<const FaqEntry>(entry);
    ++writes_;
  }
  for (auto& replica : replicas_) replica->put(key, doc);
  return {};
}

bool FaqIndex::remove(std::string_view id, Language language) {
  std::lock_guard writer(write_mutex_);
  return remove_key(entry_key(id, language));
}

bool FaqIndex::remove(std::string_view id) {
  std::lock_guard writer(write_mutex_);
  const bool korean = remove_key(entry_key(id, Language::kKorean));
  const bool english = remove_key(entry_key(id, Language::kEnglish));
  return korean || english;
}

// Caller holds write_mutex_. Documents go first, so a search never sees a document whose
// entry is gone (it would skip it anyway).
bool FaqIndex::remove_key(const std::string& key) {
  {
    std::shared_lock lock(entries_mutex_);
    if (entries_.find(key) == entries_.end()) return false;
  }
  for (auto& replica : replicas_) replica->erase(key);
  std::unique_lock lock(entries_mutex_);
  entries_.erase(key);
  ++writes_;
  return true;
}

ReplicaResult FaqIndex::run_on_a_replica(const std::vector<QueryTerm>& terms, Language language,
                                         std::size_t limit) const {
  // Start at a rotating replica and take the first free one; if all are busy, wait for the
  // one we started at.
  const std::size_t start = next_replica_.fetch_add(1, std::memory_order_relaxed);
  for (std::size_t i = 0; i < replicas_.size(); ++i) {
    auto& replica = *replicas_[(start + i) % replicas_.size()];
    if (auto result = replica.try_search(terms, language, limit)) return std::move(*result);
  }
  return replicas_[start % replicas_.size()]->search(terms, language, limit);
}

FaqSearchResult FaqIndex::search(std::string_view query, Language language, std::size_t k,
                                 const std::optional<IntentHint>& intent) const {
  searches_.fetch_add(1, std::memory_order_relaxed);
  FaqSearchResult result;
  result.threshold = options_.auto_answer_threshold;
  const std::vector<QueryTerm> terms = make_query_terms(query);
  if (terms.empty() || k == 0) {
    unanswered_.fetch_add(1, std::memory_order_relaxed);
    return result;
  }
  const ReplicaResult raw = run_on_a_replica(terms, language, k + kExtraCandidates);

  std::vector<double> scales;
  for (const auto& t : terms) scales.push_back(t.scale);
  std::vector<FaqHit> hits;
  std::vector<double> agreements;
  {
    std::shared_lock lock(entries_mutex_);
    for (const auto& h : raw.hits) {
      auto it = entries_.find(h.key);
      if (it == entries_.end()) continue;  // removed while we searched
      const FaqEntry& e = *it->second;
      double agreement = 0.0;
      if (intent && !e.intent.empty() && intent->intent == e.intent) {
        agreement = std::clamp(static_cast<double>(intent->confidence), 0.0, 1.0);
      }
      const double priority = std::clamp(e.priority, -10, 10);
      const double score = h.score * (1.0 + options_.priority_weight * priority) *
                           (1.0 + options_.intent_rank_boost * agreement);
      hits.push_back({it->second, score, coverage(raw.idf, scales, h.matched), 0.0f});
      agreements.push_back(agreement);
    }
  }
  std::vector<std::size_t> order(hits.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return hits[a].score > hits[b].score; });
  const double best = order.empty() ? 0.0 : hits[order[0]].score;
  const double next = order.size() > 1 ? hits[order[1]].score : 0.0;
  for (std::size_t rank = 0; rank < order.size() && rank < k; ++rank) {
    FaqHit hit = hits[order[rank]];
    const HitEvidence evidence{hit.coverage, hit.score, best,
                               next,         rank == 0, agreements[order[rank]]};
    hit.confidence = static_cast<float>(confidence(evidence, options_.confidence));
    result.hits.push_back(std::move(hit));
  }
  result.auto_answer =
      !result.hits.empty() && result.hits.front().confidence >= options_.auto_answer_threshold;
  if (!result.auto_answer) unanswered_.fetch_add(1, std::memory_order_relaxed);
  return result;
}

std::shared_ptr<const FaqEntry> FaqIndex::find(std::string_view id, Language language) const {
  std::shared_lock lock(entries_mutex_);
  auto it = entries_.find(entry_key(id, language));
  return it == entries_.end() ? nullptr : it->second;
}

std::vector<std::shared_ptr<const FaqEntry>> FaqIndex::entries() const {
  std::vector<std::shared_ptr<const FaqEntry>> out;
  {
    std::shared_lock lock(entries_mutex_);
    for (const auto& [key, entry] : entries_) out.push_back(entry);
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return std::tie(a->id, a->language) < std::tie(b->id, b->language);
  });
  return out;
}

FaqIndexStats FaqIndex::stats() const {
  FaqIndexStats s;
  s.replicas = replicas_.size();
  s.searches = searches_.load(std::memory_order_relaxed);
  s.unanswered = unanswered_.load(std::memory_order_relaxed);
  std::shared_lock lock(entries_mutex_);
  s.entries = entries_.size();
  for (const auto& [key, entry] : entries_) {
    (entry->language == Language::kKorean ? s.korean : s.english) += 1;
  }
  s.writes = writes_;
  return s;
}

}  // namespace aicc::faq
