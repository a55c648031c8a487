// Helpers shared by the NLU intent tests: temporary directories and small data sets.
#pragma once

#include <unistd.h>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <string_view>

#include "nlu/intent/dataset.h"

namespace aicc::nlu::testing {

// A fresh directory under the system temp dir, removed with the object.
class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    path_ = std::filesystem::temp_directory_path() /
            ("aicc-nlu-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path write(const std::string& name, std::string_view content) const {
    const auto p = path_ / name;
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << content;
    return p;
  }

 private:
  std::filesystem::path path_;
};

// Three intents in Korean and English plus out-of-scope examples; small enough to train in
// milliseconds, clear enough that a working classifier gets it right.
inline Dataset tiny_dataset() {
  Dataset d;
  auto add = [&d](const char* label, std::initializer_list<const char*> texts) {
    for (const char* t : texts) d.examples.push_back({t, label});
  };
  add("greeting", {"안녕하세요", "안녕", "반갑습니다", "좋은 아침이에요", "hello", "hi there",
                   "hey", "good morning", "안녕하세요 반가워요", "하이"});
  add("order_status",
      {"주문 조회해 주세요", "배송 언제 와요", "택배 어디쯤 왔나요", "주문한 상품 배송 상태",
       "where is my order", "track my package", "배송 조회", "주문 배송 언제 도착해요",
       "my order has not arrived", "송장번호 알려주세요"});
  add("cancel_request", {"주문 취소해 주세요", "환불 받고 싶어요", "취소할게요",
                         "결제 취소 부탁드립니다", "cancel my order", "I want a refund",
                         "반품 신청", "예약 취소해 주세요", "please cancel it", "환불 요청합니다"});
  add("out_of_scope",
      {"오늘 날씨 어때", "농담 해줘", "what is the capital of france", "노래 불러줘",
       "tell me a joke", "주식 뭐 살까", "점심 뭐 먹지", "how tall is everest"});
  return d;
}

inline std::filesystem::path bot_intents_dir() {
  return std::filesystem::path(AICC_SOURCE_DIR) / "bot" / "intents";
}

}  // namespace aicc::nlu::testing
