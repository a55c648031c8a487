// Composition root: builds the object graph of a running service from a validated
// Config (store, services, router, pipeline, server) and runs it. The CLI calls these.
#pragma once

#include <memory>
#include <string>

#include "core/result.h"
#include "platform/config.h"
#include "store/store.h"

namespace aicc {

// `aicc serve`: opens the store, applies migrations (unless disabled), serves until
// SIGTERM/SIGINT, then drains. Returns the process exit code.
int serve(const Config& config);

// `aicc migrate`: applies pending migrations (or, with status_only, reports them).
int migrate(const Config& config, bool status_only);

// Opens the configured store; migrates it when `migrate_now`, else refuses a schema
// that is not up to date (kFailedPrecondition naming `aicc migrate`).
Result<std::unique_ptr<Store>> open_ready_store(const Config& config, bool migrate_now);

// `aicc user …`: managing the people who log in (see user_cli.cc).
struct UserCommand {
  std::string action;  // add | list | passwd | disable
  std::string username;
  std::string role = "agent";   // add
  std::string display_name;     // add
  bool password_stdin = false;  // read one line from stdin even on a terminal
};
int user_command(const Config& config, const UserCommand& command);

// `aicc report`: the analytics report of a range as JSON or CSV on stdout.
struct ReportCommand {
  std::string from, to;  // days (Asia/Seoul) or RFC 3339; both empty: today
  std::string group_by = "day";
  std::string format = "json";
  std::string channel, queue, agent, intent;
};
int report_command(const Config& config, const ReportCommand& command);
// `aicc retention purge [--dry-run]`: the retention purge of retention.closed_conversation_days.
int retention_command(const Config& config, bool dry_run);
// `aicc export conversations`: JSON Lines on stdout, masked unless --raw (audited).
struct ExportCommand {
  std::string from, to;
  bool raw = false;
};
int export_command(const Config& config, const ExportCommand& command);

inline constexpr const char* kVersion = "0.1.0";

}  // namespace aicc
