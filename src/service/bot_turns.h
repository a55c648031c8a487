// Runs the bot's side of a customer-chat turn against the store: the welcome of a new
// conversation, and the reply to a customer message — decided by the BotEngine from the
// conversation's stored dialogue state, then saved together with the new state in one
// transaction (Store::append_message_and_update), so a crash never leaves a reply without
// its state or the reverse.
//
// Concurrency: turns of one conversation are serialised on this node (striped locks), and
// the stored bot_version is an optimistic lock across nodes: a turn computed from a state
// another node changed meanwhile is recomputed. A retried customer message (same
// client_msg_id) gets the reply stored the first time, found by its key
// "aicc:reply:<customer message id>".
//
// A turn in which the FAQ had no confident answer (TurnDecision::faq_miss) is logged as an
// unanswered query through the FaqService, when one is given.
#pragma once

#include <array>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "bot/bot_engine.h"
#include "core/clock.h"
#include "core/ids.h"
#include "core/message.h"
#include "core/result.h"
#include "service/action_sender.h"
#include "service/escalation_service.h"
#include "service/faq_service.h"
#include "store/store.h"

namespace aicc {

struct BotReplyOutcome {
  std::vector<Message> replies;
  bool bot_active = false;
  std::string reason;  // why there is no reply: queued, agent_handling, …
  std::optional<Conversation> conversation_changed;  // state/escalation changed by the turn
};

// A customer message and the bot's answer to it (BotTurns::turn).
struct BotTurnOutcome {
  AppendResult customer;  // the stored customer message (the original on a retry)
  BotReplyOutcome reply;
};

class BotTurns {
 public:
  // `faq` (may be null: misses are not logged) and `actions` (may be null: scenario
  // webhook actions are then logged as not delivered) must outlive this object.
  BotTurns(Store& store, const bot::BotEngine& bot, const Clock& clock, IdGenerator& ids,
           FaqService* faq = nullptr, ActionSender* actions = nullptr);

  // NLU of a customer message before it is stored: fills intent, confidence, entities and
  // sentiment, and masks card and resident registration numbers in its text.
  dialogue::Understanding analyze(Message& message) const;

  // The greeting for a new conversation (stored before it returns).
  Result<Message> welcome(const Conversation& conversation);

  // The reply to `customer_message` (already stored; `created` false on a retry).
  Result<BotReplyOutcome> reply(const Message& customer_message, bool created,
                                const dialogue::Understanding& understanding);

  // A whole turn: stores `customer_message` (already analysed) and the reply to it in one
  // transaction (Store::append_turn: one commit instead of two). Falls back to
  // append_message + reply() when that cannot answer: a retried client_msg_id, a
  // conversation the bot is not handling, or a state another node moved meanwhile.
  Result<BotTurnOutcome> turn(const Message& customer_message,
                              const dialogue::Understanding& understanding);

  // true (the default): turn() stores the message and the reply in one commit; false: in two,
  // one after the other, as append_message + reply() (for comparison in benchmarks).
  void commit_turns_in_one(bool one) { one_commit_ = one; }

  // Where the bot's escalations are recorded (queue, reference …) right after the reply
  // that queued the conversation. Null (the default): the conversation is only queued.
  void record_escalations_with(EscalationService* escalations) { escalations_ = escalations; }

  static std::string reply_key(const Message& customer_message) {
    return "aicc:reply:" + customer_message.id;
  }

 private:
  struct Plan {
    dialogue::TurnDecision decision;
    Message reply;
    ConversationPatch patch;
    nlu::Language language;
  };
  Plan plan(const Conversation& conversation, const Customer& customer_record,
            const Message& customer_message, const dialogue::Understanding& u) const;
  void after_reply(const Message& customer_message, const Conversation& conversation,
                   const Plan& plan, AppendResult appended, BotReplyOutcome& out);
  std::mutex& lock_for(const std::string& conversation_id);
  Status carry_out(const Conversation& conversation, const dialogue::TurnDecision& d);
  void tell_callback(const Conversation& conversation, const std::string& reply_key,
                     const EscalationView& view, BotReplyOutcome& out);
  void record_faq_miss(const Message& customer, nlu::Language language,
                       const dialogue::FaqMiss& miss);

  Store& store_;
  const bot::BotEngine& bot_;
  const Clock& clock_;
  IdGenerator& ids_;
  FaqService* faq_;
  ActionSender* actions_;
  EscalationService* escalations_ = nullptr;
  bool one_commit_ = true;
  std::array<std::mutex, 64> stripes_;
};

}  // namespace aicc
