#include "service/handover_summary.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <string_view>

#include "core/utf8.h"

namespace aicc {
namespace {

constexpr std::size_t kMaxWordsCounted = 15;

bool space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

std::string trim(std::string_view s) {
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return std::string(s);
}

// ASCII punctuation around a word; Hangul and other letters stay.
std::string strip_punctuation(std::string_view w) {
  auto punct = [](char c) {
    return static_cast<unsigned char>(c) < 0x80 && !std::isalnum(static_cast<unsigned char>(c));
  };
  while (!w.empty() && punct(w.front())) w.remove_prefix(1);
  while (!w.empty() && punct(w.back())) w.remove_suffix(1);
  std::string out(w);
  for (char& c : out)
    if (static_cast<unsigned char>(c) < 0x80) c = static_cast<char>(std::tolower(c));
  return out;
}

// Words that say nothing about the customer's problem.
const std::set<std::string, std::less<>>& stopwords() {
  static const std::set<std::string, std::less<>> words = {
      // Korean courtesy and filler
      "안녕하세요", "감사합니다", "고맙습니다", "네", "예", "아니요", "저", "제가", "좀", "그",
      "이", "그냥", "혹시", "정말", "너무", "수", "것", "주세요", "있나요", "해주세요",
      // English
      "the", "a", "an", "to", "is", "are", "was", "it", "i", "my", "me", "you", "and", "or", "of",
      "for", "in", "on", "please", "hi", "hello", "thanks", "thank", "can", "could", "do", "this",
      "that", "be", "have", "has", "with"};
  return words;
}

// Intents whose sentences rarely tell the agent what the problem is.
bool low_information_intent(std::string_view intent) {
  return intent == "greeting" || intent == "goodbye" || intent == "agent_request";
}

int content_words(const std::string& sentence) {
  std::set<std::string> seen;
  std::size_t i = 0;
  while (i < sentence.size()) {
    while (i < sentence.size() && space(sentence[i])) ++i;
    std::size_t j = i;
    while (j < sentence.size() && !space(sentence[j])) ++j;
    const std::string w = strip_punctuation(std::string_view(sentence).substr(i, j - i));
    const auto length = utf8_length(w).value_or(0);
    if (length >= 2 && !stopwords().contains(w)) seen.insert(w);
    i = j;
  }
  return static_cast<int>(std::min(seen.size(), kMaxWordsCounted));
}

}  // namespace

std::vector<std::string> split_sentences(const std::string& text) {
  std::vector<std::string> out;
  std::string current;
  const std::string_view ideographic_stop = "\xE3\x80\x82";  // 。
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\n') {
      if (auto s = trim(current); !s.empty()) out.push_back(s);
      current.clear();
      continue;
    }
    if (text.compare(i, ideographic_stop.size(), ideographic_stop) == 0) {
      current += ideographic_stop;
      i += ideographic_stop.size() - 1;
      if (auto s = trim(current); !s.empty()) out.push_back(s);
      current.clear();
      continue;
    }
    current.push_back(c);
    const bool end = c == '.' || c == '?' || c == '!';
    const bool next_continues = i + 1 < text.size() && (text[i + 1] == '.' || text[i + 1] == '?' ||
                                                        text[i + 1] == '!' || !space(text[i + 1]));
    if (end && !next_continues) {
      if (auto s = trim(current); !s.empty()) out.push_back(s);
      current.clear();
    }
  }
  if (auto s = trim(current); !s.empty()) out.push_back(s);
  return out;
}

std::vector<SummarySentence> summarize_customer_turns(const std::vector<SummaryTurn>& turns,
                                                      std::size_t max_sentences) {
  struct Candidate {
    SummarySentence sentence;
    std::size_t order;
  };
  std::vector<Candidate> candidates;
  for (const auto& turn : turns) {
    const auto sentences = split_sentences(turn.text);
    if (sentences.empty()) continue;
    // A turn's entities are shared by its sentences (the NLU tags the turn).
    const double entity_share = 3.0 * turn.entity_count / static_cast<double>(sentences.size());
    for (const auto& s : sentences) {
      const int words = content_words(s);
      if (words == 0) continue;
      double score = words + entity_share;
      if (turn.sentiment == "negative") score += 2;
      if (s.back() == '?') score += 1;
      if (low_information_intent(turn.intent)) score *= 0.2;
      candidates.push_back({{turn.seq, s, score}, candidates.size()});
    }
  }
  // Highest score first; on a tie the earlier sentence.
  std::stable_sort(candidates.begin(), candidates.end(), [](const auto& a, const auto& b) {
    return a.sentence.score > b.sentence.score;
  });
  if (candidates.size() > max_sentences) candidates.resize(max_sentences);
  std::sort(candidates.begin(), candidates.end(),
            [](const auto& a, const auto& b) { return a.order < b.order; });
  std::vector<SummarySentence> out;
  for (auto& c : candidates) out.push_back(std::move(c.sentence));
  return out;
}

}  // namespace aicc
