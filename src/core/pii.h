// Personal data masking for logs and exports: phone numbers, e-mail addresses, payment
// card numbers (Luhn-checked) and Korean resident registration numbers.
#pragma once

#include <string>
#include <string_view>

namespace aicc {

// Returns `text` with every detected personal datum masked, keeping the shape readable:
//   010-1234-5678          → 010-****-5678
//   kim.minsu@example.com  → k***@example.com
//   4111 1111 1111 1111    → **** **** **** 1111
//   900101-1234567         → ******-*******
std::string mask_pii(std::string_view text);

// True if mask_pii would change `text`.
bool contains_pii(std::string_view text);

}  // namespace aicc
