#include "platform/config.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace aicc {
namespace {

namespace fs = std::filesystem;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

// Every test gets a fresh directory with an empty .env, so that nothing from the machine
// running the tests (a stray ./.env, AICC_* variables) can leak into a result.
class ConfigTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (fs::temp_directory_path() / "aicc-config-test-XXXXXX").string();
    ASSERT_NE(::mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
    sources_.env_file = write(".env", "");
  }
  void TearDown() override {
    if (!old_cwd_.empty()) fs::current_path(old_cwd_);
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  std::string write(const std::string& name, const std::string& text) {
    const auto path = dir_ / name;
    std::ofstream out(path, std::ios::binary);
    out << text;
    return path.string();
  }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }

  void enter_dir() {
    old_cwd_ = fs::current_path();
    fs::current_path(dir_);
  }

  Config load_ok() {
    auto c = load_config(sources_);
    EXPECT_TRUE(c.has_value()) << (c ? "" : c.error().message);
    return c ? *c : Config{};
  }
  Error load_error() {
    auto c = load_config(sources_);
    EXPECT_FALSE(c.has_value()) << "expected an error";
    if (c) return {};
    EXPECT_EQ(c.error().code, ErrorCode::kInvalidArgument);
    EXPECT_THAT(c.error().message, HasSubstr("configuration error"));
    return c.error();
  }

  fs::path dir_;
  fs::path old_cwd_;
  ConfigSources sources_;
};

// --- defaults --------------------------------------------------------------------------

TEST_F(ConfigTest, NoSourcesGivesBuiltInDefaults) {
  const Config c = load_ok();
  EXPECT_EQ(c.server.host, "127.0.0.1");
  EXPECT_EQ(c.server.port, 8080);
  EXPECT_EQ(c.server.io_threads, 1);
  EXPECT_EQ(c.server.worker_threads, 32);
  EXPECT_EQ(c.server.body_limit, 1024u * 1024u);
  EXPECT_THAT(c.server.cors_origins, IsEmpty());
  EXPECT_EQ(c.server.header_timeout_s, 10);
  EXPECT_EQ(c.server.body_timeout_s, 30);
  EXPECT_EQ(c.server.idle_timeout_s, 75);
  EXPECT_EQ(c.server.drain_timeout_s, 15);
  EXPECT_EQ(c.server.ws_max_connections, 20000);
  EXPECT_EQ(c.store.url, "sqlite:./data/aicc.db");
  EXPECT_EQ(c.store.pool_size, 8);
  EXPECT_TRUE(c.store.migrate_on_start);
  EXPECT_EQ(c.log.level, "info");
  EXPECT_EQ(c.log.file, "");
  EXPECT_TRUE(c.log.access_log);
  EXPECT_EQ(c.bot.dir, "./bot");
}

// --- TOML file -------------------------------------------------------------------------

TEST_F(ConfigTest, TomlFileSetsEverySetting) {
  sources_.file = write("aicc.toml", R"(# full configuration
[server]
host = "0.0.0.0"
port = 9090
io_threads = 2
worker_threads = 4
body_limit = "2MiB"
cors_origins = ["https://a.example", "https://b.example"]
header_timeout_s = 5
body_timeout_s = 6
idle_timeout_s = 7
drain_timeout_s = 0
ws_max_connections = 100

[store]
url = "postgres://aicc@db:5432/aicc"
pool_size = 16
migrate_on_start = false

[log]
level = "debug"
file = "/var/log/aicc.log"
access_log = false

[bot]
dir = "/srv/bot"
)");
  const Config c = load_ok();
  EXPECT_EQ(c.server.host, "0.0.0.0");
  EXPECT_EQ(c.server.port, 9090);
  EXPECT_EQ(c.server.io_threads, 2);
  EXPECT_EQ(c.server.worker_threads, 4);
  EXPECT_EQ(c.server.body_limit, 2u * 1024u * 1024u);
  EXPECT_THAT(c.server.cors_origins, ElementsAre("https://a.example", "https://b.example"));
  EXPECT_EQ(c.server.header_timeout_s, 5);
  EXPECT_EQ(c.server.body_timeout_s, 6);
  EXPECT_EQ(c.server.idle_timeout_s, 7);
  EXPECT_EQ(c.server.drain_timeout_s, 0);
  EXPECT_EQ(c.server.ws_max_connections, 100);
  EXPECT_EQ(c.store.url, "postgres://aicc@db:5432/aicc");
  EXPECT_EQ(c.store.pool_size, 16);
  EXPECT_FALSE(c.store.migrate_on_start);
  EXPECT_EQ(c.log.level, "debug");
  EXPECT_EQ(c.log.file, "/var/log/aicc.log");
  EXPECT_FALSE(c.log.access_log);
  EXPECT_EQ(c.bot.dir, "/srv/bot");
}

TEST_F(ConfigTest, TomlDottedAndInlineTablesAreTheSameKeys) {
  sources_.file = write("aicc.toml", "server.port = 1234\nstore = { pool_size = 3 }\n");
  const Config c = load_ok();
  EXPECT_EQ(c.server.port, 1234);
  EXPECT_EQ(c.store.pool_size, 3);
}

TEST_F(ConfigTest, TomlIntegerBodyLimitIsBytes) {
  sources_.file = write("aicc.toml", "[server]\nbody_limit = 4096\n");
  EXPECT_EQ(load_ok().server.body_limit, 4096u);
}

TEST_F(ConfigTest, MalformedTomlNamesFileAndLine) {
  const auto file = write("bad.toml", "[server]\nport = 8080\nhost = \n");
  sources_.file = file;
  const Error e = load_error();
  EXPECT_THAT(e.message, HasSubstr(file + ":3"));
  EXPECT_EQ(e.details.at("source"), file + ":3");
}

TEST_F(ConfigTest, MalformedTomlOnFirstLine) {
  const auto file = write("bad.toml", "[server\nport = 1\n");
  sources_.file = file;
  EXPECT_THAT(load_error().message, HasSubstr(file + ":1"));
}

TEST_F(ConfigTest, DuplicateTomlKeyIsAnError) {
  const auto file = write("dup.toml", "[server]\nport = 1\nport = 2\n");
  sources_.file = file;
  EXPECT_THAT(load_error().message, HasSubstr(file + ":3"));
}

TEST_F(ConfigTest, UnknownKeyInFileNamesKeyAndLine) {
  const auto file = write("aicc.toml", "[server]\nport = 8081\n\n# typo below\nprot = 8082\n");
  sources_.file = file;
  const Error e = load_error();
  EXPECT_THAT(e.message, HasSubstr(file + ":5"));
  EXPECT_THAT(e.message, HasSubstr("unknown setting \"server.prot\""));
}

TEST_F(ConfigTest, UnknownSectionInFile) {
  const auto file = write("aicc.toml", "[servr]\nport = 8081\n");
  sources_.file = file;
  EXPECT_THAT(load_error().message, HasSubstr("\"servr.port\""));
}

TEST_F(ConfigTest, SectionNameUsedAsValueIsUnknown) {
  sources_.file = write("aicc.toml", "server = 1\n");
  EXPECT_THAT(load_error().message, HasSubstr("unknown setting \"server\""));
}

TEST_F(ConfigTest, OutOfRangePortInFile) {
  for (const char* port : {"65536", "-1", "100000000000"}) {
    SCOPED_TRACE(port);
    const auto file = write("aicc.toml", std::string("[server]\nport = ") + port + "\n");
    sources_.file = file;
    const Error e = load_error();
    EXPECT_THAT(e.message, HasSubstr(file + ":2"));
    EXPECT_THAT(e.message, HasSubstr("server.port"));
  }
  sources_.file = write("aicc.toml", "[server]\nport = 65536\n");
  EXPECT_THAT(load_error().message, HasSubstr("must be between 0 and 65535, got 65536"));
}

TEST_F(ConfigTest, PortLimitsAreInclusive) {
  sources_.file = write("aicc.toml", "[server]\nport = 0\n");
  EXPECT_EQ(load_ok().server.port, 0);
  sources_.file = write("aicc.toml", "[server]\nport = 65535\n");
  EXPECT_EQ(load_ok().server.port, 65535);
}

TEST_F(ConfigTest, WrongValueTypesInFile) {
  for (const char* line : {"port = \"eighty\"", "port = 80.5", "port = true", "port = \"\"",
                           "port = \" 80\"", "port = \"80x\""}) {
    SCOPED_TRACE(line);
    sources_.file = write("aicc.toml", std::string("[server]\n") + line + "\n");
    EXPECT_THAT(load_error().message, HasSubstr("server.port expected an integer"));
  }
}

TEST_F(ConfigTest, IntegerWrittenAsStringIsAccepted) {
  sources_.file = write("aicc.toml", "[server]\nport = \"9000\"\n");
  EXPECT_EQ(load_ok().server.port, 9000);
}

TEST_F(ConfigTest, CorsOriginsMustBeStrings) {
  const auto file = write("aicc.toml", "[server]\n\ncors_origins = [\"https://a\", 2]\n");
  sources_.file = file;
  const Error e = load_error();
  EXPECT_THAT(e.message, HasSubstr(file + ":3"));
  EXPECT_THAT(e.message, HasSubstr("must be a list of strings"));
}

TEST_F(ConfigTest, DateValueIsAnUnsupportedType) {
  sources_.file = write("aicc.toml", "[store]\nurl = 2024-01-01\n");
  EXPECT_THAT(load_error().message, HasSubstr("store.url has an unsupported value type"));
}

TEST_F(ConfigTest, EmptyStringsAreRejectedWhereMeaningless) {
  for (const char* kv : {"[server]\nhost = \"\"", "[store]\nurl = \"\"", "[bot]\ndir = \"\""}) {
    SCOPED_TRACE(kv);
    sources_.file = write("aicc.toml", std::string(kv) + "\n");
    EXPECT_THAT(load_error().message, HasSubstr("must not be empty"));
  }
}

TEST_F(ConfigTest, BadLogLevel) {
  sources_.file = write("aicc.toml", "[log]\nlevel = \"verbose\"\n");
  EXPECT_THAT(load_error().message,
              HasSubstr("log.level expected debug, info, warn, error or off"));
}

TEST_F(ConfigTest, OtherIntegerRanges) {
  for (const char* kv :
       {"[server]\nio_threads = 0", "[server]\nio_threads = 65", "[server]\nworker_threads = 1025",
        "[server]\nheader_timeout_s = 0", "[server]\ndrain_timeout_s = 601",
        "[server]\nws_max_connections = 0", "[store]\npool_size = 257"}) {
    SCOPED_TRACE(kv);
    sources_.file = write("aicc.toml", std::string(kv) + "\n");
    EXPECT_THAT(load_error().message, HasSubstr("must be between"));
  }
}

TEST_F(ConfigTest, MissingConfigFileIsAnError) {
  sources_.file = path("nope.toml");
  const Error e = load_error();
  EXPECT_THAT(e.message, HasSubstr(path("nope.toml")));
  EXPECT_THAT(e.message, HasSubstr("cannot read the configuration file"));
}

TEST_F(ConfigTest, AiccConfigVariableNamesTheFile) {
  const auto file = write("from-env.toml", "[server]\nport = 7001\n");
  sources_.environ["AICC_CONFIG"] = file;
  EXPECT_EQ(load_ok().server.port, 7001);
}

TEST_F(ConfigTest, ExplicitFileBeatsAiccConfig) {
  sources_.environ["AICC_CONFIG"] = write("from-env.toml", "[server]\nport = 7001\n");
  sources_.file = write("explicit.toml", "[server]\nport = 7002\n");
  EXPECT_EQ(load_ok().server.port, 7002);
}

TEST_F(ConfigTest, AiccConfigPointingNowhereIsAnError) {
  sources_.environ["AICC_CONFIG"] = path("missing.toml");
  EXPECT_THAT(load_error().message, HasSubstr("missing.toml"));
}

TEST_F(ConfigTest, EmptyAiccConfigMeansNoFile) {
  sources_.environ["AICC_CONFIG"] = "";
  EXPECT_EQ(load_ok().server.port, 8080);
}

// --- sizes -----------------------------------------------------------------------------

struct SizeCase {
  const char* text;
  std::size_t bytes;
};

TEST_F(ConfigTest, SizeUnits) {
  for (const SizeCase& s :
       {SizeCase{"1024", 1024}, SizeCase{"2048B", 2048}, SizeCase{"512KiB", 512 * 1024},
        SizeCase{"8KB", 8 * 1024}, SizeCase{"2k", 2048}, SizeCase{"1MiB", 1024 * 1024},
        SizeCase{"3MB", 3 * 1024 * 1024}, SizeCase{"5M", 5 * 1024 * 1024},
        SizeCase{"64MiB", 64u * 1024 * 1024}, SizeCase{"1KiB", 1024}}) {
    SCOPED_TRACE(s.text);
    sources_.overrides["server.body_limit"] = s.text;
    EXPECT_EQ(load_ok().server.body_limit, s.bytes);
  }
}

TEST_F(ConfigTest, BadSizes) {
  struct Bad {
    const char* text;
    const char* why;
  };
  for (const Bad& b : {Bad{"2GB", "unknown size unit \"GB\""}, Bad{"1 MiB", "unknown size unit"},
                       Bad{"1mib", "unknown size unit"}, Bad{"1.5MiB", "unknown size unit"},
                       Bad{"MiB", "expected a size"}, Bad{"", "expected a size"},
                       Bad{"-1MiB", "expected a size"}, Bad{"1023", "between 1KiB and 64MiB"},
                       Bad{"0", "between 1KiB and 64MiB"}, Bad{"65MiB", "between 1KiB and 64MiB"},
                       // 2^44 + 1 MiB wraps around to exactly 1 MiB in 64-bit arithmetic.
                       Bad{"17592186044417MiB", "between 1KiB and 64MiB"},
                       Bad{"99999999999999999999999", "expected a size"}}) {
    SCOPED_TRACE(b.text);
    sources_.overrides["server.body_limit"] = b.text;
    const Error e = load_error();
    EXPECT_THAT(e.message, HasSubstr("server.body_limit"));
    EXPECT_THAT(e.message, HasSubstr(b.why));
  }
}

// --- booleans --------------------------------------------------------------------------

TEST_F(ConfigTest, BooleanSpellings) {
  for (const char* t : {"true", "1", "yes", "on"}) {
    SCOPED_TRACE(t);
    sources_.environ["AICC_LOG_ACCESS_LOG"] = "false";  // start from the opposite
    sources_.overrides["log.access_log"] = t;
    EXPECT_TRUE(load_ok().log.access_log);
  }
  sources_.environ.clear();
  for (const char* t : {"false", "0", "no", "off"}) {
    SCOPED_TRACE(t);
    sources_.overrides["log.access_log"] = t;
    EXPECT_FALSE(load_ok().log.access_log);
  }
}

TEST_F(ConfigTest, BadBooleans) {
  for (const char* t : {"maybe", "", "2", "y", "true!"}) {
    SCOPED_TRACE(t);
    sources_.environ = {{"AICC_STORE_MIGRATE_ON_START", t}};
    const Error e = load_error();
    EXPECT_THAT(e.message, HasSubstr("AICC_STORE_MIGRATE_ON_START"));
    EXPECT_THAT(e.message, HasSubstr("expected true or false"));
  }
}

TEST_F(ConfigTest, TomlBooleanAndStringBooleanBothWork) {
  sources_.file =
      write("aicc.toml", "[store]\nmigrate_on_start = false\n[log]\naccess_log = \"no\"\n");
  const Config c = load_ok();
  EXPECT_FALSE(c.store.migrate_on_start);
  EXPECT_FALSE(c.log.access_log);
  sources_.file = write("aicc.toml", "[store]\nmigrate_on_start = \"sometimes\"\n");
  EXPECT_THAT(load_error().message, HasSubstr("aicc.toml:2"));
}

// --- environment -----------------------------------------------------------------------

TEST_F(ConfigTest, EnvironmentNamesAndAliases) {
  sources_.environ = {{"AICC_HOST", "::1"},
                      {"AICC_STORE", "sqlite:/tmp/x.db"},
                      {"AICC_LOG_LEVEL", "warn"},
                      {"AICC_BOT_DIR", "/b"},
                      {"AICC_SERVER_IO_THREADS", "3"},
                      {"AICC_SERVER_BODY_LIMIT", "256KiB"},
                      {"AICC_LOG_FILE", "/l.log"}};
  const Config c = load_ok();
  EXPECT_EQ(c.server.host, "::1");
  EXPECT_EQ(c.store.url, "sqlite:/tmp/x.db");
  EXPECT_EQ(c.log.level, "warn");
  EXPECT_EQ(c.bot.dir, "/b");
  EXPECT_EQ(c.server.io_threads, 3);
  EXPECT_EQ(c.server.body_limit, 256u * 1024u);
  EXPECT_EQ(c.log.file, "/l.log");
}

TEST_F(ConfigTest, PortAliasAndFullName) {
  sources_.environ = {{"AICC_PORT", "7100"}};
  EXPECT_EQ(load_ok().server.port, 7100);
  sources_.environ = {{"AICC_SERVER_PORT", "7200"}};
  EXPECT_EQ(load_ok().server.port, 7200);
}

TEST_F(ConfigTest, CorsOriginsFromEnvironmentAreSplitAndTrimmed) {
  sources_.environ = {{"AICC_CORS_ORIGINS", " https://a.example , https://b.example,, ,*"}};
  EXPECT_THAT(load_ok().server.cors_origins,
              ElementsAre("https://a.example", "https://b.example", "*"));
}

TEST_F(ConfigTest, UnknownEnvironmentVariableIsAnError) {
  sources_.environ = {{"AICC_PROT", "8080"}};
  const Error e = load_error();
  EXPECT_THAT(e.message, HasSubstr("environment variable AICC_PROT"));
  EXPECT_THAT(e.message, HasSubstr("unknown setting"));
}

TEST_F(ConfigTest, BadEnvironmentValueNamesTheVariable) {
  sources_.environ = {{"AICC_SERVER_PORT", "http"}};
  const Error e = load_error();
  EXPECT_THAT(e.message, HasSubstr("environment variable AICC_SERVER_PORT"));
  EXPECT_THAT(e.message, HasSubstr("expected an integer, got \"http\""));
  EXPECT_EQ(e.details.at("source"), "environment variable AICC_SERVER_PORT");
}

TEST_F(ConfigTest, MetaAndTestVariablesAreNotUnknown) {
  sources_.environ = {{"AICC_TEST_PG_URL", "postgres://x"},
                      {"AICC_TEST_", ""},
                      {"AICC_CONFIG", ""},
                      {"PATH", "/usr/bin"},
                      {"HOME", "/root"},
                      {"aicc_port", "1"},  // not an AICC_ variable: case matters
                      {"MY_AICC_PORT", "1"}};
  EXPECT_EQ(load_ok().server.port, 8080);
}

TEST_F(ConfigTest, PrefixWithoutTestIsStillChecked) {
  sources_.environ = {{"AICC_TESTING", "1"}};
  EXPECT_THAT(load_error().message, HasSubstr("AICC_TESTING"));
}

TEST_F(ConfigTest, EnvironmentOverridesFile) {
  sources_.file = write("aicc.toml", "[server]\nport = 9001\nhost = \"10.0.0.1\"\n");
  sources_.environ = {{"AICC_PORT", "9002"}};
  const Config c = load_ok();
  EXPECT_EQ(c.server.port, 9002);
  EXPECT_EQ(c.server.host, "10.0.0.1");  // untouched by the environment
}

TEST_F(ConfigTest, OverridesWinOverEverything) {
  sources_.file = write("aicc.toml", "[server]\nport = 9001\n");
  sources_.env_file = write("x.env", "AICC_PORT=9002\n");
  sources_.environ = {{"AICC_PORT", "9003"}};
  sources_.overrides = {{"server.port", "9004"}, {"store.url", "sqlite::memory:"}};
  const Config c = load_ok();
  EXPECT_EQ(c.server.port, 9004);
  EXPECT_EQ(c.store.url, "sqlite::memory:");
}

TEST_F(ConfigTest, UnknownOverrideKey) {
  sources_.overrides = {{"server.prot", "1"}};
  const Error e = load_error();
  EXPECT_THAT(e.message, HasSubstr("command line --server.prot"));
  EXPECT_THAT(e.message, HasSubstr("unknown setting"));
}

TEST_F(ConfigTest, BadOverrideValue) {
  sources_.overrides = {{"server.port", "99999"}};
  EXPECT_THAT(load_error().message, HasSubstr("command line --server.port"));
}

TEST_F(ConfigTest, ErrorInFileStopsBeforeLaterSourcesCanHideIt) {
  sources_.file = write("aicc.toml", "[server]\nport = 99999\n");
  sources_.overrides = {{"server.port", "8000"}};
  EXPECT_THAT(load_error().message, HasSubstr("aicc.toml:2"));
}

// --- .env ------------------------------------------------------------------------------

TEST_F(ConfigTest, DotEnvQuotesExportCommentsAndBlankLines) {
  sources_.env_file = write("a.env",
                            "# a comment\n"
                            "\n"
                            "   \t\n"
                            "  # indented comment\n"
                            "AICC_PORT=7300\n"
                            "export AICC_HOST=\"10.1.2.3\"\n"
                            "AICC_STORE='sqlite:/data/my db.sqlite'\n"
                            "AICC_LOG_FILE=\"\"\n"
                            "AICC_BOT_DIR=/srv/bot   \n"
                            "  AICC_LOG_LEVEL=debug\n"
                            "OTHER_APP_SETTING=whatever\n"
                            "AICC_CORS_ORIGINS=https://x.example=1\n");
  const Config c = load_ok();
  EXPECT_EQ(c.server.port, 7300);
  EXPECT_EQ(c.server.host, "10.1.2.3");
  EXPECT_EQ(c.store.url, "sqlite:/data/my db.sqlite");
  EXPECT_EQ(c.log.file, "");
  EXPECT_EQ(c.bot.dir, "/srv/bot");
  EXPECT_EQ(c.log.level, "debug");
  EXPECT_THAT(c.server.cors_origins, ElementsAre("https://x.example=1"));  // split at first '='
}

TEST_F(ConfigTest, DotEnvWithWindowsLineEndings) {
  sources_.env_file = write("crlf.env", "# comment\r\n\r\nAICC_PORT=7400\r\nAICC_HOST=\"h\"\r\n");
  const Config c = load_ok();
  EXPECT_EQ(c.server.port, 7400);
  EXPECT_EQ(c.server.host, "h");
}

TEST_F(ConfigTest, DotEnvMalformedLineNamesFileAndLine) {
  const auto file = write("bad.env", "AICC_PORT=7000\n# ok\nthis line has no equals sign\n");
  sources_.env_file = file;
  const Error e = load_error();
  EXPECT_THAT(e.message, HasSubstr(file + ":3"));
  EXPECT_THAT(e.message, HasSubstr("expected KEY=VALUE"));
}

TEST_F(ConfigTest, DotEnvEmptyKeyIsMalformed) {
  const auto file = write("bad.env", "\n=value\n");
  sources_.env_file = file;
  EXPECT_THAT(load_error().message, HasSubstr(file + ":2"));
}

TEST_F(ConfigTest, DotEnvUnknownKeyNamesFileAndVariable) {
  const auto file = write("u.env", "AICC_SERVER_PROT=1\n");
  sources_.env_file = file;
  const Error e = load_error();
  EXPECT_THAT(e.message, HasSubstr(file + " AICC_SERVER_PROT"));
  EXPECT_THAT(e.message, HasSubstr("unknown setting"));
}

TEST_F(ConfigTest, DotEnvBadValueNamesFileAndVariable) {
  const auto file = write("v.env", "AICC_SERVER_BODY_LIMIT=10GiB\n");
  sources_.env_file = file;
  const Error e = load_error();
  EXPECT_THAT(e.message, HasSubstr(file + " AICC_SERVER_BODY_LIMIT"));
  EXPECT_THAT(e.message, HasSubstr("unknown size unit"));
}

TEST_F(ConfigTest, DotEnvOverridesFileAndEnvironmentOverridesDotEnv) {
  sources_.file =
      write("aicc.toml", "[server]\nport = 9001\nhost = \"file\"\n[bot]\ndir = \"f\"\n");
  sources_.env_file = write("o.env", "AICC_PORT=9002\nAICC_HOST=dotenv\n");
  sources_.environ = {{"AICC_HOST", "env"}};
  const Config c = load_ok();
  EXPECT_EQ(c.server.port, 9002);   // .env over file
  EXPECT_EQ(c.server.host, "env");  // environment over .env
  EXPECT_EQ(c.bot.dir, "f");        // file over defaults
}

TEST_F(ConfigTest, ExplicitDotEnvMustExist) {
  sources_.env_file = path("missing.env");
  EXPECT_THAT(load_error().message, HasSubstr("cannot read the .env file"));
}

TEST_F(ConfigTest, AiccEnvFileVariableNamesTheDotEnv) {
  sources_.env_file.reset();
  sources_.environ = {{"AICC_ENV_FILE", write("named.env", "AICC_PORT=7500\n")}};
  EXPECT_EQ(load_ok().server.port, 7500);
  sources_.environ = {{"AICC_ENV_FILE", path("missing.env")}};
  EXPECT_THAT(load_error().message, HasSubstr("missing.env"));
}

TEST_F(ConfigTest, DefaultDotEnvIsReadFromTheWorkingDirectory) {
  sources_.env_file.reset();
  write(".env", "AICC_PORT=7600\n");
  enter_dir();
  EXPECT_EQ(load_ok().server.port, 7600);
}

TEST_F(ConfigTest, MissingDefaultDotEnvIsFine) {
  sources_.env_file.reset();
  fs::remove(dir_ / ".env");
  enter_dir();
  EXPECT_EQ(load_ok().server.port, 8080);
}

TEST_F(ConfigTest, DotEnvMetaVariablesAreIgnored) {
  sources_.env_file = write("m.env", "AICC_CONFIG=/nonexistent.toml\nAICC_TEST_X=1\n");
  EXPECT_EQ(load_ok().server.port, 8080);
}

// --- helpers ---------------------------------------------------------------------------

TEST(ConfigHelpers, DescribeSettingsListsKeysEnvironmentNamesAndAliases) {
  const std::string text = "\n" + describe_settings();  // every line starts after a '\n'

  EXPECT_THAT(text, HasSubstr("server.port  (AICC_SERVER_PORT, AICC_PORT)  TCP port"));
  EXPECT_THAT(text, HasSubstr("server.body_limit  (AICC_SERVER_BODY_LIMIT)  "));
  EXPECT_THAT(text, HasSubstr("store.migrate_on_start  (AICC_STORE_MIGRATE_ON_START)  "));
  for (const char* key :
       {"server.host", "server.io_threads", "server.worker_threads", "server.cors_origins",
        "server.header_timeout_s", "server.body_timeout_s", "server.idle_timeout_s",
        "server.drain_timeout_s", "server.ws_max_connections", "store.url", "store.pool_size",
        "log.level", "log.file", "log.access_log", "bot.dir"}) {
    EXPECT_THAT(text, HasSubstr("\n" + std::string(key) + "  (")) << key;
  }
}

TEST(ConfigHelpers, ProcessEnvironmentReadsValuesWithEqualsSigns) {
  ASSERT_EQ(::setenv("AICC_TEST_UNIT_PROBE", "a=b=c", 1), 0);
  const auto env = process_environment();
  ::unsetenv("AICC_TEST_UNIT_PROBE");
  ASSERT_EQ(env.count("AICC_TEST_UNIT_PROBE"), 1u);
  EXPECT_EQ(env.at("AICC_TEST_UNIT_PROBE"), "a=b=c");
}

TEST_F(ConfigTest, AuthSettingsHaveDefaultsAndRanges) {
  const Config defaults = load_ok();
  EXPECT_EQ(defaults.auth.session_ttl_s, 720 * 60);
  EXPECT_EQ(defaults.auth.login_max_failures, 5);
  EXPECT_EQ(defaults.auth.login_lockout_s, 60);
  sources_.environ = {{"AICC_AUTH_SESSION_TTL_S", "2"}, {"AICC_AUTH_LOGIN_LOCKOUT_S", "5"}};
  sources_.file = write("aicc.toml", "[auth]\nlogin_max_failures = 3\n");
  const Config set = load_ok();
  EXPECT_EQ(set.auth.session_ttl_s, 2);
  EXPECT_EQ(set.auth.login_max_failures, 3);
  EXPECT_EQ(set.auth.login_lockout_s, 5);
  sources_.environ.clear();
  for (const char* kv : {"[auth]\nsession_ttl_s = 0", "[auth]\nlogin_max_failures = 0",
                         "[auth]\nlogin_lockout_s = 86401"}) {
    SCOPED_TRACE(kv);
    sources_.file = write("aicc.toml", std::string(kv) + "\n");
    EXPECT_THAT(load_error().message, HasSubstr("must be between"));
  }
}

// --- native TLS --------------------------------------------------------------------------

TEST_F(ConfigTest, TlsIsOffByDefault) {
  const Config c = load_ok();
  EXPECT_FALSE(c.server.tls.enabled());
  EXPECT_EQ(c.server.tls.cert_file, "");
  EXPECT_EQ(c.server.tls.key_file, "");
  EXPECT_EQ(c.server.tls.min_version, "1.2");
}

TEST_F(ConfigTest, TlsFromTomlSection) {
  sources_.file = write("aicc.toml",
                        "[server.tls]\ncert_file = \"/etc/aicc/chain.pem\"\n"
                        "key_file = \"/etc/aicc/key.pem\"\nmin_version = \"1.3\"\n");
  const Config c = load_ok();
  EXPECT_TRUE(c.server.tls.enabled());
  EXPECT_EQ(c.server.tls.cert_file, "/etc/aicc/chain.pem");
  EXPECT_EQ(c.server.tls.key_file, "/etc/aicc/key.pem");
  EXPECT_EQ(c.server.tls.min_version, "1.3");
}

TEST_F(ConfigTest, TlsEnvironmentOverridesFile) {
  sources_.file =
      write("aicc.toml", "[server.tls]\ncert_file = \"/a.pem\"\nkey_file = \"/a.key\"\n");
  sources_.environ = {{"AICC_SERVER_TLS_CERT_FILE", "/b.pem"},
                      {"AICC_SERVER_TLS_KEY_FILE", "/b.key"},
                      {"AICC_SERVER_TLS_MIN_VERSION", "1.2"}};
  const Config c = load_ok();
  EXPECT_EQ(c.server.tls.cert_file, "/b.pem");
  EXPECT_EQ(c.server.tls.key_file, "/b.key");
  EXPECT_EQ(c.server.tls.min_version, "1.2");
}

TEST_F(ConfigTest, TlsCertificateAndKeyMustBeSetTogether) {
  sources_.environ = {{"AICC_SERVER_TLS_CERT_FILE", "/b.pem"}};
  EXPECT_THAT(load_error().message,
              HasSubstr("server.tls.cert_file and server.tls.key_file must be set together"));
  sources_.environ = {{"AICC_SERVER_TLS_KEY_FILE", "/b.key"}};
  EXPECT_THAT(load_error().message, HasSubstr("must be set together"));
  // An environment variable may switch TLS off again by emptying both.
  sources_.file =
      write("aicc.toml", "[server.tls]\ncert_file = \"/a.pem\"\nkey_file = \"/a.key\"\n");
  sources_.environ = {{"AICC_SERVER_TLS_CERT_FILE", ""}, {"AICC_SERVER_TLS_KEY_FILE", ""}};
  EXPECT_FALSE(load_ok().server.tls.enabled());
}

TEST_F(ConfigTest, TlsMinVersionIsOneTwoOrOneThree) {
  for (const char* bad : {"1.1", "1.0", "TLSv1.2", "", "1.4"}) {
    SCOPED_TRACE(bad);
    sources_.environ = {{"AICC_SERVER_TLS_MIN_VERSION", bad}};
    const Error e = load_error();
    EXPECT_THAT(e.message, HasSubstr("environment variable AICC_SERVER_TLS_MIN_VERSION"));
    EXPECT_THAT(e.message, HasSubstr("expected 1.2 or 1.3"));
  }
  sources_.environ.clear();
  sources_.file = write("aicc.toml", "[server.tls]\nmin_version = 1.3\n");  // a TOML number
  EXPECT_EQ(load_ok().server.tls.min_version, "1.3");
  sources_.file = write("aicc.toml", "[server.tls]\nmin_version = 1.1\n");
  EXPECT_THAT(load_error().message, HasSubstr("expected 1.2 or 1.3"));
}

}  // namespace
}  // namespace aicc
