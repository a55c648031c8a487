// Identifier generation. Ids are UUIDv7 strings (RFC 9562): time-ordered, so b-tree
// indexes stay append-mostly, and unguessable enough for public URLs.
#pragma once

#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/random.h"

namespace aicc {

class IdGenerator {
 public:
  IdGenerator(const Clock& clock, RandomSource& random) : clock_(clock), random_(random) {}

  // A new UUIDv7, lower-case canonical form (36 characters).
  std::string uuid();
  // An escalation reference shown to customers: "ESC-" + 8 upper-case hex digits.
  std::string escalation_reference();

 private:
  const Clock& clock_;
  RandomSource& random_;
};

// True if `text` is a canonical lower- or upper-case UUID string.
bool is_uuid(std::string_view text);

}  // namespace aicc
