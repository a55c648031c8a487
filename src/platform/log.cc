#include "platform/log.h"

#include <atomic>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <mutex>
#include <utility>

#include "core/clock.h"
#include "core/pii.h"
#include "core/utf8.h"

namespace aicc::log {
namespace {

struct Sink {
  std::mutex mu;
  std::FILE* file = stderr;
  bool owns_file = false;
  bool capturing = false;
  std::string captured;
  ~Sink() {
    if (owns_file) std::fclose(file);
  }
};

Sink& sink() {
  static Sink s;
  return s;
}

std::atomic<Level> g_level{Level::kInfo};

std::string_view level_name(Level l) {
  switch (l) {
    case Level::kDebug:
      return "debug";
    case Level::kInfo:
      return "info";
    case Level::kWarn:
      return "warn";
    case Level::kError:
      return "error";
    case Level::kOff:
      return "off";
  }
  return "info";
}

}  // namespace

bool parse_level(std::string_view text, Level& out) {
  for (auto l : {Level::kDebug, Level::kInfo, Level::kWarn, Level::kError, Level::kOff}) {
    if (level_name(l) == text) {
      out = l;
      return true;
    }
  }
  return false;
}

void set_level(Level l) {
  g_level = l;
}
Level level() {
  return g_level;
}

bool set_file(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "a");
  if (!f) return false;
  auto& s = sink();
  std::lock_guard lock(s.mu);
  if (s.owns_file) std::fclose(s.file);
  s.file = f;
  s.owns_file = true;
  return true;
}

void capture_for_tests(bool on) {
  auto& s = sink();
  std::lock_guard lock(s.mu);
  s.capturing = on;
  s.captured.clear();
}

std::string take_captured() {
  auto& s = sink();
  std::lock_guard lock(s.mu);
  return std::exchange(s.captured, {});
}

void append_json_string(std::string& out, std::string_view text) {
  out.push_back('"');
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char ch = text[i];
    const auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else if (c < 0x80) {
          out.push_back(ch);
        } else {
          // Copy a well-formed UTF-8 sequence; a malformed byte (client bytes can be
          // anything) becomes U+FFFD so the output stays valid JSON.
          const std::size_t len = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
          if (i + len <= text.size() && is_valid_utf8(text.substr(i, len))) {
            out.append(text.substr(i, len));
            i += len - 1;
          } else {
            out += "\xef\xbf\xbd";
          }
        }
    }
  }
  out.push_back('"');
}

std::string format_line(Level l, std::string_view msg, Fields fields) {
  std::string out;
  out.reserve(160);
  out += "{\"ts\":\"";
  out += format_iso8601(SystemClock().now());
  out += "\",\"level\":\"";
  out += level_name(l);
  out += "\",\"msg\":";
  append_json_string(out, mask_pii(msg));
  for (const auto& f : fields) {
    out.push_back(',');
    append_json_string(out, f.key);
    out.push_back(':');
    if (const auto* s = std::get_if<std::string_view>(&f.value)) {
      append_json_string(out, mask_pii(*s));
    } else if (const auto* i = std::get_if<std::int64_t>(&f.value)) {
      out += std::to_string(*i);
    } else if (const auto* d = std::get_if<double>(&f.value)) {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%.6g", *d);
      out += std::isfinite(*d) ? buf : "null";  // JSON has no NaN or Infinity
    } else {
      out += std::get<bool>(f.value) ? "true" : "false";
    }
  }
  out += "}\n";
  return out;
}

void write(Level l, std::string_view msg, Fields fields) {
  const std::string line = format_line(l, msg, fields);
  auto& s = sink();
  std::lock_guard lock(s.mu);
  if (s.capturing) {
    s.captured += line;
    return;
  }
  std::fwrite(line.data(), 1, line.size(), s.file);
  std::fflush(s.file);
}

}  // namespace aicc::log
