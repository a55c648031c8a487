#include "convtest/runner.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace aicc::convtest {

namespace {

// Time between two customer turns: long enough that every message has its own timestamp,
// short enough that relative dates stay on the story's day.
constexpr Micros kTurnGap = std::chrono::seconds(5);

std::string or_none(const std::string& s) {
  return s.empty() ? "(none)" : s;
}

std::string number_text(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

std::string chips_text(const std::vector<std::string>& chips) {
  std::string out = "[";
  for (const auto& c : chips) out += (out.size() > 1 ? ", " : "") + c;
  return out + "]";
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// What the bot did in one turn, as the checks see it.
struct Observed {
  bool replied = false;
  BotReply reply;
  std::string no_reply_reason;
  std::string conversation_state;
};

// Empty when the check holds; otherwise the actual value to show next to the expected one.
std::optional<std::string> failed(const Check& c, const Observed& o) {
  using K = Check::Kind;
  if (c.kind == K::kConversationState) {
    if (o.conversation_state == c.expected) return std::nullopt;
    return o.conversation_state;
  }
  if (c.kind == K::kNoReply) {
    if (!o.replied) return std::nullopt;
    return "a reply (" + o.reply.decision + ")";
  }
  if (!o.replied) return "(no reply: " + o.no_reply_reason + ")";
  const BotReply& r = o.reply;
  auto same = [&](const std::string& actual) -> std::optional<std::string> {
    if (actual == c.expected) return std::nullopt;
    return or_none(actual);
  };
  switch (c.kind) {
    case K::kIntent:
      if (r.intent == c.expected) return std::nullopt;
      return or_none(r.intent) + " (confidence " + number_text(r.confidence) +
             (r.intent != r.best_intent ? ", best guess " + r.best_intent : "") + ")";
    case K::kDecision:
      return same(r.decision);
    case K::kReasonContains:
      if (contains(r.reason, c.expected)) return std::nullopt;
      return r.reason;
    case K::kReplyContains:
      if (contains(r.text, c.expected)) return std::nullopt;
      return "not in the reply";
    case K::kReplyNotContains:
      if (!contains(r.text, c.expected)) return std::nullopt;
      return "in the reply";
    case K::kQuickRepliesContain:
      if (std::find(r.quick_replies.begin(), r.quick_replies.end(), c.expected) !=
          r.quick_replies.end())
        return std::nullopt;
      return chips_text(r.quick_replies);
    case K::kSentiment:
      return same(r.sentiment);
    case K::kFaq:
      return same(r.faq_id);
    case K::kScenario:
      return same(r.scenario_id);
    case K::kStep:
      return same(r.step);
    case K::kPercent:
      if (r.percent && std::fabs(*r.percent - std::stod(c.expected)) < 0.5) return std::nullopt;
      return r.percent ? number_text(*r.percent) : "(none)";
    case K::kEscalationReason:
      return same(r.escalation_reason.empty() ? "none" : r.escalation_reason);
    case K::kEscalationPriority:
      return same(r.escalation_priority);
    case K::kConversationState:
    case K::kNoReply:
      break;  // handled above
  }
  return std::nullopt;
}

// Checks one turn; fills `failure` when any expectation fails.
bool verify(const std::vector<Check>& checks, const Observed& o, TurnFailure& failure) {
  for (const auto& c : checks) {
    if (auto actual = failed(c, o))
      failure.checks.push_back({std::string(key_name(c.kind)), c.expected, *actual, c.line});
  }
  failure.replied = o.replied;
  failure.reply = o.reply;
  failure.no_reply_reason = o.no_reply_reason;
  return failure.checks.empty();
}

}  // namespace

Result<std::unique_ptr<StoryRunner>> StoryRunner::create(const bot::BotEngine& bot) {
  auto clock = std::make_unique<ManualClock>(default_story_time());
  auto local = LocalBot::open(bot, *clock);
  if (!local) return tl::unexpected(local.error());
  std::unique_ptr<StoryRunner> runner(new StoryRunner(std::move(clock)));
  runner->local_ = std::move(*local);
  return runner;
}

StoryResult StoryRunner::run(const Story& story) {
  StoryResult result;
  result.story = &story;
  clock_->set(story.now.value_or(default_story_time()));
  auto opened = local_->open_conversation(story.language, story.tier);
  if (!opened) {
    result.error = "opening the conversation failed: " + opened.error().message;
    return result;
  }
  const std::string id = opened->conversation.id;
  if (!story.welcome.empty()) {
    Observed o;
    o.replied = !opened->messages.empty();
    if (o.replied) o.reply = read_bot_reply(opened->messages.front());
    o.no_reply_reason = opened->bot.reason;
    o.conversation_state = std::string(to_string(opened->conversation.state));
    TurnFailure f;
    f.turn = 0;
    f.line = story.line;
    if (!verify(story.welcome, o, f)) {
      result.failure = std::move(f);
      return result;
    }
  }
  for (const Turn& turn : story.turns) {
    clock_->advance(kTurnGap);
    ++result.turns_run;
    TurnFailure f;
    f.turn = result.turns_run;
    f.line = turn.line;
    f.user = turn.user;
    auto posted = local_->say(id, turn.user);
    Observed o;
    if (!posted) {
      // A closed conversation refuses messages: that is "no reply", which a story may expect.
      if (posted.error().code != ErrorCode::kConflict) {
        result.error = "turn " + std::to_string(f.turn) + " (line " + std::to_string(f.line) +
                       "): " + posted.error().message;
        return result;
      }
      o.no_reply_reason = "message refused: " + posted.error().message;
    } else {
      o.replied = !posted->replies.empty();
      if (o.replied) o.reply = read_bot_reply(posted->replies.back());
      o.no_reply_reason = posted->bot.reason;
    }
    auto conv = local_->conversation(id);
    if (!conv) {
      result.error = "reading the conversation failed: " + conv.error().message;
      return result;
    }
    o.conversation_state = std::string(to_string(conv->state));
    if (!verify(turn.checks, o, f)) {
      result.failure = std::move(f);
      return result;
    }
  }
  result.passed = true;
  return result;
}

}  // namespace aicc::convtest
