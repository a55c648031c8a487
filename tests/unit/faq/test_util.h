// Helpers shared by the FAQ tests: the shipped bot data, small entries, temporary directories.
#pragma once

#include <unistd.h>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include "faq/faq_entry.h"

namespace aicc::faq::testing {

inline std::filesystem::path bot_faq_dir() {
  return std::filesystem::path(AICC_SOURCE_DIR) / "bot" / "faq";
}

inline FaqEntry make_entry(std::string id, std::string question, std::string answer,
                           Language language = Language::kKorean, std::string category = "일반") {
  FaqEntry e;
  e.id = std::move(id);
  e.question = std::move(question);
  e.answer = std::move(answer);
  e.language = language;
  e.category = std::move(category);
  return e;
}

// A fresh directory under the system temp dir, removed with the object.
class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    path_ = std::filesystem::temp_directory_path() /
            ("aicc-faq-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  void write(const std::string& name, std::string_view content) const {
    std::ofstream(path_ / name, std::ios::binary) << content;
  }

 private:
  std::filesystem::path path_;
};

}  // namespace aicc::faq::testing
