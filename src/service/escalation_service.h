// The customer's side of a hand-over to people (PRODUCT.md §7): escalate (from the API
// or after the bot decided to), see where one stands (queue, position, honest wait,
// agents available), cancel while nobody works on it, or ask to be called back.
// Priorities come from the dialogue rules, queues, hours and texts from the queue
// configuration in force (routing::LiveQueueSet: bot/queues.json as admins edited it);
// every change is one store transaction with the conversation's life-cycle move.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "core/clock.h"
#include "core/escalation.h"
#include "core/ids.h"
#include "core/result.h"
#include "routing/queues.h"
#include "store/store.h"

namespace aicc {

// The agent may take the queue's contacts: the queue is among theirs (or they list none)
// and they have one of its skills (or it needs none).
bool agent_serves_queue(const Agent& agent, const routing::QueueDef& queue);

struct EscalationView {
  Escalation escalation;
  std::string queue_name;  // in the escalation's language
  QueueStanding standing;
  int available_agents = 0;       // available now, serving the queue, with a needed skill
  int estimated_wait_s = 0;       // 0 when not waiting
  int average_handle_s = 0;       // what the estimate used
  bool callback_offered = false;  // outside hours or a full queue
  std::string message;            // for the customer, in the escalation's language
  bool created = false;           // escalate: false when an open one already existed
};

struct EscalationSettings {
  // Average handle time assumed until some escalation has been handled (PRODUCT.md §7).
  int default_handle_s = 180;
  // More messages than this: at least medium priority (dialogue policy's setting).
  int long_conversation_messages = 10;
};

class EscalationService {
 public:
  EscalationService(Store& store, const routing::LiveQueueSet& queues, const Clock& clock,
                    IdGenerator& ids, EscalationSettings settings = {});

  // A customer asks for people. `reason`: one of the 8 (kInvalidArgument otherwise);
  // `note`: at most 500 characters. The conversation must be with the bot or already
  // queued (kConflict otherwise); an open escalation is returned as it is (created=false).
  Result<EscalationView> escalate(const std::string& conversation_id, const std::string& reason,
                                  const std::string& note);
  // The record of an escalation the bot decided (the conversation is already queued,
  // with reason and priority, by the bot's reply transaction). Idempotent.
  Result<EscalationView> record_bot_escalation(const Conversation& conversation);
  // The newest escalation of the conversation (kNotFound if none).
  Result<EscalationView> status(const std::string& conversation_id);
  // kConflict (details.reason "agent_working") once an agent has it, or when it is over.
  Result<EscalationView> cancel(const std::string& conversation_id);
  // Records the number (kInvalidArgument, details.field "phone", if it is not one) and
  // takes the customer out of the queue; the conversation goes back to the bot.
  Result<EscalationView> request_callback(const std::string& conversation_id,
                                          const std::string& phone);

  // The customer's satisfaction (1…5, kInvalidArgument otherwise) with the agent's help,
  // once the agent has wrapped up (kConflict before, and when already rated).
  Result<EscalationView> rate(const std::string& conversation_id, int score);

  // Told about every change, after it is durable (stream events, metrics).
  std::function<void(const Escalation&)> on_change;

  // The queues, hours and SLA targets in force now, which it escalates into.
  std::shared_ptr<const routing::QueueSet> queues() const { return queues_.current(); }

 private:
  Result<EscalationView> create(const Conversation& conversation, const std::string& reason,
                                const std::string& priority, const std::string& note);
  Result<Escalation> open_or_latest(const std::string& conversation_id);
  Result<EscalationView> view(Escalation e, bool created, const routing::QueueSet& queues);
  void changed(const Escalation& e) const;

  Store& store_;
  const routing::LiveQueueSet& queues_;
  const Clock& clock_;
  IdGenerator& ids_;
  EscalationSettings settings_;
};

}  // namespace aicc
