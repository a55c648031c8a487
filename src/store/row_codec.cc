#include "store/row_codec.h"

#include <algorithm>

#include <boost/json.hpp>

namespace aicc::store {
namespace {

SqlValue text_or_null(const std::optional<std::string>& v) {
  if (v) return *v;
  return std::monostate{};
}

SqlValue real_or_null(const std::optional<double>& v) {
  if (v) return *v;
  return std::monostate{};
}

SqlValue micros_or_null(const std::optional<TimePoint>& t) {
  if (t) return to_unix_micros(*t);
  return std::monostate{};
}

}  // namespace

std::vector<SqlValue> customer_values(const Customer& c) {
  return {c.id,
          c.external_id,
          c.name,
          c.phone,
          c.email,
          std::string(to_string(c.tier)),
          c.language,
          encode_tags(c.tags),
          c.escalation_count,
          real_or_null(c.satisfaction),
          to_unix_micros(c.created_at),
          to_unix_micros(c.updated_at)};
}

std::vector<SqlValue> conversation_values(const Conversation& c) {
  return {c.id,
          c.customer_id,
          c.channel,
          c.language,
          std::string(to_string(c.state)),
          c.close_reason,
          c.message_count,
          to_unix_micros(c.created_at),
          to_unix_micros(c.updated_at),
          to_unix_micros(c.last_activity_at),
          micros_or_null(c.closed_at),
          c.bot_state,
          c.bot_version,
          c.escalation_reason,
          c.escalation_priority};
}

std::vector<SqlValue> conversation_update_values(const Conversation& c) {
  std::vector<SqlValue> values = conversation_values(c);
  std::rotate(values.begin(), values.begin() + 1, values.end());  // the id goes last
  return values;
}

std::vector<SqlValue> scenario_record_values(const ScenarioRecord& r) {
  return {r.id,   r.conversation_id, r.scenario_id,
          r.kind, r.slots_json,      to_unix_micros(r.created_at)};
}

std::vector<SqlValue> message_values(const Message& m) {
  return {m.id,
          m.conversation_id,
          m.seq,
          std::string(to_string(m.sender)),
          m.sender_id,
          m.text,
          text_or_null(m.client_msg_id),
          m.intent,
          real_or_null(m.confidence),
          m.entities_json,
          m.sentiment,
          m.decision,
          m.reason,
          to_unix_micros(m.created_at),
          m.details_json};
}

std::string encode_tags(const std::vector<std::string>& tags) {
  boost::json::array array;
  array.reserve(tags.size());
  for (const auto& tag : tags) array.emplace_back(boost::json::string_view(tag));
  return boost::json::serialize(array);
}

Result<std::vector<std::string>> decode_tags(std::string_view json) {
  // Tags are written by encode_tags only; accept whatever bytes it wrote, so a tag that
  // was not valid UTF-8 still reads back exactly instead of making the customer unreadable.
  boost::json::parse_options options;
  options.allow_invalid_utf8 = true;
  boost::system::error_code ec;
  const boost::json::value value =
      boost::json::parse(boost::json::string_view(json.data(), json.size()), ec, {}, options);
  if (ec || !value.is_array()) return tl::unexpected(corrupt_row("customers", "tags", json));
  std::vector<std::string> tags;
  for (const auto& item : value.get_array()) {
    if (!item.is_string()) return tl::unexpected(corrupt_row("customers", "tags", json));
    tags.emplace_back(item.get_string().subview());
  }
  return tags;
}

Error corrupt_row(std::string_view table, std::string_view column, std::string_view value) {
  return Error(ErrorCode::kInternal,
               "corrupt row in " + std::string(table) + ": unexpected " + std::string(column) +
                   " value \"" + std::string(value.substr(0, 80)) + "\"",
               {{"table", std::string(table)}, {"column", std::string(column)}});
}

std::string select_from(std::string_view columns, std::string_view table) {
  std::string sql = "SELECT ";
  sql.append(columns).append(" FROM ").append(table).append(" ");
  return sql;
}

}  // namespace aicc::store
