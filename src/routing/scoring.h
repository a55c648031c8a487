// Which agent gets an offer (PRODUCT.md §7): a pure score out of 100 — skill match 40,
// spare capacity 30, performance 20, VIP/language fit 10 — with ties going to the agent
// idle the longest. The router (with its store locks) decides who is a candidate; this
// only ranks them, so it is deterministic and unit-tested.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/agent.h"
#include "core/clock.h"

namespace aicc::routing {

// What the escalation asks of an agent.
struct ContactNeeds {
  std::vector<std::string> skills;  // the queue's skills: one of them is enough
  std::string language;             // "ko" | "en" | "" (any)
  bool vip = false;
};

struct AgentCandidate {
  std::string user_id;
  std::vector<AgentSkill> skills;
  std::vector<std::string> languages;
  int capacity = 0;          // chat capacity
  int active = 0;            // conversations assigned or offered now
  double performance = 0.5;  // 0…1 (CSAT-based when measured; 0.5 until then)
  TimePoint idle_since{};    // when the agent last finished or began being available
};

// The performance part of the score, 0…1, from measured data (docs/architecture.md):
// 0.5 until the agent has `min_rated` rated contacts; then 0.75 × CSAT, with CSAT 1…5
// mapped to 0…1, plus 0.25 × speed, where speed compares the queue's average handle time
// with the agent's: clamp(queue / agent, 0.5, 1.5) − 0.5 (as fast as the queue → 0.5,
// half as fast or slower → 0, 1.5 times as fast or faster → 1; 0.5 while either is
// unmeasured).
struct MeasuredPerformance {
  int rated = 0;
  std::optional<double> average_csat;   // 1…5
  std::optional<int> average_handle_s;  // the agent's
  std::optional<int> queue_average_handle_s;
};
inline constexpr int kMinRatedContacts = 5;
double performance(const MeasuredPerformance& m, int min_rated = kMinRatedContacts);

// 0…100. 0 also for an agent without spare capacity (never offered).
double score(const AgentCandidate& agent, const ContactNeeds& needs);

// The index of the best candidate with spare capacity, or nullopt if none has any.
std::optional<std::size_t> pick(const std::vector<AgentCandidate>& agents,
                                const ContactNeeds& needs);

}  // namespace aicc::routing
