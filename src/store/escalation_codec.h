// How escalations map to rows, shared by both backends (conventions of row_codec.h):
// the state by its core name, optional timestamps and the CSAT as NULL when unset.
#pragma once

#include <string>
#include <vector>

#include "core/escalation.h"
#include "store/row_codec.h"

namespace aicc::store {

inline constexpr std::string_view kEscalationColumns =
    "id, reference, conversation_id, customer_id, reason, priority, priority_rank, queue_id, "
    "language, state, note, agent_id, callback_phone, disposition, wrap_up_notes, csat, "
    "created_at, updated_at, offered_at, assigned_at, ended_at";
inline constexpr int kEscalationColumnCount = 21;

// The columns an update may change (everything after queue_id but language), in the
// order of escalation_update_values; the id is the last value.
inline constexpr std::string_view kEscalationMutableColumns[] = {
    "state",         "note",     "agent_id",   "callback_phone", "disposition",
    "wrap_up_notes", "csat",     "updated_at", "offered_at",     "assigned_at",
    "ended_at",      "queue_id", "priority",   "priority_rank"};

std::vector<SqlValue> escalation_values(const Escalation& e);
std::vector<SqlValue> escalation_update_values(const Escalation& e);
// "UPDATE escalations SET state = <p1>, … WHERE id = <pN>" with the backend's placeholders.
template <typename Placeholder>
std::string escalation_update_sql(Placeholder placeholder) {
  std::string sql = "UPDATE escalations SET ";
  int i = 1;
  for (auto column : kEscalationMutableColumns) {
    if (i > 1) sql += ", ";
    sql += std::string(column) + " = " + placeholder(i++);
  }
  return sql + " WHERE id = " + placeholder(i);
}

template <typename Row>
Result<Escalation> escalation_from_row(const Row& r) {
  auto opt_time = [&](int i) -> std::optional<TimePoint> {
    if (r.is_null(i)) return std::nullopt;
    return from_unix_micros(r.i64(i));
  };
  Escalation e;
  e.id = r.text(0);
  e.reference = r.text(1);
  e.conversation_id = r.text(2);
  e.customer_id = r.text(3);
  e.reason = r.text(4);
  e.priority = r.text(5);
  e.priority_rank = static_cast<int>(r.i64(6));
  e.queue_id = r.text(7);
  e.language = r.text(8);
  const std::string state = r.text(9);
  auto parsed = parse_escalation_state(state);
  if (!parsed) return tl::unexpected(corrupt_row("escalations", "state", state));
  e.state = *parsed;
  e.note = r.text(10);
  e.agent_id = r.text(11);
  e.callback_phone = r.text(12);
  e.disposition = r.text(13);
  e.wrap_up_notes = r.text(14);
  if (!r.is_null(15)) e.csat = static_cast<int>(r.i64(15));
  e.created_at = from_unix_micros(r.i64(16));
  e.updated_at = from_unix_micros(r.i64(17));
  e.offered_at = opt_time(18);
  e.assigned_at = opt_time(19);
  e.ended_at = opt_time(20);
  return e;
}

}  // namespace aicc::store
