// Password hashing for people who log in: Argon2id through libsodium
// (crypto_pwhash_str, OPSLIMIT/MEMLIMIT_INTERACTIVE: ~64 MiB and well under a second
// per hash), stored as libsodium's self-describing string, so that parameters can be
// raised later without invalidating stored hashes.
//
// Passwords are never logged or put into error messages.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace aicc {

// At least 10 characters (code points), at most 1024 bytes, valid UTF-8, no control
// characters. kInvalidArgument naming the rule (never the password) otherwise.
Status check_password_policy(std::string_view password);

// The Argon2id hash of `password` (which must pass the policy). kInternal if libsodium
// cannot allocate the memory the hash needs.
Result<std::string> hash_password(std::string_view password);

// True if `password` matches `hash`. False for a malformed hash.
bool verify_password(std::string_view hash, std::string_view password);

// A fixed, valid hash: verifying against it costs as much as against a real one, so a
// login for an unknown user takes as long as one with a wrong password.
const std::string& dummy_password_hash();

}  // namespace aicc
