#include "scenario/parse.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <initializer_list>
#include <string_view>

#include <boost/json.hpp>

namespace aicc::scenario::detail {

namespace json = boost::json;

namespace {

// Where the reader is, so that every error names file, scenario and step.
class Reader {
 public:
  Reader(std::string origin, std::vector<LoadError>& errors)
      : origin_(std::move(origin)), errors_(errors) {}

  void set_scenario(std::string id) { scenario_ = std::move(id); }
  void set_step(std::string id) { step_ = std::move(id); }

  void error(std::string message) {
    errors_.push_back(LoadError{origin_, scenario_, step_, std::move(message)});
  }

  // Reports fields of `o` that are not in `known` (typos such as "promt" must not pass).
  void only(const json::object& o, std::string_view where,
            std::initializer_list<std::string_view> known) {
    for (const auto& entry : o) {
      if (std::find(known.begin(), known.end(), entry.key()) == known.end()) {
        error(std::string(where) + "unknown field '" + std::string(entry.key()) + "'");
      }
    }
  }

  // A scalar as text: strings as they are, numbers and booleans as written in JSON.
  std::optional<std::string> scalar(const json::value& v, std::string_view field) {
    if (v.is_string()) return std::string(v.as_string());
    if (v.is_int64() || v.is_uint64() || v.is_double() || v.is_bool()) return json::serialize(v);
    error(std::string(field) + ": must be a string");
    return std::nullopt;
  }

  std::string string(const json::object& o, std::string_view field) {
    const auto* v = o.if_contains(field);
    if (!v || v->is_null()) return {};
    return scalar(*v, field).value_or("");
  }

  // YAML gives every scalar as a string, so numbers and booleans are also read from text.
  std::optional<double> number(const json::object& o, std::string_view field) {
    const auto* v = o.if_contains(field);
    if (!v || v->is_null()) return std::nullopt;
    if (v->is_number()) return v->to_number<double>();
    if (v->is_string()) {
      const std::string_view s = v->as_string();
      double d = 0;
      const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), d);
      if (ec == std::errc{} && end == s.data() + s.size() && std::isfinite(d)) return d;
    }
    error(std::string(field) + ": must be a number");
    return std::nullopt;
  }

  std::optional<std::int64_t> integer(const json::object& o, std::string_view field) {
    const auto d = number(o, field);
    if (!d) return std::nullopt;
    if (std::floor(*d) != *d || std::fabs(*d) > 1e12) {
      error(std::string(field) + ": must be a whole number");
      return std::nullopt;
    }
    return static_cast<std::int64_t>(*d);
  }

  bool boolean(const json::object& o, std::string_view field) {
    const auto* v = o.if_contains(field);
    if (!v || v->is_null()) return false;
    if (v->is_bool()) return v->as_bool();
    if (v->is_string() && (v->as_string() == "true" || v->as_string() == "false")) {
      return v->as_string() == "true";
    }
    error(std::string(field) + ": must be true or false");
    return false;
  }

  std::vector<std::string> strings(const json::value* v, std::string_view field) {
    std::vector<std::string> out;
    if (!v || v->is_null()) return out;
    if (!v->is_array()) {
      error(std::string(field) + ": must be a list");
      return out;
    }
    for (const auto& item : v->as_array()) {
      if (auto s = scalar(item, field)) out.push_back(std::move(*s));
    }
    return out;
  }

  // A text is either a plain string (Korean) or {"ko": …, "en": …}.
  LocalizedText text(const json::object& o, std::string_view field) {
    LocalizedText t;
    const auto* v = o.if_contains(field);
    if (!v || v->is_null()) return t;
    if (v->is_string()) {
      t.ko = std::string(v->as_string());
      return t;
    }
    if (!v->is_object()) {
      error(std::string(field) + ": must be a string or {ko, en}");
      return t;
    }
    const auto& lo = v->as_object();
    only(lo, std::string(field) + ": ", {"ko", "en"});
    t.ko = string(lo, "ko");
    t.en = string(lo, "en");
    return t;
  }

  LocalizedWords words(const json::object& o, std::string_view field) {
    LocalizedWords w;
    const auto* v = o.if_contains(field);
    if (!v || v->is_null()) return w;
    if (v->is_array()) {  // a plain list: words in any language
      w.ko = strings(v, field);
      return w;
    }
    if (!v->is_object()) {
      error(std::string(field) + ": must be a list or {ko: [...], en: [...]}");
      return w;
    }
    const auto& lo = v->as_object();
    only(lo, std::string(field) + ": ", {"ko", "en"});
    w.ko = strings(lo.if_contains("ko"), std::string(field) + ".ko");
    w.en = strings(lo.if_contains("en"), std::string(field) + ".en");
    return w;
  }

 private:
  std::string origin_;
  std::string scenario_;
  std::string step_;
  std::vector<LoadError>& errors_;
};

Validation read_validation(Reader& r, const json::value* v) {
  Validation val;
  if (!v || v->is_null()) return val;
  if (!v->is_object()) {
    r.error("validation: must be an object");
    return val;
  }
  const auto& o = v->as_object();
  r.only(o, "validation: ",
         {"min_length", "max_length", "pattern", "min", "max", "integer_only", "future_only",
          "max_days_ahead", "mobile_only"});
  val.min_length = r.integer(o, "min_length");
  val.max_length = r.integer(o, "max_length");
  val.pattern = r.string(o, "pattern");
  val.min = r.number(o, "min");
  val.max = r.number(o, "max");
  val.integer_only = r.boolean(o, "integer_only");
  val.future_only = r.boolean(o, "future_only");
  val.max_days_ahead = r.integer(o, "max_days_ahead");
  val.mobile_only = r.boolean(o, "mobile_only");
  return val;
}

std::vector<ChoiceOption> read_options(Reader& r, const json::value* v) {
  std::vector<ChoiceOption> options;
  if (!v || v->is_null()) return options;
  if (!v->is_array()) {
    r.error("options: must be a list");
    return options;
  }
  for (const auto& item : v->as_array()) {
    if (!item.is_object()) {
      r.error("options: each option must be an object {value, label, synonyms}");
      continue;
    }
    const auto& o = item.as_object();
    r.only(o, "option: ", {"value", "label", "synonyms"});
    ChoiceOption option;
    option.value = r.string(o, "value");
    option.label = r.text(o, "label");
    option.synonyms = r.words(o, "synonyms");
    options.push_back(std::move(option));
  }
  return options;
}

Condition read_condition(Reader& r, const json::value* v) {
  Condition c;
  if (!v || v->is_null()) {
    r.error("branch: 'when' is missing");
    return c;
  }
  if (!v->is_object()) {  // shorthand: when: other
    if (auto s = r.scalar(*v, "when")) c.values.push_back(std::move(*s));
    return c;
  }
  const auto& o = v->as_object();
  r.only(o, "when: ", {"equals", "in", "min", "max", "matches"});
  const int kinds = static_cast<int>(o.contains("equals")) + static_cast<int>(o.contains("in")) +
                    static_cast<int>(o.contains("min") || o.contains("max")) +
                    static_cast<int>(o.contains("matches"));
  if (kinds != 1) {
    r.error("when: needs exactly one of equals, in, min/max, matches");
    return c;
  }
  if (o.contains("equals")) {
    c.kind = Condition::Kind::kEquals;
    c.values.push_back(r.string(o, "equals"));
  } else if (o.contains("in")) {
    c.kind = Condition::Kind::kIn;
    c.values = r.strings(o.if_contains("in"), "when.in");
  } else if (o.contains("matches")) {
    c.kind = Condition::Kind::kMatches;
    c.pattern = r.string(o, "matches");
  } else {
    c.kind = Condition::Kind::kRange;
    c.min = r.number(o, "min");
    c.max = r.number(o, "max");
  }
  return c;
}

std::vector<Branch> read_branches(Reader& r, const json::value* v) {
  std::vector<Branch> branches;
  if (!v || v->is_null()) return branches;
  if (!v->is_array()) {
    r.error("branches: must be a list");
    return branches;
  }
  for (const auto& item : v->as_array()) {
    if (!item.is_object()) {
      r.error("branches: each branch must be an object {when, next}");
      continue;
    }
    const auto& o = item.as_object();
    r.only(o, "branch: ", {"when", "next", "reason"});
    Branch b;
    b.when = read_condition(r, o.if_contains("when"));
    b.next = r.string(o, "next");
    if (b.next.empty()) r.error("branch: 'next' is missing");
    b.reason = r.string(o, "reason");
    branches.push_back(std::move(b));
  }
  return branches;
}

Step read_step(Reader& r, const json::object& o, int scenario_retry_limit) {
  Step step;
  step.id = r.string(o, "id");
  r.set_step(step.id);
  r.only(o, "",
         {"id", "prompt", "type", "slot", "validation", "options", "error", "branches", "next",
          "retry_limit"});
  step.prompt = r.text(o, "prompt");
  const std::string type = r.string(o, "type");
  if (type.empty()) {
    step.type = InputType::kText;
  } else if (auto t = parse_input_type(type)) {
    step.type = *t;
  } else {
    r.error("type: unknown input type '" + type +
            "' (text, choice, number, date, phone, email, order_number, yes_no)");
  }
  step.slot = r.string(o, "slot");
  if (step.slot.empty()) step.slot = step.id;
  step.validation = read_validation(r, o.if_contains("validation"));
  step.options = read_options(r, o.if_contains("options"));
  step.error = r.text(o, "error");
  step.branches = read_branches(r, o.if_contains("branches"));
  step.next = r.string(o, "next");
  const auto limit = r.integer(o, "retry_limit");
  step.retry_limit =
      limit ? static_cast<int>(std::clamp<std::int64_t>(*limit, -1, 1000)) : scenario_retry_limit;
  r.set_step({});
  return step;
}

std::optional<CompletionAction> read_action(Reader& r, const json::value* v) {
  if (!v || v->is_null()) return std::nullopt;
  if (!v->is_object()) {
    r.error("completion_action: must be an object {type, kind|url}");
    return std::nullopt;
  }
  const auto& o = v->as_object();
  r.only(o, "completion_action: ", {"type", "kind", "url"});
  CompletionAction a;
  a.type = r.string(o, "type");
  a.kind = r.string(o, "kind");
  a.url = r.string(o, "url");
  return a;
}

void fill_default(LocalizedText& text, std::string_view ko, std::string_view en) {
  if (text.ko.empty() && text.en.empty()) {
    text.ko = std::string(ko);
    text.en = std::string(en);
  }
}

}  // namespace

Scenario parse_scenario(const json::value& doc, const std::string& origin,
                        std::vector<LoadError>& errors) {
  Scenario s;
  s.origin = origin;
  Reader r(origin, errors);
  if (!doc.is_object()) {
    r.error("the document must be one scenario object");
    return s;
  }
  const auto& o = doc.as_object();
  s.id = r.string(o, "id");
  r.set_scenario(s.id);
  r.only(o, "",
         {"id", "name", "description", "trigger_intents", "retry_limit", "cancel_words", "steps",
          "completion_message", "completion_action", "escalation_message", "cancel_message"});
  s.name = r.text(o, "name");
  s.description = r.text(o, "description");
  s.trigger_intents = r.strings(o.if_contains("trigger_intents"), "trigger_intents");
  s.cancel_words = r.strings(o.if_contains("cancel_words"), "cancel_words");
  const auto limit = r.integer(o, "retry_limit");
  const int retry_limit = limit ? static_cast<int>(std::clamp<std::int64_t>(*limit, -1, 1000)) : 3;
  if (const auto* steps = o.if_contains("steps"); steps && steps->is_array()) {
    for (const auto& item : steps->as_array()) {
      if (!item.is_object()) {
        r.error("steps: each step must be an object");
        continue;
      }
      s.steps.push_back(read_step(r, item.as_object(), retry_limit));
    }
  } else if (steps && !steps->is_null()) {
    r.error("steps: must be a list");
  }
  s.completion_message = r.text(o, "completion_message");
  s.completion_action = read_action(r, o.if_contains("completion_action"));
  s.escalation_message = r.text(o, "escalation_message");
  s.cancel_message = r.text(o, "cancel_message");
  // The prototype's texts (spec-A §2.3) when the author says nothing.
  fill_default(s.completion_message, "요청이 완료되었습니다. 담당자가 검토 후 연락드리겠습니다.",
               "Your request is complete. The person in charge will review it and contact you.");
  fill_default(s.escalation_message, "상담원에게 연결해드리겠습니다. 잠시만 기다려주세요.",
               "I'll connect you to an agent. Please wait a moment.");
  fill_default(s.cancel_message, "요청을 취소했습니다. 더 도와드릴 일이 있으면 말씀해 주세요.",
               "Your request has been cancelled. Let me know if there is anything else I can do.");
  return s;
}

}  // namespace aicc::scenario::detail
