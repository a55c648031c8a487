// Errors as values. Every module boundary returns Result<T>; exceptions never cross
// a thread or the network edge. An Error carries a stable machine code (mapped to an
// HTTP status by the API layer), a human message, and flat string details.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <utility>

#include <tl/expected.hpp>

namespace aicc {

enum class ErrorCode {
  kInvalidArgument,     // the caller's input is malformed or fails validation
  kNotFound,            // the named entity does not exist
  kConflict,            // the request clashes with current state (e.g. closed conversation)
  kFailedPrecondition,  // the operation is not allowed in the current state
  kUnavailable,         // a dependency (store, network) cannot be reached; retry may help
  kUnauthenticated,     // no valid credentials (missing, wrong, expired or revoked)
  kPermissionDenied,    // authenticated, but the role does not allow the operation
  kResourceExhausted,   // too many attempts; details.retry_after_s says when to retry
  kInternal,            // a bug or an unexpected failure of a dependency
};

std::string_view to_string(ErrorCode code);

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;
  std::map<std::string, std::string> details;

  Error() = default;
  Error(ErrorCode c, std::string msg, std::map<std::string, std::string> d = {})
      : code(c), message(std::move(msg)), details(std::move(d)) {}
};

template <typename T>
using Result = tl::expected<T, Error>;

using Status = tl::expected<void, Error>;

inline tl::unexpected<Error> make_error(ErrorCode code, std::string message,
                                        std::map<std::string, std::string> details = {}) {
  return tl::unexpected<Error>(Error(code, std::move(message), std::move(details)));
}

}  // namespace aicc
