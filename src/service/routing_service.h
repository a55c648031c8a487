// Routing escalations to agents (PRODUCT.md §7) and the agent's side of them: a pass over
// the waiting escalations (highest priority, then longest waiting) offers each to the
// best available agent by routing::score; an offer not accepted within the timeout goes
// back to the queue for the next agent; agents accept or decline offers, write to the
// customer, and wrap up. Correct with several nodes: every change is a store
// compare-and-set (offer_escalation claims rows with SKIP LOCKED on PostgreSQL), never
// an in-memory lock; the memory here (who declined what) only steers the next offer.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "core/clock.h"
#include "core/escalation.h"
#include "core/ids.h"
#include "core/message.h"
#include "core/result.h"
#include "routing/queues.h"
#include "store/store.h"

namespace aicc {

struct RoutingSettings {
  std::chrono::milliseconds interval{250};  // between routing passes
  std::chrono::seconds offer_timeout{30};   // an offer not accepted by then moves on
};

// Reasons of the states routing sets by itself.
inline constexpr std::string_view kAtCapacityReason = "at capacity";
inline constexpr std::string_view kWrapUpReason = "wrap-up";

class RoutingService {
 public:
  RoutingService(Store& store, const routing::LiveQueueSet& queues, const Clock& clock,
                 IdGenerator& ids, RoutingSettings settings = {});
  ~RoutingService();

  // Runs route_once every settings.interval on a thread of its own until stop().
  void start();
  void stop();
  // One pass: expired offers go back to the queue, then each waiting escalation is
  // offered to the best agent with room. Returns how many offers were made.
  Result<int> route_once();

  // How long an agent has to accept an offer (routing.offer_timeout_s).
  std::chrono::seconds offer_timeout() const { return settings_.offer_timeout; }

  // The agent's open escalations (offered, assigned, wrap_up).
  Result<std::vector<Escalation>> inbox(const std::string& agent_id);
  // offered (to this agent) → assigned; the conversation becomes assigned. kConflict
  // (details.reason "not_yours") when the offer has moved on.
  Result<Escalation> accept(const std::string& agent_id, const std::string& escalation_id);
  // offered → queued; this escalation is not offered to this agent again.
  Result<Escalation> decline(const std::string& agent_id, const std::string& escalation_id);
  // An agent's message to the customer of a conversation assigned to them (1–1000
  // characters); idempotent by client_msg_id like the customer's.
  Result<AppendResult> send_message(const std::string& agent_id, const std::string& conversation_id,
                                    const std::string& text,
                                    const std::optional<std::string>& client_msg_id);
  // assigned → wrap_up: the chat with the customer ends (the conversation closes,
  // close_reason "agent") and the agent is in after_call_work until wrap_up() (their
  // capacity stays taken meanwhile).
  Result<Escalation> end_chat(const std::string& agent_id, const std::string& escalation_id);
  // assigned or wrap_up → done with a disposition code (1–64 of [a-z0-9_-]) and notes
  // (≤ 2000 characters); from assigned the conversation closes (close_reason "agent").
  Result<Escalation> wrap_up(const std::string& agent_id, const std::string& escalation_id,
                             const std::string& disposition, const std::string& notes);

  // Hands an assigned escalation on, keeping the conversation, its history, reference and
  // reason: to a queue (`to_queue`, back to queued there, for routing) or straight to an
  // agent (`to_agent`: queued, then offered to them if they have room; otherwise it waits
  // in its queue for routing). Exactly one of the two; kInvalidArgument for an unknown
  // queue or none/both given, kNotFound for an unknown agent.
  Result<Escalation> transfer(const std::string& agent_id, const std::string& escalation_id,
                              const std::string& to_queue, const std::string& to_agent);

  // Told after each durable change (stream events, metrics).
  std::function<void(const Escalation&)> on_change;
  std::function<void(const Message&)> on_message;
  std::function<void(const Conversation&)> on_conversation;
  // The agent's state changed by routing itself (busy at capacity, after_call_work).
  std::function<void(const Agent&)> on_agent_state;
  // An escalation still waiting (queued or offered) past the SLA target of its priority
  // in its queue, told once per node (spec-B: a CRITICAL one goes to supervisors, the
  // others are offered a callback).
  std::function<void(const Escalation&, int sla_seconds)> on_sla_breach;

 private:
  // Tells on_sla_breach about each waiting escalation past its SLA, once.
  void watch_sla(const std::vector<Escalation>& queued, const std::vector<Escalation>& offered,
                 TimePoint now);
  void changed(const Escalation& e) const;
  // The automatic agent states (spec-B §7): available ↔ busy ("at capacity") with the
  // chats in hand, after_call_work ("wrap-up") while one is in wrap-up. States the agent
  // or a supervisor chose (break, meeting, …) are left alone.
  void refresh_agent_state(const std::string& agent_id);
  bool declined(const std::string& escalation_id, const std::string& agent_id);
  void remember_decline(const std::string& escalation_id, const std::string& agent_id);
  Result<Escalation> own(const std::string& agent_id, const std::string& escalation_id);

  Store& store_;
  const routing::LiveQueueSet& queues_;
  const Clock& clock_;
  IdGenerator& ids_;
  RoutingSettings settings_;

  std::mutex sla_mu_;
  std::set<std::string> sla_told_;  // escalations reported past their SLA
  std::mutex declines_mu_;
  std::map<std::string, std::set<std::string>> declines_;  // escalation → agents

  std::mutex run_mu_;
  std::condition_variable run_cv_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace aicc
