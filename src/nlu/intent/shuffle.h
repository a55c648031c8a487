// Seeded Fisher–Yates shuffle. std::shuffle and the std distributions are allowed to differ
// between standard libraries; this one gives the same order everywhere for a seed.
#pragma once

#include <cstdint>
#include <random>
#include <utility>
#include <vector>

namespace aicc::nlu {

template <typename T>
void seeded_shuffle(std::vector<T>& items, std::mt19937_64& rng) {
  for (std::size_t i = items.size(); i > 1; --i) {
    const std::size_t j = static_cast<std::size_t>(rng() % i);
    std::swap(items[i - 1], items[j]);
  }
}

}  // namespace aicc::nlu
