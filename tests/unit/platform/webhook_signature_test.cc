// The webhook signature must be what any receiver computes with a standard HMAC-SHA256
// (the expected values come from Python's hmac module).
#include "platform/webhook_signature.h"

#include <gtest/gtest.h>

namespace aicc {
namespace {

TEST(WebhookSignature, MatchesAStandardHmacOverTimestampDotBody) {
  EXPECT_EQ(webhook_hmac_hex("whsec_0123456789abcdef", 1764412800, R"({"type":"message.created"})"),
            "0bcb396ea4fa2901d1844a2bde21380615c884bde21df0ccd5503912d50100c4");
}

TEST(WebhookSignature, KeysLongerThanABlockAreHashedFirstAsRfc2104Says) {
  EXPECT_EQ(webhook_hmac_hex(std::string(100, 'k'), 1, ""),
            "f380fa061ddac7555fce09c4f9d5ba3c4d7eb9115eaa097dd2c14988a18ae793");
}

TEST(WebhookSignature, HeaderCarriesTheTimestampAndVersionedDigest) {
  const std::string h = webhook_signature_header("whsec_0123456789abcdef", 1764412800,
                                                 R"({"type":"message.created"})");
  EXPECT_EQ(h, "t=1764412800,v1=0bcb396ea4fa2901d1844a2bde21380615c884bde21df0ccd5503912d50100c4");
  EXPECT_NE(webhook_signature_header("whsec_0123456789abcdef", 1764412801,
                                     R"({"type":"message.created"})"),
            h)
      << "the timestamp is signed, so a replay with another t fails";
}

}  // namespace
}  // namespace aicc
