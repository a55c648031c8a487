// How domain records map to table rows, shared by both backends so that SQLite and
// PostgreSQL store exactly the same logical values: timestamps as int64 unix
// microseconds, enums as their core names, customer tags as a JSON array of strings.
//
// Each table has one column list, used by every SELECT and INSERT of that table; the
// values of a record come out in the same order (`*_values`) and rows go back into a
// record through any Row type with text/i64/real/is_null accessors (`*_from_row`).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/conversation.h"
#include "core/customer.h"
#include "core/message.h"
#include "core/result.h"
#include "store/store.h"

namespace aicc::store {

// One SQL parameter: NULL, an integer, a real, or text.
using SqlValue = std::variant<std::monostate, std::int64_t, double, std::string>;

inline constexpr std::string_view kCustomerColumns =
    "id, external_id, name, phone, email, tier, language, tags, escalation_count, satisfaction, "
    "created_at, updated_at";
inline constexpr int kCustomerColumnCount = 12;

inline constexpr std::string_view kConversationColumns =
    "id, customer_id, channel, language, state, close_reason, message_count, created_at, "
    "updated_at, last_activity_at, closed_at, bot_state, bot_version, escalation_reason, "
    "escalation_priority";
inline constexpr int kConversationColumnCount = 15;

inline constexpr std::string_view kMessageColumns =
    "id, conversation_id, seq, sender, sender_id, text, client_msg_id, intent, confidence, "
    "entities_json, sentiment, decision, reason, created_at, details_json";
inline constexpr int kMessageColumnCount = 15;

std::vector<SqlValue> customer_values(const Customer& c);
std::vector<SqlValue> conversation_values(const Conversation& c);
std::vector<SqlValue> message_values(const Message& m);

// Customer tags as stored: a JSON array of strings (bytes kept exactly).
std::string encode_tags(const std::vector<std::string>& tags);
Result<std::vector<std::string>> decode_tags(std::string_view json);

// Unknown enum names in a row mean the database was written by something else; they
// are reported rather than guessed.
Error corrupt_row(std::string_view table, std::string_view column, std::string_view value);

template <typename Row>
Result<Customer> customer_from_row(const Row& r) {
  Customer c;
  c.id = r.text(0);
  c.external_id = r.text(1);
  c.name = r.text(2);
  c.phone = r.text(3);
  c.email = r.text(4);
  const std::string tier = r.text(5);
  auto parsed_tier = parse_customer_tier(tier);
  if (!parsed_tier) return tl::unexpected(corrupt_row("customers", "tier", tier));
  c.tier = *parsed_tier;
  c.language = r.text(6);
  auto tags = decode_tags(r.text(7));
  if (!tags) return tl::unexpected(tags.error());
  c.tags = std::move(*tags);
  c.escalation_count = r.i64(8);
  if (!r.is_null(9)) c.satisfaction = r.real(9);
  c.created_at = from_unix_micros(r.i64(10));
  c.updated_at = from_unix_micros(r.i64(11));
  return c;
}

template <typename Row>
Result<Conversation> conversation_from_row(const Row& r) {
  Conversation c;
  c.id = r.text(0);
  c.customer_id = r.text(1);
  c.channel = r.text(2);
  c.language = r.text(3);
  const std::string state = r.text(4);
  auto parsed_state = parse_conversation_state(state);
  if (!parsed_state) return tl::unexpected(corrupt_row("conversations", "state", state));
  c.state = *parsed_state;
  c.close_reason = r.text(5);
  c.message_count = r.i64(6);
  c.created_at = from_unix_micros(r.i64(7));
  c.updated_at = from_unix_micros(r.i64(8));
  c.last_activity_at = from_unix_micros(r.i64(9));
  if (!r.is_null(10)) c.closed_at = from_unix_micros(r.i64(10));
  c.bot_state = r.text(11);
  c.bot_version = r.i64(12);
  c.escalation_reason = r.text(13);
  c.escalation_priority = r.text(14);
  return c;
}

template <typename Row>
Result<Message> message_from_row(const Row& r) {
  Message m;
  m.id = r.text(0);
  m.conversation_id = r.text(1);
  m.seq = r.i64(2);
  const std::string sender = r.text(3);
  auto parsed_sender = parse_sender(sender);
  if (!parsed_sender) return tl::unexpected(corrupt_row("messages", "sender", sender));
  m.sender = *parsed_sender;
  m.sender_id = r.text(4);
  m.text = r.text(5);
  if (!r.is_null(6)) m.client_msg_id = r.text(6);
  m.intent = r.text(7);
  if (!r.is_null(8)) m.confidence = r.real(8);
  m.entities_json = r.text(9);
  m.sentiment = r.text(10);
  m.decision = r.text(11);
  m.reason = r.text(12);
  m.created_at = from_unix_micros(r.i64(13));
  m.details_json = r.text(14);
  return m;
}

inline constexpr std::string_view kScenarioRecordColumns =
    "id, conversation_id, scenario_id, kind, slots_json, created_at";
inline constexpr int kScenarioRecordColumnCount = 6;

std::vector<SqlValue> scenario_record_values(const ScenarioRecord& r);

template <typename Row>
ScenarioRecord scenario_record_from_row(const Row& r) {
  ScenarioRecord out;
  out.id = r.text(0);
  out.conversation_id = r.text(1);
  out.scenario_id = r.text(2);
  out.kind = r.text(3);
  out.slots_json = r.text(4);
  out.created_at = from_unix_micros(r.i64(5));
  return out;
}

// "UPDATE conversations SET <every column but id> WHERE id = <last parameter>", with
// parameters written by `placeholder(i)` (1-based): "?" for SQLite, "$i" for PostgreSQL.
// Its values are conversation_values(c) with the id moved last (conversation_update_values).
template <typename Placeholder>
std::string conversation_update_sql(Placeholder placeholder) {
  std::string sql = "UPDATE conversations SET ";
  std::string_view columns = kConversationColumns;
  int index = 0;
  while (!columns.empty()) {
    const auto comma = columns.find(',');
    std::string_view column = columns.substr(0, comma);
    while (!column.empty() && column.front() == ' ') column.remove_prefix(1);
    columns = comma == std::string_view::npos ? std::string_view() : columns.substr(comma + 1);
    if (index++ == 0) continue;  // the id
    if (index > 2) sql += ", ";
    sql += std::string(column) + " = " + placeholder(index - 1);
  }
  return sql + " WHERE id = " + placeholder(kConversationColumnCount);
}
std::vector<SqlValue> conversation_update_values(const Conversation& c);

// "SELECT <columns> FROM <table> " — the common head of every row query.
std::string select_from(std::string_view columns, std::string_view table);

}  // namespace aicc::store
