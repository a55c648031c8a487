// The analysers that `aicc nlu predict` runs next to the intent classifier: the rule-based
// entity extractor (src/nlu/entities) and the lexicon sentiment analyser (src/nlu/sentiment),
// packaged as PredictHooks for add_nlu_commands.
//
//   auto hooks = aicc::nlu::standard_predict_hooks(std::make_shared<aicc::SystemClock>());
//   aicc::nlu::add_nlu_commands(app, *hooks);
#pragma once

#include <memory>

#include "core/clock.h"
#include "core/result.h"
#include "nlu/cli/nlu_cli.h"
#include "nlu/entities/entities.h"

namespace aicc::nlu {

// Entities come back as entities_to_json prints them (type, text, begin/end byte span,
// normalised value, sensitive = masked), sentiment as sentiment_to_json (label, score, anger,
// urgency, cues); the echoed message is masked with mask_sensitive. `clock` anchors relative
// dates (내일, next Monday); the hooks share it.
// Fails with kInvalidArgument when `options` are invalid (order-number pattern, timezone).
Result<PredictHooks> standard_predict_hooks(std::shared_ptr<const Clock> clock,
                                            EntityOptions options = {});

}  // namespace aicc::nlu
