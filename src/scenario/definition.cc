#include "scenario/definition.h"

#include <algorithm>
#include <array>

namespace aicc::scenario {

namespace {

constexpr std::array<std::pair<InputType, std::string_view>, 8> kTypeNames{{
    {InputType::kText, "text"},
    {InputType::kChoice, "choice"},
    {InputType::kNumber, "number"},
    {InputType::kDate, "date"},
    {InputType::kPhone, "phone"},
    {InputType::kEmail, "email"},
    {InputType::kOrderNumber, "order_number"},
    {InputType::kYesNo, "yes_no"},
}};

constexpr std::array<std::string_view, 8> kEscalationReasons{
    "complex_inquiry", "complaint",      "technical_support", "payment_issue",
    "urgent_matter",   "bot_limitation", "customer_request",  "system_error"};

}  // namespace

std::string_view to_string(InputType type) {
  for (const auto& [t, name] : kTypeNames) {
    if (t == type) return name;
  }
  return "text";
}

std::optional<InputType> parse_input_type(std::string_view text) {
  for (const auto& [t, name] : kTypeNames) {
    if (name == text) return t;
  }
  return std::nullopt;
}

bool is_reserved_target(std::string_view id) {
  return id == target::kComplete || id == target::kEscalate || id == target::kCancel;
}

bool is_escalation_reason(std::string_view reason) {
  return std::find(kEscalationReasons.begin(), kEscalationReasons.end(), reason) !=
         kEscalationReasons.end();
}

const Step* Scenario::find_step(std::string_view step_id) const {
  for (const auto& step : steps) {
    if (step.id == step_id) return &step;
  }
  return nullptr;
}

const Step* Scenario::following_step(std::string_view step_id) const {
  for (std::size_t i = 0; i + 1 < steps.size(); ++i) {
    if (steps[i].id == step_id) return &steps[i + 1];
  }
  return nullptr;
}

const Step* Scenario::step_for_slot(std::string_view slot) const {
  for (const auto& step : steps) {
    if (step.slot == slot) return &step;
  }
  return nullptr;
}

std::string default_next(const Scenario& scenario, const Step& step) {
  if (!step.next.empty()) return step.next;
  if (const Step* following = scenario.following_step(step.id)) return following->id;
  return std::string(target::kComplete);
}

}  // namespace aicc::scenario
