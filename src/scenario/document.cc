#include "scenario/document.h"

#include <yaml-cpp/yaml.h>
#include <boost/json.hpp>

namespace aicc::scenario::detail {

namespace json = boost::json;

namespace {

// Depth guard: a hostile file of nested lists must not exhaust the stack.
constexpr int kMaxDepth = 64;

Result<json::value> from_yaml(const YAML::Node& node, int depth) {
  if (depth > kMaxDepth) {
    return make_error(ErrorCode::kInvalidArgument, "YAML nested too deeply");
  }
  switch (node.Type()) {
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined:
      return json::value(nullptr);
    case YAML::NodeType::Scalar:
      return json::value(json::string(node.Scalar()));
    case YAML::NodeType::Sequence: {
      json::array a;
      for (const auto& item : node) {
        auto v = from_yaml(item, depth + 1);
        if (!v) return v;
        a.push_back(std::move(*v));
      }
      return json::value(std::move(a));
    }
    case YAML::NodeType::Map: {
      json::object o;
      for (const auto& kv : node) {
        if (!kv.first.IsScalar()) {
          return make_error(
              ErrorCode::kInvalidArgument,
              "line " + std::to_string(kv.first.Mark().line + 1) + ": map keys must be plain text");
        }
        const std::string key = kv.first.Scalar();
        if (o.contains(key)) {
          return make_error(
              ErrorCode::kInvalidArgument,
              "line " + std::to_string(kv.first.Mark().line + 1) + ": duplicate key '" + key + "'");
        }
        auto v = from_yaml(kv.second, depth + 1);
        if (!v) return v;
        o[key] = std::move(*v);
      }
      return json::value(std::move(o));
    }
  }
  return json::value(nullptr);
}

}  // namespace

Result<json::value> parse_document(std::string_view text, Format format) {
  if (format == Format::kJson) {
    boost::system::error_code ec;
    json::parse_options options;
    options.max_depth = kMaxDepth;
    json::value v = json::parse(text, ec, {}, options);
    if (ec) return make_error(ErrorCode::kInvalidArgument, "invalid JSON: " + ec.message());
    return v;
  }
  try {
    const YAML::Node root = YAML::Load(std::string(text));
    return from_yaml(root, 0);
  } catch (const YAML::Exception& e) {
    // e.what() already carries "yaml-cpp: error at line L, column C: …".
    return make_error(ErrorCode::kInvalidArgument, std::string("invalid YAML: ") + e.what());
  }
}

}  // namespace aicc::scenario::detail
