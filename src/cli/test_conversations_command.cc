#include <chrono>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli/conversation_commands.h"
#include "convtest/local_bot.h"
#include "convtest/report.h"
#include "convtest/runner.h"
#include "convtest/story.h"

namespace aicc::cli {

namespace {

struct TestArgs {
  std::string dir;
  std::string bot = "bot";
  std::string filter;
  bool json = false;
};

[[noreturn]] void fail(const std::string& message, int code) {
  std::fprintf(stderr, "aicc test conversations: %s\n", message.c_str());
  throw CLI::RuntimeError(code);
}

bool matches(const std::string& name, const std::string& filter) {
  auto lower = [](std::string s) {
    for (char& c : s)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return s;
  };
  return filter.empty() || lower(name).find(lower(filter)) != std::string::npos;
}

void run(const TestArgs& args) {
  // Stories first: a typo in a story file is reported before the bot spends time training.
  auto stories = convtest::load_story_dir(args.dir);
  if (!stories) fail(stories.error().message, 2);
  std::vector<const convtest::Story*> selected;
  for (const auto& s : *stories)
    if (matches(s.name, args.filter)) selected.push_back(&s);
  if (selected.empty()) fail("no story matches --filter \"" + args.filter + "\"", 2);

  const auto t0 = std::chrono::steady_clock::now();
  auto bot = convtest::load_bot_in_memory(args.bot);
  if (!bot) fail("bot " + args.bot + ": " + bot.error().message, 2);
  auto runner = convtest::StoryRunner::create(**bot);
  if (!runner) fail(runner.error().message, 2);

  std::vector<convtest::StoryResult> results;
  for (const auto* s : selected) results.push_back((*runner)->run(*s));
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

  if (args.json) {
    std::printf("%s\n", convtest::json_report(results).c_str());
  } else {
    convtest::print_text_report(results, stdout);
    std::printf("(bot loaded and %zu stories run in %.1f s)\n", results.size(), secs);
  }
  std::fflush(stdout);
  if (convtest::summarize(results).failed > 0) throw CLI::RuntimeError(1);
}

}  // namespace

void add_test_conversations_command(CLI::App& app) {
  CLI::App* test = app.add_subcommand("test", "Test the bot");
  test->require_subcommand(1);
  auto args = std::make_shared<TestArgs>();
  CLI::App* conv = test->add_subcommand("conversations",
                                        "Run conversation stories (YAML) against the real engine");
  conv->add_option("dir", args->dir, "directory of story files (*.yaml)")->required();
  conv->add_option("--bot", args->bot, "bot data directory (default: bot)");
  conv->add_option("--filter", args->filter, "run only stories whose name contains this text");
  conv->add_flag("--json", args->json, "print one JSON object instead of the text report");
  conv->callback([args] { run(*args); });
}

}  // namespace aicc::cli
