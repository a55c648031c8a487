// Lexicon parsing and the leftmost-longest matcher over units (see units.h).
#include "nlu/sentiment/lexicon.h"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace aicc::nlu {

using sentiment_detail::CueKind;
using sentiment_detail::CueMatch;
using sentiment_detail::Entry;
using sentiment_detail::Unit;

namespace {

constexpr std::uint32_t kSpace = ' ';

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

std::string_view next_field(std::string_view& rest) {
  rest = trim(rest);
  const std::size_t end = std::min(rest.find(' '), rest.find('\t'));
  const std::string_view field = rest.substr(0, end);
  rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end);
  return field;
}

bool parse_kind(std::string_view s, CueKind& kind) {
  static constexpr std::pair<std::string_view, CueKind> kKinds[] = {
      {"sent", CueKind::kSentiment},     {"anger", CueKind::kAnger},
      {"urgency", CueKind::kUrgency},    {"neutral", CueKind::kNeutral},
      {"negator", CueKind::kNegator},    {"postneg", CueKind::kPostNegator},
      {"intens", CueKind::kIntensifier}, {"npi", CueKind::kNegativePolarity},
      {"contrast", CueKind::kContrast}};
  for (const auto& [name, k] : kKinds) {
    if (s == name) {
      kind = k;
      return true;
    }
  }
  return false;
}

bool has_letter(std::string_view term) {
  std::vector<Unit> units;
  sentiment_detail::to_units(term, units);
  return std::any_of(units.begin(), units.end(), [](const Unit& u) {
    return sentiment_detail::is_ascii_letter(u.cp) || sentiment_detail::is_hangul_unit(u.cp);
  });
}

bool word_char(std::uint32_t cp) {
  return sentiment_detail::is_ascii_alnum(cp) || sentiment_detail::is_hangul_unit(cp);
}

}  // namespace

struct SentimentAnalyzer::Lexicon::Best {
  std::size_t start = 0;
  std::size_t end = 0;
  std::int32_t entry = -1;
  bool elongated = false;
  bool absorbed = false;
};

Result<std::shared_ptr<const SentimentAnalyzer::Lexicon>> SentimentAnalyzer::Lexicon::parse(
    std::string_view text, std::string_view source) {
  auto lex = std::make_shared<Lexicon>();
  std::vector<Unit> units;
  std::size_t line_no = 0;
  while (!text.empty()) {
    const std::size_t nl = text.find('\n');
    const std::string_view raw = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
    ++line_no;
    std::string_view rest = trim(raw);
    if (rest.empty() || rest.front() == '#') continue;
    auto fail = [&](std::string message) {
      return make_error(ErrorCode::kInvalidArgument, "sentiment lexicon: " + message,
                        {{"source", std::string(source)},
                         {"line", std::to_string(line_no)},
                         {"text", std::string(trim(raw))}});
    };

    Entry e;
    const std::string_view kind = next_field(rest);
    if (!parse_kind(kind, e.kind)) {
      return fail("unknown kind '" + std::string(kind) +
                  "' (sent, anger, urgency, neutral, negator, postneg, intens, npi, contrast)");
    }
    const std::string_view weight = next_field(rest);
    const auto [ptr, ec] = std::from_chars(weight.data(), weight.data() + weight.size(), e.weight);
    if (ec != std::errc() || ptr != weight.data() + weight.size() || !std::isfinite(e.weight) ||
        std::fabs(e.weight) > 5) {
      return fail("weight must be a number between -5 and 5, got '" + std::string(weight) + "'");
    }
    std::string_view term = trim(rest);
    if (term.empty()) return fail("missing term");
    // Markers: ^ (starts a word) and * (stem), only in terms with letters: "^^" is a smile.
    bool stem = false;
    if (has_letter(term)) {
      if (term.front() == '^') {
        e.word_start = true;
        term.remove_prefix(1);
      }
      if (!term.empty() && term.back() == '*') {
        stem = true;
        term.remove_suffix(1);
      }
      term = trim(term);  // still holds the letter, so never empty
    }

    sentiment_detail::to_units(term, units);
    std::vector<Unit> key;  // blanks collapsed to one space unit
    for (const Unit& u : units) {
      const bool blank = sentiment_detail::is_blank_unit(u.cp);
      if (blank && !key.empty() && key.back().cp == kSpace) continue;
      key.push_back(blank ? Unit{kSpace, u.byte, true} : u);
    }
    e.word_start = e.word_start || sentiment_detail::is_ascii_letter(key.front().cp);
    e.word_end = !stem && sentiment_detail::is_ascii_letter(key.back().cp);
    e.term = std::string(term);
    if (!lex->insert(key, static_cast<std::uint32_t>(lex->entries_.size()))) {
      return fail("duplicate term '" + e.term + "'");
    }
    lex->entries_.push_back(std::move(e));
  }
  if (lex->entries_.empty()) {
    return make_error(ErrorCode::kInvalidArgument, "sentiment lexicon: no entries",
                      {{"source", std::string(source)}});
  }
  return std::shared_ptr<const Lexicon>(std::move(lex));
}

std::uint32_t SentimentAnalyzer::Lexicon::child(std::uint32_t node, std::uint32_t cp) const {
  const auto& next = nodes_[node].next;
  const auto it = std::lower_bound(next.begin(), next.end(), std::make_pair(cp, 0u));
  return it != next.end() && it->first == cp ? it->second : 0;
}

bool SentimentAnalyzer::Lexicon::insert(const std::vector<Unit>& key, std::uint32_t entry) {
  std::uint32_t node = 0;
  for (const Unit& u : key) {
    std::uint32_t next = child(node, u.cp);
    if (next == 0) {
      next = static_cast<std::uint32_t>(nodes_.size());
      nodes_.emplace_back();
      auto& kids = nodes_[node].next;
      kids.insert(std::lower_bound(kids.begin(), kids.end(), std::make_pair(u.cp, 0u)),
                  std::make_pair(u.cp, next));
    }
    node = next;
  }
  if (nodes_[node].entry >= 0) return false;
  nodes_[node].entry = static_cast<std::int32_t>(entry);
  return true;
}

void SentimentAnalyzer::Lexicon::accept(const std::vector<Unit>& units, std::size_t end,
                                        std::uint32_t node, bool elongated, Best& best) const {
  const std::int32_t id = nodes_[node].entry;
  if (id < 0) return;
  const Entry& e = entries_[static_cast<std::size_t>(id)];
  std::size_t stop = end;
  // An open syllable in the term may take the text's final consonant: 나 ≈ 났, 쁘 ≈ 쁜.
  if (stop < units.size() && sentiment_detail::is_final_jamo(units[stop].cp) &&
      sentiment_detail::is_vowel_jamo(units[stop - 1].cp))
    ++stop;
  if (stop < units.size() && !units[stop].char_start) return;  // would split a syllable
  if (e.word_end && stop < units.size() && sentiment_detail::is_ascii_alnum(units[stop].cp)) return;
  if (e.word_start && best.start > 0 && word_char(units[best.start - 1].cp)) return;
  // Longest wins; on a tie, the match that needed no absorbed consonant ("지만" the contrast
  // beats "지 마" + ㄴ).
  const bool absorbed = stop != end;
  if (stop > best.end || (stop == best.end && best.absorbed && !absorbed)) {
    best.end = stop;
    best.entry = id;
    best.elongated = elongated;
    best.absorbed = absorbed;
  }
}

void SentimentAnalyzer::Lexicon::walk(const std::vector<Unit>& units, std::size_t i,
                                      std::uint32_t node, std::uint32_t prev, bool elongated,
                                      Best& best) const {
  if (const std::uint32_t space = child(node, kSpace)) {  // a term's space: zero or more blanks
    std::size_t j = i;
    while (j < units.size() && sentiment_detail::is_blank_unit(units[j].cp)) ++j;
    walk(units, j, space, kSpace, elongated, best);
  }
  if (i >= units.size()) return;
  const std::uint32_t cp = units[i].cp;
  if (sentiment_detail::is_blank_unit(cp)) return;
  if (const std::uint32_t next = child(node, cp)) {
    accept(units, i + 1, next, elongated, best);
    walk(units, i + 1, next, cp, elongated, best);
  } else if (cp == prev &&
             node != 0) {  // elongation: "sooo", "ㅠㅠㅠㅠ" (iterative: no deep recursion)
    std::size_t j = i + 1;
    while (j < units.size() && units[j].cp == prev) ++j;
    accept(units, j, node, true, best);
    walk(units, j, node, prev, true, best);
  }
}

void SentimentAnalyzer::Lexicon::match(const std::vector<Unit>& units,
                                       std::vector<CueMatch>& out) const {
  out.clear();
  std::size_t i = 0;
  while (i < units.size()) {
    if (!units[i].char_start || sentiment_detail::is_blank_unit(units[i].cp) ||
        child(0, units[i].cp) == 0) {
      ++i;
      continue;
    }
    Best best;
    best.start = i;
    walk(units, i, 0, 0, false, best);
    if (best.entry < 0) {
      ++i;
      continue;
    }
    out.push_back({static_cast<std::uint32_t>(best.entry), i, best.end, best.elongated});
    i = best.end;
  }
}

}  // namespace aicc::nlu
