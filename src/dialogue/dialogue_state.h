// The bot's memory of one conversation between turns, persisted as JSON in
// conversations.bot_state (written together with the bot's reply, under an optimistic
// lock; see Store::append_message_and_update).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace aicc::dialogue {

struct DialogueState {
  int customer_turns = 0;                   // customer messages the bot has answered
  int turns_since_resolution = 0;           // since the last FAQ answer or completed scenario
  int misses_in_row = 0;                    // turns the bot did not understand, in a row
  std::vector<std::string> recent_intents;  // confident intents since the last resolution
  std::vector<bool> recent_anger;           // anger flag of the last few messages
  std::string scenario_state;               // the active scenario's state; empty if none
  std::string scenario_id;                  // the active scenario; empty if none
  // The options the active scenario's current step offered as quick replies: picking one
  // answers the step even when its words sound like another request ("전화 상담").
  std::vector<std::string> scenario_choices;

  bool in_scenario() const { return !scenario_state.empty(); }
};

// Compact JSON with a format version.
std::string to_json(const DialogueState& state);
// "" is the initial state. Anything else must be what to_json wrote: kInvalidArgument
// otherwise (never guessed — the caller starts over and logs it).
Result<DialogueState> dialogue_state_from_json(std::string_view json);

// Appends and keeps the last `keep` items.
template <typename T>
void push_bounded(std::vector<T>& items, T item, std::size_t keep) {
  items.push_back(std::move(item));
  if (items.size() > keep) items.erase(items.begin(), items.end() - static_cast<long>(keep));
}

}  // namespace aicc::dialogue
