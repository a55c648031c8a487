// `aicc nlu` commands end to end on small temporary data.
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <CLI/CLI.hpp>
#include <boost/json.hpp>

#include "nlu/cli/nlu_cli.h"
#include "test_util.h"

namespace aicc::nlu {
namespace {

using testing::TempDir;

struct RunResult {
  int code = 0;
  std::string out;
  std::string err;
};

RunResult run(std::vector<std::string> args, PredictHooks hooks = {}) {
  CLI::App app{"test", "aicc"};
  app.require_subcommand(1);
  add_nlu_commands(app, std::move(hooks));
  args.insert(args.begin(), "aicc");
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  RunResult r;
  ::testing::internal::CaptureStdout();
  ::testing::internal::CaptureStderr();
  try {
    app.parse(static_cast<int>(argv.size()), argv.data());
  } catch (const CLI::ParseError& e) {
    r.code = e.get_exit_code();
  }
  std::fflush(stdout);
  std::fflush(stderr);
  r.out = ::testing::internal::GetCapturedStdout();
  r.err = ::testing::internal::GetCapturedStderr();
  return r;
}

void write_bot(const TempDir& dir) {
  const Dataset d = testing::tiny_dataset();
  std::map<std::string, std::string> files;
  for (const auto& e : d.examples) files[e.label] += e.text + "\n";
  for (const auto& [label, text] : files) dir.write("bot/" + label + ".txt", text);
}

TEST(NluCli, TrainThenPredictPrintsJson) {
  TempDir dir;
  write_bot(dir);
  const std::string model = (dir.path() / "m.model").string();
  auto t = run({"nlu", "train", (dir.path() / "bot").string(), "-o", model, "--seed", "3", "-q"});
  ASSERT_EQ(t.code, 0) << t.err;
  EXPECT_NE(t.out.find("trained on 38 examples"), std::string::npos) << t.out;

  auto p = run({"nlu", "predict", "주문 취소해 주세요", "--model", model});
  ASSERT_EQ(p.code, 0) << p.err;
  const auto j = boost::json::parse(p.out).as_object();
  for (const char* key : {"intent", "confidence", "top", "out_of_scope", "language", "entities",
                          "sentiment", "threshold", "out_of_scope_probability"}) {
    EXPECT_TRUE(j.contains(key)) << key;
  }
  EXPECT_EQ(j.at("language").as_string(), "ko");
  EXPECT_EQ(j.at("top").as_array().size(), 3u);
  EXPECT_EQ(j.at("top").as_array()[0].as_object().at("intent").as_string(), "cancel_request");
  EXPECT_TRUE(j.at("entities").as_array().empty());
  EXPECT_TRUE(j.at("sentiment").is_null());
}

TEST(NluCli, PredictUsesLinkedEntityAndSentimentHooks) {
  TempDir dir;
  write_bot(dir);
  PredictHooks hooks;
  hooks.entities = [](std::string_view, std::string_view) {
    return std::string(R"([{"type": "order_number", "value": "A1"}])");
  };
  hooks.sentiment = [](std::string_view, std::string_view lang) {
    return std::string(R"({"label": "neutral", "language": ")") + std::string(lang) + "\"}";
  };
  auto p =
      run({"nlu", "predict", "where is my order", "--bot", (dir.path() / "bot").string()}, hooks);
  ASSERT_EQ(p.code, 0) << p.err;
  const auto j = boost::json::parse(p.out).as_object();
  EXPECT_EQ(j.at("entities").as_array().size(), 1u);
  EXPECT_EQ(j.at("sentiment").as_object().at("language").as_string(), "en");
}

TEST(NluCli, EvalFoldsJson) {
  TempDir dir;
  write_bot(dir);
  auto e = run({"nlu", "eval", "--data", (dir.path() / "bot").string(), "--folds", "3", "--json",
                "-q", "--calib-folds", "2"});
  ASSERT_EQ(e.code, 0) << e.err;
  const auto j = boost::json::parse(e.out).as_object();
  for (const char* key : {"accuracy", "macro_f1", "oos_recall", "n_test", "threshold", "per_intent",
                          "sweep", "confused", "in_scope_accuracy"}) {
    EXPECT_TRUE(j.contains(key)) << key;
  }
  EXPECT_EQ(j.at("n_test").as_int64(), 38);
}

TEST(NluCli, EvalTextReportWithFastTextBaseline) {
  TempDir dir;
  write_bot(dir);
  const std::string bot = (dir.path() / "bot").string();
  auto e = run({"nlu", "eval", "--train", bot, "--test", bot, "--baseline", "fasttext", "-q",
                "--ft-epoch", "5", "--ft-dim", "10", "--ft-bucket", "10000", "--errors", "3"});
  ASSERT_EQ(e.code, 0) << e.err;
  for (const char* text : {"in-scope accuracy", "macro-F1", "out-of-scope recall", "fasttext",
                           "per intent", "most confused", "threshold sweep"}) {
    EXPECT_NE(e.out.find(text), std::string::npos) << text;
  }
}

TEST(NluCli, MalformedDataFailsWithFileAndLine) {
  TempDir dir;
  const auto csv = dir.write("bad.csv", "text,label\nhello,greeting\nno label here\n");
  auto t = run({"nlu", "train", csv.string(), "-o", (dir.path() / "m.model").string(), "-q"});
  EXPECT_EQ(t.code, 2);
  EXPECT_NE(t.err.find("bad.csv:3"), std::string::npos) << t.err;
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "m.model"));

  auto p = run({"nlu", "predict", "hi", "--model", (dir.path() / "missing.model").string()});
  EXPECT_EQ(p.code, 2);
  EXPECT_NE(p.err.find("no model file"), std::string::npos) << p.err;

  auto bad_threshold =
      run({"nlu", "eval", "--data", csv.string(), "--folds", "2", "--threshold", "2"});
  EXPECT_EQ(bad_threshold.code, 2);
}

}  // namespace
}  // namespace aicc::nlu
