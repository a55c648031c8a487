// Randomness as an injected dependency. Production uses the OS CSPRNG; tests use a
// seeded generator so that ids and decisions repeat exactly.
#pragma once

#include <cstdint>
#include <mutex>
#include <random>

namespace aicc {

class RandomSource {
 public:
  virtual ~RandomSource() = default;
  virtual std::uint64_t next_u64() = 0;
};

// Reads the kernel's CSPRNG (getrandom). Thread-safe.
class OsRandom final : public RandomSource {
 public:
  std::uint64_t next_u64() override;
};

// Deterministic, for tests. Thread-safe.
class SeededRandom final : public RandomSource {
 public:
  explicit SeededRandom(std::uint64_t seed) : engine_(seed) {}
  std::uint64_t next_u64() override {
    std::lock_guard lock(mu_);
    return engine_();
  }

 private:
  std::mutex mu_;
  std::mt19937_64 engine_;
};

}  // namespace aicc
