// Amazon Connect flow files (`aicc flow validate`): any bytes must come back as a list of
// problems or a flow, never a crash, a hang or undefined behaviour.
#include <cstddef>
#include <cstdint>

#include "connect/flow.h"
#include "fuzz/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto text = aicc::fuzz::as_text(data, size);
  const auto parsed = aicc::connect::parse_flow(text);
  if (parsed.flow) (void)aicc::connect::validate_flow(*parsed.flow);
  (void)aicc::connect::check_flow_text(text);
  return 0;
}
