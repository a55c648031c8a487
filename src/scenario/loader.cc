#include "scenario/loader.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "scenario/document.h"
#include "scenario/parse.h"
#include "scenario/validate.h"

namespace aicc::scenario {

namespace fs = std::filesystem;

namespace {

// Bot files are small; anything bigger is a mistake (or an attack through the admin API).
constexpr std::uintmax_t kMaxFileBytes = 1 << 20;

std::optional<SourceFormat> format_of(const fs::path& path) {
  const std::string ext = path.extension().string();
  if (ext == ".json") return SourceFormat::kJson;
  if (ext == ".yaml" || ext == ".yml") return SourceFormat::kYaml;
  return std::nullopt;
}

}  // namespace

LoadReport parse_scenario_text(std::string_view text, SourceFormat format,
                               const std::string& origin) {
  LoadReport report;
  auto doc = detail::parse_document(
      text, format == SourceFormat::kJson ? detail::Format::kJson : detail::Format::kYaml);
  if (!doc) {
    report.errors.push_back({origin, {}, {}, doc.error().message});
    return report;
  }
  Scenario scenario = detail::parse_scenario(*doc, origin, report.errors);
  auto problems = validate_scenario(scenario);
  report.errors.insert(report.errors.end(), problems.begin(), problems.end());
  if (report.errors.empty()) report.scenarios.push_back(std::move(scenario));
  return report;
}

LoadReport load_scenario_file(const std::string& path) {
  LoadReport report;
  const auto format = format_of(path);
  if (!format) {
    report.errors.push_back({path, {}, {}, "not a scenario file (.json, .yaml or .yml)"});
    return report;
  }
  std::error_code ec;
  const auto size = fs::file_size(path, ec);
  if (ec) {
    report.errors.push_back({path, {}, {}, "cannot read: " + ec.message()});
    return report;
  }
  if (size > kMaxFileBytes) {
    report.errors.push_back({path, {}, {}, "file is larger than 1 MiB"});
    return report;
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in) {
    report.errors.push_back({path, {}, {}, "cannot read the file"});
    return report;
  }
  return parse_scenario_text(text.str(), *format, path);
}

LoadReport load_scenario_dir(const std::string& dir) {
  LoadReport report;
  std::error_code ec;
  std::vector<fs::path> files;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->is_regular_file(ec) && format_of(it->path())) files.push_back(it->path());
  }
  if (ec) {
    report.errors.push_back({dir, {}, {}, "cannot read the scenario directory: " + ec.message()});
    return report;
  }
  std::sort(files.begin(), files.end());
  for (const auto& file : files) {
    LoadReport one = load_scenario_file(file.string());
    for (auto& s : one.scenarios) report.scenarios.push_back(std::move(s));
    for (auto& e : one.errors) report.errors.push_back(std::move(e));
  }
  auto across = validate_catalog(report.scenarios);
  report.errors.insert(report.errors.end(), across.begin(), across.end());
  return report;
}

Result<std::vector<Scenario>> load_scenarios(const std::string& dir) {
  LoadReport report = load_scenario_dir(dir);
  if (!report.ok()) return tl::unexpected(to_error(report.errors));
  return std::move(report.scenarios);
}

}  // namespace aicc::scenario
