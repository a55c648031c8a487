#include "bot/scenario_uploads.h"

#include <algorithm>
#include <fstream>

namespace aicc::bot {
namespace {

const std::string kOrigin = "upload";

UploadResult parse(std::string_view text, scenario::SourceFormat format) {
  UploadResult r;
  if (text.size() > kMaxScenarioUploadBytes) {
    r.errors.push_back({kOrigin, {}, {}, "definition is larger than 256 KiB"});
    return r;
  }
  auto report = scenario::parse_scenario_text(text, format, kOrigin);
  if (!report.ok()) {
    r.errors = std::move(report.errors);
    return r;
  }
  r.valid = true;
  r.id = report.scenarios.front().id;
  return r;
}

}  // namespace

UploadResult ScenarioUploads::merge(const scenario::Scenario& s,
                                    std::shared_ptr<const scenario::ScenarioEngine>* engine) const {
  UploadResult r;
  r.id = s.id;
  std::vector<scenario::Scenario> all = bot_.scenarios()->scenarios();
  auto same = std::find_if(all.begin(), all.end(), [&](const auto& x) { return x.id == s.id; });
  r.replaced = same != all.end();
  if (r.replaced) {
    *same = s;
  } else {
    all.push_back(s);
  }
  auto built = bot_.build_scenarios(std::move(all));
  if (!built) {
    // Cross-scenario problems (an intent another scenario claims …), one line each.
    std::string_view message = built.error().message;
    while (!message.empty()) {
      const auto end = message.find('\n');
      r.errors.push_back({kOrigin, s.id, {}, std::string(message.substr(0, end))});
      if (end == std::string_view::npos) break;
      message.remove_prefix(end + 1);
    }
    return r;
  }
  r.valid = true;
  if (engine) *engine = std::move(*built);
  return r;
}

UploadResult ScenarioUploads::check(std::string_view text, scenario::SourceFormat format) const {
  auto r = parse(text, format);
  if (!r.valid) return r;
  auto report = scenario::parse_scenario_text(text, format, kOrigin);
  return merge(report.scenarios.front(), nullptr);
}

Result<UploadResult> ScenarioUploads::upload(std::string_view text, scenario::SourceFormat format) {
  std::lock_guard lock(mutex_);
  auto r = parse(text, format);
  if (!r.valid) return r;
  const std::string ext = format == scenario::SourceFormat::kJson ? ".json" : ".yaml";
  const auto path = dir_ / (r.id + ext);
  // The definition as it will be loaded at the next start: its origin is its file.
  auto report = scenario::parse_scenario_text(text, format, path.string());
  std::shared_ptr<const scenario::ScenarioEngine> engine;
  r = merge(report.scenarios.front(), &engine);
  if (!r.valid) return r;
  std::error_code ec;
  std::filesystem::create_directories(dir_, ec);
  const auto tmp = path.string() + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << text;
    out.flush();
    if (!out) return make_error(ErrorCode::kUnavailable, "cannot write " + tmp);
  }
  std::filesystem::rename(tmp, path, ec);
  if (ec) return make_error(ErrorCode::kUnavailable, "cannot write " + path.string());
  // One file per id: an earlier upload of this id in the other format goes.
  const std::string other = format == scenario::SourceFormat::kJson ? ".yaml" : ".json";
  std::filesystem::remove(dir_ / (r.id + other), ec);
  std::filesystem::remove(dir_ / (r.id + ".yml"), ec);
  bot_.replace_scenarios(std::move(engine));
  return r;
}

bool ScenarioUploads::is_upload(const scenario::Scenario& s) const {
  if (dir_.empty()) return false;
  return std::filesystem::path(s.origin).parent_path().lexically_normal() ==
         dir_.lexically_normal();
}

}  // namespace aicc::bot
