// Stand-alone `nlu` driver for development and benchmarks: the same commands as `aicc nlu`,
// without linking the whole service. Built only on request (ninja aicc_nlu_tool).
#include <CLI/CLI.hpp>

#include "nlu/cli/nlu_cli.h"

int main(int argc, char** argv) {
  CLI::App app{"AICC NLU tool (the `aicc nlu` commands)", "aicc_nlu_tool"};
  app.require_subcommand(1);
  aicc::nlu::add_nlu_commands(app);
  CLI11_PARSE(app, argc, argv);
  return 0;
}
