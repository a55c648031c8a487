// Helpers for the entity tests: a Seoul wall-clock time and span-exact expectations.
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "core/clock.h"
#include "nlu/entities/entities.h"

namespace aicc::nlu::testing {

// The UTC instant at which Seoul (UTC+9) shows y-m-d hh:mm.
inline TimePoint seoul_time(int y, int m, int d, int hh = 10, int mm = 0) {
  using namespace std::chrono;
  const sys_days date{year{y} / month{static_cast<unsigned>(m)} / day{static_cast<unsigned>(d)}};
  return time_point_cast<Micros>(date + hours{hh} + minutes{mm} - hours{9});
}

inline std::vector<Entity> of_type(const std::vector<Entity>& all, std::string_view type) {
  std::vector<Entity> out;
  for (const auto& e : all) {
    if (e.type == type) out.push_back(e);
  }
  return out;
}

// Expects exactly one entity of `type` in `text`, covering exactly the bytes of `surface`
// (its first occurrence in `text`) with normalised `value`.
inline void expect_one(const EntityExtractor& ex, TimePoint now, std::string_view text,
                       std::string_view type, std::string_view surface, std::string_view value) {
  SCOPED_TRACE(std::string(text));
  const auto found = of_type(ex.extract(text, now), type);
  ASSERT_EQ(found.size(), 1u) << "entities of type " << type << ": "
                              << entities_to_json(ex.extract(text, now));
  const auto at = text.find(surface);
  ASSERT_NE(at, std::string_view::npos) << "bad test: surface not in text";
  EXPECT_EQ(found[0].begin, at);
  EXPECT_EQ(found[0].end, at + surface.size());
  EXPECT_EQ(found[0].value, value);
  if (!found[0].sensitive) {
    EXPECT_EQ(found[0].text, surface);
  }
}

inline void expect_none(const EntityExtractor& ex, TimePoint now, std::string_view text,
                        std::string_view type) {
  const auto found = of_type(ex.extract(text, now), type);
  EXPECT_TRUE(found.empty()) << text << " → " << entities_to_json(found);
}

}  // namespace aicc::nlu::testing
