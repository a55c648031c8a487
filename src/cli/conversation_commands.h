// `aicc test conversations` and `aicc chat`: the default bot without a server.
//
//   aicc test conversations DIR [--json] [--filter NAME] [--bot DIR]
//       runs the stories of DIR (convtest/story.h) against the real engine; exit status 0
//       only if all pass (1 if any fails, 2 if the stories or the bot cannot be loaded).
//   aicc chat [--bot DIR] [--model FILE] [--explain] [--language ko|en]
//       a terminal chat reading customer lines from stdin (interactive or piped); a number
//       sends that quick reply; /quit or end of input ends it.
//
// Errors go to stderr and end the program through CLI::RuntimeError with the exit code.
#pragma once

namespace CLI {
class App;
}

namespace aicc::cli {

void add_test_conversations_command(CLI::App& app);
void add_chat_command(CLI::App& app);
// `aicc flow validate|run` (flow_command.cc): Amazon Connect flows without AWS.
void add_flow_command(CLI::App& app);

}  // namespace aicc::cli
