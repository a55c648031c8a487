// Structured logging: one JSON object per line, with personal data masked in every
// string (message and field values) before it is written. The logger is the only
// global mutable state in AICC (see ENGINEERING.md), configured once at start.
//
//   log::info("request served", {{"request_id", id}, {"status", 200}});
//   → {"ts":"2026-11-24T06:22:00.123456Z","level":"info","msg":"request
//   served","request_id":"…","status":200}
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <variant>

namespace aicc::log {

enum class Level { kDebug, kInfo, kWarn, kError, kOff };

// "debug" | "info" | "warn" | "error" | "off"; false if unknown.
bool parse_level(std::string_view text, Level& out);

struct Field {
  using Value = std::variant<std::string_view, std::int64_t, double, bool>;
  std::string_view key;
  Value value;
  Field(std::string_view k, std::string_view v) : key(k), value(v) {}
  Field(std::string_view k, const char* v) : key(k), value(std::string_view(v)) {}
  Field(std::string_view k, const std::string& v) : key(k), value(std::string_view(v)) {}
  Field(std::string_view k, int v) : key(k), value(std::int64_t{v}) {}
  Field(std::string_view k, long v) : key(k), value(std::int64_t{v}) {}
  Field(std::string_view k, long long v) : key(k), value(std::int64_t{v}) {}
  Field(std::string_view k, unsigned v) : key(k), value(std::int64_t{v}) {}
  Field(std::string_view k, unsigned long v) : key(k), value(static_cast<std::int64_t>(v)) {}
  Field(std::string_view k, double v) : key(k), value(v) {}
  Field(std::string_view k, bool v) : key(k), value(v) {}
};

using Fields = std::initializer_list<Field>;

// Where lines go: stderr (default) or a file opened in append mode.
void set_level(Level level);
Level level();
// Returns false (and keeps the old sink) if the file cannot be opened.
bool set_file(const std::string& path);
// Captures lines in memory instead of writing them (tests). Pass false to stop.
void capture_for_tests(bool on);
std::string take_captured();

// Formats one line (without writing it). Exposed for tests.
std::string format_line(Level level, std::string_view msg, Fields fields);

void write(Level level, std::string_view msg, Fields fields = {});
inline bool enabled(Level l) {
  return l >= level();
}
inline void debug(std::string_view m, Fields f = {}) {
  if (enabled(Level::kDebug)) write(Level::kDebug, m, f);
}
inline void info(std::string_view m, Fields f = {}) {
  if (enabled(Level::kInfo)) write(Level::kInfo, m, f);
}
inline void warn(std::string_view m, Fields f = {}) {
  if (enabled(Level::kWarn)) write(Level::kWarn, m, f);
}
inline void error(std::string_view m, Fields f = {}) {
  if (enabled(Level::kError)) write(Level::kError, m, f);
}

// Appends `text` to `out` as a JSON string literal (quotes included).
void append_json_string(std::string& out, std::string_view text);

}  // namespace aicc::log
