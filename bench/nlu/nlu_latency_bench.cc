// Intent classifier inference latency on one core, model size and training time.
//
//   nlu_latency_bench [--bot DIR | --data SPEC] [--model FILE] [--rounds N]
//
// Trains on the bot data (or SPEC), or loads FILE, then classifies every example of the data
// `rounds` times, timing each call; prints p50/p90/p99/mean in microseconds. The process is
// pinned to CPU 0 so the numbers are single-core. Also prints the model file size, the time
// to load it from a file, and the memory the loaded model takes: heap bytes in use before and
// after loading it (glibc mallinfo2; RSS would hide it in pages that training freed).
#include <malloc.h>
#include <sched.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "nlu/intent/classifier.h"

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

std::size_t heap_in_use() {
  const struct mallinfo2 m = mallinfo2();
  return m.uordblks + m.hblkhd;  // small-block bytes in use + mmap()ed large blocks
}

// A field of /proc/self/status in kB ("VmRSS", "VmHWM"); -1 if unavailable.
long proc_status_kb(const std::string& field) {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(field + ":", 0) == 0) return std::atol(line.c_str() + field.size() + 1);
  }
  return -1;
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
  // Load from a real file, as the service does at start.
  const auto path = std::filesystem::temp_directory_path() /
                    ("aicc-nlu-bench-" + std::to_string(::getpid()) + ".model");
  if (auto st = model->save(path); !st) {
    std::fprintf(stderr, "%s\n", st.error().message.c_str());
    return 1;
  }
  const auto file_bytes = std::filesystem::file_size(path);
  const std::size_t heap_before = heap_in_use();
  const auto l0 = Clock::now();
  auto reloaded = aicc::nlu::IntentClassifier::load(path);
  const double load_s = seconds_since(l0);
  const std::size_t heap_after = heap_in_use();
  std::filesystem::remove(path);
  if (!reloaded) {
    std::fprintf(stderr, "%s\n", reloaded.error().message.c_str());
    return 1;
  }

  std::vector<double> us;
  us.reserve(data->size() * static_cast<std::size_t>(rounds));
  double sink = 0;
  for (int r = 0; r < rounds; ++r) {
    for (const auto& e : data->examples) {
      const auto s = Clock::now();
      const auto p = reloaded->predict(e.text);
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
  std::printf("model: %u features, %llu weights, file %ju bytes, load from file %.1f ms\n",
              model->report().features, static_cast<unsigned long long>(model->report().weights),
              static_cast<std::uintmax_t>(file_bytes), load_s * 1000.0);
  std::printf("memory: loaded model %.0f kB of heap; process resident %ld kB, peak %ld kB\n",
              static_cast<double>(heap_after - heap_before) / 1024.0, proc_status_kb("VmRSS"),
              proc_status_kb("VmHWM"));
  std::printf(
      "predict latency over %zu calls, one core: p50 %.1f µs  p90 %.1f µs  p99 %.1f µs  "
      "mean %.1f µs\n",
      us.size(), pct(0.50), pct(0.90), pct(0.99), mean);
  return sink < 0 ? 1 : 0;
}
