#include "platform/config.h"

#include <charconv>
#include <fstream>
#include <functional>
#include <sstream>

#include <toml++/toml.h>

extern char** environ;

namespace aicc {
namespace {

using Setter = std::function<std::optional<std::string>(Config&, const std::string&)>;

struct Setting {
  const char* key;
  const char* alias;  // short environment alias or nullptr
  const char* help;
  Setter set;  // returns an error text, or nullopt on success
};

std::optional<std::string> parse_int(const std::string& v, int lo, int hi, int& out) {
  int x = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), x);
  if (ec != std::errc() || p != v.data() + v.size())
    return "expected an integer, got \"" + v + "\"";
  if (x < lo || x > hi)
    return "must be between " + std::to_string(lo) + " and " + std::to_string(hi) + ", got " + v;
  out = x;
  return std::nullopt;
}

std::optional<std::string> parse_bool(const std::string& v, bool& out) {
  if (v == "true" || v == "1" || v == "yes" || v == "on") {
    out = true;
  } else if (v == "false" || v == "0" || v == "no" || v == "off") {
    out = false;
  } else {
    return "expected true or false, got \"" + v + "\"";
  }
  return std::nullopt;
}

// "1048576", "512KiB", "1MiB", "2MB"
std::optional<std::string> parse_size(const std::string& v, std::size_t& out) {
  std::size_t x = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), x);
  if (ec != std::errc() || p == v.data()) return "expected a size like 1048576 or 1MiB";
  const std::string unit(p, v.data() + v.size());
  std::size_t mult = 1;
  if (unit == "" || unit == "B") {
  } else if (unit == "KiB" || unit == "KB" || unit == "k") {
    mult = 1024;
  } else if (unit == "MiB" || unit == "MB" || unit == "M") {
    mult = 1024 * 1024;
  } else {
    return "unknown size unit \"" + unit + "\" (use B, KiB or MiB)";
  }
  constexpr std::size_t kMin = 1024, kMax = 64u * 1024 * 1024;
  if (x > kMax / mult) return "must be between 1KiB and 64MiB";  // also guards overflow
  out = x * mult;
  if (out < kMin) return "must be between 1KiB and 64MiB";
  return std::nullopt;
}

std::vector<std::string> split_list(const std::string& v) {
  std::vector<std::string> out;
  std::string cur;
  std::istringstream in(v);
  while (std::getline(in, cur, ',')) {
    const auto b = cur.find_first_not_of(' ');
    const auto e = cur.find_last_not_of(' ');
    if (b != std::string::npos) out.push_back(cur.substr(b, e - b + 1));
  }
  return out;
}

#define INT_SETTING(KEY, ALIAS, FIELD, LO, HI, HELP)                                              \
  Setting {                                                                                       \
    KEY, ALIAS, HELP, [](Config& c, const std::string& v) { return parse_int(v, LO, HI, FIELD); } \
  }

#define STRING_SETTING(KEY, FIELD, HELP)                      \
  Setting {                                                   \
    KEY, nullptr, HELP, [](Config& c, const std::string& v) { \
      FIELD = v;                                              \
      return std::optional<std::string>();                    \
    }                                                         \
  }

const std::vector<Setting>& settings() {
  static const std::vector<Setting> all = {
      {"server.host", "AICC_HOST", "address to listen on",
       [](Config& c, const std::string& v) -> std::optional<std::string> {
         if (v.empty()) return "must not be empty";
         c.server.host = v;
         return std::nullopt;
       }},
      INT_SETTING("server.port", "AICC_PORT", c.server.port, 0, 65535, "TCP port (0: any free)"),
      INT_SETTING("server.io_threads", nullptr, c.server.io_threads, 1, 64, "network threads"),
      INT_SETTING("server.rate_limit_per_ip", nullptr, c.server.rate_limit_per_ip, 0, 1000000,
                  "requests per second per client address, 429 beyond (0: off)"),
      INT_SETTING("server.rate_limit_burst", nullptr, c.server.rate_limit_burst, 1, 1000000,
                  "requests a client address may make at once"),
      INT_SETTING("server.rate_limit_per_api_key", nullptr, c.server.rate_limit_per_api_key, 0,
                  1000000, "requests per second per API key, 429 beyond (0: off)"),
      INT_SETTING("server.api_key_burst", nullptr, c.server.api_key_burst, 1, 1000000,
                  "requests an API key may make at once"),
      INT_SETTING("server.messages_per_minute", nullptr, c.server.messages_per_minute, 0, 1000000,
                  "customer messages per minute per conversation, 429 beyond (0: off)"),
      INT_SETTING("server.message_burst", nullptr, c.server.message_burst, 1, 1000000,
                  "customer messages a conversation may send at once"),
      INT_SETTING("server.worker_threads", nullptr, c.server.worker_threads, 1, 1024,
                  "threads for blocking work"),
      {"server.body_limit", nullptr, "largest accepted request body (bytes, KiB, MiB)",
       [](Config& c, const std::string& v) { return parse_size(v, c.server.body_limit); }},
      {"server.cors_origins", "AICC_CORS_ORIGINS",
       "comma-separated origins allowed by CORS, * for any",
       [](Config& c, const std::string& v) -> std::optional<std::string> {
         c.server.cors_origins = split_list(v);
         return std::nullopt;
       }},
      INT_SETTING("server.header_timeout_s", nullptr, c.server.header_timeout_s, 1, 600,
                  "seconds a client has to send request headers"),
      INT_SETTING("server.body_timeout_s", nullptr, c.server.body_timeout_s, 1, 3600,
                  "seconds a client has to send a request body"),
      INT_SETTING("server.idle_timeout_s", nullptr, c.server.idle_timeout_s, 1, 3600,
                  "seconds an idle keep-alive connection stays open"),
      INT_SETTING("server.drain_timeout_s", nullptr, c.server.drain_timeout_s, 0, 600,
                  "seconds graceful shutdown waits for in-flight requests"),
      INT_SETTING("server.ws_max_connections", nullptr, c.server.ws_max_connections, 1, 1000000,
                  "most WebSocket connections at once"),
      INT_SETTING("server.ws_max_backlog", nullptr, c.server.ws_max_backlog, 1, 1000000,
                  "frames queued for one WebSocket before a slow client is dropped"),
      INT_SETTING("server.ws_idle_timeout_s", nullptr, c.server.ws_idle_timeout_s, 2, 3600,
                  "a quiet WebSocket is pinged after half of this and closed after all of it"),
      INT_SETTING("server.stream_replay_events", nullptr, c.server.stream_replay_events, 1,
                  10000000, "stream events each node keeps for resuming streams"),
      {"server.tls.cert_file", nullptr,
       "PEM certificate (chain) for native TLS; with server.tls.key_file the port speaks "
       "HTTPS/WSS only (empty: plain HTTP)",
       [](Config& c, const std::string& v) -> std::optional<std::string> {
         c.server.tls.cert_file = v;
         return std::nullopt;
       }},
      {"server.tls.key_file", nullptr, "PEM private key (unencrypted) of server.tls.cert_file",
       [](Config& c, const std::string& v) -> std::optional<std::string> {
         c.server.tls.key_file = v;
         return std::nullopt;
       }},
      {"server.tls.min_version", nullptr, "oldest TLS version accepted: 1.2 (default) or 1.3",
       [](Config& c, const std::string& v) -> std::optional<std::string> {
         // A TOML number (min_version = 1.3) arrives as "1.300000".
         const bool number = v.size() >= 3 && v.compare(0, 2, "1.") == 0 &&
                             (v[2] == '2' || v[2] == '3') &&
                             v.find_first_not_of('0', 3) == std::string::npos;
         if (!number) return "expected 1.2 or 1.3, got \"" + v + "\"";
         c.server.tls.min_version = v.substr(0, 3);
         return std::nullopt;
       }},
      {"store.url", "AICC_STORE", "sqlite:PATH or postgres://user@host:port/db",
       [](Config& c, const std::string& v) -> std::optional<std::string> {
         if (v.empty()) return "must not be empty";
         c.store.url = v;
         return std::nullopt;
       }},
      INT_SETTING("store.pool_size", nullptr, c.store.pool_size, 1, 256, "database connections"),
      {"store.migrate_on_start", nullptr, "apply pending migrations at start",
       [](Config& c, const std::string& v) { return parse_bool(v, c.store.migrate_on_start); }},
      {"log.level", "AICC_LOG_LEVEL", "debug | info | warn | error | off",
       [](Config& c, const std::string& v) -> std::optional<std::string> {
         if (v != "debug" && v != "info" && v != "warn" && v != "error" && v != "off")
           return "expected debug, info, warn, error or off, got \"" + v + "\"";
         c.log.level = v;
         return std::nullopt;
       }},
      {"log.file", nullptr, "append logs to this file instead of stderr",
       [](Config& c, const std::string& v) -> std::optional<std::string> {
         c.log.file = v;
         return std::nullopt;
       }},
      {"log.access_log", nullptr, "log one line per HTTP request",
       [](Config& c, const std::string& v) { return parse_bool(v, c.log.access_log); }},
      {"bot.dir", "AICC_BOT_DIR", "directory with the bot's data",
       [](Config& c, const std::string& v) -> std::optional<std::string> {
         if (v.empty()) return "must not be empty";
         c.bot.dir = v;
         return std::nullopt;
       }},
      {"bot.enabled", nullptr, "answer customers with the bot (false: people only)",
       [](Config& c, const std::string& v) { return parse_bool(v, c.bot.enabled); }},
      {"bot.one_commit_turns", nullptr,
       "store the customer message and the bot reply in one commit (false: two, as before)",
       [](Config& c, const std::string& v) { return parse_bool(v, c.bot.one_commit_turns); }},
      {"bot.model_file", nullptr, "where the trained intent model is cached (empty: memory only)",
       [](Config& c, const std::string& v) -> std::optional<std::string> {
         c.bot.model_file = v;
         return std::nullopt;
       }},
      {"bot.examples_file", nullptr,
       "intent examples added through the admin API (JSON lines; empty: none can be added)",
       [](Config& c, const std::string& v) -> std::optional<std::string> {
         c.bot.examples_file = v;
         return std::nullopt;
       }},
      {"bot.scenarios_upload_dir", nullptr,
       "scenario definitions uploaded through the admin API, loaded after bot/scenarios",
       [](Config& c, const std::string& v) -> std::optional<std::string> {
         if (v.empty()) return "must not be empty";
         c.bot.scenarios_upload_dir = v;
         return std::nullopt;
       }},
      {"bot.timezone", nullptr, "zone for relative dates: Asia/Seoul, UTC or an offset like +09:00",
       [](Config& c, const std::string& v) -> std::optional<std::string> {
         if (v.empty()) return "must not be empty";
         c.bot.timezone = v;
         return std::nullopt;
       }},
      {"llm.provider", nullptr, "optional LLM for the NLU: none | bedrock | openai",
       [](Config& c, const std::string& v) -> std::optional<std::string> {
         if (v != "none" && v != "bedrock" && v != "openai")
           return "expected none, bedrock or openai, got \"" + v + "\"";
         c.llm.provider = v;
         return std::nullopt;
       }},
      STRING_SETTING("llm.region", c.llm.region,
                     "Bedrock region (default BEDROCK_REGION, us-east-1)"),
      STRING_SETTING("llm.model_id", c.llm.model_id,
                     "Bedrock model id, or the OpenAI-compatible model"),
      STRING_SETTING("llm.base_url", c.llm.base_url,
                     "OpenAI-compatible server URL; Bedrock endpoint override"),
      STRING_SETTING("llm.api_key", c.llm.api_key, "bearer key of the OpenAI-compatible server"),
      STRING_SETTING("llm.access_key_id", c.llm.access_key_id,
                     "Bedrock: AWS access key id (default AWS_ACCESS_KEY_ID)"),
      STRING_SETTING("llm.secret_access_key", c.llm.secret_access_key,
                     "Bedrock: AWS secret (default AWS_SECRET_ACCESS_KEY)"),
      STRING_SETTING("llm.session_token", c.llm.session_token, "Bedrock: temporary session token"),
      INT_SETTING("llm.timeout_ms", nullptr, c.llm.timeout_ms, 50, 120000,
                  "total time for one LLM request; on timeout the local model answers"),
      INT_SETTING("auth.session_ttl_s", nullptr, c.auth.session_ttl_s, 1, 90 * 24 * 3600,
                  "seconds a login session lasts (default 43200: 12 hours)"),
      INT_SETTING("auth.login_max_failures", nullptr, c.auth.login_max_failures, 1, 1000,
                  "failed logins per username and client address before a lockout"),
      INT_SETTING("auth.login_lockout_s", nullptr, c.auth.login_lockout_s, 1, 24 * 3600,
                  "seconds further logins are refused (429) after too many failures"),
      INT_SETTING("webhooks.max_attempts", nullptr, c.webhooks.max_attempts, 1, 100,
                  "attempts per webhook delivery before it is dead (a dead letter)"),
      INT_SETTING("webhooks.first_backoff_ms", nullptr, c.webhooks.first_backoff_ms, 10, 3600000,
                  "wait after a failed webhook attempt, doubled after each failure"),
      INT_SETTING("webhooks.max_backoff_ms", nullptr, c.webhooks.max_backoff_ms, 10, 86400000,
                  "the longest wait between webhook attempts"),
      INT_SETTING("webhooks.timeout_ms", nullptr, c.webhooks.timeout_ms, 100, 60000,
                  "time for one webhook attempt, connect included"),
      INT_SETTING("webhooks.senders", nullptr, c.webhooks.senders, 1, 32,
                  "webhook delivery threads per node"),
      {"connect.token", nullptr,
       "secret the Connect/Lex Lambda proxy sends as X-AICC-Connect-Token (at least 16 "
       "characters); empty: /api/v1/connect and /api/v1/lex take any caller",
       [](Config& c, const std::string& v) -> std::optional<std::string> {
         if (!v.empty() && v.size() < 16) return "must be at least 16 characters";
         c.connect.token = v;
         return std::nullopt;
       }},
      INT_SETTING("routing.offer_timeout_s", nullptr, c.routing.offer_timeout_s, 1, 3600,
                  "seconds an agent has to accept an offer before it goes to the next agent"),
      INT_SETTING("routing.interval_ms", nullptr, c.routing.interval_ms, 10, 60000,
                  "milliseconds between routing passes over the waiting escalations"),
      INT_SETTING("retention.closed_conversation_days", nullptr,
                  c.retention.closed_conversation_days, 0, 36500,
                  "closed conversations older than this many days are purged daily (their "
                  "analytics rollups stay); 0 keeps them forever"),
      INT_SETTING("analytics.rollup_interval_s", nullptr, c.analytics.rollup_interval_s, 1, 3600,
                  "seconds between analytics rollup rounds (closing finished hours)"),
  };
  return all;
}
#undef INT_SETTING
#undef STRING_SETTING

std::string env_name(const std::string& key) {
  std::string out = "AICC_";
  for (char ch : key) out.push_back(ch == '.' ? '_' : static_cast<char>(std::toupper(ch)));
  return out;
}

const Setting* find_setting(const std::string& key) {
  for (const auto& s : settings())
    if (key == s.key) return &s;
  return nullptr;
}

// Variables that are not settings but are understood (or reserved for tests).
bool is_meta_variable(const std::string& name) {
  return name == "AICC_CONFIG" || name == "AICC_ENV_FILE" || name.rfind("AICC_TEST_", 0) == 0;
}

tl::unexpected<Error> config_error(const std::string& where, const std::string& what) {
  return make_error(ErrorCode::kInvalidArgument, "configuration error: " + where + ": " + what,
                    {{"source", where}});
}

Status apply(Config& c, const std::string& key, const std::string& value,
             const std::string& where) {
  const Setting* s = find_setting(key);
  if (!s) return config_error(where, "unknown setting \"" + key + "\"");
  if (auto err = s->set(c, value)) return config_error(where, key + " " + *err);
  return {};
}

std::string toml_scalar_text(const toml::node& n) {
  if (auto v = n.value<std::string>()) return *v;
  if (auto b = n.value_exact<bool>()) return *b ? "true" : "false";
  if (auto i = n.value_exact<std::int64_t>()) return std::to_string(*i);
  if (auto d = n.value_exact<double>()) return std::to_string(*d);
  return {};
}

Status apply_toml_table(Config& c, const toml::table& table, const std::string& prefix,
                        const std::string& path) {
  for (const auto& [k, node] : table) {
    const std::string key =
        prefix.empty() ? std::string(k.str()) : prefix + "." + std::string(k.str());
    const std::string where = path + ":" + std::to_string(node.source().begin.line);
    if (const auto* sub = node.as_table()) {
      if (auto st = apply_toml_table(c, *sub, key, path); !st) return st;
      continue;
    }
    std::string text;
    if (const auto* arr = node.as_array()) {
      for (const auto& item : *arr) {
        if (!item.is_string()) return config_error(where, key + " must be a list of strings");
        if (!text.empty()) text += ",";
        text += *item.value<std::string>();
      }
    } else if (node.is_string() || node.is_boolean() || node.is_integer() ||
               node.is_floating_point()) {
      text = toml_scalar_text(node);
    } else {
      return config_error(where, key + " has an unsupported value type");
    }
    if (auto st = apply(c, key, text, where); !st) return st;
  }
  return {};
}

Result<std::map<std::string, std::string>> read_env_file(const std::string& path, bool required) {
  std::map<std::string, std::string> out;
  std::ifstream in(path);
  if (!in) {
    if (required) return config_error(path, "cannot read the .env file");
    return out;
  }
  std::string line;
  int lineno = 0;
  while (std::getline(in, line)) {
    ++lineno;
    if (!line.empty() && line.back() == '\r') line.pop_back();  // a file saved on Windows
    const auto b = line.find_first_not_of(" \t");
    if (b == std::string::npos || line[b] == '#') continue;
    line = line.substr(b);
    if (line.rfind("export ", 0) == 0) line = line.substr(7);
    const auto eq = line.find('=');
    if (eq == std::string::npos || eq == 0)
      return config_error(path + ":" + std::to_string(lineno), "expected KEY=VALUE");
    std::string key = line.substr(0, eq);
    std::string value = line.substr(eq + 1);
    while (!value.empty() && (value.back() == '\r' || value.back() == ' ')) value.pop_back();
    if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') &&
        value.back() == value.front())
      value = value.substr(1, value.size() - 2);
    out[key] = value;
  }
  return out;
}

// Maps AICC_* variables to settings; unknown AICC_* names are errors.
Status apply_variables(Config& c, const std::map<std::string, std::string>& vars,
                       const std::string& origin) {
  for (const auto& [name, value] : vars) {
    if (name.rfind("AICC_", 0) != 0 || is_meta_variable(name)) continue;
    const Setting* match = nullptr;
    for (const auto& s : settings())
      if (name == env_name(s.key) || (s.alias && name == s.alias)) match = &s;
    if (!match) return config_error(origin + " " + name, "unknown setting (see `aicc config`)");
    if (auto st = apply(c, match->key, value, origin + " " + name); !st) return st;
  }
  return {};
}

}  // namespace

Result<Config> load_config(const ConfigSources& src) {
  Config c;
  std::optional<std::string> file = src.file;
  if (!file) {
    if (auto it = src.environ.find("AICC_CONFIG"); it != src.environ.end() && !it->second.empty())
      file = it->second;
  }
  if (file) {
    std::ifstream probe(*file);
    if (!probe) return config_error(*file, "cannot read the configuration file");
    toml::table parsed;
    try {
      parsed = toml::parse_file(*file);
    } catch (const toml::parse_error& e) {
      return config_error(*file + ":" + std::to_string(e.source().begin.line),
                          std::string(e.description()));
    }
    if (auto st = apply_toml_table(c, parsed, "", *file); !st) return tl::unexpected(st.error());
  }
  std::string env_path = ".env";
  bool env_required = false;
  if (src.env_file) {
    env_path = *src.env_file;
    env_required = true;
  } else if (auto it = src.environ.find("AICC_ENV_FILE"); it != src.environ.end()) {
    env_path = it->second;
    env_required = true;
  }
  auto dotenv = read_env_file(env_path, env_required);
  if (!dotenv) return tl::unexpected(dotenv.error());
  if (auto st = apply_variables(c, *dotenv, env_path); !st) return tl::unexpected(st.error());
  if (auto st = apply_variables(c, src.environ, "environment variable"); !st)
    return tl::unexpected(st.error());
  for (const auto& [key, value] : src.overrides)
    if (auto st = apply(c, key, value, "command line --" + key); !st)
      return tl::unexpected(st.error());
  // The files themselves are checked when the server starts listening (net/server.cc):
  // that is where OpenSSL reads them.
  if (c.server.tls.cert_file.empty() != c.server.tls.key_file.empty())
    return config_error("server.tls",
                        "server.tls.cert_file and server.tls.key_file must be set together");
  return c;
}

std::map<std::string, std::string> process_environment() {
  std::map<std::string, std::string> out;
  for (char** e = environ; e && *e; ++e) {
    const std::string entry(*e);
    const auto eq = entry.find('=');
    if (eq != std::string::npos) out[entry.substr(0, eq)] = entry.substr(eq + 1);
  }
  return out;
}

std::string describe_settings() {
  std::string out;
  for (const auto& s : settings()) {
    out += std::string(s.key) + "  (" + env_name(s.key);
    if (s.alias) out += ", " + std::string(s.alias);
    out += ")  " + std::string(s.help) + "\n";
  }
  return out;
}

}  // namespace aicc
