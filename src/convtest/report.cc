#include "convtest/report.h"

#include <boost/json.hpp>

namespace aicc::convtest {
namespace json = boost::json;

namespace {

std::string where(const Story& s, int line) {
  return s.file.filename().string() + ":" + std::to_string(line);
}

// Multi-line replies are indented under their label so the diff stays readable.
std::string indented(const std::string& text, const std::string& indent) {
  std::string out;
  for (char c : text) {
    out += c;
    if (c == '\n') out += indent;
  }
  return out;
}

json::object reply_json(const TurnFailure& f) {
  json::object o;
  if (!f.replied) {
    o["no_reply"] = f.no_reply_reason;
    return o;
  }
  const BotReply& r = f.reply;
  o["text"] = r.text;
  o["decision"] = r.decision;
  o["reason"] = r.reason;
  o["intent"] = r.intent;
  o["confidence"] = r.confidence;
  o["sentiment"] = r.sentiment;
  json::array chips;
  for (const auto& c : r.quick_replies) chips.emplace_back(c);
  o["quick_replies"] = std::move(chips);
  if (!r.faq_id.empty()) o["faq"] = r.faq_id;
  if (!r.faq_candidates.empty()) {
    json::array hits;
    for (const auto& [id, confidence] : r.faq_candidates) {
      json::object h;
      h["id"] = id;
      h["confidence"] = confidence;
      hits.push_back(std::move(h));
    }
    o["faq_candidates"] = std::move(hits);
  }
  if (!r.scenario_id.empty()) {
    o["scenario"] = r.scenario_id;
    o["step"] = r.step;
  }
  if (!r.escalation_reason.empty()) {
    o["escalation"] = r.escalation_reason;
    o["escalation_priority"] = r.escalation_priority;
  }
  return o;
}

}  // namespace

RunSummary summarize(const std::vector<StoryResult>& results) {
  RunSummary s;
  for (const auto& r : results) {
    ++s.stories;
    ++(r.passed ? s.passed : s.failed);
  }
  return s;
}

void print_text_report(const std::vector<StoryResult>& results, std::FILE* out) {
  for (const auto& r : results) {
    const Story& s = *r.story;
    std::fprintf(out, "%s  %s  (%s)\n", r.passed ? "PASS" : "FAIL", s.name.c_str(),
                 where(s, s.line).c_str());
    if (r.passed) continue;
    if (!r.error.empty()) std::fprintf(out, "      error: %s\n", r.error.c_str());
    if (!r.failure) continue;
    const TurnFailure& f = *r.failure;
    if (f.turn == 0)
      std::fprintf(out, "      welcome:\n");
    else
      std::fprintf(out, "      turn %d (%s)  user: \"%s\"\n", f.turn, where(s, f.line).c_str(),
                   f.user.c_str());
    for (const auto& c : f.checks) {
      std::fprintf(out, "        %-22s expected: %s\n", (c.key + ":").c_str(), c.expected.c_str());
      std::fprintf(out, "        %-22s actual:   %s\n", "", c.actual.c_str());
    }
    if (f.replied) {
      const std::string indent(18, ' ');
      std::fprintf(out, "        bot reply:        \"%s\"\n",
                   indented(f.reply.text, indent).c_str());
      std::fprintf(out, "        bot decision:     %s — %s\n", f.reply.decision.c_str(),
                   f.reply.reason.c_str());
    } else {
      std::fprintf(out, "        bot reply:        (none: %s)\n", f.no_reply_reason.c_str());
    }
    if (f.turn > 0 && r.turns_run < static_cast<int>(s.turns.size()))
      std::fprintf(out, "        (the story's later turns were not run)\n");
  }
  const RunSummary sum = summarize(results);
  std::fprintf(out, "\n%d stories, %d passed, %d failed\n", sum.stories, sum.passed, sum.failed);
}

std::string json_report(const std::vector<StoryResult>& results) {
  json::array stories;
  for (const auto& r : results) {
    const Story& s = *r.story;
    json::object o;
    o["name"] = s.name;
    o["file"] = s.file.string();
    o["line"] = s.line;
    o["passed"] = r.passed;
    o["turns_run"] = r.turns_run;
    o["turns"] = s.turns.size();
    if (!r.error.empty()) o["error"] = r.error;
    if (r.failure) {
      const TurnFailure& f = *r.failure;
      json::object fo;
      fo["turn"] = f.turn;
      fo["line"] = f.line;
      fo["user"] = f.user;
      json::array checks;
      for (const auto& c : f.checks) {
        json::object co;
        co["key"] = c.key;
        co["expected"] = c.expected;
        co["actual"] = c.actual;
        co["line"] = c.line;
        checks.push_back(std::move(co));
      }
      fo["checks"] = std::move(checks);
      fo["reply"] = reply_json(f);
      o["failure"] = std::move(fo);
    }
    stories.push_back(std::move(o));
  }
  const RunSummary sum = summarize(results);
  json::object summary;
  summary["stories"] = sum.stories;
  summary["passed"] = sum.passed;
  summary["failed"] = sum.failed;
  json::object doc;
  doc["stories"] = std::move(stories);
  doc["summary"] = std::move(summary);
  return json::serialize(doc);
}

}  // namespace aicc::convtest
