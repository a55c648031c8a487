// `aicc user add|list|passwd|disable`: the people who log in, managed from the shell.
// This is how the first admin comes to exist: there is no default user or password.
#include <termios.h>
#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <string>

#include "api/people_json.h"
#include "app/app.h"
#include "auth/accounts.h"
#include "core/clock.h"
#include "core/ids.h"
#include "core/random.h"
#include "service/audit_log.h"

namespace aicc {
namespace {

// One line from stdin without its line ending; nullopt at end of input.
std::optional<std::string> read_line() {
  std::string line;
  if (!std::getline(std::cin, line)) return std::nullopt;
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

// Prompts on the terminal with echo off, so the password is neither shown nor left in
// the scrollback.
std::optional<std::string> prompt_hidden(const char* prompt) {
  std::fputs(prompt, stderr);
  std::fflush(stderr);
  termios old_mode{};
  const bool restore = tcgetattr(STDIN_FILENO, &old_mode) == 0;
  if (restore) {
    termios silent = old_mode;
    silent.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent);
  }
  auto line = read_line();
  if (restore) tcsetattr(STDIN_FILENO, TCSAFLUSH, &old_mode);
  std::fputs("\n", stderr);
  return line;
}

// The new password: typed twice on a terminal, else one line of stdin.
Result<std::string> read_new_password(bool force_stdin) {
  if (force_stdin || !isatty(STDIN_FILENO)) {
    auto line = read_line();
    if (!line) return make_error(ErrorCode::kInvalidArgument, "no password on stdin");
    return *line;
  }
  auto first = prompt_hidden("New password (at least 10 characters): ");
  auto second = prompt_hidden("Repeat the password: ");
  if (!first || !second) return make_error(ErrorCode::kInvalidArgument, "no password entered");
  if (*first != *second) return make_error(ErrorCode::kInvalidArgument, "the passwords differ");
  return *first;
}

int fail(const std::string& what) {
  std::fprintf(stderr, "aicc user: %s\n", what.c_str());
  return 1;
}

int list_users(Store& store) {
  auto users = store.list_users();
  if (!users) return fail(users.error().message);
  std::printf("%-24s %-10s %-8s %s\n", "USERNAME", "ROLE", "ACTIVE", "NAME");
  for (const auto& u : *users)
    std::printf("%-24s %-10s %-8s %s\n", u.username.c_str(), to_string(u.role).data(),
                u.active ? "yes" : "no", u.display_name.c_str());
  return 0;
}

}  // namespace

int user_command(const Config& config, const UserCommand& cmd) {
  auto store = open_ready_store(config, config.store.migrate_on_start);
  if (!store) return fail("store " + config.store.url + ": " + store.error().message);
  if (cmd.action == "list") return list_users(**store);

  SystemClock clock;
  OsRandom random;
  IdGenerator ids(clock, random);
  Accounts accounts(**store, clock, ids);
  AuditLog audit(**store, clock, ids);
  const AuditActor cli{.user_id = "", .username = "cli", .request_id = "", .client_address = ""};
  const auto user_json = [](const User& u) { return boost::json::serialize(api::to_json(u)); };
  if (cmd.action == "add") {
    auto role = parse_role(cmd.role);
    if (!role) return fail("--role must be admin, supervisor or agent");
    NewAccount account;
    account.username = cmd.username;
    account.display_name = cmd.display_name;
    account.role = *role;
    // Refuse a bad username before asking for a password.
    if (auto st = validate_username(cmd.username); !st) return fail(st.error().message);
    auto password = read_new_password(cmd.password_stdin);
    if (!password) return fail(password.error().message);
    account.password = std::move(*password);
    auto user = accounts.create(account);
    if (!user) return fail(user.error().message);
    audit.record(cli, "user.create", "user", user->id, "null", user_json(*user));
    std::printf("created %s %s (id %s)\n", to_string(user->role).data(), user->username.c_str(),
                user->id.c_str());
    return 0;
  }
  if (cmd.action == "passwd") {
    if (auto exists = (*store)->find_user_by_username(cmd.username); !exists)
      return fail(exists.error().message);
    auto password = read_new_password(cmd.password_stdin);
    if (!password) return fail(password.error().message);
    auto user = accounts.set_password(cmd.username, *password);
    if (!user) return fail(user.error().message);
    audit.record(cli, "user.password", "user", user->id, user_json(*user), user_json(*user));
    std::printf("password of %s changed; its sessions have ended\n", user->username.c_str());
    return 0;
  }
  if (cmd.action == "disable") {
    auto before = (*store)->find_user_by_username(cmd.username);
    auto user = accounts.disable(cmd.username);
    if (!user) return fail(user.error().message);
    audit.record(cli, "user.disable", "user", user->id, before ? user_json(*before) : "null",
                 user_json(*user));
    std::printf("%s is disabled; its sessions have ended\n", user->username.c_str());
    return 0;
  }
  return fail("unknown action " + cmd.action);
}

}  // namespace aicc
