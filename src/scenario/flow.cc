#include "scenario/flow.h"

#include <algorithm>
#include <set>

namespace aicc::scenario {

std::vector<std::string> step_targets(const Scenario& scenario, const Step& step) {
  std::vector<std::string> out;
  const auto add = [&](const std::string& t) {
    if (!t.empty() && std::find(out.begin(), out.end(), t) == out.end()) out.push_back(t);
  };
  for (const auto& branch : step.branches) add(branch.next);
  add(default_next(scenario, step));
  return out;
}

namespace {

struct LongestPath {
  const Scenario& scenario;
  std::map<std::string, int, std::less<>> memo;
  std::set<std::string, std::less<>> on_path;

  int visit(const Step& step) {
    if (auto it = memo.find(step.id); it != memo.end()) return it->second;
    on_path.insert(step.id);
    int best = 0;
    for (const auto& t : step_targets(scenario, step)) {
      const Step* next = scenario.find_step(t);
      if (!next || on_path.count(t)) continue;  // an end, an unknown id, or a back edge
      best = std::max(best, visit(*next));
    }
    on_path.erase(step.id);
    memo[step.id] = best + 1;
    return best + 1;
  }
};

}  // namespace

std::map<std::string, int, std::less<>> steps_to_end(const Scenario& scenario) {
  LongestPath walk{scenario, {}, {}};
  if (!scenario.steps.empty()) walk.visit(scenario.steps.front());
  return std::move(walk.memo);
}

}  // namespace aicc::scenario
