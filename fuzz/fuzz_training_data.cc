// NLU training data in every format `aicc nlu train` reads (the first byte picks): CSV, TSV,
// JSONL, CLINC150 JSON, bot intent JSON and plain intent text. Malformed input must come back
// as an error naming the file, never a crash.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "fuzz/fuzz_input.h"
#include "nlu/intent/dataset.h"

namespace {
using aicc::nlu::Dataset;

void check(const aicc::Result<Dataset>& parsed) {
  if (parsed) {
    (void)parsed->labels();
    return;
  }
  // Every rejection names the file it came from.
  if (parsed.error().message.find("fuzz") == std::string::npos) __builtin_trap();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto [selector, text] = aicc::fuzz::split_selector(data, size);
  switch (selector % 6) {
    case 0:
      check(aicc::nlu::parse_delimited(text, ',', "fuzz.csv"));
      break;
    case 1:
      check(aicc::nlu::parse_delimited(text, '\t', "fuzz.tsv"));
      break;
    case 2:
      check(aicc::nlu::parse_jsonl(text, "fuzz.jsonl"));
      break;
    case 3:
      check(aicc::nlu::parse_clinc150(text, {"train", "oos_train"}, "fuzz.json"));
      break;
    case 4:
      check(aicc::nlu::parse_intent_json(text, "fuzz.json"));
      break;
    default:
      check(aicc::nlu::parse_intent_text(text, "fuzz_intent", "fuzz.txt"));
      break;
  }
  return 0;
}
