#include "core/random.h"

#include <sys/random.h>

#include <cstring>
#include <stdexcept>

namespace aicc {

std::uint64_t OsRandom::next_u64() {
  std::uint64_t v = 0;
  auto* p = reinterpret_cast<unsigned char*>(&v);
  std::size_t got = 0;
  while (got < sizeof v) {
    const ssize_t n = getrandom(p + got, sizeof v - got, 0);
    if (n > 0) got += static_cast<std::size_t>(n);
  }
  return v;
}

}  // namespace aicc
