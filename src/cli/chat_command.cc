#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli/conversation_commands.h"
#include "convtest/bot_reply.h"
#include "convtest/local_bot.h"

namespace aicc::cli {

namespace {

struct ChatArgs {
  std::string bot = "bot";
  std::string model;  // empty: train in memory
  std::string language;
  bool explain = false;
};

[[noreturn]] void fail(const std::string& message, int code) {
  std::fprintf(stderr, "aicc chat: %s\n", message.c_str());
  throw CLI::RuntimeError(code);
}

constexpr const char* kIndent = "     ";

std::string indented(const std::string& text) {
  std::string out;
  for (char c : text) {
    out += c;
    if (c == '\n') out += kIndent;
  }
  return out;
}

std::string percent_text(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}

// The decision behind a reply, one fact per line.
void print_explanation(const convtest::BotReply& r) {
  std::printf("%s· decision: %s — %s\n", kIndent, r.decision.c_str(), r.reason.c_str());
  if (!r.best_intent.empty()) {
    std::printf("%s· intent: %s %s%s · sentiment: %s%s%s\n", kIndent, r.best_intent.c_str(),
                percent_text(r.confidence).c_str(),
                r.intent == "out_of_scope" ? " (out of scope)" : "", r.sentiment.c_str(),
                r.anger ? " (anger)" : "", r.urgency ? " (urgency)" : "");
  }
  if (!r.faq_id.empty()) {
    std::printf("%s· faq: %s %s\n", kIndent, r.faq_id.c_str(),
                percent_text(r.faq_confidence).c_str());
  } else if (!r.faq_candidates.empty()) {
    std::string hits;
    for (const auto& [id, confidence] : r.faq_candidates)
      hits += (hits.empty() ? "" : ", ") + id + " " + percent_text(confidence);
    std::printf("%s· faq candidates (not confident): %s\n", kIndent, hits.c_str());
  }
  if (!r.scenario_id.empty()) {
    std::printf("%s· scenario: %s · step: %s (%d/%d, %.0f%%)\n", kIndent, r.scenario_id.c_str(),
                r.step.empty() ? "-" : r.step.c_str(), r.step_number, r.steps,
                r.percent.value_or(0));
  }
  if (!r.escalation_reason.empty()) {
    std::printf("%s· escalation: %s, priority %s — %s\n", kIndent, r.escalation_reason.c_str(),
                r.escalation_priority.c_str(), r.escalation_description.c_str());
  }
}

void print_reply(const Message& message, bool explain) {
  const convtest::BotReply r = convtest::read_bot_reply(message);
  std::printf("bot: %s\n", indented(r.text).c_str());
  if (!r.quick_replies.empty()) {
    std::string chips;
    for (std::size_t i = 0; i < r.quick_replies.size(); ++i)
      chips += (i ? " [" : "[") + std::to_string(i + 1) + "] " + r.quick_replies[i];
    std::printf("%s%s\n", kIndent, chips.c_str());
  }
  if (explain) print_explanation(r);
}

// "2" picks the second quick reply of the last bot message; anything else is sent as typed.
std::string chosen_text(const std::string& line, const std::vector<std::string>& chips) {
  if (line.empty() || line.size() > 2 || line.find_first_not_of("0123456789") != std::string::npos)
    return line;
  const std::size_t n = std::stoul(line);
  return n >= 1 && n <= chips.size() ? chips[n - 1] : line;
}

void run(const ChatArgs& args) {
  if (!args.language.empty() && args.language != "ko" && args.language != "en")
    fail("--language must be ko or en", 2);
  std::fprintf(stderr, "loading the bot from %s …\n", args.bot.c_str());
  bot::BotOptions options;
  options.dir = args.bot;
  options.model_path = args.model;  // empty: trained in memory
  auto bot = bot::BotEngine::load(options);
  if (!bot) fail("bot " + args.bot + ": " + bot.error().message, 2);
  SystemClock clock;
  auto local = convtest::LocalBot::open(**bot, clock);
  if (!local) fail(local.error().message, 1);
  auto opened = (*local)->open_conversation(args.language, std::nullopt);
  if (!opened) fail(opened.error().message, 1);
  const std::string id = opened->conversation.id;

  const bool interactive = ::isatty(STDIN_FILENO) != 0;
  if (interactive) std::printf("(type a message; a number picks a quick reply; /quit ends)\n");
  std::vector<std::string> chips;
  for (const auto& m : opened->messages) {
    print_reply(m, args.explain);
    chips = convtest::read_bot_reply(m).quick_replies;
  }
  std::string line;
  while (true) {
    if (interactive) std::printf("you> ");
    std::fflush(stdout);
    if (!std::getline(std::cin, line)) break;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const std::string text = trim_text(line);
    if (text.empty()) continue;
    if (text == "/quit") break;
    const std::string sent = chosen_text(text, chips);
    if (!interactive)
      std::printf("you: %s\n", sent.c_str());
    else if (sent != text)
      std::printf("     → %s\n", sent.c_str());
    auto posted = (*local)->say(id, sent);
    if (!posted) {
      std::printf("%s(not sent: %s)\n", kIndent, posted.error().message.c_str());
      auto conv = (*local)->conversation(id);
      if (conv && conv->state == ConversationState::kClosed) break;
      continue;
    }
    if (posted->replies.empty()) {
      std::printf("%s(no bot reply: %s)\n", kIndent, posted->bot.reason.c_str());
      continue;
    }
    for (const auto& m : posted->replies) {
      print_reply(m, args.explain);
      chips = convtest::read_bot_reply(m).quick_replies;
    }
    auto conv = (*local)->conversation(id);
    if (conv && conv->state == ConversationState::kClosed) {
      std::printf("(the conversation is closed)\n");
      break;
    }
    if (conv && conv->state == ConversationState::kQueued)
      std::printf("%s(queued for an agent: %s, priority %s; the bot stays quiet from here)\n",
                  kIndent, conv->escalation_reason.c_str(), conv->escalation_priority.c_str());
  }
  std::fflush(stdout);
}

}  // namespace

void add_chat_command(CLI::App& app) {
  auto args = std::make_shared<ChatArgs>();
  CLI::App* chat = app.add_subcommand("chat", "Talk to the bot in the terminal (no server)");
  chat->add_option("--bot", args->bot, "bot data directory (default: bot)");
  chat->add_option("--model", args->model,
                   "intent model cache file (trained and written when missing or stale; "
                   "default: train in memory)");
  chat->add_option("--language", args->language,
                   "conversation language: ko or en (default: "
                   "detected from the first message)");
  chat->add_flag("--explain", args->explain,
                 "show the decision, reason, intent, sentiment, FAQ/scenario and escalation");
  chat->callback([args] { run(*args); });
}

}  // namespace aicc::cli
