#include "platform/log.h"

#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

namespace aicc::log {
namespace {

namespace json = boost::json;
using ::testing::HasSubstr;
using ::testing::Not;

// Parses one log line strictly (valid UTF-8, no trailing garbage); fails the test if invalid.
json::object parse_line(const std::string& line) {
  EXPECT_FALSE(line.empty());
  EXPECT_EQ(line.back(), '\n') << "a log line ends with a newline";
  EXPECT_EQ(line.find('\n'), line.size() - 1) << "exactly one line: " << line;
  boost::system::error_code ec;
  json::value v = json::parse(line, ec);
  EXPECT_FALSE(ec) << ec.message() << " in " << line;
  if (ec || !v.is_object()) {
    ADD_FAILURE() << "not a JSON object: " << line;
    return {};
  }
  return v.as_object();
}

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line + "\n");
  return out;
}

std::string str(const json::object& o, const char* key) {
  const auto* v = o.if_contains(key);
  if (!v || !v->is_string()) return "<missing " + std::string(key) + ">";
  return std::string(v->as_string());
}

class LogTest : public ::testing::Test {
 protected:
  void SetUp() override {
    saved_level_ = level();
    set_level(Level::kDebug);
    capture_for_tests(true);
  }
  void TearDown() override {
    capture_for_tests(false);
    set_level(saved_level_);
  }
  Level saved_level_ = Level::kInfo;
};

TEST(LogLevel, ParsesEveryNameAndRejectsOthers) {
  Level l = Level::kInfo;
  ASSERT_TRUE(parse_level("debug", l));
  EXPECT_EQ(l, Level::kDebug);
  ASSERT_TRUE(parse_level("warn", l));
  EXPECT_EQ(l, Level::kWarn);
  ASSERT_TRUE(parse_level("error", l));
  EXPECT_EQ(l, Level::kError);
  ASSERT_TRUE(parse_level("off", l));
  EXPECT_EQ(l, Level::kOff);
  ASSERT_TRUE(parse_level("info", l));
  EXPECT_EQ(l, Level::kInfo);
  for (const char* bad : {"", "INFO", "warning", "trace", "info "}) {
    Level out = Level::kError;
    EXPECT_FALSE(parse_level(bad, out)) << bad;
    EXPECT_EQ(out, Level::kError) << "left unchanged on failure";
  }
}

TEST(LogFormat, LineHasTimestampLevelMessageAndFieldsInOrder) {
  const std::string line = format_line(Level::kWarn, "request served",
                                       {{"request_id", "abc"},
                                        {"status", 200},
                                        {"big", 1234567890123LL},
                                        {"neg", -5L},
                                        {"ratio", 0.25},
                                        {"ok", true},
                                        {"cached", false},
                                        {"count", 7u},
                                        {"size", 9ul},
                                        {"who", std::string("me")}});
  const json::object o = parse_line(line);
  EXPECT_EQ(str(o, "level"), "warn");
  EXPECT_EQ(str(o, "msg"), "request served");
  EXPECT_EQ(str(o, "request_id"), "abc");
  EXPECT_EQ(o.at("status").as_int64(), 200);
  EXPECT_EQ(o.at("big").as_int64(), 1234567890123LL);
  EXPECT_EQ(o.at("neg").as_int64(), -5);
  EXPECT_DOUBLE_EQ(o.at("ratio").as_double(), 0.25);
  EXPECT_TRUE(o.at("ok").as_bool());
  EXPECT_FALSE(o.at("cached").as_bool());
  EXPECT_EQ(o.at("count").as_int64(), 7);
  EXPECT_EQ(o.at("size").as_int64(), 9);
  EXPECT_EQ(str(o, "who"), "me");
  // Field order is kept: ts, level, msg, then the fields as given.
  EXPECT_EQ(line.find("{\"ts\":\""), 0u);
  EXPECT_LT(line.find("\"level\""), line.find("\"msg\""));
  EXPECT_LT(line.find("\"msg\""), line.find("\"request_id\""));
  EXPECT_LT(line.find("\"request_id\""), line.find("\"status\""));
  EXPECT_THAT(line, HasSubstr(",\"status\":200,"));
}

TEST(LogFormat, TimestampIsUtcWithMicroseconds) {
  const json::object o = parse_line(format_line(Level::kInfo, "x", {}));
  static const std::regex iso(R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z)");
  EXPECT_TRUE(std::regex_match(str(o, "ts"), iso)) << str(o, "ts");
}

TEST(LogFormat, EveryLevelName) {
  EXPECT_EQ(str(parse_line(format_line(Level::kDebug, "m", {})), "level"), "debug");
  EXPECT_EQ(str(parse_line(format_line(Level::kInfo, "m", {})), "level"), "info");
  EXPECT_EQ(str(parse_line(format_line(Level::kError, "m", {})), "level"), "error");
}

TEST(LogFormat, ControlCharactersQuotesAndBackslashesAreEscaped) {
  const std::string nasty = std::string("a\"b\\c\nd\re\tf") + '\x01' + '\x1f' + '\0' + "g\x7fh";
  const std::string line = format_line(Level::kInfo, nasty, {{"field", nasty}});
  // No raw control character survives (the final '\n' ends the line).
  for (std::size_t i = 0; i + 1 < line.size(); ++i)
    EXPECT_GE(static_cast<unsigned char>(line[i]), 0x20) << "raw control char at " << i;
  EXPECT_THAT(line, HasSubstr(R"(a\"b\\c\nd\re\tf\u0001\u001f\u0000g)"));
  const json::object o = parse_line(line);
  EXPECT_EQ(str(o, "msg"), nasty);  // round-trips exactly
  EXPECT_EQ(str(o, "field"), nasty);
}

TEST(LogFormat, KeysAreEscapedToo) {
  const json::object o = parse_line(format_line(Level::kInfo, "m", {{"we\"ird\nkey", 1}}));
  EXPECT_EQ(o.at("we\"ird\nkey").as_int64(), 1);
}

TEST(LogFormat, UnicodeTextIsKeptAsIs) {
  const std::string text = "상담원 연결 요청 — ok ✓";
  const std::string line = format_line(Level::kInfo, text, {});
  EXPECT_THAT(line, HasSubstr(text));
  EXPECT_EQ(str(parse_line(line), "msg"), text);
}

TEST(LogFormat, InvalidUtf8StillGivesValidJson) {
  // Bytes from a client (a raw path, a header) may be anything; the line must stay parseable.
  const std::string bad = std::string("path /\xff\xfe x \xc3") + " end \xe2\x82";
  const std::string line = format_line(Level::kInfo, bad, {{"path", bad}});
  const json::object o = parse_line(line);
  EXPECT_THAT(str(o, "msg"), HasSubstr("path /"));
  EXPECT_THAT(str(o, "msg"), HasSubstr(" end "));
  EXPECT_THAT(str(o, "path"), HasSubstr("\xef\xbf\xbd"));  // U+FFFD replacement character
}

TEST(LogFormat, NonFiniteDoublesGiveValidJson) {
  const std::string line = format_line(Level::kInfo, "m",
                                       {{"nan", std::nan("")},
                                        {"inf", std::numeric_limits<double>::infinity()},
                                        {"ninf", -std::numeric_limits<double>::infinity()},
                                        {"fine", 1.5}});
  const json::object o = parse_line(line);
  EXPECT_TRUE(o.at("nan").is_null());
  EXPECT_TRUE(o.at("inf").is_null());
  EXPECT_TRUE(o.at("ninf").is_null());
  EXPECT_DOUBLE_EQ(o.at("fine").as_double(), 1.5);
}

struct PiiCase {
  const char* raw;
  const char* masked;
};

const PiiCase kPii[] = {
    {"010-1234-5678", "010-****-5678"},
    {"kim.minsu@example.com", "k********@example.com"},
    {"4111 1111 1111 1111", "**** **** **** 1111"},
    {"900101-1234567", "******-*******"},
};

TEST(LogFormat, PersonalDataIsMaskedInMessage) {
  for (const auto& c : kPii) {
    SCOPED_TRACE(c.raw);
    const std::string line = format_line(Level::kInfo, std::string("customer said ") + c.raw, {});
    EXPECT_THAT(line, Not(HasSubstr(c.raw)));
    EXPECT_EQ(str(parse_line(line), "msg"), std::string("customer said ") + c.masked);
  }
}

TEST(LogFormat, PersonalDataIsMaskedInFieldValues) {
  for (const auto& c : kPii) {
    SCOPED_TRACE(c.raw);
    const std::string owned = std::string("text: ") + c.raw + " (end)";
    const std::string line =
        format_line(Level::kInfo, "m", {{"text", owned}, {"view", std::string_view(c.raw)}});
    EXPECT_THAT(line, Not(HasSubstr(c.raw)));
    const json::object o = parse_line(line);
    EXPECT_EQ(str(o, "text"), std::string("text: ") + c.masked + " (end)");
    EXPECT_EQ(str(o, "view"), c.masked);
  }
}

TEST(LogFormat, AllKindsOfPersonalDataInOneMessage) {
  const std::string line = format_line(
      Level::kInfo,
      "tel 010-1234-5678 mail kim.minsu@example.com card 4111-1111-1111-1111 rrn 9001011234567",
      {});
  EXPECT_EQ(
      str(parse_line(line), "msg"),
      "tel 010-****-5678 mail k********@example.com card ****-****-****-1111 rrn *************");
}

TEST(LogFormat, OrdinaryNumbersAreNotMasked) {
  const json::object o =
      parse_line(format_line(Level::kInfo, "order ORD-20240115-001 total 12345",
                             {{"status", 404}, {"path", "/api/v1/conversations/42"}}));
  EXPECT_EQ(str(o, "msg"), "order ORD-20240115-001 total 12345");
  EXPECT_EQ(str(o, "path"), "/api/v1/conversations/42");
}

TEST_F(LogTest, CapturedLinesAreWrittenInOrder) {
  info("first", {{"n", 1}});
  warn("second");
  error("third", {{"e", "boom"}});
  debug("fourth");
  const auto lines = split_lines(take_captured());
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(str(parse_line(lines[0]), "msg"), "first");
  EXPECT_EQ(str(parse_line(lines[1]), "level"), "warn");
  EXPECT_EQ(str(parse_line(lines[2]), "e"), "boom");
  EXPECT_EQ(str(parse_line(lines[3]), "level"), "debug");
  EXPECT_EQ(take_captured(), "") << "take_captured empties the buffer";
}

TEST_F(LogTest, LevelFiltersLowerLevels) {
  set_level(Level::kWarn);
  EXPECT_FALSE(enabled(Level::kInfo));
  EXPECT_TRUE(enabled(Level::kError));
  debug("d");
  info("i");
  warn("w");
  error("e");
  const auto lines = split_lines(take_captured());
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(str(parse_line(lines[0]), "msg"), "w");
  EXPECT_EQ(str(parse_line(lines[1]), "msg"), "e");
}

TEST_F(LogTest, OffSilencesEverything) {
  set_level(Level::kOff);
  EXPECT_EQ(level(), Level::kOff);
  error("e");
  warn("w");
  EXPECT_EQ(take_captured(), "");
}

TEST_F(LogTest, WriteIgnoresLevelFilter) {
  set_level(Level::kError);
  write(Level::kDebug, "explicit");
  EXPECT_EQ(str(parse_line(take_captured()), "level"), "debug");
}

TEST_F(LogTest, StartingCaptureDropsOldLines) {
  info("old");
  capture_for_tests(true);
  info("new");
  EXPECT_EQ(str(parse_line(take_captured()), "msg"), "new");
}

TEST(LogFile, SetFileFailsForAnUnwritablePathAndAppendsOtherwise) {
  std::string tmpl = (std::filesystem::temp_directory_path() / "aicc-log-test-XXXXXX").string();
  ASSERT_NE(::mkdtemp(tmpl.data()), nullptr);
  const std::filesystem::path dir = tmpl;
  EXPECT_FALSE(set_file((dir / "no-such-dir" / "x.log").string()));

  const auto file = (dir / "aicc.log").string();
  {
    std::ofstream pre(file);
    pre << "existing\n";
  }
  capture_for_tests(false);
  const Level saved = level();
  set_level(Level::kInfo);
  ASSERT_TRUE(set_file(file));
  info("to the file", {{"phone", "010-9876-5432"}});
  set_level(saved);
  std::ifstream in(file);
  std::string first, second;
  std::getline(in, first);
  std::getline(in, second);
  EXPECT_EQ(first, "existing");
  const json::object o = parse_line(second + "\n");
  EXPECT_EQ(str(o, "msg"), "to the file");
  EXPECT_EQ(str(o, "phone"), "010-****-5432");
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);  // the open FILE* stays valid on an unlinked file
}

}  // namespace
}  // namespace aicc::log
