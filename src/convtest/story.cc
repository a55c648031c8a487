#include "convtest/story.h"

#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <utility>

#include <yaml-cpp/yaml.h>

namespace aicc::convtest {
namespace fs = std::filesystem;

namespace {

constexpr std::array<std::pair<std::string_view, Check::Kind>, 15> kKeys{{
    {"intent", Check::Kind::kIntent},
    {"decision", Check::Kind::kDecision},
    {"reason_contains", Check::Kind::kReasonContains},
    {"reply_contains", Check::Kind::kReplyContains},
    {"reply_not_contains", Check::Kind::kReplyNotContains},
    {"quick_replies_contain", Check::Kind::kQuickRepliesContain},
    {"sentiment", Check::Kind::kSentiment},
    {"faq", Check::Kind::kFaq},
    {"scenario", Check::Kind::kScenario},
    {"step", Check::Kind::kStep},
    {"percent", Check::Kind::kPercent},
    {"escalation", Check::Kind::kEscalationReason},
    {"escalation_priority", Check::Kind::kEscalationPriority},
    {"conversation_state", Check::Kind::kConversationState},
    {"no_reply", Check::Kind::kNoReply},
}};

// Values accepted where the set is closed, so a typo fails at load, not as a puzzling diff.
const std::map<Check::Kind, std::set<std::string>>& closed_values() {
  static const std::map<Check::Kind, std::set<std::string>> values{
      {Check::Kind::kDecision,
       {"welcome", "greet", "goodbye", "scenario_start", "scenario_step", "scenario_retry",
        "scenario_complete", "scenario_cancel", "faq_answer", "intent_reply", "clarify",
        "offer_agent", "escalate"}},
      {Check::Kind::kSentiment, {"negative", "neutral", "positive"}},
      {Check::Kind::kEscalationReason,
       {"none", "complex_inquiry", "complaint", "technical_support", "payment_issue",
        "urgent_matter", "bot_limitation", "customer_request", "system_error"}},
      {Check::Kind::kEscalationPriority, {"low", "medium", "high", "critical"}},
      {Check::Kind::kConversationState, {"bot", "queued", "assigned", "closed", "abandoned"}},
      {Check::Kind::kNoReply, {"true"}},
  };
  return values;
}

// A load error carrying its line; turned into "FILE:LINE: message" at the top.
struct StoryError {
  int line;
  std::string message;
};

int line_of(const YAML::Node& node) {
  return node.Mark().line + 1;
}

std::string scalar(const YAML::Node& node, std::string_view what) {
  if (!node.IsScalar()) throw StoryError{line_of(node), std::string(what) + " must be a string"};
  return node.Scalar();
}

std::string joined(const std::set<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : ", ") + i;
  return out;
}

void add_checks(const std::string& key, const YAML::Node& value, std::vector<Check>& out) {
  // escalation: {reason: …, priority: …} is shorthand for two checks.
  if (key == "escalation" && value.IsMap()) {
    for (const auto& kv : value) {
      const std::string sub = scalar(kv.first, "a key");
      if (sub == "reason")
        add_checks("escalation", kv.second, out);
      else if (sub == "priority")
        add_checks("escalation_priority", kv.second, out);
      else
        throw StoryError{line_of(kv.first),
                         "unknown key \"" + sub + "\" in escalation (reason, priority)"};
    }
    return;
  }
  const auto found =
      std::find_if(kKeys.begin(), kKeys.end(), [&](const auto& k) { return k.first == key; });
  if (found == kKeys.end()) {
    std::string known;
    for (const auto& k : kKeys) known += (known.empty() ? "" : ", ") + std::string(k.first);
    throw StoryError{line_of(value), "unknown key \"" + key + "\" (user, " + known + ")"};
  }
  const Check::Kind kind = found->second;
  const bool listable =
      kind == Check::Kind::kReplyContains || kind == Check::Kind::kReplyNotContains ||
      kind == Check::Kind::kQuickRepliesContain || kind == Check::Kind::kReasonContains;
  std::vector<YAML::Node> items;
  if (value.IsSequence() && listable) {
    for (const auto& item : value) items.push_back(item);
    if (items.empty()) throw StoryError{line_of(value), key + " is an empty list"};
  } else {
    items.push_back(value);
  }
  for (const auto& item : items) {
    Check c{kind, scalar(item, key), line_of(item)};
    if (c.expected.empty()) throw StoryError{c.line, key + " is empty"};
    if (kind == Check::Kind::kPercent) {
      try {
        (void)item.as<double>();
      } catch (const YAML::Exception&) {
        throw StoryError{c.line, "percent must be a number"};
      }
    }
    const auto closed = closed_values().find(kind);
    if (closed != closed_values().end() && !closed->second.count(c.expected))
      throw StoryError{c.line,
                       key + ": \"" + c.expected + "\" is not one of " + joined(closed->second)};
    out.push_back(std::move(c));
  }
}

std::vector<Check> checks_of(const YAML::Node& map, std::string_view where) {
  if (!map.IsMap()) throw StoryError{line_of(map), std::string(where) + " must be a mapping"};
  std::vector<Check> out;
  for (const auto& kv : map) add_checks(scalar(kv.first, "a key"), kv.second, out);
  return out;
}

Turn turn_of(const YAML::Node& node) {
  if (!node.IsMap())
    throw StoryError{line_of(node), "a turn must be a mapping starting with user: \"text\""};
  Turn t;
  t.line = line_of(node);
  bool has_user = false;
  for (const auto& kv : node) {
    const std::string key = scalar(kv.first, "a key");
    if (key == "user") {
      t.user = scalar(kv.second, "user");
      has_user = true;
    } else {
      add_checks(key, kv.second, t.checks);
    }
  }
  if (!has_user || t.user.empty())
    throw StoryError{t.line, "a turn needs user: \"what the customer says\""};
  return t;
}

Story story_of(const YAML::Node& node, const fs::path& file) {
  if (!node.IsMap()) throw StoryError{line_of(node), "a story must be a mapping"};
  Story s;
  s.file = file;
  s.line = line_of(node);
  bool has_turns = false;
  for (const auto& kv : node) {
    const std::string key = scalar(kv.first, "a key");
    const YAML::Node& v = kv.second;
    if (key == "story") {
      s.name = scalar(v, "story");
    } else if (key == "language") {
      s.language = scalar(v, "language");
      if (s.language != "ko" && s.language != "en")
        throw StoryError{line_of(v), "language must be ko or en"};
    } else if (key == "tier") {
      s.tier = parse_customer_tier(scalar(v, "tier"));
      if (!s.tier) throw StoryError{line_of(v), "tier must be regular, vip, premium or corporate"};
    } else if (key == "now") {
      s.now = parse_iso8601(scalar(v, "now"));
      if (!s.now)
        throw StoryError{line_of(v),
                         "now must be an ISO-8601 time, e.g. 2026-03-02T10:00:00+09:00"};
    } else if (key == "welcome") {
      s.welcome = checks_of(v, "welcome");
    } else if (key == "turns") {
      if (!v.IsSequence() || v.size() == 0)
        throw StoryError{line_of(v), "turns must be a non-empty list"};
      for (const auto& t : v) s.turns.push_back(turn_of(t));
      has_turns = true;
    } else {
      throw StoryError{line_of(kv.first), "unknown key \"" + key +
                                              "\" in a story (story, language, tier, now, "
                                              "welcome, turns)"};
    }
  }
  if (s.name.empty()) throw StoryError{s.line, "a story needs a name: story: \"…\""};
  if (!has_turns) throw StoryError{s.line, "story \"" + s.name + "\" has no turns"};
  return s;
}

}  // namespace

std::string_view key_name(Check::Kind kind) {
  for (const auto& [name, k] : kKeys)
    if (k == kind) return name;
  return "?";
}

TimePoint default_story_time() {
  return *parse_iso8601("2026-03-02T10:00:00+09:00");
}

Result<std::vector<Story>> load_story_file(const fs::path& file) {
  const std::string where = file.string();
  try {
    const YAML::Node root = YAML::LoadFile(where);
    if (!root.IsMap()) throw StoryError{1, "a story file is a mapping with a stories: list"};
    std::vector<Story> stories;
    bool has_stories = false;
    for (const auto& kv : root) {
      const std::string key = scalar(kv.first, "a key");
      if (key != "stories")
        throw StoryError{line_of(kv.first), "unknown key \"" + key + "\" (stories)"};
      if (!kv.second.IsSequence() || kv.second.size() == 0)
        throw StoryError{line_of(kv.second), "stories must be a non-empty list"};
      for (const auto& s : kv.second) stories.push_back(story_of(s, file));
      has_stories = true;
    }
    if (!has_stories) throw StoryError{1, "no stories: list"};
    return stories;
  } catch (const StoryError& e) {
    return make_error(ErrorCode::kInvalidArgument,
                      where + ":" + std::to_string(e.line) + ": " + e.message);
  } catch (const YAML::Exception& e) {
    const int line = e.mark.is_null() ? 0 : e.mark.line + 1;
    return make_error(ErrorCode::kInvalidArgument,
                      where + (line > 0 ? ":" + std::to_string(line) : "") + ": " + e.msg);
  }
}

Result<std::vector<Story>> load_story_dir(const fs::path& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec))
    return make_error(ErrorCode::kNotFound, dir.string() + ": not a directory");
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    const auto ext = entry.path().extension();
    if (entry.is_regular_file() && (ext == ".yaml" || ext == ".yml")) files.push_back(entry.path());
  }
  if (ec) return make_error(ErrorCode::kUnavailable, dir.string() + ": " + ec.message());
  std::sort(files.begin(), files.end());
  if (files.empty())
    return make_error(ErrorCode::kNotFound, dir.string() + ": no .yaml story files");
  std::vector<Story> all;
  std::map<std::string, std::string> seen;  // name → file:line
  for (const auto& f : files) {
    auto stories = load_story_file(f);
    if (!stories) return stories;
    for (auto& s : *stories) {
      const std::string here = f.string() + ":" + std::to_string(s.line);
      auto [it, fresh] = seen.emplace(s.name, here);
      if (!fresh)
        return make_error(ErrorCode::kInvalidArgument,
                          here + ": story \"" + s.name + "\" is already defined at " + it->second);
      all.push_back(std::move(s));
    }
  }
  return all;
}

}  // namespace aicc::convtest
