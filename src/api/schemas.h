// JSON Schemas of the API's resources (OpenAPI components). Handlers' route docs refer
// to them as {"$ref": "#/components/schemas/Name"}.
#pragma once

#include <initializer_list>
#include <map>
#include <string>
#include <vector>

#include "net/router.h"

#include <boost/json.hpp>

namespace aicc::api {

// Every component schema, keyed by name.
const boost::json::object& component_schemas();

// The authentication and agent schemas (part of component_schemas()).
const boost::json::object& people_schemas();

// The escalation schemas (part of component_schemas()).
const boost::json::object& escalation_schemas();

// The agent desk's context and canned-response schemas (part of component_schemas()).
const boost::json::object& desk_schemas();
// The admin schemas: users, intents, scenarios, API keys (part of component_schemas()).
const boost::json::object& admin_schemas();

// The inbound channel schemas (part of component_schemas()).
const boost::json::object& channel_schemas();

// {"$ref":"#/components/schemas/NAME"} as text.
std::string schema_ref(const std::string& name);

// `ok` followed by one response in the Error schema for each status in `codes`, described by
// the resource's own text for that status (`texts` must hold every code).
std::vector<net::ResponseDoc> with_error_docs(std::vector<net::ResponseDoc> ok,
                                              std::initializer_list<int> codes,
                                              const std::map<int, std::string>& texts);

}  // namespace aicc::api
