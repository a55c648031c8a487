// The short extractive summary an agent reads on accepting a hand-over (PRODUCT.md §7):
// the two or three most informative sentences the customer wrote, in the order they were
// written. No language model: sentences are scored on what they carry — content words,
// the entities the NLU found in their turn, negative sentiment, a question — and
// greetings, goodbyes and "connect me to an agent" count for little.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace aicc {

// One customer turn as the bot understood it (messages.intent, sentiment, entities).
struct SummaryTurn {
  std::int64_t seq = 0;
  std::string text;
  std::string intent;
  std::string sentiment;  // negative | neutral | positive | ""
  int entity_count = 0;
};

struct SummarySentence {
  std::int64_t seq = 0;  // the turn it comes from
  std::string text;
  double score = 0;
};

// At most `max_sentences` sentences (those with no content word never), by turn order.
std::vector<SummarySentence> summarize_customer_turns(const std::vector<SummaryTurn>& turns,
                                                      std::size_t max_sentences = 3);

// The sentences of one text: split after . ? ! 。 and at line breaks, trimmed, empty
// ones dropped.
std::vector<std::string> split_sentences(const std::string& text);

}  // namespace aicc
