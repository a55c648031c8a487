// Stand-alone `nlu` driver for development and benchmarks: the same commands as `aicc nlu`,
// without linking the whole service. Built only on request (ninja aicc_nlu_tool).
#include <cstdio>
#include <memory>

#include <CLI/CLI.hpp>

#include "nlu/cli/nlu_cli.h"
#include "nlu/cli/predict_hooks.h"

int main(int argc, char** argv) {
  CLI::App app{"AICC NLU tool (the `aicc nlu` commands)", "aicc_nlu_tool"};
  app.require_subcommand(1);
  auto hooks = aicc::nlu::standard_predict_hooks(std::make_shared<aicc::SystemClock>());
  if (!hooks) {
    std::fprintf(stderr, "aicc_nlu_tool: %s\n", hooks.error().message.c_str());
    return 2;
  }
  aicc::nlu::add_nlu_commands(app, std::move(*hooks));
  CLI11_PARSE(app, argc, argv);
  return 0;
}
