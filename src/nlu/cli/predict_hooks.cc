#include "nlu/cli/predict_hooks.h"

#include <string>
#include <utility>

#include "nlu/sentiment/sentiment.h"

namespace aicc::nlu {

Result<PredictHooks> standard_predict_hooks(std::shared_ptr<const Clock> clock,
                                            EntityOptions options) {
  if (!clock) return make_error(ErrorCode::kInvalidArgument, "predict hooks need a clock");
  auto extractor = EntityExtractor::create(std::move(options));
  if (!extractor) return tl::unexpected(extractor.error());
  // The extractor is immutable and cheap to copy (it shares its compiled state).
  PredictHooks hooks;
  hooks.entities = [ex = *extractor, clock](std::string_view text, std::string_view) {
    return entities_to_json(ex.extract(text, clock->now()));
  };
  hooks.mask = [ex = std::move(*extractor), clock](std::string_view text) {
    return mask_sensitive(text, ex.extract(text, clock->now()));
  };
  // The lexicon handles Korean and English in one pass, so the language is not needed.
  hooks.sentiment = [](std::string_view text, std::string_view) {
    return sentiment_to_json(analyze_sentiment(text));
  };
  return hooks;
}

}  // namespace aicc::nlu
