// Internal: builds a Scenario from a JSON document tree (YAML files are converted to the same
// tree first, document.h). Only the shape is checked here — field names, types, required
// fields; the meaning (targets, reachability, templates) is validate_scenario()'s job.
#pragma once

#include <string>
#include <vector>

#include <boost/json/value.hpp>

#include "scenario/definition.h"
#include "scenario/load_error.h"

namespace aicc::scenario::detail {

// Appends every shape problem to `errors` and returns what could be read. Texts left out get
// the product's default escalation, cancel and completion messages.
Scenario parse_scenario(const boost::json::value& doc, const std::string& origin,
                        std::vector<LoadError>& errors);

}  // namespace aicc::scenario::detail
