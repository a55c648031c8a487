// Scoring: turns the lexicon matches of a message into a Sentiment.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <utility>

#include "nlu/sentiment/default_lexicon.h"
#include "nlu/sentiment/lexicon.h"

namespace aicc::nlu {
namespace {

using namespace sentiment_detail;

// Negation: "not good" is about as bad as "bad" is bad; "not bad" is only mildly good.
constexpr double kNegatedPositive = -0.9;
constexpr double kNegatedNegative = -0.5;
// Reach, in syllables (four Latin letters count as one syllable), from a negator or an
// intensifier to the word it modifies, and back from a post-negator (좋 지 않 / 문제 가 없).
// A negator reaches only the next word: 안 negates the verb right after it ("짜증 안 났어요
// 괜찮아요" does not negate 괜찮), not ("not a good", "not the best") skips an article.
constexpr double kPreNegationReach = 1.0;
constexpr double kIntensifierReach = 3.0;
constexpr double kPostNegationReach = 4.0;
constexpr double kBackwardNegationReach = 1.0;  // "짜증 안 나요": noun, 안, verb
constexpr double kMaxIntensity = 3.0;
constexpr double kQuestionPositive = 0.4;  // "좋은 상품 있나요?" asks, it does not praise
constexpr double kExclamationStep = 0.2;   // per '!', up to three
constexpr double kElongation = 1.2;        // "goooood", "ㅠㅠㅠㅠ"
constexpr double kSquash = 4.0;            // score = s / sqrt(s² + kSquash)

struct Item {
  std::size_t begin = 0, end = 0;  // units
  int clause = 0;                  // counting contrasts
  int sentence = 0;                // counting punctuation only
  double value = 0;
  bool anger = false, urgency = false, negated = false;
  std::string term;
};

void negate(Item& it) {
  it.value *= it.value > 0 ? kNegatedPositive : kNegatedNegative;
  it.negated = true;
  it.anger = false;
  it.urgency = false;
}

double round3(double v) {
  return std::round(v * 1000.0) / 1000.0 + 0.0;  // + 0.0: no "-0"
}

}  // namespace

SentimentAnalyzer::SentimentAnalyzer(std::shared_ptr<const Lexicon> lexicon)
    : lexicon_(std::move(lexicon)) {}

Result<SentimentAnalyzer> SentimentAnalyzer::from_text(std::string_view lexicon,
                                                       std::string_view source) {
  auto parsed = Lexicon::parse(lexicon, source);
  if (!parsed) return tl::unexpected(parsed.error());
  return SentimentAnalyzer(std::move(*parsed));
}

Result<SentimentAnalyzer> SentimentAnalyzer::from_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return make_error(ErrorCode::kNotFound, "cannot read sentiment lexicon", {{"path", path}});
  }
  std::ostringstream text;
  text << in.rdbuf();
  return from_text(text.str(), path);
}

const SentimentAnalyzer& SentimentAnalyzer::builtin() {
  static const SentimentAnalyzer analyzer = [] {
    auto parsed = from_text(sentiment_detail::kDefaultLexicon, "bot/lexicon/sentiment.lex");
    if (!parsed) {  // compiled-in data is checked by the unit tests; this is a build defect
      std::fprintf(stderr, "aicc: built-in sentiment lexicon is invalid: %s (line %s)\n",
                   parsed.error().message.c_str(), parsed.error().details["line"].c_str());
      std::abort();
    }
    return std::move(*parsed);
  }();
  return analyzer;
}

std::size_t SentimentAnalyzer::term_count() const {
  return lexicon_->size();
}

Sentiment SentimentAnalyzer::analyze(std::string_view text) const {
  std::vector<Unit> units;
  to_units(text, units);
  std::vector<CueMatch> matches;
  lexicon_->match(units, matches);

  // Distances (in syllables) and sentence numbers by unit, and which sentences are questions.
  std::vector<double> dist(units.size() + 1, 0.0);
  std::vector<int> sentence(units.size() + 1, 0);
  std::vector<bool> question(1, false);
  int exclamations = 0;
  for (std::size_t i = 0; i < units.size(); ++i) {
    const std::uint32_t cp = units[i].cp;
    double w = 0;
    if (units[i].char_start && !is_blank_unit(cp)) w = is_ascii_alnum(cp) ? 0.25 : 1.0;
    dist[i + 1] = dist[i] + w;
    sentence[i + 1] = sentence[i];
    if (is_clause_break(cp)) {
      if (cp == '?') question.back() = true;
      if (cp == '!') ++exclamations;
      // A run of marks ("?!", "...") closes one sentence.
      if (i + 1 < units.size() && !is_clause_break(units[i + 1].cp)) {
        ++sentence[i + 1];
        question.push_back(false);
      }
    }
  }
  auto gap = [&](std::size_t from, std::size_t to) { return dist[to] - dist[from]; };

  Sentiment out;
  std::vector<std::pair<std::size_t, std::string>> cues;  // (unit, cue) to sort by position
  std::vector<Item> items;
  struct Pending {
    bool active = false;
    std::size_t begin = 0, end = 0;
    int clause = 0;
    double weight = 0;
    std::string term;
  };
  Pending neg, intens;
  std::vector<Pending> npis;
  std::vector<int> negated_clauses;
  int contrasts = 0;

  auto resolve_negator = [&] {  // a negator that found nothing to negate ahead of it
    if (!neg.active) return;
    neg.active = false;
    if (!items.empty()) {
      Item& last = items.back();
      if (!last.negated && last.clause == neg.clause &&
          gap(last.end, neg.begin) <= kBackwardNegationReach) {
        negate(last);
        return;
      }
    }
    if (neg.weight != 0) {
      Item it;
      it.begin = neg.begin;
      it.end = neg.end;
      it.clause = neg.clause;
      it.sentence = sentence[neg.begin];
      it.value = neg.weight;
      it.term = neg.term;
      items.push_back(std::move(it));
    }
  };

  for (const CueMatch& m : matches) {
    const Entry& e = lexicon_->entry(m.entry);
    const int clause = sentence[m.begin] + contrasts;
    if (neg.active && (neg.clause != clause || gap(neg.end, m.begin) > kPreNegationReach))
      resolve_negator();
    if (intens.active && (intens.clause != clause || gap(intens.end, m.begin) > kIntensifierReach))
      intens.active = false;

    switch (e.kind) {
      case CueKind::kNeutral:
        break;
      case CueKind::kIntensifier:
        if (intens.active) {
          intens.weight = std::min(intens.weight * e.weight, kMaxIntensity);
        } else {
          intens = {true, m.begin, m.end, clause, e.weight, e.term};
        }
        intens.end = m.end;
        if (neg.active) neg.end = m.end;  // "not very good": the negator reaches past "very"
        cues.emplace_back(m.begin, "intensifier:" + e.term);
        break;
      case CueKind::kNegator:
        resolve_negator();
        neg = {true, m.begin, m.end, clause, e.weight, e.term};
        if (intens.active) intens.end = m.end;  // "너무 안 좋아요"
        negated_clauses.push_back(clause);
        break;
      case CueKind::kPostNegator: {
        negated_clauses.push_back(clause);
        for (auto it = items.rbegin(); it != items.rend(); ++it) {
          if (it->clause != clause || gap(it->end, m.begin) > kPostNegationReach) break;
          if (!it->negated) {
            negate(*it);
            break;
          }
        }
        break;
      }
      case CueKind::kNegativePolarity:
        npis.push_back({true, m.begin, m.end, clause, e.weight, e.term});
        break;
      case CueKind::kContrast:
        resolve_negator();
        intens.active = false;
        for (Item& it : items) it.value *= e.weight;
        ++contrasts;
        cues.emplace_back(m.begin, "contrast:" + e.term);
        break;
      case CueKind::kSentiment:
      case CueKind::kAnger:
      case CueKind::kUrgency: {
        Item it;
        it.begin = m.begin;
        it.end = m.end;
        it.clause = clause;
        it.sentence = sentence[m.begin];
        it.value = e.weight * (m.elongated ? kElongation : 1.0);
        it.anger = e.kind == CueKind::kAnger;
        it.urgency = e.kind == CueKind::kUrgency;
        it.term = e.term;
        if (intens.active) {
          it.value *= intens.weight;
          intens.active = false;
        }
        if (neg.active) {
          negate(it);
          neg.active = false;
        }
        items.push_back(std::move(it));
        break;
      }
    }
  }
  resolve_negator();

  // 별로, 그다지: negative on their own ("별로예요"), part of a negation otherwise.
  for (const Pending& n : npis) {
    const bool other = std::any_of(items.begin(), items.end(),
                                   [&](const Item& it) { return it.clause == n.clause; }) ||
                       std::find(negated_clauses.begin(), negated_clauses.end(), n.clause) !=
                           negated_clauses.end();
    if (other) continue;
    Item it;
    it.begin = n.begin;
    it.end = n.end;
    it.clause = n.clause;
    it.sentence = sentence[n.begin];
    it.value = n.weight;
    it.term = n.term;
    items.push_back(std::move(it));
  }

  double sum = 0;
  for (Item& it : items) {
    if (it.value > 0 && question[static_cast<std::size_t>(it.sentence)])
      it.value *= kQuestionPositive;
    sum += it.value;
    out.anger = out.anger || it.anger;
    out.urgency = out.urgency || it.urgency;
    std::string kind = it.negated      ? "negated:"
                       : it.anger      ? "anger:"
                       : it.urgency    ? "urgency:"
                       : it.value >= 0 ? "positive:"
                                       : "negative:";
    cues.emplace_back(it.begin, kind + it.term);
  }
  if (sum != 0) sum += (sum > 0 ? 1 : -1) * kExclamationStep * std::min(exclamations, 3);
  out.score = round3(sum / std::sqrt(sum * sum + kSquash));
  out.label = out.score >= kSentimentNeutralBand    ? "positive"
              : out.score <= -kSentimentNeutralBand ? "negative"
                                                    : "neutral";
  // Anger that the message itself resolves ("짜증났는데 해결돼서 좋아요") is not current anger.
  out.anger = out.anger && out.score < 0;

  std::stable_sort(cues.begin(), cues.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  out.cues.reserve(cues.size());
  for (auto& [pos, cue] : cues) out.cues.push_back(std::move(cue));
  return out;
}

Sentiment analyze_sentiment(std::string_view text) {
  return SentimentAnalyzer::builtin().analyze(text);
}

namespace {

void append_json_string(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.push_back('"');
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (ch == '"' || ch == '\\') {
      out.push_back('\\');
      out.push_back(ch);
    } else if (c < 0x20) {
      out += "\\u00";
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0xF]);
    } else {
      out.push_back(ch);
    }
  }
  out.push_back('"');
}

}  // namespace

std::string sentiment_to_json(const Sentiment& s) {
  std::string out = "{\"label\":";
  append_json_string(out, s.label);
  char score[32];
  std::snprintf(score, sizeof score, "%.3f", s.score);
  out += ",\"score\":";
  out += score;
  out += ",\"anger\":";
  out += s.anger ? "true" : "false";
  out += ",\"urgency\":";
  out += s.urgency ? "true" : "false";
  out += ",\"cues\":[";
  for (std::size_t i = 0; i < s.cues.size(); ++i) {
    if (i > 0) out.push_back(',');
    append_json_string(out, s.cues[i]);
  }
  out += "]}";
  return out;
}

}  // namespace aicc::nlu
