// A contact engine on a real SQLite store in a temporary directory, without a bot (so
// chat turns get no replies), and a ContactCenterPort whose answers the test sets.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "connect/contact_engine.h"
#include "core/clock.h"
#include "core/ids.h"
#include "core/random.h"
#include "service/chat_service.h"
#include "store/sqlite/sqlite_store.h"

namespace aicc::connect {

class TestCenter final : public ContactCenterPort {
 public:
  bool open = true;
  bool capacity = true;
  int available = 1;
  std::optional<int> wait_s;
  std::vector<TransferRequest> transfers;

  Result<HoursCheck> is_open(std::string_view, TimePoint) override {
    return HoursCheck{open, "test hours"};
  }
  Result<QueueStatus> queue_status(std::string_view) override {
    return QueueStatus{available, std::nullopt, wait_s};
  }
  Result<TransferOutcome> transfer(const TransferRequest& r) override {
    transfers.push_back(r);
    return TransferOutcome{capacity, r.queue};
  }
};

class ContactTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("aicc-connect-" + std::to_string(std::random_device{}()));
    std::filesystem::create_directories(dir_);
    auto store = open_sqlite_store((dir_ / "aicc.db").string(), 2);
    ASSERT_TRUE(store) << store.error().message;
    store_ = std::move(*store);
    ASSERT_TRUE(store_->migrate());
    chat_ = std::make_unique<ChatService>(*store_, clock_, ids_);
    engine_ = std::make_unique<ContactEngine>(*chat_, center_, clock_);
  }
  void TearDown() override {
    engine_.reset();
    chat_.reset();
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  std::filesystem::path dir_;
  ManualClock clock_{TimePoint(std::chrono::seconds(1767225600))};  // 2026-01-01T00:00Z
  SeededRandom random_{7};
  IdGenerator ids_{clock_, random_};
  std::unique_ptr<Store> store_;
  std::unique_ptr<ChatService> chat_;
  TestCenter center_;
  std::unique_ptr<ContactEngine> engine_;
};

}  // namespace aicc::connect
