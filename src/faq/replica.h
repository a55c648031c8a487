// One private copy of the FAQ search index: an in-memory Xapian database behind its own
// mutex. Xapian objects must not be used from two threads at once, even for reading, so
// FaqIndex keeps several replicas and lets each search borrow one that is free; writes are
// applied to every replica in turn.
#pragma once

#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <xapian.h>

#include "faq/bm25.h"
#include "faq/document.h"

namespace aicc::faq {

struct ReplicaHit {
  std::string key;                   // entry_key() of the matching variant
  double score = 0.0;                // BM25
  std::vector<std::size_t> matched;  // indices of the query terms this document contains
};

struct ReplicaResult {
  std::vector<ReplicaHit> hits;  // best first
  // Per query term: its inverse document frequency among documents of the query's language
  // (terms absent from the index get the highest value). Lets the caller measure how much of
  // the query a hit explains.
  std::vector<double> idf;
};

class Replica {
 public:
  explicit Replica(Bm25Params params);
  Replica(const Replica&) = delete;
  Replica& operator=(const Replica&) = delete;

  // Adds or replaces the document whose unique term is `key`.
  void put(const std::string& key, const Xapian::Document& doc);
  void erase(const std::string& key);

  // The best `limit` documents of `language` for `terms` (OR of the terms, BM25). The first
  // form gives up at once if another thread holds the replica.
  std::optional<ReplicaResult> try_search(const std::vector<QueryTerm>& terms, Language language,
                                          std::size_t limit);
  ReplicaResult search(const std::vector<QueryTerm>& terms, Language language, std::size_t limit);

 private:
  ReplicaResult search_locked(const std::vector<QueryTerm>& terms, Language language,
                              std::size_t limit);

  std::mutex mutex_;
  Bm25Params params_;
  Xapian::WritableDatabase db_;
};

}  // namespace aicc::faq
