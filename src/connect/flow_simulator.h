// `aicc flow run`: walks one contact through a validated flow without AWS. Customer input
// comes from a list (DTMF digits or text, in order); when the list runs out, a block that
// waits for input takes its timeout branch. Lambda blocks and Lex blocks are answered
// in-process by the ContactEngine (the code behind /api/v1/connect/lambda and
// /api/v1/lex/codehook); hours checks and queue transfers go to the ContactCenterPort.
#pragma once

#include <string>
#include <vector>

#include "connect/contact_engine.h"
#include "connect/flow.h"

namespace aicc::connect {

struct SimulationOptions {
  std::vector<std::string> inputs;  // customer inputs, consumed in order
  std::string contact_id = "simulated-contact";
  std::string channel = "VOICE";  // VOICE | CHAT
  std::string customer_address = "+821012345678";
  TimePoint at{};        // when the contact happens (hours checks)
  int max_blocks = 200;  // a flow that loops longer than this stops with an error
  int max_lex_turns = 10;
};

// One block the contact went through, and how it left it.
struct SimulatedStep {
  std::string block;
  std::string type;
  std::string outcome;  // "next", "condition Equals 1", "error InputTimeLimitExceeded", …
};

struct TranscriptLine {
  std::string speaker;  // flow | customer | bot | system
  std::string text;
};

struct SimulationResult {
  std::vector<SimulatedStep> path;
  std::vector<TranscriptLine> transcript;
  StringMap attributes;  // the contact attributes at the end
  std::string end;       // disconnected | queued | error
  std::string queue;     // for "queued"
  std::string error;     // for "error": what stopped the simulation
  std::size_t unused_inputs = 0;
};

// The flow must have passed validate_flow (the simulator trusts its shape).
SimulationResult simulate_flow(const Flow& flow, ContactEngine& engine,
                               const SimulationOptions& options);

}  // namespace aicc::connect
