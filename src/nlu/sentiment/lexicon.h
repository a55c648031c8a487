// Internal: the parsed sentiment lexicon and its matcher.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "nlu/sentiment/sentiment.h"
#include "nlu/sentiment/units.h"

namespace aicc::nlu {
namespace sentiment_detail {

enum class CueKind {
  kSentiment,         // "sent": signed valence
  kAnger,             // "anger": valence, and sets the anger flag
  kUrgency,           // "urgency": valence, and sets the urgency flag
  kNeutral,           // "neutral": matches and is ignored; blocks shorter terms inside it
  kNegator,           // "negator": flips the next cue (안, 못, not); weight: valence if alone
  kPostNegator,       // "postneg": flips the previous cue (지 않, 없, 아니)
  kIntensifier,       // "intens": multiplies the next cue (너무 1.5, 좀 0.7)
  kNegativePolarity,  // "npi": valence only when its clause has no other cue (별로, 그다지)
  kContrast,          // "contrast": what came before counts `weight` times (하지만, but)
};

struct Entry {
  CueKind kind = CueKind::kNeutral;
  double weight = 0;
  std::string term;         // as written in the lexicon, without ^ and *
  bool word_start = false;  // '^' or a leading ASCII letter: must not continue a word
  bool word_end = false;    // a trailing ASCII letter without '*': must end a word
};

struct CueMatch {
  std::uint32_t entry = 0;
  std::size_t begin = 0, end = 0;  // unit indexes [begin, end)
  bool elongated = false;          // letters were repeated inside the match (soooo, ㅠㅠㅠ)
};

}  // namespace sentiment_detail

class SentimentAnalyzer::Lexicon {
 public:
  static Result<std::shared_ptr<const Lexicon>> parse(std::string_view text,
                                                      std::string_view source);

  // Leftmost-longest matches of lexicon terms in `units`, in text order. A space inside a term
  // matches any run of blanks, including none ("화가 나" ≈ "화가나"); a letter repeated in the
  // text where the term has it once is absorbed ("sooo" ≈ "so"); a term ending on an open
  // syllable may absorb the final consonant the text adds (나 ≈ 났).
  void match(const std::vector<sentiment_detail::Unit>& units,
             std::vector<sentiment_detail::CueMatch>& out) const;

  const sentiment_detail::Entry& entry(std::uint32_t i) const { return entries_[i]; }
  std::size_t size() const { return entries_.size(); }

 private:
  struct Node {
    std::vector<std::pair<std::uint32_t, std::uint32_t>> next;  // sorted by unit
    std::int32_t entry = -1;
  };
  struct Best;

  std::uint32_t child(std::uint32_t node, std::uint32_t cp) const;  // 0 = none
  bool insert(const std::vector<sentiment_detail::Unit>& units, std::uint32_t entry);
  void walk(const std::vector<sentiment_detail::Unit>& units, std::size_t i, std::uint32_t node,
            std::uint32_t prev, bool elongated, Best& best) const;
  void accept(const std::vector<sentiment_detail::Unit>& units, std::size_t end, std::uint32_t node,
              bool elongated, Best& best) const;

  std::vector<Node> nodes_{1};  // nodes_[0] is the root
  std::vector<sentiment_detail::Entry> entries_;
};

}  // namespace aicc::nlu
