#include "connect/flow.h"

#include <deque>
#include <map>
#include <set>

namespace aicc::connect {

namespace json = boost::json;

namespace {

// What Connect requires of each action type we support. Error types listed in
// `required_errors` must have a branch; `conditions` says whether Conditions are allowed
// (and `needs_conditions` whether at least one is required).
struct TypeRule {
  // Each inner list is a group of alternatives of which exactly one must be present
  // (e.g. Text | PromptId | SSML | Media for a prompt).
  std::vector<std::vector<std::string>> required_one_of;
  std::vector<std::string> required_errors;
  bool conditions = false;
  bool needs_conditions = false;
  bool terminal = false;       // no transitions at all (DisconnectParticipant)
  bool next_optional = false;  // success may end the flow (TransferContactToQueue)
};

const std::vector<std::string> kPrompt = {"Text", "PromptId", "SSML", "Media"};

const std::map<std::string, TypeRule, std::less<>>& type_rules() {
  static const std::map<std::string, TypeRule, std::less<>> rules = {
      {"MessageParticipant", {{kPrompt}, {"NoMatchingError"}}},
      {"GetParticipantInput",
       {{kPrompt}, {"InputTimeLimitExceeded", "NoMatchingError"}, true, false}},
      {"ConnectParticipantWithLexBot",
       {{{"LexV2Bot", "LexBot"}}, {"NoMatchingError"}, true, false}},
      {"InvokeLambdaFunction", {{{"LambdaFunctionARN"}}, {"NoMatchingError"}}},
      {"CheckHoursOfOperation", {{}, {"NoMatchingError"}, true, true}},
      {"UpdateContactAttributes", {{{"Attributes"}}, {"NoMatchingError"}}},
      {"Compare", {{{"ComparisonValue"}}, {"NoMatchingCondition"}, true, true}},
      {"UpdateContactTargetQueue", {{{"QueueId"}}, {"NoMatchingError"}}},
      {"TransferContactToQueue",
       {{}, {"QueueAtCapacity", "NoMatchingError"}, false, false, false, true}},
      {"DisconnectParticipant", {{}, {}, false, false, true}},
  };
  return rules;
}

// Names written by the prototype (and by hand) that are not flow-language types, with the
// type that does the job.
const std::map<std::string, std::string, std::less<>>& known_mistakes() {
  static const std::map<std::string, std::string, std::less<>> m = {
      {"GetUserInput", "GetParticipantInput"},
      {"CheckAttribute", "Compare"},
      {"SetWorkingQueue", "UpdateContactTargetQueue"},
      {"SetAttributes", "UpdateContactAttributes"},
      {"PlayPrompt", "MessageParticipant"},
      {"InvokeExternalResource", "InvokeLambdaFunction"},
      {"TransferToQueue", "TransferContactToQueue"},
      {"Disconnect", "DisconnectParticipant"},
  };
  return m;
}

const std::set<std::string, std::less<>> kOperators = {
    "Equals",         "NumberGreaterThan",   "NumberGreaterOrEqualTo",
    "NumberLessThan", "NumberLessOrEqualTo", "TextContains",
    "TextStartsWith", "TextEndsWith"};

std::optional<std::string> scalar_text(const json::value& v) {
  if (v.is_string()) return std::string(v.get_string());
  if (v.is_int64()) return std::to_string(v.get_int64());
  if (v.is_uint64()) return std::to_string(v.get_uint64());
  if (v.is_double()) return json::serialize(v);
  if (v.is_bool()) return v.get_bool() ? "true" : "false";
  return std::nullopt;
}

// Reads Transitions into `a`; problems name the block.
void read_transitions(const json::object& t, FlowAction& a, std::vector<FlowProblem>& out) {
  auto problem = [&](std::string m) { out.push_back({a.id, std::move(m)}); };
  if (const auto* n = t.if_contains("NextAction")) {
    if (n->is_string())
      a.next = std::string(n->get_string());
    else
      problem("Transitions.NextAction must be a string");
  }
  if (const auto* c = t.if_contains("Conditions")) {
    if (!c->is_array()) {
      problem("Transitions.Conditions must be an array");
    } else {
      for (std::size_t i = 0; i < c->get_array().size(); ++i) {
        const auto& item = c->get_array()[i];
        const std::string where = "Transitions.Conditions[" + std::to_string(i) + "]";
        const auto* o = item.if_object();
        const auto* cond = o ? o->if_contains("Condition") : nullptr;
        const auto* next = o ? o->if_contains("NextAction") : nullptr;
        if (!o || !cond || !cond->is_object() || !next || !next->is_string()) {
          problem(where + " needs NextAction (string) and Condition (object)");
          continue;
        }
        FlowCondition fc;
        fc.next = std::string(next->get_string());
        const auto& co = cond->get_object();
        if (const auto* op = co.if_contains("Operator"); op && op->is_string())
          fc.op = std::string(op->get_string());
        if (const auto* ops = co.if_contains("Operands"); ops && ops->is_array()) {
          for (const auto& v : ops->get_array()) {
            if (auto s = scalar_text(v)) fc.operands.push_back(*s);
          }
        }
        if (fc.op.empty())
          problem(where + ".Condition.Operator is missing");
        else if (!kOperators.contains(fc.op))
          problem(where + ".Condition.Operator \"" + fc.op + "\" is not a flow-language operator");
        if (fc.operands.size() != 1)
          problem(where + ".Condition.Operands must hold exactly one value");
        a.conditions.push_back(std::move(fc));
      }
    }
  }
  if (const auto* e = t.if_contains("Errors")) {
    if (!e->is_array()) {
      problem("Transitions.Errors must be an array");
    } else {
      for (std::size_t i = 0; i < e->get_array().size(); ++i) {
        const auto* o = e->get_array()[i].if_object();
        const auto* type = o ? o->if_contains("ErrorType") : nullptr;
        const auto* next = o ? o->if_contains("NextAction") : nullptr;
        if (!type || !type->is_string() || !next || !next->is_string()) {
          problem("Transitions.Errors[" + std::to_string(i) +
                  "] needs ErrorType and NextAction (strings)");
          continue;
        }
        a.errors.push_back({std::string(type->get_string()), std::string(next->get_string())});
      }
    }
  }
}

void check_action(const FlowAction& a, std::vector<FlowProblem>& out) {
  auto problem = [&](std::string m) { out.push_back({a.id, std::move(m)}); };
  const auto& rules = type_rules();
  const auto rule = rules.find(a.type);
  if (rule == rules.end()) {
    const auto& mistakes = known_mistakes();
    if (auto m = mistakes.find(a.type); m != mistakes.end())
      problem("unknown action type \"" + a.type + "\" (the flow language calls it " + m->second +
              ")");
    else
      problem("unknown action type \"" + a.type + "\"");
    return;
  }
  const TypeRule& r = rule->second;
  for (const auto& group : r.required_one_of) {
    int present = 0;
    for (const auto& key : group) present += a.parameters.contains(key) ? 1 : 0;
    std::string names;
    for (const auto& key : group) names += (names.empty() ? "" : " | ") + key;
    if (present == 0)
      problem(a.type + " needs the parameter " + names);
    else if (present > 1)
      problem(a.type + " takes only one of " + names);
  }
  if (r.terminal) {
    if (!a.next.empty() || !a.conditions.empty() || !a.errors.empty())
      problem(a.type + " ends the flow and takes no transitions");
    return;
  }
  if (a.next.empty() && !r.next_optional) problem("Transitions.NextAction is missing");
  if (!r.conditions && !a.conditions.empty())
    problem(a.type + " takes no Conditions (branch with a Compare block after it)");
  if (r.needs_conditions && a.conditions.empty()) problem(a.type + " needs at least one condition");
  std::set<std::string, std::less<>> error_types;
  for (const auto& e : a.errors) {
    if (!error_types.insert(e.type).second) problem("error branch " + e.type + " appears twice");
  }
  for (const auto& required : r.required_errors) {
    if (!error_types.contains(required)) problem("missing the error branch " + required);
  }
  // A block with conditions also needs the branch for input matching none of them.
  if (!a.conditions.empty() && a.type != "CheckHoursOfOperation" &&
      !error_types.contains("NoMatchingCondition"))
    problem("has Conditions but no NoMatchingCondition error branch");

  // Per-type parameter values.
  if (a.type == "InvokeLambdaFunction") {
    if (auto arn = a.text_parameter("LambdaFunctionARN");
        a.parameters.contains("LambdaFunctionARN") && (!arn || arn->empty()))
      problem("LambdaFunctionARN must be a non-empty string");
    if (a.parameters.contains("InvocationTimeLimitSeconds")) {
      auto t = a.text_parameter("InvocationTimeLimitSeconds");
      int seconds = 0;
      try {
        seconds = t ? std::stoi(*t) : 0;
      } catch (const std::exception&) {
        seconds = 0;
      }
      if (seconds < 1 || seconds > 8)
        problem("InvocationTimeLimitSeconds must be a whole number from 1 to 8");
    }
  } else if (a.type == "CheckHoursOfOperation") {
    bool has_true = false, has_false = false;
    for (const auto& c : a.conditions) {
      if (c.op != "Equals" || c.operands.size() != 1 ||
          (c.operands[0] != "True" && c.operands[0] != "False")) {
        problem("CheckHoursOfOperation conditions must be Equals \"True\" or \"False\"");
        continue;
      }
      (c.operands[0] == "True" ? has_true : has_false) = true;
    }
    if (!has_true || !has_false)
      problem("CheckHoursOfOperation needs both the \"True\" and the \"False\" condition");
  } else if (a.type == "UpdateContactAttributes") {
    const auto* attrs = a.parameters.if_contains("Attributes");
    if (attrs && (!attrs->is_object() || attrs->get_object().empty()))
      problem("Attributes must be a non-empty object of strings");
    else if (attrs)
      for (const auto& [k, v] : attrs->get_object())
        if (!v.is_string()) problem("attribute \"" + std::string(k) + "\" must be a string");
  } else if (a.type == "GetParticipantInput") {
    if (auto t = a.text_parameter("InputTimeLimitSeconds")) {
      int seconds = 0;
      try {
        seconds = std::stoi(*t);
      } catch (const std::exception&) {
        seconds = 0;
      }
      if (seconds < 1 || seconds > 180)
        problem("InputTimeLimitSeconds must be a whole number from 1 to 180");
    }
    const bool store = a.text_parameter("StoreInput").value_or("False") == "True";
    if (store && !a.conditions.empty())
      problem("a GetParticipantInput that stores the input takes no Conditions");
    if (!store && a.conditions.empty())
      problem("GetParticipantInput needs Conditions on the input, or StoreInput \"True\"");
  } else if (a.type == "ConnectParticipantWithLexBot") {
    const auto* v2 = a.parameters.if_contains("LexV2Bot");
    if (v2 && (!v2->is_object() || !v2->get_object().contains("AliasArn")))
      problem("LexV2Bot needs AliasArn");
    const auto* v1 = a.parameters.if_contains("LexBot");
    if (v1 && (!v1->is_object() || !v1->get_object().contains("Name") ||
               !v1->get_object().contains("Region") || !v1->get_object().contains("Alias")))
      problem("LexBot needs Name, Region and Alias");
  }
}

}  // namespace

const std::string* FlowAction::error_next(std::string_view t) const {
  for (const auto& e : errors)
    if (e.type == t) return &e.next;
  return nullptr;
}

std::optional<std::string> FlowAction::text_parameter(std::string_view key) const {
  const auto* v = parameters.if_contains(key);
  if (!v) return std::nullopt;
  return scalar_text(*v);
}

const FlowAction* Flow::find(std::string_view id) const {
  for (const auto& a : actions)
    if (a.id == id) return &a;
  return nullptr;
}

ParsedFlow parse_flow(std::string_view text) {
  ParsedFlow out;
  boost::system::error_code ec;
  json::value doc = json::parse(text, ec);
  if (ec) {
    out.problems.push_back({"", "not valid JSON: " + ec.message()});
    return out;
  }
  const auto* root = doc.if_object();
  if (!root) {
    out.problems.push_back({"", "a flow is a JSON object"});
    return out;
  }
  Flow flow;
  const auto* version = root->if_contains("Version");
  if (!version || !version->is_string())
    out.problems.push_back({"", "Version is missing (flow language \"2019-10-30\")"});
  else if ((flow.version = std::string(version->get_string())) != "2019-10-30")
    out.problems.push_back({"", "Version \"" + flow.version + "\" is not \"2019-10-30\""});
  const auto* start = root->if_contains("StartAction");
  if (!start || !start->is_string())
    out.problems.push_back({"", "StartAction is missing"});
  else
    flow.start = std::string(start->get_string());
  const auto* actions = root->if_contains("Actions");
  if (!actions || !actions->is_array()) {
    out.problems.push_back({"", "Actions must be an array of blocks"});
    return out;
  }
  std::set<std::string, std::less<>> ids;
  for (std::size_t i = 0; i < actions->get_array().size(); ++i) {
    const auto* o = actions->get_array()[i].if_object();
    const std::string where = "Actions[" + std::to_string(i) + "]";
    if (!o) {
      out.problems.push_back({where, "a block must be an object"});
      continue;
    }
    FlowAction a;
    const auto* id = o->if_contains("Identifier");
    if (!id || !id->is_string() || id->get_string().empty()) {
      out.problems.push_back({where, "Identifier is missing"});
      continue;
    }
    a.id = std::string(id->get_string());
    if (!ids.insert(a.id).second) {
      out.problems.push_back({a.id, "Identifier is used by more than one block"});
      continue;
    }
    const auto* type = o->if_contains("Type");
    if (!type || !type->is_string()) {
      out.problems.push_back({a.id, "Type is missing"});
    } else {
      a.type = std::string(type->get_string());
    }
    if (const auto* p = o->if_contains("Parameters")) {
      if (p->is_object())
        a.parameters = p->get_object();
      else
        out.problems.push_back({a.id, "Parameters must be an object"});
    } else {
      out.problems.push_back({a.id, "Parameters is missing (use {} when there are none)"});
    }
    if (const auto* t = o->if_contains("Transitions")) {
      if (t->is_object())
        read_transitions(t->get_object(), a, out.problems);
      else
        out.problems.push_back({a.id, "Transitions must be an object"});
    } else {
      out.problems.push_back({a.id, "Transitions is missing (use {} when there are none)"});
    }
    flow.actions.push_back(std::move(a));
  }
  out.flow = std::move(flow);
  return out;
}

std::vector<FlowProblem> validate_flow(const Flow& flow) {
  std::vector<FlowProblem> out;
  if (flow.actions.empty()) out.push_back({"", "the flow has no blocks"});
  if (!flow.start.empty() && !flow.find(flow.start))
    out.push_back({"", "StartAction \"" + flow.start + "\" is not a block of this flow"});
  for (const auto& a : flow.actions) {
    if (!a.type.empty()) check_action(a, out);
    auto target = [&](const std::string& next, const std::string& what) {
      if (!next.empty() && !flow.find(next))
        out.push_back({a.id, what + " leads to \"" + next + "\", which is not a block"});
    };
    target(a.next, "NextAction");
    for (const auto& c : a.conditions)
      target(c.next, "condition " + c.op + " " + (c.operands.empty() ? "" : c.operands[0]));
    for (const auto& e : a.errors) target(e.next, "error branch " + e.type);
  }
  // Reachability from the start, over every kind of transition.
  std::set<std::string, std::less<>> seen;
  std::deque<const FlowAction*> todo;
  if (const auto* s = flow.find(flow.start)) {
    todo.push_back(s);
    seen.insert(s->id);
  }
  while (!todo.empty()) {
    const FlowAction* a = todo.front();
    todo.pop_front();
    std::vector<const std::string*> nexts{&a->next};
    for (const auto& c : a->conditions) nexts.push_back(&c.next);
    for (const auto& e : a->errors) nexts.push_back(&e.next);
    for (const auto* n : nexts) {
      const auto* b = n->empty() ? nullptr : flow.find(*n);
      if (b && seen.insert(b->id).second) todo.push_back(b);
    }
  }
  if (flow.find(flow.start)) {
    for (const auto& a : flow.actions)
      if (!seen.contains(a.id)) out.push_back({a.id, "unreachable from StartAction"});
  }
  return out;
}

std::vector<FlowProblem> check_flow_text(std::string_view text) {
  auto parsed = parse_flow(text);
  auto problems = std::move(parsed.problems);
  if (parsed.flow) {
    auto more = validate_flow(*parsed.flow);
    problems.insert(problems.end(), more.begin(), more.end());
  }
  return problems;
}

}  // namespace aicc::connect
