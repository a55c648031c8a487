// Session tokens: 32 random bytes from the injected RandomSource (the OS CSPRNG in
// production), written as 64 lower-case hex characters. The store keeps only the
// SHA-256 of a token, so whoever reads the database cannot log in with what they see.
#pragma once

#include <string>
#include <string_view>

#include "core/random.h"

namespace aicc {

inline constexpr std::size_t kSessionTokenLength = 64;

std::string new_session_token(RandomSource& random);
// True for 64 hex characters (the only shape new_session_token makes), so junk is
// refused before it costs a database round trip.
bool looks_like_session_token(std::string_view token);
// SHA-256 of the token's bytes, as 64 lower-case hex characters.
std::string session_token_hash(std::string_view token);

}  // namespace aicc
