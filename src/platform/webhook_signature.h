// The signature on an outbound webhook, so a receiver can prove a request came from this
// AICC and was not replayed: HMAC-SHA256 with the subscription's secret over
// "<unix seconds>.<body>", sent as
//   X-AICC-Signature: t=<unix seconds>,v1=<64 lowercase hex digits>
// A receiver recomputes v1 from the raw body and the t it received, compares in constant
// time, and rejects a t too far from its own clock (docs/api.md shows how).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace aicc {

// Lowercase hex of HMAC-SHA256(secret, std::to_string(unix_seconds) + "." + body).
std::string webhook_hmac_hex(std::string_view secret, std::int64_t unix_seconds,
                             std::string_view body);
// The X-AICC-Signature header value.
std::string webhook_signature_header(std::string_view secret, std::int64_t unix_seconds,
                                     std::string_view body);

// A new secret for a subscription: "whsec_" + 48 hex digits from the OS CSPRNG.
std::string new_webhook_secret();

}  // namespace aicc
