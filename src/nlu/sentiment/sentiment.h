// Sentiment of one customer message (Korean and English): a label, a score, and the two flags
// the dialogue policy escalates on — anger (화나, 짜증, 최악, furious …) and urgency (긴급, 당장,
// urgent, asap …).
//
// Method: a weighted lexicon, matched leftmost-longest over Hangul jamo so that one stem
// covers conjugations and particles (짜증 → 짜증나요, 짜증났어; 화나 → 화났어요), with
// negation before (안 좋아요, not good) and after the word (좋지 않아요, 문제 없어요), intensifiers
// and downtoners (너무, 정말, very; 좀, a bit), contrast (하지만, but: the first part counts half),
// negative-polarity words (별로, 그다지: negative alone, neutral inside a negation), emoticons
// (ㅠㅠ, ㅡㅡ, ^^, :) ), letter elongation (goooood, ㅠㅠㅠㅠ) and exclamation marks.
// Details and the lexicon file format: docs/nlu-entities.md.
//
// The lexicon is data: bot/lexicon/sentiment.lex. The same file is compiled into the library
// as the built-in default, so analyze_sentiment() works without any file; an operator can load
// an edited copy with SentimentAnalyzer::from_file. Analyzers are immutable and thread-safe.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace aicc::nlu {

struct Sentiment {
  std::string label = "neutral";  // "negative" | "neutral" | "positive"
  double score = 0.0;             // -1 (very negative) … +1 (very positive)
  bool anger = false;             // strong anger, not negated ("화 안 났어요" is not anger)
  bool urgency = false;           // urgency, not negated ("급하지 않아요" is not urgent)
  // What decided it, in text order: "positive:좋", "negated:좋", "anger:짜증", "urgency:긴급",
  // "intensifier:너무", "negator:안", "contrast:하지만" … (the lexicon's terms).
  std::vector<std::string> cues;
};

// |score| below this is neutral.
inline constexpr double kSentimentNeutralBand = 0.25;

class SentimentAnalyzer {
 public:
  // Parses a lexicon in the bot/lexicon/sentiment.lex format. Errors are kInvalidArgument with
  // details {source, line, text}: unknown kind, bad weight, empty or duplicate term.
  static Result<SentimentAnalyzer> from_text(std::string_view lexicon,
                                             std::string_view source = "<text>");
  // kNotFound if the file cannot be read, else as from_text.
  static Result<SentimentAnalyzer> from_file(const std::string& path);
  // The compiled-in default lexicon (built once, on first use).
  static const SentimentAnalyzer& builtin();

  Sentiment analyze(std::string_view text) const;
  std::size_t term_count() const;

  class Lexicon;  // opaque; defined in lexicon.h

 private:
  explicit SentimentAnalyzer(std::shared_ptr<const Lexicon> lexicon);
  std::shared_ptr<const Lexicon> lexicon_;
};

// SentimentAnalyzer::builtin().analyze(text).
Sentiment analyze_sentiment(std::string_view text);

// {"label":"negative","score":-0.71,"anger":true,"urgency":false,"cues":["anger:짜증"]}
std::string sentiment_to_json(const Sentiment& sentiment);

}  // namespace aicc::nlu
