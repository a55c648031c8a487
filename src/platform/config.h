// Service configuration. Sources, later ones winning:
//   1. built-in defaults (a working service with SQLite and the default bot);
//   2. a TOML file (--config FILE or AICC_CONFIG);
//   3. a `.env` file in the working directory (or AICC_ENV_FILE): KEY=VALUE lines;
//   4. AICC_* environment variables;
//   5. command-line overrides (aicc serve --port/--host/--store).
// Every setting has a dotted key ("server.port") and an environment name
// ("AICC_SERVER_PORT"); a few common ones have short aliases (AICC_PORT, AICC_STORE).
// Validation is strict: an unknown key or a bad value stops the start with one message
// naming the source (file and line, or variable) and the problem.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"

namespace aicc {

// Native TLS on the listener (docs/operations.md, "TLS"). Both files set: HTTPS and WSS
// only; neither: plain HTTP (e.g. behind a load balancer that terminates TLS).
struct TlsConfig {
  std::string cert_file;            // PEM: the server certificate, then any intermediates
  std::string key_file;             // PEM private key, unencrypted
  std::string min_version = "1.2";  // oldest TLS version accepted: 1.2 or 1.3
  bool enabled() const { return !cert_file.empty(); }
};

struct ServerConfig {
  std::string host = "127.0.0.1";
  int port = 8080;
  int io_threads = 1;       // threads running the network event loop
  int worker_threads = 32;  // threads for blocking work (store, NLU); bounded concurrency
  std::size_t body_limit = 1024 * 1024;
  std::vector<std::string> cors_origins;  // "*" allows any origin; empty disables CORS
  int header_timeout_s = 10;              // a client must send its headers within this
  int body_timeout_s = 30;                // … and its body within this
  int idle_timeout_s = 75;                // keep-alive connections idle longer are closed
  int drain_timeout_s = 15;               // graceful shutdown waits this long for requests
  int ws_max_connections = 20000;
  // Outbound frames queued for one WebSocket before the client is dropped as too slow.
  int ws_max_backlog = 1024;
  // Heartbeat: a WebSocket quiet for half this long gets a ping; one that stays silent
  // (no pong, no frame) for this long is closed.
  int ws_idle_timeout_s = 60;
  // Stream events each node keeps for resuming streams (?last_event_id=): older gaps
  // get resync_required.
  int stream_replay_events = 10000;
  // Requests per second per client address (0: off — behind a reverse proxy every client
  // has the proxy's address), and the burst a client may spend at once.
  int rate_limit_per_ip = 0;
  int rate_limit_burst = 200;
  // Requests per second per API key (0: off), and the burst a key may spend at once.
  int rate_limit_per_api_key = 100;
  int api_key_burst = 200;
  // Customer messages per minute per conversation (0: off), with a burst of
  // message_burst: a person never sends that many; a script may.
  int messages_per_minute = 120;
  int message_burst = 100;
  TlsConfig tls;
};

struct StoreConfig {
  std::string url = "sqlite:./data/aicc.db";
  int pool_size = 8;
  bool migrate_on_start = true;
};

struct LogConfig {
  std::string level = "info";
  std::string file;  // empty: stderr
  bool access_log = true;
};

struct BotConfig {
  std::string dir = "./bot";  // the bot's data: intents, FAQ, scenarios, queues, texts
  bool enabled = true;
  // The customer's message and the bot's reply in one commit (true), or in two, one after
  // the other (how turns were stored before; kept to compare in benchmarks).
  bool one_commit_turns = true;
  std::string model_file = "./data/intent.model";  // trained intent model cache
  // Training examples added by admins (one JSON object a line), trained on with the bot's.
  std::string examples_file = "./data/intent_examples.jsonl";
  // Scenario definitions uploaded through the admin API (loaded after bot/scenarios).
  std::string scenarios_upload_dir = "./data/scenarios";
  std::string timezone = "Asia/Seoul";
};

// The optional LLM second opinion of the NLU (docs/nlu.md, "Optional LLM backend").
// Empty credentials are taken from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY /
// AWS_SESSION_TOKEN / BEDROCK_REGION / BEDROCK_MODEL_ID at start.
struct LlmSettings {
  std::string provider = "none";  // none | bedrock | openai
  std::string region;
  std::string model_id;
  std::string base_url;
  std::string api_key;
  std::string access_key_id;
  std::string secret_access_key;
  std::string session_token;
  int timeout_ms = 3000;
};

struct AuthConfig {
  int session_ttl_s = 12 * 60 * 60;  // a login session expires this long after login
  int login_max_failures = 5;        // failed logins per username and client address …
  int login_lockout_s = 60;          // … before further attempts are refused for this long
};

// Outbound webhooks (docs/operations.md, "Webhooks").
struct WebhookConfig {
  int max_attempts = 8;          // attempts before a delivery is dead
  int first_backoff_ms = 1000;   // wait after the first failure, doubled after each
  int max_backoff_ms = 3600000;  // the longest wait between attempts
  int timeout_ms = 5000;         // one attempt, connect included
  int senders = 2;               // delivery threads per node
};

// The Amazon Connect and Lex V2 endpoints (deploy/connect/).
struct ConnectConfig {
  // The shared secret the Lambda proxy sends as X-AICC-Connect-Token. Empty: the
  // endpoints take events from anyone (development only).
  std::string token;
};

struct RoutingConfig {
  int offer_timeout_s = 30;  // an offer not accepted by then goes to the next agent
  int interval_ms = 250;     // between routing passes
};

struct RetentionConfig {
  int closed_conversation_days = 0;  // 0: keep forever
};

struct AnalyticsConfig {
  int rollup_interval_s = 60;  // between rollup rounds
};

struct Config {
  ServerConfig server;
  StoreConfig store;
  LogConfig log;
  BotConfig bot;
  LlmSettings llm;
  AuthConfig auth;
  WebhookConfig webhooks;
  ConnectConfig connect;
  RoutingConfig routing;
  RetentionConfig retention;
  AnalyticsConfig analytics;
};

struct ConfigSources {
  std::optional<std::string> file;               // TOML file; AICC_CONFIG used when unset
  std::optional<std::string> env_file;           // .env path; "./.env" when unset (if present)
  std::map<std::string, std::string> environ;    // the process environment (AICC_* only used)
  std::map<std::string, std::string> overrides;  // dotted key → value (CLI flags)
};

// Builds the configuration from the sources, validating everything.
Result<Config> load_config(const ConfigSources& sources);

// Reads the current process environment into a map.
std::map<std::string, std::string> process_environment();

// One line per setting: key, environment name, default, description (for `aicc config`).
std::string describe_settings();

}  // namespace aicc
