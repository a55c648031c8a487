#include "store/escalation_codec.h"

namespace aicc::store {

namespace {
SqlValue opt_time(const std::optional<TimePoint>& t) {
  if (!t) return std::monostate{};
  return to_unix_micros(*t);
}
SqlValue opt_int(const std::optional<int>& v) {
  if (!v) return std::monostate{};
  return std::int64_t{*v};
}
}  // namespace

std::vector<SqlValue> escalation_values(const Escalation& e) {
  return {e.id,
          e.reference,
          e.conversation_id,
          e.customer_id,
          e.reason,
          e.priority,
          std::int64_t{e.priority_rank},
          e.queue_id,
          e.language,
          std::string(to_string(e.state)),
          e.note,
          e.agent_id,
          e.callback_phone,
          e.disposition,
          e.wrap_up_notes,
          opt_int(e.csat),
          to_unix_micros(e.created_at),
          to_unix_micros(e.updated_at),
          opt_time(e.offered_at),
          opt_time(e.assigned_at),
          opt_time(e.ended_at)};
}

std::vector<SqlValue> escalation_update_values(const Escalation& e) {
  return {std::string(to_string(e.state)),
          e.note,
          e.agent_id,
          e.callback_phone,
          e.disposition,
          e.wrap_up_notes,
          opt_int(e.csat),
          to_unix_micros(e.updated_at),
          opt_time(e.offered_at),
          opt_time(e.assigned_at),
          opt_time(e.ended_at),
          e.queue_id,
          e.priority,
          std::int64_t{e.priority_rank},
          e.id};
}

}  // namespace aicc::store
