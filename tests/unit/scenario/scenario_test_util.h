// Helpers for the scenario tests: Seoul wall-clock instants, small definitions built in code,
// and a temporary directory for scenario files.
#pragma once

#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include <gtest/gtest.h>

#include "core/clock.h"
#include "scenario/definition.h"
#include "scenario/engine.h"

namespace aicc::scenario::testing {

// The UTC instant at which Seoul (UTC+9) shows y-m-d hh:00.
inline TimePoint seoul_time(int y, int m, int d, int hh = 10) {
  using namespace std::chrono;
  const sys_days date{year{y} / month{static_cast<unsigned>(m)} / day{static_cast<unsigned>(d)}};
  return time_point_cast<Micros>(date + hours{hh} - hours{9});
}

inline Step make_step(std::string id, InputType type, std::string prompt_ko = "질문") {
  Step s;
  s.id = std::move(id);
  s.slot = s.id;
  s.type = type;
  s.prompt.ko = std::move(prompt_ko);
  return s;
}

inline ChoiceOption option(std::string value, std::string ko, std::string en,
                           std::vector<std::string> synonyms_ko = {},
                           std::vector<std::string> synonyms_en = {}) {
  ChoiceOption o;
  o.value = std::move(value);
  o.label = {std::move(ko), std::move(en)};
  o.synonyms = {std::move(synonyms_ko), std::move(synonyms_en)};
  return o;
}

inline Scenario make_scenario(std::string id, std::vector<Step> steps) {
  Scenario s;
  s.id = std::move(id);
  s.name = {"테스트", "Test"};
  s.steps = std::move(steps);
  s.completion_message = {"완료되었습니다.", "Done."};
  s.escalation_message = {"상담원에게 연결해드리겠습니다.", "Connecting you to an agent."};
  s.cancel_message = {"취소했습니다.", "Cancelled."};
  return s;
}

inline ScenarioEngine make_engine(std::vector<Scenario> scenarios) {
  auto engine = ScenarioEngine::create(std::move(scenarios), nlu::EntityExtractor());
  if (!engine) throw std::runtime_error(engine.error().message);
  return std::move(*engine);
}

// A fresh directory under the system temp dir, removed with the object.
class TempDir {
 public:
  TempDir() {
    std::random_device rd;
    path_ = std::filesystem::temp_directory_path() /
            ("aicc-scenario-test-" + std::to_string(rd()) + std::to_string(rd()));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  std::string write(const std::string& name, const std::string& text) const {
    const auto file = path_ / name;
    std::ofstream(file, std::ios::binary) << text;
    return file.string();
  }
  std::string path() const { return path_.string(); }

 private:
  std::filesystem::path path_;
};

}  // namespace aicc::scenario::testing
