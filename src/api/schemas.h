// JSON Schemas of the API's resources (OpenAPI components). Handlers' route docs refer
// to them as {"$ref": "#/components/schemas/Name"}.
#pragma once

#include <string>

#include <boost/json.hpp>

namespace aicc::api {

// Every component schema, keyed by name.
const boost::json::object& component_schemas();

// The authentication and agent schemas (part of component_schemas()).
const boost::json::object& people_schemas();

// {"$ref":"#/components/schemas/NAME"} as text.
std::string schema_ref(const std::string& name);

}  // namespace aicc::api
