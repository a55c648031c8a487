#include "routing/scoring.h"

#include <algorithm>

namespace aicc::routing {

namespace {

// The best level (1…5) among the agent's skills that the contact needs, as 0…1. A queue
// without skills is served by anybody at full marks.
double skill_fit(const AgentCandidate& a, const ContactNeeds& needs) {
  if (needs.skills.empty()) return 1.0;
  int best = 0;
  for (const auto& s : a.skills)
    if (std::find(needs.skills.begin(), needs.skills.end(), s.name) != needs.skills.end())
      best = std::max(best, s.level);
  return best / 5.0;
}

double fit_bonus(const AgentCandidate& a, const ContactNeeds& needs) {
  const bool speaks = needs.language.empty() || std::find(a.languages.begin(), a.languages.end(),
                                                          needs.language) != a.languages.end();
  if (!speaks) return 0.0;
  // A VIP gets the most from an expert: the language point counts fully only when the
  // agent also has a level 4+ matching skill.
  if (needs.vip) return skill_fit(a, needs) >= 0.8 ? 1.0 : 0.5;
  return 1.0;
}

}  // namespace

double score(const AgentCandidate& a, const ContactNeeds& needs) {
  if (a.capacity <= 0 || a.active >= a.capacity) return 0.0;
  const double spare = static_cast<double>(a.capacity - a.active) / a.capacity;
  const double perf = std::clamp(a.performance, 0.0, 1.0);
  return 40.0 * skill_fit(a, needs) + 30.0 * spare + 20.0 * perf + 10.0 * fit_bonus(a, needs);
}

std::optional<std::size_t> pick(const std::vector<AgentCandidate>& agents,
                                const ContactNeeds& needs) {
  std::optional<std::size_t> best;
  double best_score = 0.0;
  for (std::size_t i = 0; i < agents.size(); ++i) {
    const auto& a = agents[i];
    if (a.capacity <= 0 || a.active >= a.capacity) continue;
    const double s = score(a, needs);
    if (!best || s > best_score || (s == best_score && a.idle_since < agents[*best].idle_since)) {
      best = i;
      best_score = s;
    }
  }
  return best;
}

double performance(const MeasuredPerformance& m, int min_rated) {
  if (m.rated < min_rated || !m.average_csat) return 0.5;
  const double csat = std::clamp((*m.average_csat - 1.0) / 4.0, 0.0, 1.0);
  double speed = 0.5;
  if (m.average_handle_s && m.queue_average_handle_s && *m.average_handle_s > 0 &&
      *m.queue_average_handle_s > 0)
    speed =
        std::clamp(static_cast<double>(*m.queue_average_handle_s) / *m.average_handle_s, 0.5, 1.5) -
        0.5;
  return 0.75 * csat + 0.25 * speed;
}

}  // namespace aicc::routing
