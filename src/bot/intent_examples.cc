#include "bot/intent_examples.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <sstream>

#include <boost/json.hpp>

#include "core/utf8.h"

namespace aicc::bot {
namespace json = boost::json;

std::string example_id(std::string_view intent, std::string_view text) {
  // FNV-1a 64: stable across builds and platforms, unlike std::hash.
  std::uint64_t h = 1469598103934665603ull;
  auto mix = [&](std::string_view s) {
    for (unsigned char c : s) {
      h ^= c;
      h *= 1099511628211ull;
    }
  };
  mix(intent);
  mix(std::string_view("\n", 1));
  mix(text);
  char out[17];
  std::snprintf(out, sizeof out, "%016llx", static_cast<unsigned long long>(h));
  return out;
}

IntentExamples::IntentExamples(IntentExamples&& other) noexcept
    : path_(std::move(other.path_)), examples_(std::move(other.examples_)) {}

Result<IntentExamples> IntentExamples::open(std::filesystem::path path) {
  IntentExamples out;
  out.path_ = std::move(path);
  if (out.path_.empty() || !std::filesystem::exists(out.path_)) return out;
  std::ifstream in(out.path_, std::ios::binary);
  if (!in) return make_error(ErrorCode::kUnavailable, "cannot read " + out.path_.string());
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string content = buffer.str();
  if (content.find_first_not_of(" \t\r\n") == std::string::npos) return out;  // all removed
  auto data = nlu::parse_jsonl(content, out.path_.string());
  if (!data) return tl::unexpected(data.error());
  for (auto& e : data->examples)
    out.examples_.push_back({example_id(e.label, e.text), e.label, e.text});
  return out;
}

std::vector<AddedExample> IntentExamples::list() const {
  std::lock_guard lock(mutex_);
  return examples_;
}

nlu::Dataset IntentExamples::dataset() const {
  std::lock_guard lock(mutex_);
  nlu::Dataset d;
  for (const auto& e : examples_) d.examples.push_back({e.text, e.intent});
  return d;
}

Result<AddedExample> IntentExamples::add(std::string_view intent, std::string_view text,
                                         const std::vector<std::string>& known) {
  if (path_.empty())
    return make_error(ErrorCode::kFailedPrecondition,
                      "bot.examples_file is empty: examples cannot be added");
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos)
    return make_error(ErrorCode::kInvalidArgument, "text must not be blank", {{"field", "text"}});
  const auto last = text.find_last_not_of(" \t\r\n");
  text = text.substr(first, last - first + 1);
  if (text.size() > kMaxExampleBytes)
    return make_error(ErrorCode::kInvalidArgument,
                      "text is longer than " + std::to_string(kMaxExampleBytes) + " bytes",
                      {{"field", "text"}});
  if (!is_valid_utf8(text) || std::any_of(text.begin(), text.end(), [](char c) {
        return static_cast<unsigned char>(c) < 0x20;
      }))
    return make_error(ErrorCode::kInvalidArgument,
                      "text must be UTF-8 on one line without control characters",
                      {{"field", "text"}});
  std::lock_guard lock(mutex_);
  AddedExample e{example_id(intent, text), std::string(intent), std::string(text)};
  const bool taken =
      std::find(known.begin(), known.end(), e.text) != known.end() ||
      std::any_of(examples_.begin(), examples_.end(), [&](const auto& x) { return x.id == e.id; });
  if (taken)
    return make_error(ErrorCode::kConflict, "intent " + e.intent + " already has this example",
                      {{"field", "text"}});
  examples_.push_back(e);
  if (auto st = save_locked(); !st) {
    examples_.pop_back();
    return tl::unexpected(st.error());
  }
  return e;
}

Result<AddedExample> IntentExamples::remove(std::string_view intent, std::string_view id) {
  std::lock_guard lock(mutex_);
  auto it = std::find_if(examples_.begin(), examples_.end(),
                         [&](const auto& x) { return x.id == id && x.intent == intent; });
  if (it == examples_.end())
    return make_error(ErrorCode::kNotFound,
                      "intent " + std::string(intent) + " has no added example " + std::string(id));
  AddedExample gone = *it;
  examples_.erase(it);
  if (auto st = save_locked(); !st) {
    examples_.push_back(gone);
    return tl::unexpected(st.error());
  }
  return gone;
}

Status IntentExamples::save_locked() const {
  std::string text;
  for (const auto& e : examples_)
    text += json::serialize(json::object{{"intent", e.intent}, {"text", e.text}}) + "\n";
  std::error_code ec;
  if (path_.has_parent_path()) std::filesystem::create_directories(path_.parent_path(), ec);
  const auto tmp = path_.string() + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << text;
    out.flush();
    if (!out) return make_error(ErrorCode::kUnavailable, "cannot write " + tmp);
  }
  std::filesystem::rename(tmp, path_, ec);
  if (ec) return make_error(ErrorCode::kUnavailable, "cannot replace " + path_.string());
  return {};
}

}  // namespace aicc::bot
