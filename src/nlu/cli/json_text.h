// JSON text meant to be read by people as well as programs.
//
// Boost.JSON prints every double in scientific notation (0.7 → "7E-1", and a float 0.7
// widened to double → "6.99999988079071E-1"). The `aicc nlu` commands print probabilities
// and thresholds, where four decimals carry all the information there is, so this writer
// prints numbers in plain decimal notation, rounded to a fixed number of decimals.
#pragma once

#include <string>

#include <boost/json/value.hpp>

namespace aicc::nlu::cli {

// Serialises `value` compactly (no spaces), like boost::json::serialize, except that doubles
// are rounded to `decimals` places with trailing zeros dropped: 0.7f → 0.7, 0.97123456 →
// 0.9712, 1.0 → 1, -0.00001 → 0. Non-finite doubles, which JSON cannot represent, → null.
std::string to_readable_json(const boost::json::value& value, int decimals = 4);

}  // namespace aicc::nlu::cli
