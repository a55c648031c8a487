// ScenarioEngine: the reply side of a turn — texts with slots filled in, quick replies and
// progress.
#include "scenario/engine.h"
#include "scenario/template.h"

namespace aicc::scenario {

namespace {

std::vector<QuickReply> quick_replies(const Step& step, Language language) {
  std::vector<QuickReply> out;
  if (step.type == InputType::kChoice) {
    for (const auto& o : step.options) {
      const std::string& label = o.label.in(language);
      out.push_back({label, label});
    }
  } else if (step.type == InputType::kYesNo) {
    const bool en = language == Language::kEnglish;
    std::string yes = en ? "Yes" : "예";
    std::string no = en ? "No" : "아니요";
    for (const auto& o : step.options) {
      if (o.label.empty()) continue;
      (o.value == "yes" ? yes : no) = o.label.in(language);
    }
    out.push_back({yes, yes});
    out.push_back({no, no});
  }
  return out;
}

// How a stored value reads in a sentence: an option's label rather than its value.
std::string display_value(const Scenario& scenario, std::string_view slot, const std::string& value,
                          Language language) {
  const Step* step = scenario.step_for_slot(slot);
  if (!step) return value;
  if (step->type == InputType::kChoice || step->type == InputType::kYesNo) {
    for (const auto& o : step->options) {
      if (o.value == value && !o.label.empty()) return o.label.in(language);
    }
    if (step->type == InputType::kYesNo) {
      const bool en = language == Language::kEnglish;
      return value == "yes" ? (en ? "yes" : "예") : (en ? "no" : "아니요");
    }
  }
  return value;
}

}  // namespace

std::string ScenarioEngine::render(const Scenario& scenario, const LocalizedText& text,
                                   const ScenarioState& state, Language language) const {
  return render_template(text.in(language),
                         [&](std::string_view name) -> std::optional<std::string> {
                           const auto it = state.slots.find(std::string(name));
                           if (it == state.slots.end()) return std::nullopt;
                           return display_value(scenario, name, it->second, language);
                         });
}

Progress ScenarioEngine::progress(const Scenario& scenario, const ScenarioState& state) const {
  const auto index = static_cast<std::size_t>(&scenario - scenarios_.data());
  const auto& remaining = steps_to_end_[index];
  Progress p;
  const int answered = static_cast<int>(state.path.size());
  if (state.status == RunStatus::kCompleted) {
    p.step = answered;
    p.total = answered;
    p.percent = 100;
    return p;
  }
  const auto it = remaining.find(state.step_id);
  p.step = answered + 1;
  p.total = answered + (it == remaining.end() ? 1 : it->second);
  p.percent = p.total > 0 ? answered * 100 / p.total : 0;
  return p;
}

Turn ScenarioEngine::prompt_turn(TurnKind kind, const Scenario& scenario, const Step& step,
                                 ScenarioState state, Language language) const {
  Turn turn;
  turn.kind = kind;
  turn.text = render(scenario, step.prompt, state, language);
  turn.step_id = step.id;
  turn.progress = progress(scenario, state);
  turn.quick_replies = quick_replies(step, language);
  turn.slots = state.slots;
  turn.state = std::move(state);
  return turn;
}

Turn ScenarioEngine::end_turn(TurnKind kind, const Scenario& scenario, ScenarioState state,
                              Language language) const {
  Turn turn;
  turn.kind = kind;
  const LocalizedText& text = kind == TurnKind::kCompleted   ? scenario.completion_message
                              : kind == TurnKind::kEscalated ? scenario.escalation_message
                                                             : scenario.cancel_message;
  turn.text = render(scenario, text, state, language);
  turn.step_id = state.step_id;
  turn.progress = progress(scenario, state);
  turn.slots = state.slots;
  if (kind == TurnKind::kCompleted && scenario.completion_action) {
    turn.action = ActionRequest{*scenario.completion_action, state.slots};
  }
  turn.state = std::move(state);
  return turn;
}

}  // namespace aicc::scenario
