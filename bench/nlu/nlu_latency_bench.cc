// Intent classifier inference latency on one core, model size and training time.
//
//   nlu_latency_bench [--bot DIR | --data SPEC] [--model FILE] [--rounds N]
//
// Trains on the bot data (or SPEC), or loads FILE, then classifies every example of the data
// `rounds` times, timing each call; prints p50/p90/p99/mean in microseconds. The process is
// pinned to CPU 0 so the numbers are single-core.
#include <sched.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "nlu/intent/classifier.h"

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

}  // namespace

int main(int argc, char** argv) {
  std::string data_spec = std::string(AICC_SOURCE_DIR) + "/bot/intents";
  std::string model_file;
  int rounds = 20;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--bot" || flag == "--data") {
      data_spec = argv[i + 1];
    } else if (flag == "--model") {
      model_file = argv[i + 1];
    } else if (flag == "--rounds") {
      rounds = std::max(1, std::atoi(argv[i + 1]));
    } else {
      std::fprintf(stderr, "unknown flag %s\n", flag.c_str());
      return 2;
    }
  }
  cpu_set_t one;
  CPU_ZERO(&one);
  CPU_SET(0, &one);
  sched_setaffinity(0, sizeof(one), &one);

  auto data = aicc::nlu::load_dataset(data_spec);
  if (!data) {
    std::fprintf(stderr, "%s\n", data.error().message.c_str());
    return 1;
  }
  const auto t0 = Clock::now();
  auto model = model_file.empty() ? aicc::nlu::IntentClassifier::train(*data, {})
                                  : aicc::nlu::IntentClassifier::load(model_file);
  if (!model) {
    std::fprintf(stderr, "%s\n", model.error().message.c_str());
    return 1;
  }
  const double setup = seconds_since(t0);
  const auto l0 = Clock::now();
  auto reloaded = aicc::nlu::IntentClassifier::deserialize(model->serialize(), "memory");
  const double load_s = seconds_since(l0);
  if (!reloaded) return 1;

  std::vector<double> us;
  us.reserve(data->size() * static_cast<std::size_t>(rounds));
  double sink = 0;
  for (int r = 0; r < rounds; ++r) {
    for (const auto& e : data->examples) {
      const auto s = Clock::now();
      const auto p = model->predict(e.text);
      us.push_back(std::chrono::duration<double, std::micro>(Clock::now() - s).count());
      sink += p.confidence;
    }
  }
  std::sort(us.begin(), us.end());
  auto pct = [&us](double q) { return us[static_cast<std::size_t>(q * (us.size() - 1))]; };
  double mean = 0;
  for (const double v : us) mean += v;
  mean /= static_cast<double>(us.size());

  std::printf("data: %s (%zu messages, %zu labels)\n", data_spec.c_str(), data->size(),
              model->labels().size());
  std::printf("%s: %.3f s\n",
              model_file.empty() ? "training (incl. 5-fold calibration)" : "loading", setup);
  std::printf("model: %u features, %llu weights, %zu bytes serialized, deserialize %.3f s\n",
              model->report().features, static_cast<unsigned long long>(model->report().weights),
              model->serialize().size(), load_s);
  std::printf(
      "predict latency over %zu calls, one core: p50 %.1f µs  p90 %.1f µs  p99 %.1f µs  "
      "mean %.1f µs\n",
      us.size(), pct(0.50), pct(0.90), pct(0.99), mean);
  return sink < 0 ? 1 : 0;
}
