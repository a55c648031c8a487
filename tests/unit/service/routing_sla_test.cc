// The SLA watch of the router on a real SQLite store with a manual clock: an escalation
// still waiting past its priority's target is told once (not on every pass), and one
// that is taken in time never is.
#include <filesystem>
#include <random>

#include <gtest/gtest.h>

#include "service/chat_service.h"
#include "service/escalation_service.h"
#include "service/routing_service.h"
#include "store/sqlite/sqlite_store.h"

namespace aicc {
namespace {

using std::chrono::hours;
using std::chrono::minutes;

class RoutingSla : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("aicc-sla-" + std::to_string(std::random_device{}()));
    std::filesystem::create_directories(dir_);
    auto store = open_sqlite_store((dir_ / "aicc.db").string(), 2);
    ASSERT_TRUE(store) << store.error().message;
    store_ = std::move(*store);
    ASSERT_TRUE(store_->migrate());
    auto queues =
        routing::QueueSet::load(std::filesystem::path(AICC_SOURCE_DIR) / "bot" / "queues.json");
    ASSERT_TRUE(queues) << queues.error().message;
    queues_ = std::make_unique<routing::LiveQueueSet>(std::move(*queues));
    chat_ = std::make_unique<ChatService>(*store_, clock_, ids_);
    escalations_ = std::make_unique<EscalationService>(*store_, *queues_, clock_, ids_);
    routing_ = std::make_unique<RoutingService>(*store_, *queues_, clock_, ids_);
    routing_->on_sla_breach = [this](const Escalation& e, int sla) {
      told_.push_back({e.id, sla});
    };
  }
  void TearDown() override {
    routing_.reset();
    escalations_.reset();
    chat_.reset();
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  std::string escalate(const std::string& reason) {
    OpenConversation open;
    open.channel = "web";
    open.language = "ko";
    auto opened = chat_->open(open);
    EXPECT_TRUE(opened) << opened.error().message;
    auto view = escalations_->escalate(opened->conversation.id, reason, "");
    EXPECT_TRUE(view) << view.error().message;
    return view->escalation.id;
  }

  std::filesystem::path dir_;
  // Tuesday 3 March 2026, 10:00 in Seoul: the queues are open.
  ManualClock clock_{TimePoint(std::chrono::sys_days(std::chrono::year(2026) / 3 / 3) + hours(1))};
  SeededRandom random_{11};
  IdGenerator ids_{clock_, random_};
  std::unique_ptr<Store> store_;
  std::unique_ptr<routing::LiveQueueSet> queues_;
  std::unique_ptr<ChatService> chat_;
  std::unique_ptr<EscalationService> escalations_;
  std::unique_ptr<RoutingService> routing_;
  std::vector<std::pair<std::string, int>> told_;
};

TEST_F(RoutingSla, AWaitPastTheTargetIsToldOnce) {
  const std::string id = escalate("complaint");
  const auto e = store_->get_escalation(id);
  ASSERT_TRUE(e);
  const auto* queue = queues_->current()->find(e->queue_id);
  ASSERT_NE(queue, nullptr);
  const int sla = queue->sla_for(static_cast<dialogue::Priority>(e->priority_rank));
  ASSERT_TRUE(routing_->route_once());
  EXPECT_TRUE(told_.empty()) << "within its target";
  clock_.set(clock_.now() + std::chrono::seconds(sla + 1));
  ASSERT_TRUE(routing_->route_once());
  ASSERT_EQ(told_.size(), 1u);
  EXPECT_EQ(told_[0].first, id);
  EXPECT_EQ(told_[0].second, sla);
  clock_.set(clock_.now() + minutes(5));
  ASSERT_TRUE(routing_->route_once());
  EXPECT_EQ(told_.size(), 1u) << "not again on the next pass";
}

TEST_F(RoutingSla, AnEscalationNoLongerWaitingIsNotTold) {
  const std::string id = escalate("complaint");
  ASSERT_TRUE(escalations_->cancel(store_->get_escalation(id)->conversation_id));
  clock_.set(clock_.now() + hours(2));
  ASSERT_TRUE(routing_->route_once());
  EXPECT_TRUE(told_.empty());
}

}  // namespace
}  // namespace aicc
