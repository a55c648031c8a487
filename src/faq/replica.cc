#include "faq/replica.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

namespace aicc::faq {

Replica::Replica(Bm25Params params)
    : params_(params), db_(std::string(), Xapian::DB_BACKEND_INMEMORY) {}

void Replica::put(const std::string& key, const Xapian::Document& doc) {
  std::lock_guard lock(mutex_);
  db_.replace_document(key, doc);
}

void Replica::erase(const std::string& key) {
  std::lock_guard lock(mutex_);
  db_.delete_document(key);
}

std::optional<ReplicaResult> Replica::try_search(const std::vector<QueryTerm>& terms,
                                                 Language language, std::size_t limit) {
  std::unique_lock lock(mutex_, std::try_to_lock);
  if (!lock.owns_lock()) return std::nullopt;
  return search_locked(terms, language, limit);
}

ReplicaResult Replica::search(const std::vector<QueryTerm>& terms, Language language,
                              std::size_t limit) {
  std::lock_guard lock(mutex_);
  return search_locked(terms, language, limit);
}

ReplicaResult Replica::search_locked(const std::vector<QueryTerm>& terms, Language language,
                                     std::size_t limit) {
  ReplicaResult result;
  const std::string lang_term = language_term(language);
  // Robertson–Spärck Jones IDF as BM25 uses it, over this language's documents only.
  const double n_docs = static_cast<double>(db_.get_termfreq(lang_term));
  std::unordered_map<std::string, std::size_t> index_of;
  std::vector<Xapian::Query> subqueries;
  for (std::size_t i = 0; i < terms.size(); ++i) {
    const double df = static_cast<double>(db_.get_termfreq(terms[i].text));
    result.idf.push_back(std::log(1.0 + (n_docs - df + 0.5) / (df + 0.5)));
    index_of.emplace(terms[i].text, i);
    subqueries.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(terms[i].text),
                            terms[i].scale);
    const std::string answer_term = std::string(kAnswerPrefix) + terms[i].text;
    index_of.emplace(answer_term, i);
    subqueries.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(answer_term),
                            terms[i].scale * kAnswerQueryScale);
  }
  if (subqueries.empty() || n_docs == 0 || limit == 0) return result;
  // OR, not the QueryParser's AND of a word's n-grams: "영업시간이" must still match
  // "영업시간은" although the bigram "간이" is missing.
  const Xapian::Query content(Xapian::Query::OP_OR, subqueries.begin(), subqueries.end());
  Xapian::Enquire enquire(db_);
  enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, content, Xapian::Query(lang_term)));
  enquire.set_weighting_scheme(Xapian::BM25Weight(params_.k1, 0.0, 1.0, params_.b, 0.5));
  const Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(limit));
  // Which query terms each hit contains, by walking its term list once along the sorted
  // query terms (Enquire::get_matching_terms rebuilds the query's term set for every hit).
  std::vector<std::pair<std::string, std::size_t>> sorted_terms(index_of.begin(), index_of.end());
  std::sort(sorted_terms.begin(), sorted_terms.end());
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    ReplicaHit hit;
    const Xapian::Document doc = it.get_document();
    hit.key = doc.get_data();
    hit.score = it.get_weight();
    auto t = doc.termlist_begin();
    const auto end = doc.termlist_end();
    for (const auto& [term, index] : sorted_terms) {
      t.skip_to(term);
      if (t == end) break;
      if (*t != term) continue;
      // A term found in both the question side and the answer counts once.
      if (std::find(hit.matched.begin(), hit.matched.end(), index) == hit.matched.end())
        hit.matched.push_back(index);
    }
    std::sort(hit.matched.begin(), hit.matched.end());  // query order, as before
    result.hits.push_back(std::move(hit));
  }
  return result;
}

}  // namespace aicc::faq
