// Internal: scenario files as one document tree. YAML and JSON files are both turned into a
// boost::json::value so that a single reader (parse.h) handles both. YAML scalars stay text
// (the reader converts numbers and booleans where a field needs them); `~`/null become null.
#pragma once

#include <string>
#include <string_view>

#include <boost/json/value.hpp>

#include "core/result.h"

namespace aicc::scenario::detail {

enum class Format { kJson, kYaml };

// Syntax errors are kInvalidArgument with the position where the parser gave one.
Result<boost::json::value> parse_document(std::string_view text, Format format);

}  // namespace aicc::scenario::detail
