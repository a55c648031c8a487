// load_dataset(): resolves a data spec to files and dispatches to the format parsers.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "nlu/intent/dataset.h"

namespace aicc::nlu {
namespace {

namespace fs = std::filesystem;

Result<std::string> read_file(const fs::path& path) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) {
    return make_error(ErrorCode::kNotFound, "no such data file: " + path.string(),
                      {{"file", path.string()}});
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  if (!in.good() && !in.eof()) {
    return make_error(ErrorCode::kUnavailable, "cannot read " + path.string(),
                      {{"file", path.string()}});
  }
  return ss.str();
}

std::vector<std::string> split_plus(std::string_view s) {
  std::vector<std::string> parts;
  std::size_t pos = 0;
  while (pos <= s.size()) {
    auto end = s.find('+', pos);
    if (end == std::string_view::npos) end = s.size();
    if (end > pos) parts.emplace_back(s.substr(pos, end - pos));
    pos = end + 1;
  }
  return parts;
}

Result<Dataset> load_directory(const fs::path& dir) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    const auto ext = entry.path().extension();
    if (ext == ".json" || ext == ".txt") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());  // directory order is not stable across systems
  Dataset all;
  for (const auto& f : files) {
    auto content = read_file(f);
    if (!content) return tl::unexpected(content.error());
    auto part = f.extension() == ".json"
                    ? parse_intent_json(*content, f.string())
                    : parse_intent_text(*content, f.stem().string(), f.string());
    if (!part) return part;
    all.append(*part);
  }
  if (all.examples.empty()) {
    return make_error(ErrorCode::kInvalidArgument,
                      dir.string() + ": no intent files (*.json, *.txt) with examples",
                      {{"file", dir.string()}});
  }
  return all;
}

// A .json file is CLINC150-shaped if its top level has a "train" key; a bot intent file has
// an "intent" key. Peeking at the text avoids parsing a large file twice.
bool looks_like_clinc(std::string_view content) {
  return content.find("\"intent\"") == std::string_view::npos &&
         content.find("\"train\"") != std::string_view::npos;
}

}  // namespace

Result<Dataset> load_dataset(std::string_view spec) {
  if (spec.starts_with("clinc150:")) {
    std::string_view rest = spec.substr(9);
    const auto colon = rest.rfind(':');
    if (colon == std::string_view::npos || colon + 1 >= rest.size()) {
      return make_error(ErrorCode::kInvalidArgument,
                        "expected clinc150:FILE:SPLIT[+SPLIT…], got " + std::string(spec));
    }
    const fs::path file{std::string(rest.substr(0, colon))};
    auto content = read_file(file);
    if (!content) return tl::unexpected(content.error());
    return parse_clinc150(*content, split_plus(rest.substr(colon + 1)), file.string());
  }
  const fs::path path{std::string(spec)};
  std::error_code ec;
  if (fs::is_directory(path, ec)) return load_directory(path);
  auto content = read_file(path);
  if (!content) return tl::unexpected(content.error());
  const auto ext = path.extension().string();
  Result<Dataset> data;
  if (ext == ".csv") {
    data = parse_delimited(*content, ',', path.string());
  } else if (ext == ".tsv") {
    data = parse_delimited(*content, '\t', path.string());
  } else if (ext == ".jsonl") {
    data = parse_jsonl(*content, path.string());
  } else if (ext == ".json") {
    data = looks_like_clinc(*content)
               ? parse_clinc150(*content, {"train", "oos_train"}, path.string())
               : parse_intent_json(*content, path.string());
  } else if (ext == ".txt") {
    data = parse_intent_text(*content, path.stem().string(), path.string());
  } else {
    return make_error(ErrorCode::kInvalidArgument,
                      path.string() +
                          ": unknown data format (use .csv, .tsv, .jsonl, .json, "
                          ".txt, a directory, or clinc150:FILE:SPLITS)",
                      {{"file", path.string()}});
  }
  if (data && data->examples.empty()) {
    return make_error(ErrorCode::kInvalidArgument, path.string() + ": no examples",
                      {{"file", path.string()}});
  }
  return data;
}

}  // namespace aicc::nlu
