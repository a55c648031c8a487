// Intent model files: a corrupt, truncated or foreign file must be refused with an error,
// never read out of bounds or allocate without limit.
#include <cstddef>
#include <cstdint>

#include "fuzz/fuzz_input.h"
#include "nlu/intent/classifier.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto model = aicc::nlu::IntentClassifier::deserialize(aicc::fuzz::as_text(data, size), "fuzz");
  if (model) (void)model->predict("배송 언제 와요? where is my order", 3);
  return 0;
}
