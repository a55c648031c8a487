#include "routing/scoring.h"

#include <gtest/gtest.h>

namespace aicc::routing {
namespace {

AgentCandidate agent(std::string id, int level, int active) {
  AgentCandidate a;
  a.user_id = std::move(id);
  a.skills = {{"billing", level}};
  a.languages = {"ko"};
  a.capacity = 3;
  a.active = active;
  a.performance = 0.5;
  return a;
}

TEST(Score, AddsTheFourParts) {
  ContactNeeds needs{{"billing"}, "ko", false};
  // skill 5/5 → 40, spare 3/3 → 30, performance 0.5 → 10, language → 10.
  EXPECT_DOUBLE_EQ(score(agent("a", 5, 0), needs), 90.0);
  // skill 1/5 → 8, spare 1/3 → 10, performance → 10, language → 10.
  EXPECT_DOUBLE_EQ(score(agent("a", 1, 2), needs), 38.0);
}

TEST(Performance, IsHalfUntilEnoughContactsAreRated) {
  EXPECT_DOUBLE_EQ(performance({}), 0.5);
  EXPECT_DOUBLE_EQ(performance({.rated = 4, .average_csat = 5.0}), 0.5);
  // Rated 5/5 on average, speed unmeasured: 0.75 × 1 + 0.25 × 0.5.
  EXPECT_DOUBLE_EQ(performance({.rated = 5, .average_csat = 5.0}), 0.875);
  // CSAT 1: 0 from satisfaction.
  EXPECT_DOUBLE_EQ(performance({.rated = 9, .average_csat = 1.0}), 0.125);
}

TEST(Performance, ComparesHandleTimeWithTheQueue) {
  MeasuredPerformance m{
      .rated = 5, .average_csat = 3.0, .average_handle_s = 300, .queue_average_handle_s = 300};
  EXPECT_DOUBLE_EQ(performance(m), 0.75 * 0.5 + 0.25 * 0.5);  // as fast as the queue
  m.average_handle_s = 200;                                   // 1.5× as fast
  EXPECT_DOUBLE_EQ(performance(m), 0.75 * 0.5 + 0.25 * 1.0);
  m.average_handle_s = 600;  // half as fast
  EXPECT_DOUBLE_EQ(performance(m), 0.75 * 0.5 + 0.25 * 0.0);
  m.average_handle_s = 6000;  // clamped
  EXPECT_DOUBLE_EQ(performance(m), 0.75 * 0.5);
  m.average_handle_s = 240;  // 1.25× as fast
  EXPECT_DOUBLE_EQ(performance(m), 0.75 * 0.5 + 0.25 * 0.75);
}

TEST(Score, NoSpareCapacityMeansNoOffer) {
  ContactNeeds needs{{"billing"}, "ko", false};
  EXPECT_EQ(score(agent("a", 5, 3), needs), 0.0);
  EXPECT_EQ(pick({agent("a", 5, 3)}, needs), std::nullopt);
}

TEST(Score, LanguageAndVipFit) {
  ContactNeeds en{{"billing"}, "en", false};
  EXPECT_DOUBLE_EQ(score(agent("a", 5, 0), en), 80.0);  // does not speak English
  ContactNeeds vip{{"billing"}, "ko", true};
  EXPECT_DOUBLE_EQ(score(agent("a", 5, 0), vip), 90.0);  // expert: full fit
  EXPECT_DOUBLE_EQ(score(agent("a", 2, 0), vip), 16.0 + 30.0 + 10.0 + 5.0);
}

TEST(Score, QueueWithoutSkillsIsServedByAnybody) {
  AgentCandidate a = agent("a", 1, 0);
  a.skills.clear();
  EXPECT_DOUBLE_EQ(score(a, ContactNeeds{{}, "", false}), 90.0);
}

TEST(Pick, BestScoreWins) {
  ContactNeeds needs{{"billing"}, "ko", false};
  EXPECT_EQ(pick({agent("a", 2, 0), agent("b", 5, 1), agent("c", 5, 3)}, needs), 1u);
}

TEST(Pick, TiesGoToTheLongestIdle) {
  ContactNeeds needs{{"billing"}, "ko", false};
  auto a = agent("a", 4, 0);
  auto b = agent("b", 4, 0);
  a.idle_since = TimePoint(Micros(2'000'000));
  b.idle_since = TimePoint(Micros(1'000'000));
  EXPECT_EQ(pick({a, b}, needs), 1u);
  b.idle_since = TimePoint(Micros(3'000'000));
  EXPECT_EQ(pick({a, b}, needs), 0u);
}

}  // namespace
}  // namespace aicc::routing
