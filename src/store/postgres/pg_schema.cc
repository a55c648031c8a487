// The PostgreSQL schema, as numbered migrations. Mirrors sqlite/sqlite_schema.cc: the
// same tables, columns and constraints (BIGINT for int64 micros, DOUBLE PRECISION for
// doubles).
#include "store/migration.h"

namespace aicc::store {
namespace {

constexpr std::string_view kV1Core = R"sql(
CREATE TABLE customers (
  id               TEXT   NOT NULL PRIMARY KEY,
  external_id      TEXT   NOT NULL DEFAULT '',
  name             TEXT   NOT NULL DEFAULT '',
  phone            TEXT   NOT NULL DEFAULT '',
  email            TEXT   NOT NULL DEFAULT '',
  tier             TEXT   NOT NULL DEFAULT 'regular'
                   CHECK (tier IN ('regular', 'vip', 'premium', 'corporate')),
  language         TEXT   NOT NULL DEFAULT '',
  tags             TEXT   NOT NULL DEFAULT '[]',
  escalation_count BIGINT NOT NULL DEFAULT 0,
  satisfaction     DOUBLE PRECISION,
  created_at       BIGINT NOT NULL,
  updated_at       BIGINT NOT NULL
);
CREATE UNIQUE INDEX customers_external_id_key ON customers (external_id) WHERE external_id <> '';

CREATE TABLE conversations (
  id               TEXT   NOT NULL PRIMARY KEY,
  customer_id      TEXT   NOT NULL REFERENCES customers (id),
  channel          TEXT   NOT NULL,
  language         TEXT   NOT NULL DEFAULT '',
  state            TEXT   NOT NULL
                   CHECK (state IN ('bot', 'queued', 'assigned', 'closed', 'abandoned')),
  close_reason     TEXT   NOT NULL DEFAULT '',
  message_count    BIGINT NOT NULL DEFAULT 0,
  created_at       BIGINT NOT NULL,
  updated_at       BIGINT NOT NULL,
  last_activity_at BIGINT NOT NULL,
  closed_at        BIGINT
);
CREATE INDEX conversations_customer_id_idx ON conversations (customer_id);
CREATE INDEX conversations_state_idx ON conversations (state);

CREATE TABLE messages (
  id              TEXT   NOT NULL PRIMARY KEY,
  conversation_id TEXT   NOT NULL REFERENCES conversations (id),
  seq             BIGINT NOT NULL,
  sender          TEXT   NOT NULL CHECK (sender IN ('customer', 'bot', 'agent', 'system')),
  sender_id       TEXT   NOT NULL DEFAULT '',
  text            TEXT   NOT NULL,
  client_msg_id   TEXT,
  intent          TEXT   NOT NULL DEFAULT '',
  confidence      DOUBLE PRECISION,
  entities_json   TEXT   NOT NULL DEFAULT '',
  sentiment       TEXT   NOT NULL DEFAULT '',
  decision        TEXT   NOT NULL DEFAULT '',
  reason          TEXT   NOT NULL DEFAULT '',
  created_at      BIGINT NOT NULL,
  -- also the index that serves "messages of a conversation in order"
  CONSTRAINT messages_conversation_seq_key UNIQUE (conversation_id, seq),
  -- NULLs are distinct: only messages that carry a client_msg_id are deduplicated;
  -- append_message's INSERT … ON CONFLICT names this constraint's columns
  CONSTRAINT messages_conversation_client_msg_id_key UNIQUE (conversation_id, client_msg_id)
);
)sql";

// The bot: its dialogue context and escalation mark on the conversation, the details of
// each bot turn on the message, and the records that completed scenarios leave behind.
constexpr std::string_view kV2Bot = R"sql(
ALTER TABLE conversations ADD COLUMN bot_state TEXT NOT NULL DEFAULT '';
ALTER TABLE conversations ADD COLUMN bot_version BIGINT NOT NULL DEFAULT 0;
ALTER TABLE conversations ADD COLUMN escalation_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE conversations ADD COLUMN escalation_priority TEXT NOT NULL DEFAULT '';
ALTER TABLE messages ADD COLUMN details_json TEXT NOT NULL DEFAULT '';

CREATE TABLE scenario_records (
  id              TEXT   NOT NULL PRIMARY KEY,
  conversation_id TEXT   NOT NULL REFERENCES conversations (id),
  scenario_id     TEXT   NOT NULL,
  kind            TEXT   NOT NULL,
  slots_json      TEXT   NOT NULL,
  created_at      BIGINT NOT NULL
);
CREATE INDEX scenario_records_conversation_idx ON scenario_records (conversation_id);
CREATE INDEX scenario_records_kind_idx ON scenario_records (kind, created_at);
)sql";

// PLACEHOLDER for migration 3 (FAQ tables), which another branch adds; dropped at merge.
constexpr std::string_view kV3Placeholder = "SELECT 1;";

constexpr Migration kMigrations[] = {
    {1, "customers, conversations, messages", kV1Core},
    {2, "bot state, turn details, scenario records", kV2Bot},
    {3, "placeholder for the FAQ tables", kV3Placeholder},
};

}  // namespace

std::span<const Migration> postgres_migrations() {
  return kMigrations;
}

}  // namespace aicc::store
