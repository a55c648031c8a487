#include "dialogue/policy.h"

#include <algorithm>
#include <cstdio>

#include <boost/json.hpp>

#include "dialogue/escalation.h"

namespace aicc::dialogue {
namespace json = boost::json;

namespace {

std::string percent_text(double v) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}

std::string lower_ascii(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

json::array to_array(const std::vector<std::string>& items) {
  json::array out;
  for (const auto& i : items) out.emplace_back(i);
  return out;
}

}  // namespace

// The customer got what they came for: the counters that measure failure start again. (The
// same intent three times in a row means the bot keeps failing at it — not three answered
// questions that happen to share an intent.)
static void resolved(DialogueState& s) {
  s.turns_since_resolution = 0;
  s.misses_in_row = 0;
  s.recent_intents.clear();
}

struct DialoguePolicy::Turn {
  const TurnInput& in;
  nlu::Language lang;
  TurnDecision out;
  json::object evidence;  // goes into details_json

  bool confident() const { return !in.nlu.intent.out_of_scope && !in.nlu.intent.intent.empty(); }
  const std::string& intent() const { return in.nlu.intent.intent; }
};

DialoguePolicy::DialoguePolicy(PolicyConfig config, Responses responses, const FaqPort& faq,
                               const ScenarioPort& scenarios)
    : config_(std::move(config)),
      responses_(std::move(responses)),
      faq_(&faq),
      scenarios_(&scenarios) {}

Result<DialoguePolicy> DialoguePolicy::create(PolicyConfig config, Responses responses,
                                              const FaqPort& faq, const ScenarioPort& scenarios) {
  for (const auto& [intent, action] : config.intent_actions) {
    if (action.kind == IntentAction::Kind::kScenario && !scenarios.has_scenario(action.scenario))
      return make_error(ErrorCode::kInvalidArgument, "policy.json: intent_actions." + intent +
                                                         " starts scenario \"" + action.scenario +
                                                         "\", which the bot does not have");
    if (!action.reply.empty() && !responses.texts.count(action.reply))
      return make_error(ErrorCode::kInvalidArgument,
                        "policy.json: intent_actions." + intent + " replies with \"" +
                            action.reply + "\", which responses.json does not define");
  }
  return DialoguePolicy(std::move(config), std::move(responses), faq, scenarios);
}

TurnDecision DialoguePolicy::welcome(nlu::Language language) const {
  TurnDecision d;
  d.decision = decision::kWelcome;
  d.reason = "conversation opened";
  d.text = responses_.text("welcome", language);
  d.quick_replies = responses_.list("welcome_chips", language);
  json::object details;
  details["quick_replies"] = to_array(d.quick_replies);
  d.details_json = json::serialize(details);
  return d;
}

TurnDecision DialoguePolicy::decide(const TurnInput& in) const {
  Turn t{in, in.language, {}, {}};
  t.out.next = in.state;
  DialogueState& next = t.out.next;
  ++next.customer_turns;
  ++next.turns_since_resolution;
  const std::size_t anger_keep =
      static_cast<std::size_t>(std::max(1, config_.escalation.anger_window));
  push_bounded(next.recent_anger, in.nlu.sentiment.anger, anger_keep);

  // 1. An explicit request for a person wins everywhere, scenarios included — unless the
  //    message is one of the options the current step offered (the reservation's "전화 상담"
  //    chip answers the step; it is not a request for an agent).
  const auto agent = config_.intent_actions.find("agent_request");
  const std::string lowered = lower_ascii(in.text);
  const bool picks_choice =
      next.in_scenario() &&
      std::any_of(next.scenario_choices.begin(), next.scenario_choices.end(),
                  [&](const std::string& c) { return lower_ascii(c) == lowered; });
  if (t.confident() && t.intent() == "agent_request" && agent != config_.intent_actions.end() &&
      agent->second.kind == IntentAction::Kind::kEscalate && !picks_choice) {
    escalate(t, agent->second.reason, "the customer asked for an agent");
    finish(t);
    return t.out;
  }
  // 2. An active scenario takes the message as its answer.
  if (next.in_scenario() && scenario_turn(t)) {
    finish(t);
    return t.out;
  }
  if (t.confident()) {
    const std::size_t keep =
        static_cast<std::size_t>(std::max(1, config_.escalation.repeat_intent));
    push_bounded(next.recent_intents, t.intent(), keep);
  }
  // 3–6.
  if (!trigger_escalation(t) && !intent_action(t) && !faq_answer(t, true)) clarify(t);
  finish(t);
  return t.out;
}

bool DialoguePolicy::scenario_turn(Turn& t) const {
  DialogueState& next = t.out.next;
  // Anger and urgency read the message itself, so they apply mid-scenario too.
  if (t.in.nlu.sentiment.anger) {
    escalate(t, "complaint", "anger during scenario " + next.scenario_id);
    return true;
  }
  if (t.in.nlu.sentiment.urgency) {
    escalate(t, "urgent_matter", "urgency during scenario " + next.scenario_id);
    return true;
  }
  auto step = scenarios_->answer(next.scenario_state, t.in.text, t.lang, t.in.now);
  if (!step) {
    // The bot's scenarios changed under a running conversation: start over, and say so.
    t.evidence["scenario_dropped"] = step.error().message;
    next.scenario_state.clear();
    next.scenario_id.clear();
    next.scenario_choices.clear();
    return false;
  }
  switch (step->outcome) {
    case ScenarioStep::Outcome::kPrompt:
      apply_scenario_step(t, *step, decision::kScenarioStep);
      t.out.reason = "answer accepted by scenario " + step->scenario_id;
      break;
    case ScenarioStep::Outcome::kRetry:
      apply_scenario_step(t, *step, decision::kScenarioRetry);
      t.out.reason = "answer refused by the validation of step " + step->step_id;
      break;
    case ScenarioStep::Outcome::kCompleted:
      apply_scenario_step(t, *step, decision::kScenarioComplete);
      t.out.reason = "scenario " + step->scenario_id + " completed";
      t.out.action_json = step->action_json;
      resolved(next);
      break;
    case ScenarioStep::Outcome::kCancelled:
      apply_scenario_step(t, *step, decision::kScenarioCancel);
      t.out.reason = "the customer cancelled scenario " + step->scenario_id;
      break;
    case ScenarioStep::Outcome::kEscalate: {
      apply_scenario_step(t, *step, decision::kEscalate);
      const std::string reason =
          step->escalation_reason.empty() ? "bot_limitation" : step->escalation_reason;
      escalate(t, reason, "scenario " + step->scenario_id + " escalated at step " + step->step_id);
      if (!step->text.empty()) t.out.text = step->text + "\n" + t.out.text;
      break;
    }
  }
  next.misses_in_row = 0;
  return true;
}

void DialoguePolicy::apply_scenario_step(Turn& t, const ScenarioStep& step,
                                         std::string_view decision_name) const {
  t.out.decision = std::string(decision_name);
  t.out.text = step.text;
  t.out.quick_replies = step.quick_replies;
  t.out.scenario_id = step.scenario_id;
  t.out.slots_json = step.slots_json;
  DialogueState& next = t.out.next;
  next.scenario_state = step.state_json;
  next.scenario_id = step.state_json.empty() ? std::string() : step.scenario_id;
  next.scenario_choices = step.state_json.empty() ? std::vector<std::string>() : step.quick_replies;
  json::object s;
  s["id"] = step.scenario_id;
  s["step"] = step.step_id;
  s["step_number"] = step.step;
  s["steps"] = step.steps;
  s["percent"] = step.percent;
  if (!step.slots_json.empty()) {
    boost::system::error_code ec;
    json::value slots = json::parse(step.slots_json, ec);
    if (!ec) s["slots"] = std::move(slots);
  }
  t.evidence["scenario"] = std::move(s);
}

void DialoguePolicy::start_scenario(Turn& t, const std::string& scenario_id) const {
  auto step = scenarios_->start(scenario_id, t.lang);
  if (!step) {
    escalate(t, "system_error",
             "scenario " + scenario_id + " could not start: " + step.error().message);
    return;
  }
  apply_scenario_step(t, *step, decision::kScenarioStart);
  t.out.reason = "intent " + t.intent() + " " + percent_text(t.in.nlu.intent.confidence) +
                 " starts scenario " + scenario_id;
  t.out.next.misses_in_row = 0;
}

bool DialoguePolicy::trigger_escalation(Turn& t) const {
  const EscalationRules& rules = config_.escalation;
  const DialogueState& next = t.out.next;
  if (t.confident()) {
    auto action = config_.intent_actions.find(t.intent());
    if (action != config_.intent_actions.end() &&
        action->second.kind == IntentAction::Kind::kEscalate) {
      escalate(t, action->second.reason,
               "intent " + t.intent() + " " + percent_text(t.in.nlu.intent.confidence));
      return true;
    }
  }
  if (rules.anger_window > 0 && std::find(next.recent_anger.begin(), next.recent_anger.end(),
                                          true) != next.recent_anger.end()) {
    escalate(t, "complaint",
             "anger in the last " + std::to_string(rules.anger_window) + " customer messages");
    return true;
  }
  if (t.in.nlu.sentiment.urgency) {
    escalate(t, "urgent_matter", "urgency in the message");
    return true;
  }
  const auto n = static_cast<std::size_t>(rules.repeat_intent);
  if (rules.repeat_intent > 0 && next.recent_intents.size() >= n &&
      std::all_of(next.recent_intents.end() - static_cast<long>(n), next.recent_intents.end(),
                  [&](const std::string& i) { return i == next.recent_intents.back(); }) &&
      next.recent_intents.back() != "greeting" && next.recent_intents.back() != "goodbye") {
    escalate(t, "bot_limitation",
             "the same intent " + next.recent_intents.back() + " " + std::to_string(n) +
                 " times in a row");
    return true;
  }
  if (rules.max_turns > 0 && next.turns_since_resolution > rules.max_turns) {
    escalate(t, "bot_limitation",
             std::to_string(next.turns_since_resolution) + " customer turns without resolution");
    return true;
  }
  if (t.in.vip && rules.vip_turns > 0 && next.turns_since_resolution >= rules.vip_turns) {
    escalate(t, "complex_inquiry",
             "VIP customer, " + std::to_string(next.turns_since_resolution) +
                 " turns without resolution");
    return true;
  }
  const std::string lowered = lower_ascii(t.in.text);
  for (const auto& cue : rules.payment_error_cues) {
    if (lowered.find(lower_ascii(cue)) != std::string::npos) {
      escalate(t, "payment_issue", "payment problem: \"" + cue + "\"");
      return true;
    }
  }
  return false;
}

bool DialoguePolicy::intent_action(Turn& t) const {
  if (!t.confident()) return false;
  auto found = config_.intent_actions.find(t.intent());
  if (found == config_.intent_actions.end()) return false;
  const IntentAction& action = found->second;
  const std::string why = "intent " + t.intent() + " " + percent_text(t.in.nlu.intent.confidence) +
                          " ≥ " + percent_text(t.in.nlu.intent.threshold);
  DialogueState& next = t.out.next;
  switch (action.kind) {
    case IntentAction::Kind::kGreet:
      t.out.decision = decision::kGreet;
      t.out.reason = why;
      t.out.text = responses_.text("welcome", t.lang);
      t.out.quick_replies = responses_.list("welcome_chips", t.lang);
      next.misses_in_row = 0;
      return true;
    case IntentAction::Kind::kGoodbye:
      t.out.decision = decision::kGoodbye;
      t.out.reason = why;
      t.out.text = responses_.text("goodbye", t.lang);
      t.out.close = true;
      next.misses_in_row = 0;
      return true;
    case IntentAction::Kind::kScenario:
      start_scenario(t, action.scenario);
      return true;
    case IntentAction::Kind::kFaq:
      if (faq_answer(t, true)) return true;
      if (action.reply.empty()) return false;
      [[fallthrough]];
    case IntentAction::Kind::kReply:
      t.out.decision = decision::kIntentReply;
      t.out.reason =
          why + (action.kind == IntentAction::Kind::kFaq ? "; no confident FAQ entry" : "");
      t.out.text = responses_.text(action.reply, t.lang);
      t.out.quick_replies = {responses_.text("agent_chip", t.lang)};
      next.misses_in_row = 0;
      return true;
    case IntentAction::Kind::kEscalate:
      return false;  // handled with the triggers
  }
  return false;
}

bool DialoguePolicy::faq_answer(Turn& t, bool require_confident) const {
  const std::string hint = t.confident() ? t.intent() : std::string();
  const auto hits = faq_->search(t.in.text, t.lang, hint, 3);
  const double threshold =
      config_.faq_auto_answer_threshold.value_or(faq_->auto_answer_threshold());
  if (!hits.empty() && t.evidence.if_contains("faq_candidates") == nullptr) {
    json::array candidates;
    for (const auto& h : hits) {
      json::object c;
      c["id"] = h.id;
      c["confidence"] = h.confidence;
      candidates.push_back(std::move(c));
    }
    t.evidence["faq_candidates"] = std::move(candidates);
  }
  if (hits.empty() || (require_confident && hits.front().confidence < threshold)) {
    FaqMiss miss;
    if (!hits.empty()) {
      miss.best_id = hits.front().id;
      miss.best_confidence = hits.front().confidence;
    }
    t.out.faq_miss = std::move(miss);
    return false;
  }
  t.out.faq_miss.reset();
  const FaqHit& best = hits.front();
  t.out.decision = decision::kFaqAnswer;
  t.out.reason =
      "FAQ " + best.id + " " + percent_text(best.confidence) + " ≥ " + percent_text(threshold);
  t.out.text = best.answer;
  for (std::size_t i = 1; i < hits.size() && i < 3; ++i)
    if (hits[i].confidence >= threshold) t.out.quick_replies.push_back(hits[i].question);
  json::object faq;
  faq["id"] = best.id;
  faq["question"] = best.question;
  faq["confidence"] = best.confidence;
  faq["threshold"] = threshold;
  t.evidence["faq"] = std::move(faq);
  resolved(t.out.next);
  return true;
}

void DialoguePolicy::clarify(Turn& t) const {
  DialogueState& next = t.out.next;
  ++next.misses_in_row;
  const std::string what = t.in.nlu.intent.out_of_scope
                               ? "out of scope"
                               : "intent " + t.intent() + " below its threshold";
  if (next.misses_in_row >= config_.offer_agent_after_misses) {
    t.out.decision = decision::kOfferAgent;
    t.out.reason = what + ", no confident FAQ entry; " + std::to_string(next.misses_in_row) +
                   " misses in a row";
    t.out.text = responses_.text("offer_agent", t.lang);
    t.out.quick_replies = {responses_.text("agent_chip", t.lang)};
    return;
  }
  t.out.decision = decision::kClarify;
  t.out.reason = what + ", no confident FAQ entry";
  t.out.text = responses_.text("clarify", t.lang);
  // Suggest what the customer most likely meant: the model's best intents.
  for (const auto& scored : t.in.nlu.intent.top) {
    if (t.out.quick_replies.size() >= 2) break;
    if (scored.intent == "agent_request" || scored.intent == "greeting" ||
        scored.intent == "goodbye")
      continue;
    t.out.quick_replies.push_back(responses_.intent_label(scored.intent, t.lang));
  }
  t.out.quick_replies.push_back(responses_.text("agent_chip", t.lang));
}

void DialoguePolicy::escalate(Turn& t, std::string reason, std::string description) const {
  const Priority priority = priority_for(reason, t.in.vip, t.in.message_count,
                                         config_.escalation.long_conversation_messages);
  const std::string priority_key = priority == Priority::kCritical ? "priority_line_critical"
                                   : priority == Priority::kHigh   ? "priority_line_high"
                                                                   : "priority_line_other";
  t.out.decision = decision::kEscalate;
  t.out.reason = reason + ": " + description;
  t.out.text = fill_template(responses_.text("escalate", t.lang),
                             {{"lead", responses_.text("lead_" + reason, t.lang)},
                              {"priority_line", responses_.text(priority_key, t.lang)}});
  t.out.quick_replies.clear();
  t.out.escalation =
      EscalationDecision{reason, std::string(to_string(priority)), std::move(description)};
  json::object e;
  e["reason"] = t.out.escalation->reason;
  e["priority"] = t.out.escalation->priority;
  e["description"] = t.out.escalation->description;
  t.evidence["escalation"] = std::move(e);
  // People take over: no scenario runs on.
  t.out.next.scenario_state.clear();
  t.out.next.scenario_id.clear();
  t.out.next.scenario_choices.clear();
  t.out.next.misses_in_row = 0;
}

void DialoguePolicy::finish(Turn& t) const {
  const std::string& label = t.in.nlu.sentiment.label;
  if (t.out.decision != decision::kEscalate && t.out.decision != decision::kGoodbye) {
    if (label == "negative") {
      t.out.text = responses_.text("apology_prefix", t.lang) + t.out.text;
      t.evidence["tone"] = "apology";
    } else if (label == "positive" && t.out.decision != decision::kGreet) {
      t.out.text = responses_.text("thanks_prefix", t.lang) + t.out.text;
      t.evidence["tone"] = "thanks";
    }
  }
  json::object intent;
  intent["name"] = t.in.nlu.intent.intent;
  intent["confidence"] = t.in.nlu.intent.confidence;
  intent["threshold"] = t.in.nlu.intent.threshold;
  intent["out_of_scope"] = t.in.nlu.intent.out_of_scope;
  intent["source"] = t.in.nlu.intent_source;
  if (!t.in.nlu.llm_fallback_reason.empty()) intent["llm_fallback"] = t.in.nlu.llm_fallback_reason;
  t.evidence["intent"] = std::move(intent);
  json::object sentiment;
  sentiment["label"] = t.in.nlu.sentiment.label;
  sentiment["score"] = t.in.nlu.sentiment.score;
  sentiment["anger"] = t.in.nlu.sentiment.anger;
  sentiment["urgency"] = t.in.nlu.sentiment.urgency;
  t.evidence["sentiment"] = std::move(sentiment);
  t.evidence["quick_replies"] = to_array(t.out.quick_replies);
  if (!t.out.action_json.empty()) {
    boost::system::error_code ec;
    json::value action = json::parse(t.out.action_json, ec);
    if (!ec) t.evidence["action"] = std::move(action);
  }
  t.out.details_json = json::serialize(t.evidence);
}

}  // namespace aicc::dialogue
