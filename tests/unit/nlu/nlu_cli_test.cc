// `aicc nlu` commands end to end on small temporary data.
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <regex>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <CLI/CLI.hpp>
#include <boost/json.hpp>

#include "core/clock.h"
#include "nlu/cli/json_text.h"
#include "nlu/cli/nlu_cli.h"
#include "nlu/cli/predict_hooks.h"
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

TEST(NluCli, TrainsTheHiddenLayerModel) {
  TempDir dir;
  write_bot(dir);
  const std::string model = (dir.path() / "mlp.model").string();
  auto t = run({"nlu", "train", (dir.path() / "bot").string(), "-o", model, "--arch", "mlp",
                "--hidden", "16", "--optimizer", "adam", "--lr", "0.01", "--epochs", "20",
                "--calib-folds", "2", "-q"});
  ASSERT_EQ(t.code, 0) << t.err;
  EXPECT_NE(t.out.find("model: mlp"), std::string::npos) << t.out;
  auto p = run({"nlu", "predict", "주문 취소해 주세요", "--model", model});
  ASSERT_EQ(p.code, 0) << p.err;
  const auto j = boost::json::parse(p.out).as_object();
  EXPECT_EQ(j.at("top").as_array()[0].as_object().at("intent").as_string(), "cancel_request");

  for (const std::vector<std::string>& bad : {std::vector<std::string>{"--arch", "cnn"},
                                              {"--optimizer", "lbfgs"},
                                              {"--hidden", "-3"},
                                              {"--dropout", "1.5"}}) {
    std::vector<std::string> args = {"nlu", "train", (dir.path() / "bot").string(),
                                     "-o",  model,   "-q"};
    args.insert(args.end(), bad.begin(), bad.end());
    auto r = run(args);
    EXPECT_EQ(r.code, 2) << bad[0];
    EXPECT_NE(r.err.find(bad[0]), std::string::npos) << r.err;
  }
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

// The hooks the real binary passes (main.cc): entities with spans, normalised values and
// masking, and sentiment with anger/urgency, resolved against an injected clock.
TEST(NluCli, PredictWithStandardHooksPrintsEntitiesAndSentiment) {
  TempDir dir;
  write_bot(dir);
  // Friday 2025-06-13, 10:00 in Seoul: 내일 is Saturday 2025-06-14.
  const auto now = parse_iso8601("2025-06-13T10:00:00+09:00");
  ASSERT_TRUE(now.has_value());
  auto hooks = standard_predict_hooks(std::make_shared<ManualClock>(*now));
  ASSERT_TRUE(hooks.has_value()) << hooks.error().message;
  const std::string text =
      "내일 오후 3시에 010-1234-5678로 전화 주세요. 카드 4111 1111 1111 1111 결제가 안 돼서 "
      "너무 짜증나요, 급해요!";
  auto p = run({"nlu", "predict", text, "--bot", (dir.path() / "bot").string()}, *hooks);
  ASSERT_EQ(p.code, 0) << p.err;
  EXPECT_EQ(p.out.find("4111 1111 1111 1111"), std::string::npos) << "card printed in clear";
  const auto j = boost::json::parse(p.out).as_object();
  EXPECT_NE(j.at("text").as_string().find("**** **** **** 1111"), boost::json::string::npos);

  std::map<std::string, boost::json::object> by_type;
  for (const auto& e : j.at("entities").as_array()) {
    const auto& o = e.as_object();
    by_type[std::string(o.at("type").as_string())] = o;
    // the span points at the entity in the original text
    const auto begin = static_cast<std::size_t>(o.at("begin").as_int64());
    const auto end = static_cast<std::size_t>(o.at("end").as_int64());
    ASSERT_LT(begin, end);
    ASSERT_LE(end, text.size());
    if (!o.at("sensitive").as_bool()) {
      EXPECT_EQ(text.substr(begin, end - begin), std::string(o.at("text").as_string()));
    }
  }
  ASSERT_TRUE(by_type.count("date")) << p.out;
  EXPECT_EQ(by_type["date"].at("value").as_string(), "2025-06-14");
  ASSERT_TRUE(by_type.count("time")) << p.out;
  EXPECT_EQ(by_type["time"].at("value").as_string(), "15:00");
  ASSERT_TRUE(by_type.count("phone")) << p.out;
  EXPECT_EQ(by_type["phone"].at("value").as_string(), "+821012345678");
  EXPECT_FALSE(by_type["phone"].at("sensitive").as_bool());
  ASSERT_TRUE(by_type.count("card_number")) << p.out;
  EXPECT_TRUE(by_type["card_number"].at("sensitive").as_bool());
  EXPECT_EQ(by_type["card_number"].at("value").as_string(), "************1111");

  const auto& s = j.at("sentiment").as_object();
  EXPECT_EQ(s.at("label").as_string(), "negative");
  EXPECT_LT(s.at("score").to_number<double>(), 0.0);
  EXPECT_TRUE(s.at("anger").as_bool());
  EXPECT_TRUE(s.at("urgency").as_bool());
}

TEST(NluCli, StandardHooksRejectBadEntityOptions) {
  EntityOptions bad;
  bad.timezone = "Mars/Olympus";
  EXPECT_FALSE(standard_predict_hooks(std::make_shared<SystemClock>(), bad).has_value());
  EXPECT_FALSE(standard_predict_hooks(nullptr).has_value());
}

// Confidences and thresholds are printed as plain decimals with at most 4 places, not as
// Boost.JSON's 6.99999988079071E-1.
TEST(NluCli, PredictPrintsReadableNumbers) {
  TempDir dir;
  write_bot(dir);
  auto p = run({"nlu", "predict", "hello", "--bot", (dir.path() / "bot").string()});
  ASSERT_EQ(p.code, 0) << p.err;
  EXPECT_NE(p.out.find("\"threshold\":0.7,"), std::string::npos) << p.out;
  EXPECT_EQ(p.out.find('E'), std::string::npos) << p.out;
  const std::regex number(R"([:,\[]\s*(-?[0-9]+(\.[0-9]+)?)[,}\]])");
  int numbers = 0;
  for (std::sregex_iterator it(p.out.begin(), p.out.end(), number), end; it != end; ++it) {
    ++numbers;
    const std::string frac = (*it)[2].str();
    EXPECT_LE(frac.size(), 5u) << (*it)[1].str();  // '.' and at most 4 decimals
  }
  EXPECT_GE(numbers, 5);  // confidence, threshold, oos probability, three top confidences
}

TEST(NluCli, ReadableJsonWriter) {
  using cli::to_readable_json;
  EXPECT_EQ(to_readable_json(boost::json::value(0.7f)), "0.7");
  EXPECT_EQ(to_readable_json(boost::json::value(0.97123456)), "0.9712");
  EXPECT_EQ(to_readable_json(boost::json::value(0.99996)), "1");
  EXPECT_EQ(to_readable_json(boost::json::value(-0.00001)), "0");
  EXPECT_EQ(to_readable_json(boost::json::value(-2.5)), "-2.5");
  EXPECT_EQ(to_readable_json(boost::json::value(0.1234567), 6), "0.123457");
  EXPECT_EQ(to_readable_json(boost::json::value(std::nan(""))), "null");
  const boost::json::value v = {{"a\"b", boost::json::array{1, -2, 1.5, nullptr, true}},
                                {"t", "줄\n바꿈"}};
  const std::string text = to_readable_json(v);
  EXPECT_EQ(text, R"({"a\"b":[1,-2,1.5,null,true],"t":"줄\n바꿈"})");
  EXPECT_EQ(boost::json::parse(text), v);
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

// The two dumps are what an offline AICC + fastText combination reads: the same messages in
// the same order, each with a full probability distribution over the same labels.
TEST(NluCli, EvalDumpsBothSystemsProbabilities) {
  TempDir dir;
  write_bot(dir);
  const std::string bot = (dir.path() / "bot").string();
  const auto aicc = dir.path() / "aicc.jsonl";
  const auto ft = dir.path() / "ft.jsonl";
  auto e = run({"nlu",       "eval",        "--train",     bot,
                "--test",    bot,           "--baseline",  "fasttext",
                "-q",        "--ft-epoch",  "5",           "--ft-dim",
                "10",        "--ft-bucket", "10000",       "--calib-folds",
                "2",         "--dump",      aicc.string(), "--baseline-dump",
                ft.string(), "--json"});
  ASSERT_EQ(e.code, 0) << e.err;
  auto read_lines = [](const std::filesystem::path& path) {
    std::vector<boost::json::object> lines;
    std::ifstream in(path);
    for (std::string line; std::getline(in, line);) {
      lines.push_back(boost::json::parse(line).as_object());
    }
    return lines;
  };
  const auto a = read_lines(aicc);
  const auto f = read_lines(ft);
  const auto n_test = boost::json::parse(e.out).at("n_test").as_int64();
  ASSERT_EQ(static_cast<std::int64_t>(a.size()), n_test);
  ASSERT_EQ(f.size(), a.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].at("text"), f[i].at("text"));
    EXPECT_EQ(a[i].at("gold"), f[i].at("gold"));
    const auto& pa = a[i].at("probabilities").as_object();
    const auto& pf = f[i].at("probabilities").as_object();
    EXPECT_EQ(pa.size(), pf.size());
    EXPECT_TRUE(pf.contains("out_of_scope"));
    double sum = 0;
    for (const auto& [label, p] : pf) {
      EXPECT_TRUE(pa.contains(label)) << label;
      sum += p.to_number<double>();
    }
    EXPECT_NEAR(sum, 1.0, 1e-3);
  }

  auto no_baseline =
      run({"nlu", "eval", "--train", bot, "--test", bot, "-q", "--baseline-dump", ft.string()});
  EXPECT_EQ(no_baseline.code, 2);
  EXPECT_NE(no_baseline.err.find("--baseline-dump needs --baseline"), std::string::npos)
      << no_baseline.err;
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

  auto bad_loss = run({"nlu", "eval", "--data", csv.string(), "--folds", "2", "--loss", "l1"});
  EXPECT_EQ(bad_loss.code, 2);
  EXPECT_NE(bad_loss.err.find("--loss must be softmax or hinge"), std::string::npos)
      << bad_loss.err;
  auto bad_confidence =
      run({"nlu", "eval", "--data", csv.string(), "--folds", "2", "--tune-confidence", "1.5"});
  EXPECT_NE(bad_confidence.code, 0);
}

TEST(NluCli, EvalTunesWithConfidenceBoundAndHingeLoss) {
  TempDir dir;
  write_bot(dir);
  const std::string bot = (dir.path() / "bot").string();
  auto run_tuned = [&](const char* confidence) {
    auto e = run({"nlu", "eval", "--train", bot, "--test", bot, "--tune", bot,
                  "--tune-min-oos-recall", "0.9", "--tune-confidence", confidence, "--loss",
                  "hinge", "--calib-folds", "2", "--json", "-q"});
    EXPECT_EQ(e.code, 0) << e.err;
    return boost::json::parse(e.out).as_object();
  };
  const auto plain = run_tuned("0");
  const auto bounded = run_tuned("0.95");
  // A lower bound on the recall can only ask for a higher (or the same) threshold.
  EXPECT_GE(bounded.at("threshold").at("default").to_number<double>(),
            plain.at("threshold").at("default").to_number<double>());
  EXPECT_GE(bounded.at("oos_recall").to_number<double>(), 0.9);
}

// --tune chooses a uniform threshold, so the test set is scored with exactly that: the
// prototype's per-intent thresholds (greeting 0.7 …) must not ride along; explicit
// --intent-threshold flags do.
TEST(NluCli, EvalTuneScoresWithTheTunedUniformThreshold) {
  TempDir dir;
  write_bot(dir);
  const std::string bot = (dir.path() / "bot").string();
  auto per_intent = [&](std::vector<std::string> extra) {
    std::vector<std::string> args{"nlu", "eval",          "--train", bot,      "--test",
                                  bot,   "--calib-folds", "2",       "--json", "-q"};
    args.insert(args.end(), extra.begin(), extra.end());
    auto e = run(args);
    EXPECT_EQ(e.code, 0) << e.err;
    return boost::json::parse(e.out).at("threshold").at("per_intent").as_object();
  };
  EXPECT_TRUE(per_intent({}).contains("greeting"));  // untuned: the prototype's thresholds
  EXPECT_TRUE(per_intent({"--tune", bot}).empty());
  const auto explicit_only = per_intent({"--tune", bot, "--intent-threshold", "order_status=0.5"});
  ASSERT_EQ(explicit_only.size(), 1u);
  EXPECT_NEAR(explicit_only.at("order_status").to_number<double>(), 0.5, 1e-6);
}

}  // namespace
}  // namespace aicc::nlu
