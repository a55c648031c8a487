// A bot message read back as the facts an operator asks about: what the bot decided and
// why, what it understood, and where the conversation went (FAQ entry, scenario step,
// escalation). Parsed from the stored Message and its details_json, so tests and
// `aicc chat --explain` see exactly what the API returns to clients.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/message.h"

namespace aicc::convtest {

struct BotReply {
  std::string text;
  std::string decision;
  std::string reason;
  std::vector<std::string> quick_replies;
  // What the NLU made of the customer's message. `intent` is "out_of_scope" when no
  // intent was confident enough; `best_intent` is the model's top guess regardless.
  std::string intent;
  std::string best_intent;
  double confidence = 0;
  std::string sentiment;  // negative | neutral | positive
  bool anger = false;
  bool urgency = false;
  std::string tone;  // apology | thanks | empty
  std::string faq_id;
  double faq_confidence = 0;
  // The FAQ entries the search considered (id, confidence), best first — also when none was
  // confident enough to answer, which is what an author needs to see.
  std::vector<std::pair<std::string, double>> faq_candidates;
  std::string scenario_id;
  std::string step;
  int step_number = 0;
  int steps = 0;
  std::optional<double> percent;
  std::string escalation_reason;
  std::string escalation_priority;
  std::string escalation_description;
};

// Never fails: fields the message does not carry stay empty (a welcome has no intent).
BotReply read_bot_reply(const Message& message);

}  // namespace aicc::convtest
