#include "nlu/intent/loader.h"

namespace aicc::nlu {

Result<IntentClassifier> load_or_train(const std::filesystem::path& model_path,
                                       const std::filesystem::path& bot_dir,
                                       const LoadOrTrainOptions& options) {
  auto log = [&](const std::string& line) {
    if (options.log) options.log(line);
  };
  auto data = load_dataset(bot_dir.string());
  if (!data) return tl::unexpected(data.error());
  data->append(options.extra);

  std::string reason = "no model file given";
  if (!model_path.empty()) {
    auto loaded = IntentClassifier::load(model_path);
    const bool same_data = loaded && loaded->report().data_fingerprint == fingerprint(*data);
    if (same_data && loaded->model_kind() == options.train.model) {
      log("intent model loaded from " + model_path.string());
      return loaded;
    }
    reason = !loaded     ? loaded.error().message
             : same_data ? "it is a different kind of model (linear vs. mlp)"
                         : "the bot data changed since it was trained";
  }
  auto trained = IntentClassifier::train(*data, options.train);
  if (!trained) return trained;
  log("intent model trained from " + bot_dir.string() + " (" + reason + ")");
  if (!model_path.empty() && options.write_model) {
    if (auto st = trained->save(model_path); !st) {
      log("intent model not saved: " + st.error().message);
    }
  }
  return trained;
}

}  // namespace aicc::nlu
