// `aicc flow validate FILE…` and `aicc flow run FILE --input …`: Amazon Connect flows
// checked and walked through without AWS (connect/flow.h, connect/flow_simulator.h).
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli/conversation_commands.h"
#include "connect/contact_engine.h"
#include "connect/escalation_desk.h"
#include "connect/flow.h"
#include "connect/flow_simulator.h"
#include "convtest/local_bot.h"
#include "core/ids.h"
#include "core/random.h"
#include "service/bot_turns.h"
#include "service/chat_service.h"
#include "store/store.h"

namespace aicc::cli {

namespace {

struct FlowArgs {
  std::vector<std::string> files;
  std::vector<std::string> inputs;
  std::string bot = "bot";
  std::string model;  // empty: train in memory
  std::string at;     // ISO 8601; empty: now
  std::string channel = "VOICE";
  std::string caller = "+821012345678";
  std::string store;       // empty: a temporary store
  std::string contact_id;  // empty: a new one per run
};

[[noreturn]] void fail(const std::string& message, int code) {
  std::fprintf(stderr, "aicc flow: %s\n", message.c_str());
  throw CLI::RuntimeError(code);
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) fail(path + ": cannot read the file", 2);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void print_problems(const std::string& file, const std::vector<connect::FlowProblem>& problems) {
  for (const auto& p : problems) {
    if (p.block.empty())
      std::fprintf(stderr, "%s: %s\n", file.c_str(), p.message.c_str());
    else
      std::fprintf(stderr, "%s: block \"%s\": %s\n", file.c_str(), p.block.c_str(),
                   p.message.c_str());
  }
}

void validate(const FlowArgs& args) {
  std::size_t total = 0;
  for (const auto& file : args.files) {
    const auto problems = connect::check_flow_text(read_file(file));
    print_problems(file, problems);
    if (problems.empty()) std::printf("%s: valid\n", file.c_str());
    total += problems.size();
  }
  std::fflush(stdout);
  if (total > 0) {
    std::fprintf(stderr, "%zu problem%s\n", total, total == 1 ? "" : "s");
    throw CLI::RuntimeError(1);
  }
}

void run(const FlowArgs& args) {
  const std::string& file = args.files.front();
  auto parsed = connect::parse_flow(read_file(file));
  auto problems = parsed.problems;
  if (parsed.flow) {
    auto more = connect::validate_flow(*parsed.flow);
    problems.insert(problems.end(), more.begin(), more.end());
  }
  if (!problems.empty()) {
    print_problems(file, problems);
    fail(file + ": not a valid flow; nothing was run", 1);
  }
  if (args.channel != "VOICE" && args.channel != "CHAT") fail("--channel must be VOICE or CHAT", 2);
  connect::SimulationOptions options;
  options.inputs = args.inputs;
  options.channel = args.channel;
  options.customer_address = args.caller;
  options.at = SystemClock().now();
  if (!args.at.empty()) {
    auto at = parse_iso8601(args.at);
    if (!at) fail("--at must be an ISO 8601 time such as 2026-03-02T10:00:00+09:00", 2);
    options.at = *at;
  }
  // The whole contact happens at that time: hours blocks, Lambda hours checks and the
  // stored messages agree.
  ManualClock clock(options.at);
  std::fprintf(stderr, "loading the bot from %s …\n", args.bot.c_str());
  bot::BotOptions bot_options;
  bot_options.dir = args.bot;
  bot_options.model_path = args.model;  // empty: trained in memory
  auto bot = bot::BotEngine::load(bot_options);
  if (!bot) fail("bot " + args.bot + ": " + bot.error().message, 2);
  // The contact's conversation lives in a temporary store, or with --store in the
  // service's own, where agents and supervisors see a queued contact.
  OsRandom random;
  IdGenerator ids(clock, random);
  options.contact_id = args.contact_id.empty() ? "simulated-" + ids.uuid() : args.contact_id;
  std::unique_ptr<convtest::LocalBot> local;
  std::unique_ptr<Store> store;
  std::unique_ptr<BotTurns> turns;
  std::unique_ptr<ChatService> chat;
  if (args.store.empty()) {
    auto opened = convtest::LocalBot::open(**bot, clock);
    if (!opened) fail(opened.error().message, 1);
    local = std::move(*opened);
  } else {
    StoreOptions so;
    so.url = args.store;
    so.pool_size = 2;
    auto opened = open_store(so);
    if (!opened) fail("--store: " + opened.error().message, 2);
    auto schema = (*opened)->schema_status();
    if (!schema) fail("--store: " + schema.error().message, 2);
    if (!schema->up_to_date()) fail("--store: the schema is not up to date; run aicc migrate", 2);
    store = std::move(*opened);
    turns = std::make_unique<BotTurns>(*store, **bot, clock, ids);
    chat = std::make_unique<ChatService>(*store, clock, ids, ChatEvents{}, turns.get());
  }
  Store& used_store = local ? local->store() : *store;
  ChatService& used_chat = local ? local->chat() : *chat;
  // Hours, queue status and transfers as the service has them: the store's queue
  // configuration (admins' changes included; a new store is seeded from the bot's
  // queues.json) and real escalations in the contact's store.
  auto desk = connect::assemble_escalation_desk(used_store, args.bot, clock, ids);
  if (!desk) fail(desk.error().message, 2);
  connect::ContactEngine engine(used_chat, (*desk)->contact_center, clock);
  const auto result = connect::simulate_flow(*parsed.flow, engine, options);

  std::printf("contact: %s\n", options.contact_id.c_str());
  std::printf("transcript:\n");
  for (const auto& line : result.transcript) {
    std::string text = line.text;
    for (std::size_t p = 0; (p = text.find('\n', p)) != std::string::npos; p += 14)
      text.replace(p, 1, "\n             ");
    std::printf("  %-10s %s\n", (line.speaker + ":").c_str(), text.c_str());
  }
  std::printf("path:\n");
  for (const auto& s : result.path)
    std::printf("  %s (%s) → %s\n", s.block.c_str(), s.type.c_str(), s.outcome.c_str());
  std::printf("attributes:\n");
  for (const auto& [k, v] : result.attributes) std::printf("  %s = %s\n", k.c_str(), v.c_str());
  if (result.end == "queued")
    std::printf("end: queued in %s\n", result.queue.c_str());
  else
    std::printf("end: %s%s\n", result.end.c_str(),
                result.error.empty() ? "" : (": " + result.error).c_str());
  if (result.unused_inputs > 0) std::printf("unused inputs: %zu\n", result.unused_inputs);
  std::fflush(stdout);
  if (result.end == "error") throw CLI::RuntimeError(1);
}

}  // namespace

void add_flow_command(CLI::App& app) {
  auto args = std::make_shared<FlowArgs>();
  CLI::App* flow = app.add_subcommand("flow", "Check and simulate Amazon Connect contact flows");
  flow->require_subcommand(1);
  CLI::App* validate_cmd = flow->add_subcommand(
      "validate", "Check flow-language files; every problem names its block (exit 1 if any)");
  validate_cmd->add_option("files", args->files, "flow JSON files")->required();
  validate_cmd->callback([args] { validate(*args); });
  CLI::App* run_cmd = flow->add_subcommand(
      "run", "Walk one contact through a flow: Lambda and Lex blocks answered by AICC");
  run_cmd->add_option("file", args->files, "flow JSON file")->required()->expected(1);
  run_cmd->add_option("--input", args->inputs,
                      "a customer input (DTMF digits or text), in order; repeat the option");
  run_cmd->add_option("--bot", args->bot, "bot data directory (default: bot)");
  run_cmd->add_option("--model", args->model,
                      "intent model cache file (as for aicc chat; default: train in memory)");
  run_cmd->add_option("--at", args->at,
                      "time of the contact, ISO 8601 (default: now), for hours checks");
  run_cmd->add_option("--channel", args->channel, "VOICE (default) or CHAT");
  run_cmd->add_option("--caller", args->caller,
                      "the caller's number (CustomerEndpoint.Address, default +821012345678)");
  run_cmd->add_option("--store", args->store,
                      "store URL (sqlite:PATH or postgres://…) to keep the contact's "
                      "conversation in, e.g. the service's own (default: a temporary store)");
  run_cmd->add_option("--contact-id", args->contact_id,
                      "the contact id (default: a new one); the same id continues its "
                      "conversation");
  run_cmd->callback([args] { run(*args); });
}

}  // namespace aicc::cli
