// The `aicc` command line. Thin: parses arguments, loads the configuration, and calls
// into app/ (serve, migrate, user) or the NLU tools.
#include <cstdio>
#include <map>
#include <memory>
#include <string>
#include <utility>

#include <CLI/CLI.hpp>

#include "app/app.h"
#include "cli/conversation_commands.h"
#include "platform/config.h"
#ifdef AICC_HAVE_NLU_CLI
#include "core/clock.h"
#include "nlu/cli/nlu_cli.h"
#include "nlu/cli/predict_hooks.h"
#endif

namespace {

struct ConfigFlags {
  std::string config_file;
  std::string host;
  int port = -1;
  std::string store;

  void add_to(CLI::App* cmd, bool server_flags) {
    cmd->add_option("-c,--config", config_file, "TOML configuration file (or AICC_CONFIG)");
    cmd->add_option("--store", store, "store URL: sqlite:PATH or postgres://… (or AICC_STORE)");
    if (server_flags) {
      cmd->add_option("--host", host, "address to listen on (or AICC_HOST)");
      cmd->add_option("-p,--port", port, "TCP port, 0 for any free port (or AICC_PORT)");
    }
  }

  // Loads and validates the configuration; prints the problem and returns false on error.
  bool load(aicc::Config& out) const {
    aicc::ConfigSources src;
    if (!config_file.empty()) src.file = config_file;
    src.environ = aicc::process_environment();
    if (!host.empty()) src.overrides["server.host"] = host;
    if (port >= 0) src.overrides["server.port"] = std::to_string(port);
    if (!store.empty()) src.overrides["store.url"] = store;
    auto cfg = aicc::load_config(src);
    if (!cfg) {
      std::fprintf(stderr, "aicc: %s\n", cfg.error().message.c_str());
      return false;
    }
    out = *cfg;
    return true;
  }
};

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"AICC — self-hosted AI contact-center engine", "aicc"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("aicc ") + aicc::kVersion);

  ConfigFlags serve_flags;
  auto* serve = app.add_subcommand("serve", "Run the service: API, web apps and docs on one port");
  serve_flags.add_to(serve, true);

  ConfigFlags migrate_flags;
  bool status_only = false;
  auto* migrate = app.add_subcommand("migrate", "Apply pending database migrations");
  migrate_flags.add_to(migrate, false);
  migrate->add_flag("--status", status_only, "only report the schema version (exit 3 if behind)");

  ConfigFlags config_flags;
  auto* config = app.add_subcommand("config", "Check the configuration and list every setting");
  config_flags.add_to(config, true);

  aicc::cli::add_test_conversations_command(app);
  aicc::cli::add_chat_command(app);
  aicc::cli::add_flow_command(app);
  ConfigFlags user_flags;
  aicc::UserCommand user_cmd;
  auto* user = app.add_subcommand("user", "Manage the people who log in (agents, admins)");
  user_flags.add_to(user, false);
  user->require_subcommand(1);
  auto* user_add = user->add_subcommand("add", "Create a user (the first admin, too)");
  user_add->add_option("username", user_cmd.username, "login name")->required();
  user_add->add_option("--role", user_cmd.role, "admin | supervisor | agent")
      ->required()
      ->check(CLI::IsMember({"admin", "supervisor", "agent"}));
  user_add->add_option("--name", user_cmd.display_name, "display name");
  user_add->add_flag("--password-stdin", user_cmd.password_stdin,
                     "read the password as one line from stdin (no prompt)");
  auto* user_list = user->add_subcommand("list", "List users");
  auto* user_passwd = user->add_subcommand("passwd", "Set a user's password (ends its sessions)");
  user_passwd->add_option("username", user_cmd.username, "login name")->required();
  user_passwd->add_flag("--password-stdin", user_cmd.password_stdin,
                        "read the password as one line from stdin (no prompt)");
  auto* user_disable = user->add_subcommand("disable", "Disable a user (ends its sessions)");
  user_disable->add_option("username", user_cmd.username, "login name")->required();
  // Options of `aicc user` also work after the action: `aicc user add x --store …`.
  for (auto* sub : {user_add, user_list, user_passwd, user_disable}) sub->fallthrough();

  ConfigFlags report_flags;
  aicc::ReportCommand report_cmd;
  auto* report = app.add_subcommand("report", "Print the analytics report of a range");
  report_flags.add_to(report, false);
  report->add_option("--from", report_cmd.from, "first day (YYYY-MM-DD, Asia/Seoul) or RFC 3339");
  report->add_option("--to", report_cmd.to, "last day (inclusive) or RFC 3339 (exclusive)");
  report->add_option("--group-by", report_cmd.group_by,
                     "day | hour | queue | agent | intent | channel (default day)");
  report->add_option("--format", report_cmd.format, "json | csv (default json)");
  report->add_option("--channel", report_cmd.channel, "only this channel");
  report->add_option("--queue", report_cmd.queue, "only this queue");
  report->add_option("--agent", report_cmd.agent, "only this agent (user id)");
  report->add_option("--intent", report_cmd.intent, "only this intent");

  ConfigFlags retention_flags;
  bool purge_dry_run = false;
  auto* retention = app.add_subcommand("retention", "Data retention");
  retention_flags.add_to(retention, false);
  retention->require_subcommand(1);
  auto* purge = retention->add_subcommand(
      "purge", "Delete closed conversations older than retention.closed_conversation_days");
  purge->add_flag("--dry-run", purge_dry_run, "only count what would be deleted");
  purge->fallthrough();

  ConfigFlags export_flags;
  aicc::ExportCommand export_cmd;
  auto* export_group = app.add_subcommand("export", "Export data");
  export_flags.add_to(export_group, false);
  export_group->require_subcommand(1);
  auto* export_conv = export_group->add_subcommand(
      "conversations", "Conversations of a range as JSON Lines, personal data masked");
  export_conv->add_option("--from", export_cmd.from, "first day (YYYY-MM-DD) or RFC 3339");
  export_conv->add_option("--to", export_cmd.to, "last day (inclusive) or RFC 3339");
  export_conv->add_flag("--raw", export_cmd.raw, "personal data in clear (audited)");
  export_conv->fallthrough();

#ifdef AICC_HAVE_NLU_CLI
  // `nlu predict` prints entities and sentiment next to the intent; dates resolve against
  // the wall clock.
  auto nlu_hooks = aicc::nlu::standard_predict_hooks(std::make_shared<aicc::SystemClock>());
  if (!nlu_hooks) {
    std::fprintf(stderr, "aicc: %s\n", nlu_hooks.error().message.c_str());
    return 2;
  }
  aicc::nlu::add_nlu_commands(app, std::move(*nlu_hooks));
#endif

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }

  aicc::Config cfg;
  if (serve->parsed()) {
    if (!serve_flags.load(cfg)) return 2;
    return aicc::serve(cfg);
  }
  if (migrate->parsed()) {
    if (!migrate_flags.load(cfg)) return 2;
    return aicc::migrate(cfg, status_only);
  }
  if (user->parsed()) {
    if (!user_flags.load(cfg)) return 2;
    for (auto* sub : {user_add, user_list, user_passwd, user_disable})
      if (sub->parsed()) user_cmd.action = sub->get_name();
    return aicc::user_command(cfg, user_cmd);
  }
  if (report->parsed()) {
    if (!report_flags.load(cfg)) return 2;
    return aicc::report_command(cfg, report_cmd);
  }
  if (retention->parsed()) {
    if (!retention_flags.load(cfg)) return 2;
    return aicc::retention_command(cfg, purge_dry_run);
  }
  if (export_group->parsed()) {
    if (!export_flags.load(cfg)) return 2;
    return aicc::export_command(cfg, export_cmd);
  }
  if (config->parsed()) {
    if (!config_flags.load(cfg)) return 2;
    std::printf("configuration is valid\n\nsettings (key, environment variables, meaning):\n%s",
                aicc::describe_settings().c_str());
    return 0;
  }
  return 0;
}
