// The SQLite schema, as numbered migrations. Mirrors postgres/pg_schema.cc: the same
// tables, columns and constraints (INTEGER for int64 micros, REAL for doubles).
// STRICT tables make SQLite enforce the declared types as PostgreSQL does.
#include "store/migration.h"

namespace aicc::store {
namespace {

constexpr std::string_view kV1Core = R"sql(
CREATE TABLE customers (
  id               TEXT    NOT NULL PRIMARY KEY,
  external_id      TEXT    NOT NULL DEFAULT '',
  name             TEXT    NOT NULL DEFAULT '',
  phone            TEXT    NOT NULL DEFAULT '',
  email            TEXT    NOT NULL DEFAULT '',
  tier             TEXT    NOT NULL DEFAULT 'regular'
                   CHECK (tier IN ('regular', 'vip', 'premium', 'corporate')),
  language         TEXT    NOT NULL DEFAULT '',
  tags             TEXT    NOT NULL DEFAULT '[]',
  escalation_count INTEGER NOT NULL DEFAULT 0,
  satisfaction     REAL,
  created_at       INTEGER NOT NULL,
  updated_at       INTEGER NOT NULL
) STRICT;
CREATE UNIQUE INDEX customers_external_id_key ON customers (external_id) WHERE external_id <> '';

CREATE TABLE conversations (
  id               TEXT    NOT NULL PRIMARY KEY,
  customer_id      TEXT    NOT NULL REFERENCES customers (id),
  channel          TEXT    NOT NULL,
  language         TEXT    NOT NULL DEFAULT '',
  state            TEXT    NOT NULL
                   CHECK (state IN ('bot', 'queued', 'assigned', 'closed', 'abandoned')),
  close_reason     TEXT    NOT NULL DEFAULT '',
  message_count    INTEGER NOT NULL DEFAULT 0,
  created_at       INTEGER NOT NULL,
  updated_at       INTEGER NOT NULL,
  last_activity_at INTEGER NOT NULL,
  closed_at        INTEGER
) STRICT;
CREATE INDEX conversations_customer_id_idx ON conversations (customer_id);
CREATE INDEX conversations_state_idx ON conversations (state);

CREATE TABLE messages (
  id              TEXT    NOT NULL PRIMARY KEY,
  conversation_id TEXT    NOT NULL REFERENCES conversations (id),
  seq             INTEGER NOT NULL,
  sender          TEXT    NOT NULL CHECK (sender IN ('customer', 'bot', 'agent', 'system')),
  sender_id       TEXT    NOT NULL DEFAULT '',
  text            TEXT    NOT NULL,
  client_msg_id   TEXT,
  intent          TEXT    NOT NULL DEFAULT '',
  confidence      REAL,
  entities_json   TEXT    NOT NULL DEFAULT '',
  sentiment       TEXT    NOT NULL DEFAULT '',
  decision        TEXT    NOT NULL DEFAULT '',
  reason          TEXT    NOT NULL DEFAULT '',
  created_at      INTEGER NOT NULL,
  -- also the index that serves "messages of a conversation in order"
  CONSTRAINT messages_conversation_seq_key UNIQUE (conversation_id, seq),
  -- NULLs are distinct: only messages that carry a client_msg_id are deduplicated
  CONSTRAINT messages_conversation_client_msg_id_key UNIQUE (conversation_id, client_msg_id)
) STRICT;
)sql";

// The bot: its dialogue context and escalation mark on the conversation, the details of
// each bot turn on the message, and the records that completed scenarios leave behind.
constexpr std::string_view kV2Bot = R"sql(
ALTER TABLE conversations ADD COLUMN bot_state TEXT NOT NULL DEFAULT '';
ALTER TABLE conversations ADD COLUMN bot_version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE conversations ADD COLUMN escalation_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE conversations ADD COLUMN escalation_priority TEXT NOT NULL DEFAULT '';
ALTER TABLE messages ADD COLUMN details_json TEXT NOT NULL DEFAULT '';

CREATE TABLE scenario_records (
  id              TEXT   NOT NULL PRIMARY KEY,
  conversation_id TEXT   NOT NULL REFERENCES conversations (id),
  scenario_id     TEXT   NOT NULL,
  kind            TEXT   NOT NULL,
  slots_json      TEXT   NOT NULL,
  created_at      INTEGER NOT NULL
) STRICT;
CREATE INDEX scenario_records_conversation_idx ON scenario_records (conversation_id);
CREATE INDEX scenario_records_kind_idx ON scenario_records (kind, created_at);
)sql";

// The FAQ knowledge base: entries (both language variants of an id) with their counters,
// seeded from bot/faq at first start and the source of truth from then on; and the log of
// customer questions the FAQ had no confident answer for, grouped by query_key in reports.
constexpr std::string_view kV3Faq = R"sql(
CREATE TABLE faq_entries (
  id                TEXT    NOT NULL,
  language          TEXT    NOT NULL CHECK (language IN ('ko', 'en')),
  category          TEXT    NOT NULL,
  question          TEXT    NOT NULL,
  alternatives      TEXT    NOT NULL DEFAULT '[]',
  answer            TEXT    NOT NULL,
  keywords          TEXT    NOT NULL DEFAULT '[]',
  priority          INTEGER NOT NULL DEFAULT 0,
  active            INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  intent            TEXT    NOT NULL DEFAULT '',
  view_count        INTEGER NOT NULL DEFAULT 0,
  helpful_count     INTEGER NOT NULL DEFAULT 0,
  not_helpful_count INTEGER NOT NULL DEFAULT 0,
  updated_at        INTEGER NOT NULL,
  PRIMARY KEY (id, language)
) STRICT;
CREATE INDEX faq_entries_language_category_idx ON faq_entries (language, category);

CREATE TABLE faq_unanswered (
  id              INTEGER NOT NULL PRIMARY KEY,
  text            TEXT    NOT NULL,
  query_key       TEXT    NOT NULL,
  language        TEXT    NOT NULL CHECK (language IN ('ko', 'en')),
  conversation_id TEXT    NOT NULL DEFAULT '',
  best_faq_id     TEXT    NOT NULL DEFAULT '',
  best_confidence REAL,
  created_at      INTEGER NOT NULL
) STRICT;
CREATE INDEX faq_unanswered_key_idx ON faq_unanswered (language, query_key);
CREATE INDEX faq_unanswered_created_at_idx ON faq_unanswered (created_at);
)sql";

// People: users with Argon2id password hashes (usernames unique ignoring case; they are
// ASCII, so lower() agrees on both backends), the agent profile of agents and
// supervisors with its state, the state history for time-in-state reports, and login
// sessions keyed by the SHA-256 of their token.
constexpr std::string_view kV4Users = R"sql(
CREATE TABLE users (
  id            TEXT    NOT NULL PRIMARY KEY,
  username      TEXT    NOT NULL,
  display_name  TEXT    NOT NULL DEFAULT '',
  role          TEXT    NOT NULL CHECK (role IN ('agent', 'supervisor', 'admin')),
  password_hash TEXT    NOT NULL,
  active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at    INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL
) STRICT;
CREATE UNIQUE INDEX users_username_key ON users (lower(username));

CREATE TABLE agents (
  user_id        TEXT    NOT NULL PRIMARY KEY REFERENCES users (id),
  skills         TEXT    NOT NULL DEFAULT '[]',
  languages      TEXT    NOT NULL DEFAULT '[]',
  queues         TEXT    NOT NULL DEFAULT '[]',
  chat_capacity  INTEGER NOT NULL DEFAULT 3 CHECK (chat_capacity >= 0),
  voice_capacity INTEGER NOT NULL DEFAULT 1 CHECK (voice_capacity >= 0),
  state          TEXT    NOT NULL CHECK (state IN ('available', 'busy', 'break', 'training',
                                                   'meeting', 'after_call_work', 'offline')),
  state_reason   TEXT    NOT NULL DEFAULT '',
  state_since    INTEGER NOT NULL,
  updated_at     INTEGER NOT NULL
) STRICT;

CREATE TABLE agent_state_history (
  id         INTEGER NOT NULL PRIMARY KEY,
  user_id    TEXT    NOT NULL REFERENCES users (id),
  state      TEXT    NOT NULL CHECK (state IN ('available', 'busy', 'break', 'training',
                                               'meeting', 'after_call_work', 'offline')),
  reason     TEXT    NOT NULL DEFAULT '',
  started_at INTEGER NOT NULL,
  ended_at   INTEGER
) STRICT;
CREATE INDEX agent_state_history_user_idx ON agent_state_history (user_id, started_at);

CREATE TABLE sessions (
  token_hash   TEXT    NOT NULL PRIMARY KEY,
  user_id      TEXT    NOT NULL REFERENCES users (id),
  created_at   INTEGER NOT NULL,
  expires_at   INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  revoked_at   INTEGER
) STRICT;
CREATE INDEX sessions_user_idx ON sessions (user_id);
CREATE INDEX sessions_expires_idx ON sessions (expires_at);
)sql";

// Escalations: one row per hand-over to people. A conversation has at most one open
// escalation (the partial unique index), so creating one twice — two nodes, a retry —
// conflicts instead of queueing the customer twice. The queue index serves "who is next"
// (highest priority, then longest waiting) and the position of a waiting customer.
constexpr std::string_view kV5Escalations = R"sql(

CREATE TABLE escalations (
  id              TEXT   NOT NULL PRIMARY KEY,
  reference       TEXT   NOT NULL UNIQUE,
  conversation_id TEXT   NOT NULL REFERENCES conversations (id),
  customer_id     TEXT   NOT NULL,
  reason          TEXT   NOT NULL CHECK (reason IN ('complex_inquiry', 'complaint',
                         'technical_support', 'payment_issue', 'urgent_matter',
                         'bot_limitation', 'customer_request', 'system_error')),
  priority        TEXT   NOT NULL CHECK (priority IN ('low', 'medium', 'high', 'critical')),
  priority_rank   INTEGER NOT NULL CHECK (priority_rank BETWEEN 1 AND 4),
  queue_id        TEXT   NOT NULL,
  language        TEXT   NOT NULL DEFAULT '',
  state           TEXT   NOT NULL CHECK (state IN ('queued', 'offered', 'assigned', 'wrap_up',
                         'done', 'cancelled', 'callback_offered', 'callback')),
  note            TEXT   NOT NULL DEFAULT '',
  agent_id        TEXT   NOT NULL DEFAULT '',
  callback_phone  TEXT   NOT NULL DEFAULT '',
  disposition     TEXT   NOT NULL DEFAULT '',
  wrap_up_notes   TEXT   NOT NULL DEFAULT '',
  csat            INTEGER CHECK (csat BETWEEN 1 AND 5),
  created_at      INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL,
  offered_at      INTEGER,
  assigned_at     INTEGER,
  ended_at        INTEGER
) STRICT;
CREATE UNIQUE INDEX escalations_open_key ON escalations (conversation_id)
  WHERE state IN ('queued', 'offered', 'assigned', 'wrap_up', 'callback_offered');
CREATE INDEX escalations_queue_idx ON escalations (queue_id, state, priority_rank, created_at);
CREATE INDEX escalations_conversation_idx ON escalations (conversation_id, created_at);
)sql";

// Outbound webhook subscriptions and their delivery log (with the lease that lets
// several workers or nodes share the retries).
constexpr std::string_view kV6Webhooks = R"sql(
CREATE TABLE webhook_subscriptions (
  id          TEXT    NOT NULL PRIMARY KEY,
  url         TEXT    NOT NULL,
  secret      TEXT    NOT NULL,
  events      TEXT    NOT NULL,
  description TEXT    NOT NULL DEFAULT '',
  active      INTEGER NOT NULL DEFAULT 1,
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL
) STRICT;

CREATE TABLE webhook_deliveries (
  id              TEXT    NOT NULL PRIMARY KEY,
  subscription_id TEXT    NOT NULL REFERENCES webhook_subscriptions (id) ON DELETE CASCADE,
  event_id        TEXT    NOT NULL,
  event_type      TEXT    NOT NULL,
  payload         TEXT    NOT NULL,
  state           TEXT    NOT NULL CHECK (state IN ('pending', 'delivered', 'dead')),
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  last_status     INTEGER,
  last_error      TEXT    NOT NULL DEFAULT '',
  created_at      INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL,
  delivered_at    INTEGER,
  lease_until     INTEGER
) STRICT;
CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (state, next_attempt_at);
CREATE INDEX webhook_deliveries_subscription_idx ON webhook_deliveries (subscription_id, created_at);
)sql";

// The audit log of administrative changes (append-only).
constexpr std::string_view kV7Audit = R"sql(
CREATE TABLE audit_log (
  id             TEXT    NOT NULL PRIMARY KEY,
  at             INTEGER NOT NULL,
  actor_id       TEXT    NOT NULL,
  actor_name     TEXT    NOT NULL,
  action         TEXT    NOT NULL,
  resource_type  TEXT    NOT NULL,
  resource_id    TEXT    NOT NULL,
  before_json    TEXT    NOT NULL,
  after_json     TEXT    NOT NULL,
  request_id     TEXT    NOT NULL,
  client_address TEXT    NOT NULL
) STRICT;
CREATE INDEX audit_log_at_idx ON audit_log (at, id);
CREATE INDEX audit_log_resource_idx ON audit_log (resource_type, resource_id, at);
CREATE INDEX audit_log_actor_idx ON audit_log (actor_id, at);
)sql";

// Canned responses agents pick from; a shortcut is unique per language.
constexpr std::string_view kV8Canned = R"sql(
CREATE TABLE canned_responses (
  id         TEXT    NOT NULL PRIMARY KEY,
  title      TEXT    NOT NULL,
  text       TEXT    NOT NULL,
  language   TEXT    NOT NULL,
  queue      TEXT    NOT NULL,
  shortcut   TEXT    NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
CREATE UNIQUE INDEX canned_responses_shortcut_idx ON canned_responses (language, shortcut)
  WHERE shortcut <> '';
)sql";

// Analytics: the hourly (and daily) rollup of metric facts (Store::query_metrics) and the mark up
// to which hours are closed; indexes on the time columns the live facts of the open hours and the
// retention purge select by.
constexpr std::string_view kV9Analytics = R"sql(
CREATE TABLE analytics_hourly (
  hour     INTEGER NOT NULL,
  metric   TEXT    NOT NULL,
  channel  TEXT    NOT NULL,
  queue_id TEXT    NOT NULL,
  agent_id TEXT    NOT NULL,
  intent   TEXT    NOT NULL,
  mkey     TEXT    NOT NULL,
  n        INTEGER NOT NULL,
  total    REAL NOT NULL,
  PRIMARY KEY (hour, metric, channel, queue_id, agent_id, intent, mkey)
) STRICT;

-- Whole Asia/Seoul days of closed hours, summed again: a year reads 365 rows per
-- dimension combination instead of 8,760.
CREATE TABLE analytics_daily (
  day      INTEGER NOT NULL,
  metric   TEXT    NOT NULL,
  channel  TEXT    NOT NULL,
  queue_id TEXT    NOT NULL,
  agent_id TEXT    NOT NULL,
  intent   TEXT    NOT NULL,
  mkey     TEXT    NOT NULL,
  n        INTEGER NOT NULL,
  total    REAL NOT NULL,
  PRIMARY KEY (day, metric, channel, queue_id, agent_id, intent, mkey)
) STRICT;

CREATE TABLE analytics_rollup (
  id             INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
  rolled_through INTEGER NOT NULL
) STRICT;
INSERT INTO analytics_rollup (id, rolled_through) VALUES (1, 0);

CREATE INDEX conversations_created_at_idx ON conversations (created_at);
CREATE INDEX conversations_closed_at_idx ON conversations (closed_at);
CREATE INDEX escalations_created_at_idx ON escalations (created_at);
CREATE INDEX escalations_assigned_at_idx ON escalations (assigned_at);
CREATE INDEX escalations_ended_at_idx ON escalations (ended_at);
CREATE INDEX escalations_updated_at_idx ON escalations (updated_at);
CREATE INDEX messages_created_at_idx ON messages (created_at);
)sql";

// API keys for programs (only the secret's SHA-256 is kept).
constexpr std::string_view kV10ApiKeys = R"sql(
CREATE TABLE api_keys (
  id         TEXT    NOT NULL PRIMARY KEY,
  name       TEXT    NOT NULL,
  prefix     TEXT    NOT NULL,
  key_hash   TEXT    NOT NULL UNIQUE,
  role       TEXT    NOT NULL CHECK (role IN ('agent', 'supervisor', 'admin')),
  created_by TEXT    NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER,
  revoked_at INTEGER
) STRICT;
)sql";

// Inbound channels: another channel posts its customers' messages with an API key and
// gets replies at its callback URL. The callback is a webhook subscription with the
// channel's id (deleting it takes the channel, its contacts and its delivery log); a
// contact (the channel's own id for a customer) links to its current conversation.
constexpr std::string_view kV11Channels = R"sql(
CREATE TABLE channels (
  id          TEXT    NOT NULL PRIMARY KEY
                      REFERENCES webhook_subscriptions (id) ON DELETE CASCADE,
  name        TEXT    NOT NULL UNIQUE,
  api_key_id  TEXT    NOT NULL REFERENCES api_keys (id),
  description TEXT    NOT NULL DEFAULT '',
  enabled     INTEGER NOT NULL DEFAULT 1,
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL
) STRICT;

CREATE TABLE channel_contacts (
  channel_id      TEXT    NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
  external_id     TEXT    NOT NULL,
  conversation_id TEXT    NOT NULL,
  linked_at       INTEGER NOT NULL,
  PRIMARY KEY (channel_id, external_id)
) STRICT;
CREATE INDEX channel_contacts_conversation_idx ON channel_contacts (conversation_id);
)sql";

// Queues, business hours and holidays as the admin API edits them: one document (the
// form routing::QueueSet::to_json writes), seeded from bot/queues.json at the first start,
// replaced whole by compare-and-set on its version.
constexpr std::string_view kV12QueueConfig = R"sql(
CREATE TABLE queue_config (
  id         INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
  document   TEXT    NOT NULL,
  version    INTEGER  NOT NULL CHECK (version >= 1),
  updated_at INTEGER  NOT NULL
) STRICT;
)sql";

constexpr Migration kMigrations[] = {
    {1, "customers, conversations, messages", kV1Core},
    {2, "bot state, turn details, scenario records", kV2Bot},
    {3, "FAQ entries and unanswered queries", kV3Faq},
    {4, "users, agents, agent state history, sessions", kV4Users},
    {5, "escalations", kV5Escalations},
    {6, "outbound webhooks and deliveries", kV6Webhooks},
    {7, "audit log", kV7Audit},
    {8, "canned responses", kV8Canned},
    {9, "analytics rollups", kV9Analytics},
    {10, "API keys", kV10ApiKeys},
    {11, "inbound channels", kV11Channels},
    {12, "queues, business hours and holidays", kV12QueueConfig},
};

}  // namespace

std::span<const Migration> sqlite_migrations() {
  return kMigrations;
}

}  // namespace aicc::store
