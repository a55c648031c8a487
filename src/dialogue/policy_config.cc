#include "dialogue/policy_config.h"

#include <fstream>
#include <sstream>

#include <boost/json.hpp>

namespace aicc::dialogue {
namespace json = boost::json;

namespace {

const std::string kEmpty;

Error config_error(const std::filesystem::path& file, const std::string& what) {
  return Error{ErrorCode::kInvalidArgument, file.string() + ": " + what, {{"file", file.string()}}};
}

Result<json::object> read_object(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in)
    return tl::unexpected(Error{
        ErrorCode::kNotFound, file.string() + ": cannot read the file", {{"file", file.string()}}});
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string text = buffer.str();
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec) {
    // Boost.JSON reports no position; count the lines up to where parsing stopped.
    json::stream_parser p;
    std::size_t consumed = p.write_some(text, ec);
    const long line =
        1 + std::count(text.begin(), text.begin() + static_cast<long>(consumed), '\n');
    return tl::unexpected(config_error(
        file, "line " + std::to_string(line) + ": invalid JSON (" + ec.message() + ")"));
  }
  if (!v.is_object())
    return tl::unexpected(config_error(file, "the document must be a JSON object"));
  return std::move(v.as_object());
}

std::string languages_text(const json::object& o) {
  std::string out;
  for (const auto& [k, v] : o) out += (out.empty() ? "" : ", ") + std::string(k);
  return out;
}

// {"ko": "…", "en": "…"} → map; both languages required, strings, non-empty.
Result<std::map<std::string, std::string>> read_bilingual(const std::filesystem::path& file,
                                                          const std::string& where,
                                                          const json::value& v) {
  if (!v.is_object())
    return tl::unexpected(config_error(file, where + " must be an object {\"ko\": …, \"en\": …}"));
  std::map<std::string, std::string> out;
  for (const auto& [lang, text] : v.as_object()) {
    if (lang != "ko" && lang != "en")
      return tl::unexpected(config_error(
          file, where + ": unknown language \"" + std::string(lang) + "\" (ko or en)"));
    if (!text.is_string() || text.as_string().empty())
      return tl::unexpected(
          config_error(file, where + "." + std::string(lang) + " must be a non-empty string"));
    out[std::string(lang)] = std::string(text.as_string());
  }
  for (const char* lang : {"ko", "en"})
    if (!out.count(lang))
      return tl::unexpected(
          config_error(file, where + " has no \"" + std::string(lang) +
                                 "\" text (has: " + languages_text(v.as_object()) + ")"));
  return out;
}

Result<int> read_count(const std::filesystem::path& file, const json::object& o, const char* key,
                       int fallback, int min, int max) {
  const auto* v = o.if_contains(key);
  if (!v) return fallback;
  if (!v->is_int64() || v->as_int64() < min || v->as_int64() > max)
    return tl::unexpected(config_error(file, std::string(key) + " must be an integer from " +
                                                 std::to_string(min) + " to " +
                                                 std::to_string(max)));
  return static_cast<int>(v->as_int64());
}

Status reject_unknown(const std::filesystem::path& file, const std::string& where,
                      const json::object& o, std::initializer_list<std::string_view> known) {
  for (const auto& [k, v] : o) {
    bool ok = false;
    for (auto name : known) ok = ok || k == name;
    if (!ok)
      return tl::unexpected(config_error(file, where + "unknown key \"" + std::string(k) + "\""));
  }
  return {};
}

Result<IntentAction> read_action(const std::filesystem::path& file, const std::string& intent,
                                 const json::value& v) {
  const std::string where = "intent_actions." + intent;
  if (!v.is_object()) return tl::unexpected(config_error(file, where + " must be an object"));
  const auto& o = v.as_object();
  if (auto st = reject_unknown(file, where + ": ", o, {"action", "scenario", "reason", "reply"});
      !st)
    return tl::unexpected(st.error());
  auto str = [&](const char* key) -> std::string {
    const auto* f = o.if_contains(key);
    return f && f->is_string() ? std::string(f->as_string()) : std::string();
  };
  for (const char* key : {"action", "scenario", "reason", "reply"})
    if (o.if_contains(key) && !o.at(key).is_string())
      return tl::unexpected(config_error(file, where + "." + key + " must be a string"));
  IntentAction a;
  const std::string action = str("action");
  a.scenario = str("scenario");
  a.reason = str("reason");
  a.reply = str("reply");
  if (action == "greet") {
    a.kind = IntentAction::Kind::kGreet;
  } else if (action == "goodbye") {
    a.kind = IntentAction::Kind::kGoodbye;
  } else if (action == "scenario") {
    a.kind = IntentAction::Kind::kScenario;
    if (a.scenario.empty())
      return tl::unexpected(config_error(file, where + ": action \"scenario\" needs \"scenario\""));
  } else if (action == "faq") {
    a.kind = IntentAction::Kind::kFaq;
  } else if (action == "escalate") {
    a.kind = IntentAction::Kind::kEscalate;
    static const std::vector<std::string> reasons = {
        "complex_inquiry", "complaint",      "technical_support", "payment_issue",
        "urgent_matter",   "bot_limitation", "customer_request",  "system_error"};
    if (std::find(reasons.begin(), reasons.end(), a.reason) == reasons.end())
      return tl::unexpected(config_error(
          file, where + ": \"reason\" must be one of the 8 escalation reasons, not \"" + a.reason +
                    "\""));
  } else if (action == "reply") {
    a.kind = IntentAction::Kind::kReply;
    if (a.reply.empty())
      return tl::unexpected(config_error(file, where + ": action \"reply\" needs \"reply\""));
  } else {
    return tl::unexpected(
        config_error(file, where + ": unknown action \"" + action +
                               "\" (greet, goodbye, scenario, faq, escalate, reply)"));
  }
  return a;
}

}  // namespace

const std::string& Responses::text(std::string_view key, nlu::Language language) const {
  auto it = texts.find(key);
  if (it == texts.end()) return kEmpty;
  auto lang = it->second.find(std::string(nlu::language_code(language)));
  return lang == it->second.end() ? kEmpty : lang->second;
}

std::vector<std::string> Responses::list(std::string_view key, nlu::Language language) const {
  auto it = lists.find(key);
  if (it == lists.end()) return {};
  auto lang = it->second.find(std::string(nlu::language_code(language)));
  return lang == it->second.end() ? std::vector<std::string>{} : lang->second;
}

std::string Responses::intent_label(std::string_view intent, nlu::Language language) const {
  auto it = intent_labels.find(intent);
  if (it == intent_labels.end()) return std::string(intent);
  auto lang = it->second.find(std::string(nlu::language_code(language)));
  return lang == it->second.end() ? std::string(intent) : lang->second;
}

const std::vector<std::string>& Responses::required_keys() {
  static const std::vector<std::string> keys = {"welcome",
                                                "goodbye",
                                                "clarify",
                                                "offer_agent",
                                                "agent_chip",
                                                "apology_prefix",
                                                "thanks_prefix",
                                                "escalate",
                                                "priority_line_critical",
                                                "priority_line_high",
                                                "priority_line_other",
                                                "lead_customer_request",
                                                "lead_complaint",
                                                "lead_urgent_matter",
                                                "lead_bot_limitation",
                                                "lead_complex_inquiry",
                                                "lead_payment_issue",
                                                "lead_technical_support",
                                                "lead_system_error"};
  return keys;
}

Result<Responses> load_responses(const std::filesystem::path& file) {
  auto doc = read_object(file);
  if (!doc) return tl::unexpected(doc.error());
  if (auto st = reject_unknown(file, "", *doc, {"texts", "lists", "intent_labels"}); !st)
    return tl::unexpected(st.error());
  Responses r;
  const auto* texts = doc->if_contains("texts");
  if (!texts || !texts->is_object())
    return tl::unexpected(config_error(file, "\"texts\" must be an object"));
  for (const auto& [key, v] : texts->as_object()) {
    auto t = read_bilingual(file, "texts." + std::string(key), v);
    if (!t) return tl::unexpected(t.error());
    r.texts[std::string(key)] = std::move(*t);
  }
  for (const auto& key : Responses::required_keys())
    if (!r.texts.count(key))
      return tl::unexpected(config_error(file, "texts." + key + " is missing"));
  if (const auto* lists = doc->if_contains("lists")) {
    if (!lists->is_object())
      return tl::unexpected(config_error(file, "\"lists\" must be an object"));
    for (const auto& [key, v] : lists->as_object()) {
      const std::string where = "lists." + std::string(key);
      if (!v.is_object())
        return tl::unexpected(
            config_error(file, where + " must be an object {\"ko\": […], \"en\": […]}"));
      for (const char* lang : {"ko", "en"}) {
        const auto* items = v.as_object().if_contains(lang);
        if (!items || !items->is_array())
          return tl::unexpected(
              config_error(file, where + "." + lang + " must be an array of strings"));
        for (const auto& item : items->as_array()) {
          if (!item.is_string() || item.as_string().empty())
            return tl::unexpected(
                config_error(file, where + "." + lang + " must hold non-empty strings"));
          r.lists[std::string(key)][lang].emplace_back(item.as_string());
        }
      }
    }
  }
  if (const auto* labels = doc->if_contains("intent_labels")) {
    if (!labels->is_object())
      return tl::unexpected(config_error(file, "\"intent_labels\" must be an object"));
    for (const auto& [intent, v] : labels->as_object()) {
      auto t = read_bilingual(file, "intent_labels." + std::string(intent), v);
      if (!t) return tl::unexpected(t.error());
      r.intent_labels[std::string(intent)] = std::move(*t);
    }
  }
  return r;
}

Result<PolicyConfig> load_policy_config(const std::filesystem::path& file) {
  auto doc = read_object(file);
  if (!doc) return tl::unexpected(doc.error());
  if (auto st = reject_unknown(file, "", *doc, {"intent_actions", "escalation", "clarify", "faq"});
      !st)
    return tl::unexpected(st.error());
  PolicyConfig c;
  const auto* actions = doc->if_contains("intent_actions");
  if (!actions || !actions->is_object())
    return tl::unexpected(config_error(file, "\"intent_actions\" must be an object"));
  for (const auto& [intent, v] : actions->as_object()) {
    auto a = read_action(file, std::string(intent), v);
    if (!a) return tl::unexpected(a.error());
    c.intent_actions[std::string(intent)] = std::move(*a);
  }
  if (const auto* esc = doc->if_contains("escalation")) {
    if (!esc->is_object())
      return tl::unexpected(config_error(file, "\"escalation\" must be an object"));
    const auto& o = esc->as_object();
    if (auto st = reject_unknown(file, "escalation: ", o,
                                 {"invalid_inputs", "anger_window", "repeat_intent", "max_turns",
                                  "vip_turns", "long_conversation_messages", "payment_error_cues"});
        !st)
      return tl::unexpected(st.error());
    EscalationRules& e = c.escalation;
    struct Field {
      const char* key;
      int& out;
      int min, max;
    };
    for (Field f :
         {Field{"invalid_inputs", e.invalid_inputs, 1, 20},
          Field{"anger_window", e.anger_window, 0, 20},
          Field{"repeat_intent", e.repeat_intent, 0, 20}, Field{"max_turns", e.max_turns, 0, 1000},
          Field{"vip_turns", e.vip_turns, 0, 1000},
          Field{"long_conversation_messages", e.long_conversation_messages, 0, 100000}}) {
      auto n = read_count(file, o, f.key, f.out, f.min, f.max);
      if (!n) return tl::unexpected(n.error());
      f.out = *n;
    }
    if (const auto* cues = o.if_contains("payment_error_cues")) {
      if (!cues->is_array())
        return tl::unexpected(
            config_error(file, "escalation.payment_error_cues must be an array of strings"));
      for (const auto& cue : cues->as_array()) {
        if (!cue.is_string() || cue.as_string().empty())
          return tl::unexpected(
              config_error(file, "escalation.payment_error_cues must hold non-empty strings"));
        e.payment_error_cues.emplace_back(cue.as_string());
      }
    }
  }
  if (const auto* clarify = doc->if_contains("clarify")) {
    if (!clarify->is_object())
      return tl::unexpected(config_error(file, "\"clarify\" must be an object"));
    if (auto st =
            reject_unknown(file, "clarify: ", clarify->as_object(), {"offer_agent_after_misses"});
        !st)
      return tl::unexpected(st.error());
    auto n = read_count(file, clarify->as_object(), "offer_agent_after_misses",
                        c.offer_agent_after_misses, 1, 100);
    if (!n) return tl::unexpected(n.error());
    c.offer_agent_after_misses = *n;
  }
  if (const auto* faq = doc->if_contains("faq")) {
    if (!faq->is_object()) return tl::unexpected(config_error(file, "\"faq\" must be an object"));
    if (auto st = reject_unknown(file, "faq: ", faq->as_object(), {"auto_answer_threshold"}); !st)
      return tl::unexpected(st.error());
    if (const auto* t = faq->as_object().if_contains("auto_answer_threshold")) {
      if (!t->is_number() || t->to_number<double>() < 0 || t->to_number<double>() > 1)
        return tl::unexpected(
            config_error(file, "faq.auto_answer_threshold must be a number from 0 to 1"));
      c.faq_auto_answer_threshold = t->to_number<double>();
    }
  }
  return c;
}

std::string fill_template(std::string_view text,
                          const std::vector<std::pair<std::string, std::string>>& values) {
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    if (text[i] == '{') {
      const auto close = text.find('}', i + 1);
      if (close != std::string_view::npos) {
        const std::string_view name = text.substr(i + 1, close - i - 1);
        bool replaced = false;
        for (const auto& [k, v] : values) {
          if (k == name) {
            out += v;
            replaced = true;
            break;
          }
        }
        if (replaced) {
          i = close + 1;
          continue;
        }
      }
    }
    out.push_back(text[i++]);
  }
  return out;
}

}  // namespace aicc::dialogue
