#include "nlu/cli/json_text.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include <boost/json/serialize.hpp>

namespace aicc::nlu::cli {
namespace {

namespace json = boost::json;

void append_number(std::string& out, double v, int decimals) {
  if (!std::isfinite(v)) {
    out += "null";
    return;
  }
  char buf[400];  // |v| < 1.8e308: at most 309 integer digits, plus sign, point, decimals ≤ 17
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  std::string s(buf);
  if (s.find('.') != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  if (s == "-0") s = "0";  // rounding a tiny negative number must not print a signed zero
  out += s;
}

void append_value(std::string& out, const json::value& v, int decimals) {
  switch (v.kind()) {
    case json::kind::null:
      out += "null";
      return;
    case json::kind::bool_:
      out += v.get_bool() ? "true" : "false";
      return;
    case json::kind::int64:
      out += std::to_string(v.get_int64());
      return;
    case json::kind::uint64:
      out += std::to_string(v.get_uint64());
      return;
    case json::kind::double_:
      append_number(out, v.get_double(), decimals);
      return;
    case json::kind::string:
      out += json::serialize(v.get_string());  // Boost's escaping, which is correct
      return;
    case json::kind::array: {
      out.push_back('[');
      bool first = true;
      for (const auto& item : v.get_array()) {
        if (!first) out.push_back(',');
        first = false;
        append_value(out, item, decimals);
      }
      out.push_back(']');
      return;
    }
    case json::kind::object: {
      out.push_back('{');
      bool first = true;
      for (const auto& member : v.get_object()) {
        if (!first) out.push_back(',');
        first = false;
        out += json::serialize(json::string(member.key()));
        out.push_back(':');
        append_value(out, member.value(), decimals);
      }
      out.push_back('}');
      return;
    }
  }
}

}  // namespace

std::string to_readable_json(const json::value& value, int decimals) {
  std::string out;
  append_value(out, value, std::clamp(decimals, 0, 17));
  return out;
}

}  // namespace aicc::nlu::cli
