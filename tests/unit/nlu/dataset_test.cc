#include "nlu/intent/dataset.h"

#include <map>
#include <set>

#include <gtest/gtest.h>

#include "test_util.h"

namespace aicc::nlu {
namespace {

using testing::TempDir;

// The error's line detail, or "" if it has none.
std::string line_of(const Error& e) {
  const auto it = e.details.find("line");
  return it == e.details.end() ? "" : it->second;
}

TEST(DataCsv, ParsesHeaderQuotesAndAliases) {
  const auto d = parse_delimited(
      "\xEF\xBB\xBFid,text,intent\n"
      "1,\"hello, there\",greeting\n"
      "2,\"she said \"\"cancel\"\"\",cancel_request\n"
      "\n"
      "3,what's the weather,oos\n",
      ',', "a.csv");
  ASSERT_TRUE(d) << d.error().message;
  ASSERT_EQ(d->size(), 3u);
  EXPECT_EQ(d->examples[0].text, "hello, there");
  EXPECT_EQ(d->examples[1].text, "she said \"cancel\"");
  EXPECT_EQ(d->examples[1].label, "cancel_request");
  EXPECT_EQ(d->examples[2].label, kOutOfScope);
}

TEST(DataCsv, CategoryColumnAndMultilineQuotedField) {
  const auto d =
      parse_delimited("category,text\ngreeting,\"hi\nthere\"\ngoodbye,bye\n", ',', "b.csv");
  ASSERT_TRUE(d) << d.error().message;
  ASSERT_EQ(d->size(), 2u);
  EXPECT_EQ(d->examples[0].text, "hi\nthere");
  EXPECT_EQ(d->examples[1].label, "goodbye");
}

TEST(DataCsv, MalformedRowsNameFileAndLine) {
  auto d = parse_delimited("text,label\nhello,greeting\nbad row with,two,commas\n", ',', "c.csv");
  ASSERT_FALSE(d);
  EXPECT_EQ(d.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(line_of(d.error()), "3");
  EXPECT_NE(d.error().message.find("c.csv:3"), std::string::npos) << d.error().message;
  EXPECT_NE(d.error().message.find("expected 2 fields"), std::string::npos);

  d = parse_delimited("text,label\nhello,greeting\n,greeting\n", ',', "c.csv");
  ASSERT_FALSE(d);
  EXPECT_EQ(line_of(d.error()), "3");
  EXPECT_NE(d.error().message.find("empty text"), std::string::npos);

  d = parse_delimited("text,label\n\"never closed,greeting\n", ',', "c.csv");
  ASSERT_FALSE(d);
  EXPECT_EQ(line_of(d.error()), "2");
  EXPECT_NE(d.error().message.find("unterminated"), std::string::npos);

  d = parse_delimited("sentence,label\nhello,greeting\n", ',', "c.csv");
  ASSERT_FALSE(d);
  EXPECT_EQ(line_of(d.error()), "1");

  d = parse_delimited("text,label\nhello,greeting\n\xFF\xFE,greeting\n", ',', "c.csv");
  ASSERT_FALSE(d);
  EXPECT_NE(d.error().message.find("UTF-8"), std::string::npos);
}

TEST(DataTsv, ParsesTabs) {
  const auto d = parse_delimited("label\ttext\ngreeting\t안녕, 하세요\n", '\t', "a.tsv");
  ASSERT_TRUE(d) << d.error().message;
  ASSERT_EQ(d->size(), 1u);
  EXPECT_EQ(d->examples[0].text, "안녕, 하세요");
}

TEST(DataJsonl, ParsesAndRejectsWithLineNumbers) {
  auto d = parse_jsonl(
      "{\"text\": \"배송 언제 와요\", \"intent\": \"order_status\"}\n\n"
      "{\"text\": \"hi\", \"label\": \"greeting\"}\n"
      "{\"text\": \"날씨\", \"intent\": \"OOS\"}\n",
      "a.jsonl");
  ASSERT_TRUE(d) << d.error().message;
  ASSERT_EQ(d->size(), 3u);
  EXPECT_EQ(d->examples[1].label, "greeting");
  EXPECT_EQ(d->examples[2].label, kOutOfScope);

  d = parse_jsonl("{\"text\": \"a\", \"intent\": \"x\"}\n{\"text\": \"b\", intent: x}\n",
                  "b.jsonl");
  ASSERT_FALSE(d);
  EXPECT_EQ(line_of(d.error()), "2");
  EXPECT_NE(d.error().message.find("b.jsonl:2"), std::string::npos);

  d = parse_jsonl("{\"text\": \"a\", \"intent\": \"x\"}\n\n{\"intent\": \"x\"}\n", "b.jsonl");
  ASSERT_FALSE(d);
  EXPECT_EQ(line_of(d.error()), "3");
  EXPECT_NE(d.error().message.find("\"text\""), std::string::npos);

  d = parse_jsonl("[1, 2]\n", "b.jsonl");
  ASSERT_FALSE(d);
  EXPECT_EQ(line_of(d.error()), "1");
}

TEST(DataClinc, SelectsSplits) {
  const std::string doc =
      R"({"train": [["how do i say hi in french", "translate"], ["book a flight", "book_flight"]],
    "oos_train": [["what is life", "oos"]],
    "test": [["say hello in german", "translate"]]})";
  auto d = parse_clinc150(doc, {"train", "oos_train"}, "c.json");
  ASSERT_TRUE(d) << d.error().message;
  ASSERT_EQ(d->size(), 3u);
  EXPECT_EQ(d->examples[2].label, kOutOfScope);

  d = parse_clinc150(doc, {"val"}, "c.json");
  ASSERT_FALSE(d);
  EXPECT_NE(d.error().message.find("available: train, oos_train, test"), std::string::npos)
      << d.error().message;
}

TEST(DataClinc, RejectsMalformed) {
  auto d = parse_clinc150(R"({"train": [["ok", "a"], ["missing label"]]})", {"train"}, "c.json");
  ASSERT_FALSE(d);
  EXPECT_NE(d.error().message.find("train[1]"), std::string::npos) << d.error().message;

  d = parse_clinc150("{\"train\": [\n[\"ok\", \"a\"],\n[\"bad\" \"a\"]\n]}", {"train"}, "c.json");
  ASSERT_FALSE(d);
  EXPECT_EQ(line_of(d.error()), "3") << d.error().message;
}

TEST(DataIntentJson, ObjectAndFlatForms) {
  auto d = parse_intent_json(
      R"({"intent": "greeting", "threshold": 0.65,
          "examples": {"ko": ["안녕하세요", "하이"], "en": ["hello"]}})",
      "greeting.json");
  ASSERT_TRUE(d) << d.error().message;
  EXPECT_EQ(d->size(), 3u);
  EXPECT_FLOAT_EQ(d->thresholds.at("greeting"), 0.65f);

  d = parse_intent_json(R"({"intent": "oos", "examples": ["날씨 어때"]})", "x.json");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->examples[0].label, kOutOfScope);
}

TEST(DataIntentJson, RejectsMalformed) {
  auto d = parse_intent_json(R"({"examples": ["a"]})", "g.json");
  ASSERT_FALSE(d);
  EXPECT_NE(d.error().message.find("\"intent\""), std::string::npos);

  d = parse_intent_json(R"({"intent": "g", "examples": {"ko": ["a", 3]}})", "g.json");
  ASSERT_FALSE(d);
  EXPECT_NE(d.error().message.find("examples.ko[1]"), std::string::npos) << d.error().message;

  d = parse_intent_json(R"({"intent": "g", "threshold": 1.5, "examples": ["a"]})", "g.json");
  ASSERT_FALSE(d);

  d = parse_intent_json("{\n\"intent\": \"g\",\n\"examples\": [\"a\",]\n}", "g.json");
  ASSERT_FALSE(d);
  EXPECT_EQ(line_of(d.error()), "3") << d.error().message;
}

TEST(DataIntentText, CommentsAndBlankLines) {
  auto d = parse_intent_text("# greetings\n안녕하세요\n\n  hello  \n", "greeting", "greeting.txt");
  ASSERT_TRUE(d) << d.error().message;
  ASSERT_EQ(d->size(), 2u);
  EXPECT_EQ(d->examples[1].text, "hello");
  EXPECT_EQ(d->examples[1].label, "greeting");
  d = parse_intent_text("# nothing here\n", "greeting", "greeting.txt");
  ASSERT_FALSE(d);
}

TEST(DataLoad, DirectoryFilesAndSpecs) {
  TempDir dir;
  dir.write("bot/greeting.json", R"({"intent": "greeting", "examples": ["안녕", "hello"]})");
  dir.write("bot/goodbye.txt", "bye\n잘 가요\n");
  dir.write("bot/README.md", "ignored");
  auto d = load_dataset((dir.path() / "bot").string());
  ASSERT_TRUE(d) << d.error().message;
  EXPECT_EQ(d->size(), 4u);
  EXPECT_EQ(d->examples[0].label, "goodbye");  // files are read in name order

  const auto csv = dir.write("a.csv", "text,label\nhi,greeting\n");
  EXPECT_TRUE(load_dataset(csv.string()));
  const auto jsonl = dir.write("a.jsonl", "{\"text\":\"hi\",\"intent\":\"greeting\"}\n");
  EXPECT_TRUE(load_dataset(jsonl.string()));
  const auto clinc = dir.write(
      "clinc.json",
      R"({"train": [["hi", "greet"]], "oos_train": [["x", "oos"]], "test": [["yo", "greet"]]})");
  auto c = load_dataset("clinc150:" + clinc.string() + ":test+oos_train");
  ASSERT_TRUE(c) << c.error().message;
  EXPECT_EQ(c->size(), 2u);
  EXPECT_EQ(load_dataset(clinc.string())->size(), 2u);  // default: train+oos_train

  auto missing = load_dataset((dir.path() / "nope.csv").string());
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
  const auto odd = dir.write("a.xml", "<x/>");
  EXPECT_FALSE(load_dataset(odd.string()));
  EXPECT_FALSE(load_dataset("clinc150:" + clinc.string()));

  dir.write("bad/x.json", R"({"intent": "x", "examples": [1]})");
  auto bad = load_dataset((dir.path() / "bad").string());
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("x.json"), std::string::npos);
}

TEST(DataFolds, StratifiedAndDeterministic) {
  const Dataset d = testing::tiny_dataset();
  const auto a = stratified_folds(d, 5, 7);
  EXPECT_EQ(a, stratified_folds(d, 5, 7));
  EXPECT_NE(a, stratified_folds(d, 5, 8));
  std::map<std::string, std::set<int>> folds_per_label;
  for (std::size_t i = 0; i < d.size(); ++i) folds_per_label[d.examples[i].label].insert(a[i]);
  for (const auto& [label, folds] : folds_per_label) {
    EXPECT_EQ(folds.size(), 5u) << label;  // ≥ 5 examples each: every fold gets some
  }
}

TEST(DataLabels, Canonical) {
  EXPECT_EQ(canonical_label(" OOS "), kOutOfScope);
  EXPECT_EQ(canonical_label("out-of-scope"), kOutOfScope);
  EXPECT_EQ(canonical_label(" greeting"), "greeting");
}

}  // namespace
}  // namespace aicc::nlu
