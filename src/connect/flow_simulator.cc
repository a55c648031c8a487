#include "connect/flow_simulator.h"

#include <cstdlib>

namespace aicc::connect {

namespace json = boost::json;

namespace {

class Contact {
 public:
  Contact(const Flow& flow, ContactEngine& engine, const SimulationOptions& o)
      : flow_(flow), engine_(engine), o_(o) {}

  SimulationResult run();

 private:
  // The value of a flow-language reference ($.Attributes.X, $.External.X, $.Lex.…,
  // $.StoredCustomerInput, $.ContactId, $.Channel, $.CustomerEndpoint.Address); other
  // text is returned as it is.
  std::string resolve(const std::string& v) const;
  std::string prompt(const FlowAction& a) const;
  bool next_input(std::string& out);
  // The transition for `value` over the block's conditions: the matching one, else the
  // NoMatchingCondition branch; empty when neither exists.
  std::string branch_on(const FlowAction& a, const std::string& value, std::string& outcome) const;
  std::string error_branch(const FlowAction& a, const std::string& type, std::string& outcome);
  ContactEvent event(const StringMap& parameters) const;
  std::string step(const FlowAction& a, std::string& outcome);
  void say(const std::string& speaker, const std::string& text) {
    if (!text.empty()) r_.transcript.push_back({speaker, text});
  }
  Result<Conversation> conversation() {
    return engine_.conversation_for(o_.contact_id, o_.channel == "CHAT" ? "chat" : "voice",
                                    o_.customer_address);
  }

  const Flow& flow_;
  ContactEngine& engine_;
  const SimulationOptions& o_;
  SimulationResult r_;
  std::size_t input_ = 0;
  std::string stored_input_;
  std::string target_queue_;
  StringMap external_;
  StringMap lex_attributes_;
  std::string lex_intent_;
  bool finished_ = false;
};

bool matches(const FlowCondition& c, const std::string& value) {
  if (c.operands.size() != 1) return false;
  const std::string& want = c.operands[0];
  if (c.op == "Equals") return value == want;
  if (c.op == "TextContains") return value.find(want) != std::string::npos;
  if (c.op == "TextStartsWith") return value.rfind(want, 0) == 0;
  if (c.op == "TextEndsWith")
    return value.size() >= want.size() &&
           value.compare(value.size() - want.size(), want.size(), want) == 0;
  char* end = nullptr;
  const double a = std::strtod(value.c_str(), &end);
  if (value.empty() || *end != '\0') return false;
  const double b = std::strtod(want.c_str(), nullptr);
  if (c.op == "NumberGreaterThan") return a > b;
  if (c.op == "NumberGreaterOrEqualTo") return a >= b;
  if (c.op == "NumberLessThan") return a < b;
  if (c.op == "NumberLessOrEqualTo") return a <= b;
  return false;
}

std::string lookup(const StringMap& m, const std::string& key) {
  auto it = m.find(key);
  return it == m.end() ? std::string() : it->second;
}

}  // namespace

std::string Contact::resolve(const std::string& v) const {
  if (v.rfind("$.", 0) != 0) return v;
  auto after = [&](const char* prefix) -> std::optional<std::string> {
    const std::string p = prefix;
    if (v.rfind(p, 0) == 0) return v.substr(p.size());
    return std::nullopt;
  };
  if (auto k = after("$.Attributes.")) return lookup(r_.attributes, *k);
  if (auto k = after("$.External.")) return lookup(external_, *k);
  if (auto k = after("$.Lex.SessionAttributes.")) return lookup(lex_attributes_, *k);
  if (v == "$.Lex.IntentName") return lex_intent_;
  if (v == "$.StoredCustomerInput") return stored_input_;
  if (v == "$.ContactId" || v == "$.InitialContactId") return o_.contact_id;
  if (v == "$.Channel") return o_.channel;
  if (v == "$.CustomerEndpoint.Address") return o_.customer_address;
  return "";  // Connect resolves an unknown reference to nothing
}

std::string Contact::prompt(const FlowAction& a) const {
  for (const char* key : {"Text", "SSML"})
    if (auto t = a.text_parameter(key)) return resolve(*t);
  if (auto p = a.text_parameter("PromptId")) return "(prompt " + *p + ")";
  return "";
}

bool Contact::next_input(std::string& out) {
  if (input_ >= o_.inputs.size()) return false;
  out = o_.inputs[input_++];
  say("customer", out);
  return true;
}

std::string Contact::branch_on(const FlowAction& a, const std::string& value,
                               std::string& outcome) const {
  for (const auto& c : a.conditions) {
    if (matches(c, value)) {
      outcome = "condition " + c.op + " " + c.operands[0];
      return c.next;
    }
  }
  if (const auto* n = a.error_next("NoMatchingCondition")) {
    outcome = "error NoMatchingCondition";
    return *n;
  }
  if (a.conditions.empty() && !a.next.empty()) {
    outcome = "next";
    return a.next;
  }
  return "";
}

std::string Contact::error_branch(const FlowAction& a, const std::string& type,
                                  std::string& outcome) {
  for (const std::string& t : {type, std::string("NoMatchingError")}) {
    if (const auto* n = a.error_next(t)) {
      outcome = "error " + t;
      return *n;
    }
  }
  outcome = "error " + type + " (no branch)";
  return "";
}

ContactEvent Contact::event(const StringMap& parameters) const {
  return {o_.contact_id, o_.channel, o_.customer_address, r_.attributes, parameters};
}

// Runs one block; returns the next block's identifier ("" ends the contact).
std::string Contact::step(const FlowAction& a, std::string& outcome) {
  const std::string& t = a.type;
  outcome = "next";
  if (t == "MessageParticipant") {
    say("flow", prompt(a));
    return a.next;
  }
  if (t == "UpdateContactAttributes") {
    if (const auto* attrs = a.parameters.if_contains("Attributes"); attrs && attrs->is_object())
      for (const auto& [k, v] : attrs->get_object())
        if (v.is_string()) r_.attributes[std::string(k)] = resolve(std::string(v.get_string()));
    return a.next;
  }
  if (t == "GetParticipantInput") {
    say("flow", prompt(a));
    std::string in;
    if (!next_input(in)) return error_branch(a, "InputTimeLimitExceeded", outcome);
    if (a.text_parameter("StoreInput").value_or("False") == "True") {
      stored_input_ = in;
      return a.next;
    }
    std::string next = branch_on(a, in, outcome);
    if (next.empty()) return error_branch(a, "NoMatchingCondition", outcome);
    return next;
  }
  if (t == "Compare") {
    const std::string value = resolve(a.text_parameter("ComparisonValue").value_or(""));
    std::string next = branch_on(a, value, outcome);
    if (next.empty()) return error_branch(a, "NoMatchingCondition", outcome);
    return next;
  }
  if (t == "CheckHoursOfOperation") {
    auto hours = engine_.center().is_open(
        resolve(a.text_parameter("HoursOfOperationId").value_or("")), o_.at);
    if (!hours) {
      say("system", "hours check failed: " + hours.error().message);
      return error_branch(a, "NoMatchingError", outcome);
    }
    say("system",
        std::string("hours: ") + (hours->open ? "open" : "closed") + " (" + hours->schedule + ")");
    std::string next = branch_on(a, hours->open ? "True" : "False", outcome);
    return next.empty() ? error_branch(a, "NoMatchingCondition", outcome) : next;
  }
  if (t == "InvokeLambdaFunction") {
    StringMap params;
    if (const auto* p = a.parameters.if_contains("LambdaInvocationAttributes"); p && p->is_object())
      for (const auto& [k, v] : p->get_object())
        if (v.is_string()) params[std::string(k)] = resolve(std::string(v.get_string()));
    auto answer = engine_.lambda(event(params));
    if (!answer) {
      say("system", "lambda failed: " + answer.error().message);
      return error_branch(a, "NoMatchingError", outcome);
    }
    external_ = std::move(*answer);
    std::string shown;
    for (const auto& [k, v] : external_)
      if (k == "nextAction" || k == "ValidationResult" || k == "isBusinessHours")
        shown += (shown.empty() ? "" : ", ") + k + "=" + v;
    say("system", "lambda " + lookup(params, "requestType") + ": " + shown);
    return a.next;
  }
  if (t == "ConnectParticipantWithLexBot") {
    say("flow", prompt(a));
    const std::string session = o_.contact_id;
    LexEvent ev{session, "", "DialogCodeHook", "ko_KR", "FallbackIntent", {}, {}};
    if (const auto* p = a.parameters.if_contains("LexSessionAttributes"); p && p->is_object())
      for (const auto& [k, v] : p->get_object())
        if (v.is_string())
          ev.session_attributes[std::string(k)] = resolve(std::string(v.get_string()));
    for (int turn = 0; turn < o_.max_lex_turns; ++turn) {
      std::string in;
      if (!next_input(in)) return error_branch(a, "InputTimeLimitExceeded", outcome);
      ev.input_transcript = in;
      auto answer = engine_.lex(ev);
      if (!answer) {
        say("system", "lex failed: " + answer.error().message);
        return error_branch(a, "NoMatchingError", outcome);
      }
      say("bot", answer->message);
      ev.session_attributes = answer->session_attributes;
      if (answer->dialog_action == "Close") {
        lex_attributes_ = answer->session_attributes;
        lex_intent_ = answer->aicc_intent;
        say("system", "lex closed: intent " + lex_intent_ + ", " + answer->intent_state +
                          ", BotResult=" + lookup(lex_attributes_, "BotResult"));
        std::string next = branch_on(a, lex_intent_, outcome);
        return next.empty() ? error_branch(a, "NoMatchingCondition", outcome) : next;
      }
    }
    return error_branch(a, "NoMatchingError", outcome);
  }
  if (t == "UpdateContactTargetQueue") {
    target_queue_ = resolve(a.text_parameter("QueueId").value_or(""));
    return a.next;
  }
  if (t == "TransferContactToQueue") {
    if (target_queue_.empty()) {
      say("system", "no target queue set (UpdateContactTargetQueue)");
      return error_branch(a, "NoMatchingError", outcome);
    }
    auto conv = conversation();
    if (!conv) {
      say("system", "transfer failed: " + conv.error().message);
      return error_branch(a, "NoMatchingError", outcome);
    }
    auto moved = engine_.center().transfer({conv->id, target_queue_,
                                            lookup(r_.attributes, "EscalationReason"),
                                            lookup(r_.attributes, "Priority")});
    if (!moved) {
      say("system", "transfer failed: " + moved.error().message);
      return error_branch(a, "NoMatchingError", outcome);
    }
    if (!moved->accepted) return error_branch(a, "QueueAtCapacity", outcome);
    say("system", "queued in " + moved->queue + " (conversation " + conv->id + ")");
    r_.end = "queued";
    r_.queue = moved->queue;
    finished_ = true;
    outcome = "queued";
    return "";
  }
  if (t == "DisconnectParticipant") {
    outcome = "disconnected";
    r_.end = "disconnected";
    finished_ = true;
    return "";
  }
  r_.end = "error";
  r_.error = "block " + a.id + ": the simulator cannot run action type " + t;
  finished_ = true;
  return "";
}

SimulationResult Contact::run() {
  std::string id = flow_.start;
  for (int n = 0; n < o_.max_blocks; ++n) {
    const FlowAction* a = flow_.find(id);
    if (!a) {
      r_.end = "error";
      r_.error = "no block \"" + id + "\"";
      break;
    }
    std::string outcome;
    std::string next = step(*a, outcome);
    r_.path.push_back({a->id, a->type, outcome});
    if (finished_) break;
    if (next.empty()) {
      r_.end = "error";
      r_.error = "block " + a->id + " has no transition for " + outcome;
      break;
    }
    id = next;
  }
  if (r_.end.empty()) {
    r_.end = "error";
    r_.error = "stopped after " + std::to_string(o_.max_blocks) + " blocks (a loop?)";
  }
  r_.unused_inputs = o_.inputs.size() - input_;
  return std::move(r_);
}

SimulationResult simulate_flow(const Flow& flow, ContactEngine& engine,
                               const SimulationOptions& options) {
  return Contact(flow, engine, options).run();
}

}  // namespace aicc::connect
