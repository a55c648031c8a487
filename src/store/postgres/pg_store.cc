#include "store/postgres/pg_store.h"

#include <algorithm>
#include <optional>
#include <utility>

#include "store/analytics_rows.h"
#include "store/api_key_rows.h"
#include "store/audit_rows.h"
#include "store/canned_rows.h"
#include "store/conversation_patch.h"
#include "store/escalation_codec.h"
#include "store/escalation_guard.h"
#include "store/faq_rows.h"
#include "store/migration.h"
#include "store/postgres/pg_analytics.h"
#include "store/postgres/pg_canned.h"
#include "store/postgres/pg_channels.h"
#include "store/postgres/pg_connection.h"
#include "store/postgres/pg_faq.h"
#include "store/postgres/pg_listener.h"
#include "store/postgres/pg_pool.h"
#include "store/postgres/pg_users.h"
#include "store/postgres/pg_webhooks.h"
#include "store/row_codec.h"

namespace aicc {
namespace {

using pg::PgConnection;
using pg::PgPool;
using pg::PgResult;
using pg::PgRow;
using store::SqlValue;

// Serialises migrations of one database across processes (a session advisory lock).
constexpr std::string_view kLockMigrations = "SELECT pg_advisory_lock(1634296675)";  // "aicc"
constexpr std::string_view kUnlockMigrations = "SELECT pg_advisory_unlock(1634296675)";

SqlValue text(std::string_view value) {
  return std::string(value);
}

std::string numbered_params(int count) {
  std::string out;
  for (int i = 1; i <= count; ++i) out += (i == 1 ? "$" : ", $") + std::to_string(i);
  return out;
}

std::string insert_sql(std::string_view table, std::string_view columns, int count) {
  return "INSERT INTO " + std::string(table) + " (" + std::string(columns) + ") VALUES (" +
         numbered_params(count) + ")";
}

Result<Customer> load_customer(PgConnection& conn, std::string_view column, std::string_view key) {
  static const std::string by_id =
      store::select_from(store::kCustomerColumns, "customers") + "WHERE id = $1";
  static const std::string by_external_id =
      store::select_from(store::kCustomerColumns, "customers") + "WHERE external_id = $1";
  auto result = conn.query(column == "id" ? by_id : by_external_id, {text(key)});
  if (!result) return tl::unexpected(result.error());
  if (result->rows() == 0)
    return make_error(ErrorCode::kNotFound, "no customer " + std::string(key));
  return store::customer_from_row(PgRow(*result, 0));
}

Result<Conversation> load_conversation(PgConnection& conn, std::string_view id, bool for_update) {
  static const std::string sql =
      store::select_from(store::kConversationColumns, "conversations") + "WHERE id = $1";
  static const std::string locking = sql + " FOR UPDATE";
  auto result = conn.query(for_update ? locking : sql, {text(id)});
  if (!result) return tl::unexpected(result.error());
  if (result->rows() == 0)
    return make_error(ErrorCode::kNotFound, "no conversation " + std::string(id));
  return store::conversation_from_row(PgRow(*result, 0));
}

Result<std::optional<Message>> find_by_client_msg_id(PgConnection& conn,
                                                     std::string_view conversation_id,
                                                     std::string_view client_msg_id) {
  static const std::string sql = store::select_from(store::kMessageColumns, "messages") +
                                 "WHERE conversation_id = $1 AND client_msg_id = $2";
  auto result = conn.query(sql, {text(conversation_id), text(client_msg_id)});
  if (!result) return tl::unexpected(result.error());
  if (result->rows() == 0) return std::optional<Message>();
  auto message = store::message_from_row(PgRow(*result, 0));
  if (!message) return tl::unexpected(message.error());
  return std::optional<Message>(std::move(*message));
}

// Inserts the message and bumps the conversation in one statement. The insert yields
// nothing when (conversation_id, client_msg_id) exists, and then nothing is updated.
Result<bool> insert_message(PgConnection& conn, const Message& m) {
  static const std::string sql =
      "WITH inserted AS (" +
      insert_sql("messages", store::kMessageColumns, store::kMessageColumnCount) +
      " ON CONFLICT (conversation_id, client_msg_id) DO NOTHING RETURNING seq, created_at) "
      "UPDATE conversations SET message_count = inserted.seq, "
      "last_activity_at = inserted.created_at, updated_at = inserted.created_at "
      "FROM inserted WHERE conversations.id = $2 RETURNING conversations.id";
  auto result = conn.query(sql, store::message_values(m));
  if (!result) {
    if (result.error().details["constraint"] == "messages_pkey")
      return make_error(ErrorCode::kConflict, "message " + m.id + " already exists");
    return tl::unexpected(result.error());
  }
  return result->rows() == 1;
}

Result<AppendResult> original_message(PgConnection& conn, const Message& m) {
  auto original = find_by_client_msg_id(conn, m.conversation_id, *m.client_msg_id);
  if (!original) return tl::unexpected(original.error());
  if (!*original) return make_error(ErrorCode::kInternal, "idempotency conflict without a row");
  return AppendResult{std::move(**original), false};
}

// Runs inside a transaction. The row lock on the conversation serialises appends to it
// across connections and nodes, so seq = message_count + 1 is never taken twice.
Result<AppendResult> append_in_transaction(PgConnection& conn, const Message& m) {
  auto conv = load_conversation(conn, m.conversation_id, /*for_update=*/true);
  if (!conv) return tl::unexpected(conv.error());
  if (is_terminal(conv->state)) {
    // The idempotency key wins over the state: a retry of a message stored before the
    // conversation closed still gets its original answer.
    if (m.client_msg_id) {
      auto original = find_by_client_msg_id(conn, m.conversation_id, *m.client_msg_id);
      if (!original) return tl::unexpected(original.error());
      if (*original) return AppendResult{std::move(**original), false};
    }
    const std::string state(to_string(conv->state));
    return make_error(ErrorCode::kConflict, "conversation " + conv->id + " is " + state,
                      {{"state", state}});
  }
  Message stored = m;
  stored.seq = conv->message_count + 1;
  auto inserted = insert_message(conn, stored);
  if (!inserted) return tl::unexpected(inserted.error());
  if (!*inserted) return original_message(conn, m);
  return AppendResult{std::move(stored), true};
}

// append_in_transaction with a patch. Under the row lock, everything is checked before
// anything is written: idempotency key, state, then the patch (bot_version, transition).
Result<AppendResult> append_with_patch(PgConnection& conn, const Message& m,
                                       const ConversationPatch& patch) {
  auto conv = load_conversation(conn, m.conversation_id, /*for_update=*/true);
  if (!conv) return tl::unexpected(conv.error());
  if (m.client_msg_id) {
    auto original = find_by_client_msg_id(conn, m.conversation_id, *m.client_msg_id);
    if (!original) return tl::unexpected(original.error());
    if (*original) return AppendResult{std::move(**original), false};
  }
  if (is_terminal(conv->state)) {
    const std::string state(to_string(conv->state));
    return make_error(ErrorCode::kConflict, "conversation " + conv->id + " is " + state,
                      {{"state", state}});
  }
  Conversation updated = *conv;
  if (auto st = store::apply_patch(updated, patch, m.created_at); !st)
    return tl::unexpected(st.error());
  Message stored = m;
  stored.seq = conv->message_count + 1;
  updated.message_count = stored.seq;
  updated.last_activity_at = m.created_at;
  static const std::string insert =
      insert_sql("messages", store::kMessageColumns, store::kMessageColumnCount);
  if (auto r = conn.query(insert, store::message_values(stored)); !r) {
    if (r.error().details["constraint"] == "messages_pkey")
      return make_error(ErrorCode::kConflict, "message " + m.id + " already exists");
    return tl::unexpected(r.error());
  }
  static const std::string update =
      store::conversation_update_sql([](int i) { return "$" + std::to_string(i); });
  if (auto r = conn.query(update, store::conversation_update_values(updated)); !r)
    return tl::unexpected(r.error());
  return AppendResult{std::move(stored), true};
}

Result<ScenarioRecord> insert_scenario_record(PgConnection& conn, const ScenarioRecord& record) {
  if (auto conv = load_conversation(conn, record.conversation_id, false); !conv)
    return tl::unexpected(conv.error());
  static const std::string sql = insert_sql("scenario_records", store::kScenarioRecordColumns,
                                            store::kScenarioRecordColumnCount);
  auto result = conn.query(sql, store::scenario_record_values(record));
  if (result) return record;
  if (result.error().details["constraint"] == "scenario_records_pkey")
    return make_error(ErrorCode::kConflict, "scenario record " + record.id + " already exists");
  return tl::unexpected(result.error());
}

Result<Conversation> transition_in_transaction(PgConnection& conn, std::string_view id,
                                               ConversationState to, TimePoint at,
                                               std::string_view reason) {
  auto conv = load_conversation(conn, id, /*for_update=*/true);
  if (!conv) return conv;
  if (auto st = transition(*conv, to, at, reason); !st) return tl::unexpected(st.error());
  SqlValue closed_at;
  if (conv->closed_at) closed_at = to_unix_micros(*conv->closed_at);
  auto result = conn.query(
      "UPDATE conversations SET state = $2, close_reason = $3, updated_at = $4, closed_at = $5 "
      "WHERE id = $1",
      {text(id), text(to_string(conv->state)), conv->close_reason, to_unix_micros(conv->updated_at),
       closed_at});
  if (!result) return tl::unexpected(result.error());
  return conv;
}

Result<Customer> insert_customer(PgConnection& conn, const Customer& c) {
  static const std::string sql =
      insert_sql("customers", store::kCustomerColumns, store::kCustomerColumnCount);
  auto result = conn.query(sql, store::customer_values(c));
  if (result) return c;
  Error e = result.error();
  if (e.details["constraint"] == "customers_pkey")
    return make_error(ErrorCode::kConflict, "customer " + c.id + " already exists");
  if (e.details["constraint"] == "customers_external_id_key")
    return make_error(ErrorCode::kConflict,
                      "a customer with external_id \"" + c.external_id + "\" already exists");
  return tl::unexpected(std::move(e));
}

Result<Conversation> insert_conversation(PgConnection& conn, const Conversation& c) {
  // Checked first for a clear kNotFound; the foreign key guards the same rule.
  if (auto customer = load_customer(conn, "id", c.customer_id); !customer)
    return tl::unexpected(customer.error());
  static const std::string sql =
      insert_sql("conversations", store::kConversationColumns, store::kConversationColumnCount);
  auto result = conn.query(sql, store::conversation_values(c));
  if (result) return c;
  if (result.error().details["constraint"] == "conversations_pkey")
    return make_error(ErrorCode::kConflict, "conversation " + c.id + " already exists");
  return tl::unexpected(result.error());
}

// 0 when the database (the first schema of the search_path) was never migrated.
// ---- escalations ----

Result<std::optional<Escalation>> load_escalation_where(PgConnection& conn,
                                                        const std::string& where,
                                                        std::string_view key) {
  const std::string sql = store::select_from(store::kEscalationColumns, "escalations") + where;
  auto result = conn.query(sql, {text(key)});
  if (!result) return tl::unexpected(result.error());
  if (result->rows() == 0) return std::optional<Escalation>();
  auto e = store::escalation_from_row(PgRow(*result, 0));
  if (!e) return tl::unexpected(e.error());
  return std::optional<Escalation>(std::move(*e));
}

Result<Escalation> load_escalation(PgConnection& conn, std::string_view id, bool for_update) {
  auto e =
      load_escalation_where(conn, for_update ? "WHERE id = $1 FOR UPDATE" : "WHERE id = $1", id);
  if (!e) return tl::unexpected(e.error());
  if (!*e) return make_error(ErrorCode::kNotFound, "no escalation " + std::string(id));
  return std::move(**e);
}

Status move_conversation(PgConnection& conn, std::string_view id,
                         const std::optional<ConversationMove>& move, TimePoint at) {
  if (!move) return {};
  auto moved = transition_in_transaction(conn, id, move->to, at, move->reason);
  if (!moved) return tl::unexpected(moved.error());
  return {};
}

Result<Escalation> insert_escalation(PgConnection& conn, const Escalation& e,
                                     const std::optional<ConversationMove>& move) {
  // The conversation's row lock serialises escalations of one conversation across nodes;
  // the partial unique index is the backstop.
  if (auto conv = load_conversation(conn, e.conversation_id, true); !conv)
    return tl::unexpected(conv.error());
  auto open = load_escalation_where(
      conn,
      "WHERE conversation_id = $1 AND state IN ('queued', 'offered', 'assigned', 'wrap_up', "
      "'callback_offered')",
      e.conversation_id);
  if (!open) return tl::unexpected(open.error());
  if (*open)
    return make_error(ErrorCode::kConflict,
                      "conversation " + e.conversation_id + " already has an open escalation",
                      {{"reason", "open_escalation"}, {"escalation_id", (*open)->id}});
  if (auto st = move_conversation(conn, e.conversation_id, move, e.created_at); !st)
    return tl::unexpected(st.error());
  static const std::string sql = "INSERT INTO escalations (" +
                                 std::string(store::kEscalationColumns) + ") VALUES (" +
                                 numbered_params(store::kEscalationColumnCount) + ")";
  if (auto r = conn.query(sql, store::escalation_values(e)); !r) {
    Error err = r.error();
    if (err.details["constraint"] == "escalations_open_key")
      return make_error(ErrorCode::kConflict,
                        "conversation " + e.conversation_id + " already has an open escalation",
                        {{"reason", "open_escalation"}});
    if (!err.details["constraint"].empty())
      return make_error(ErrorCode::kConflict, "escalation " + e.id + " or its reference exists");
    return tl::unexpected(std::move(err));
  }
  return e;
}

Result<Escalation> save_escalation(PgConnection& conn, const Escalation& e,
                                   const std::vector<EscalationState>& from,
                                   const std::optional<ConversationMove>& move,
                                   std::optional<std::string_view> agent_id = std::nullopt) {
  // Conversation first, then escalation: the same lock order as insert_escalation.
  if (move) {
    if (auto conv = load_conversation(conn, e.conversation_id, true); !conv)
      return tl::unexpected(conv.error());
  }
  auto stored = load_escalation(conn, e.id, true);
  if (!stored) return tl::unexpected(stored.error());
  if (auto allowed = store::check_escalation_update(*stored, from, agent_id); !allowed)
    return tl::unexpected(allowed.error());
  if (auto st = move_conversation(conn, e.conversation_id, move, e.updated_at); !st)
    return tl::unexpected(st.error());
  static const std::string sql =
      store::escalation_update_sql([](int i) { return "$" + std::to_string(i); });
  if (auto r = conn.query(sql, store::escalation_update_values(e)); !r)
    return tl::unexpected(r.error());
  return load_escalation(conn, e.id, false);
}

Result<int> count_rows(PgConnection& conn, const std::string& sql,
                       const std::vector<store::SqlValue>& params) {
  auto r = conn.query(sql, params);
  if (!r) return tl::unexpected(r.error());
  return static_cast<int>(PgRow(*r, 0).i64(0));
}

const std::string kCountWaiting =
    "SELECT count(*) FROM escalations WHERE queue_id = $1 AND state IN ('queued', 'offered')";

Result<QueueStanding> standing_of(PgConnection& conn, std::string_view id) {
  auto e = load_escalation(conn, id, false);
  if (!e) return tl::unexpected(e.error());
  QueueStanding s;
  auto waiting = count_rows(conn, kCountWaiting, {e->queue_id});
  if (!waiting) return tl::unexpected(waiting.error());
  s.waiting = *waiting;
  if (e->state != EscalationState::kQueued && e->state != EscalationState::kOffered) return s;
  auto ahead = count_rows(
      conn,
      "SELECT count(*) FROM escalations WHERE queue_id = $1 AND state IN ('queued', 'offered') "
      "AND (priority_rank > $2 OR (priority_rank = $2 AND (created_at < $3 OR (created_at = $3 "
      "AND id < $4))))",
      {e->queue_id, std::int64_t{e->priority_rank}, to_unix_micros(e->created_at), e->id});
  if (!ahead) return tl::unexpected(ahead.error());
  s.position = *ahead + 1;
  return s;
}

const std::string kOpenForAgent = "state IN ('offered', 'assigned', 'wrap_up')";

Result<std::vector<Escalation>> load_escalations(PgConnection& conn, const std::string& where,
                                                 const std::vector<store::SqlValue>& params) {
  const std::string sql = store::select_from(store::kEscalationColumns, "escalations") + where;
  auto r = conn.query(sql, params);
  if (!r) return tl::unexpected(r.error());
  std::vector<Escalation> out;
  for (int row = 0; row < r->rows(); ++row) {
    auto e = store::escalation_from_row(PgRow(*r, row));
    if (!e) return tl::unexpected(e.error());
    out.push_back(std::move(*e));
  }
  return out;
}

// Claims the escalation row (SKIP LOCKED: a row another node is claiming counts as taken,
// nobody waits for it), then takes a transaction advisory lock on the agent id while
// counting what the agent holds, so concurrent offers to one agent from several nodes are
// serialised (an advisory lock, not the agents row: it holds whether or not the row exists,
// and the count after it sees every offer committed before).
Result<Escalation> offer_in_transaction(PgConnection& conn, std::string_view id,
                                        std::string_view agent_id, int capacity, TimePoint at) {
  auto claimed = load_escalations(conn, "WHERE id = $1 AND state = 'queued' FOR UPDATE SKIP LOCKED",
                                  {text(id)});
  if (!claimed) return tl::unexpected(claimed.error());
  if (claimed->empty()) {
    auto e = load_escalation(conn, id, false);
    if (!e) return tl::unexpected(e.error());
    return make_error(ErrorCode::kConflict, "escalation " + std::string(id) + " is taken",
                      {{"reason", "taken"}, {"state", std::string(to_string(e->state))}});
  }
  if (auto r = conn.query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))",
                          {text("agent-offer:" + std::string(agent_id))});
      !r)
    return tl::unexpected(r.error());
  auto load =
      count_rows(conn, "SELECT count(*) FROM escalations WHERE agent_id = $1 AND " + kOpenForAgent,
                 {text(agent_id)});
  if (!load) return tl::unexpected(load.error());
  if (*load >= capacity)
    return make_error(ErrorCode::kConflict, "agent " + std::string(agent_id) + " is at capacity",
                      {{"reason", "agent_full"}});
  Escalation next = claimed->front();
  next.state = EscalationState::kOffered;
  next.agent_id = agent_id;
  next.offered_at = at;
  next.updated_at = at;
  return save_escalation(conn, next, {EscalationState::kQueued}, std::nullopt);
}

Result<int> read_schema_version(PgConnection& conn) {
  auto exists = conn.query("SELECT to_regclass('schema_migrations') IS NOT NULL");
  if (!exists) return tl::unexpected(exists.error());
  if (exists->text(0, 0) != "t") return 0;
  auto max = conn.query("SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
  if (!max) return tl::unexpected(max.error());
  return static_cast<int>(PgRow(*max, 0).i64(0));
}

Status apply_migration(PgConnection& conn, const store::Migration& m) {
  auto fail = [&](const Error& e) -> Status {
    if (conn.healthy()) (void)conn.exec("ROLLBACK");
    return make_error(e.code == ErrorCode::kUnavailable ? e.code : ErrorCode::kInternal,
                      "migration " + std::to_string(m.version) + " (" + std::string(m.name) +
                          ") failed: " + e.message);
  };
  if (auto st = conn.exec("BEGIN"); !st) return fail(st.error());
  if (auto st = conn.exec(m.sql); !st) return fail(st.error());
  auto record = conn.query("INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)",
                           {std::int64_t{m.version}, to_unix_micros(SystemClock().now())});
  if (!record) return fail(record.error());
  if (auto st = conn.exec("COMMIT"); !st) return fail(st.error());
  return {};
}

// Runs with the migration lock held.
Status migrate_locked(PgConnection& conn) {
  if (auto st = conn.exec("CREATE TABLE IF NOT EXISTS schema_migrations ("
                          "version INTEGER NOT NULL PRIMARY KEY, applied_at BIGINT NOT NULL)");
      !st)
    return st;
  const auto migrations = store::postgres_migrations();
  auto current = read_schema_version(conn);
  if (!current) return tl::unexpected(current.error());
  if (auto st = store::refuse_newer_schema(*current, store::latest_version(migrations)); !st)
    return st;
  for (const auto& m : migrations) {
    if (m.version <= *current) continue;
    if (auto st = apply_migration(conn, m); !st) return st;
  }
  return {};
}

// A read on a leased connection. Reads change nothing, so when the connection turns
// out to be broken (e.g. the server restarted) it is reconnected and the read retried.
Result<std::optional<QueueConfig>> load_queue_config(PgConnection& conn, std::string_view lock) {
  auto r = conn.query("SELECT document, version, updated_at FROM queue_config WHERE id = 1" +
                      std::string(lock));
  if (!r) return tl::unexpected(r.error());
  if (r->rows() == 0) return std::optional<QueueConfig>{};
  const PgRow row(*r, 0);
  return std::optional<QueueConfig>{
      QueueConfig{row.text(0), row.i64(1), from_unix_micros(row.i64(2))}};
}

Error stale_queue_config(std::int64_t stored) {
  return Error(
      ErrorCode::kConflict,
      "the queue configuration was changed meanwhile (now version " + std::to_string(stored) + ")",
      {{"reason", "stale"}, {"version", std::to_string(stored)}});
}

template <typename T, typename Fn>
Result<T> read(PgPool& pool, Fn&& fn) {
  auto lease = pool.acquire();
  if (!lease) return tl::unexpected(lease.error());
  Result<T> result = fn(**lease);
  if (result || (*lease)->healthy()) return result;
  if (auto st = (*lease)->reconnect(); !st) return tl::unexpected(st.error());
  return fn(**lease);
}

// Runs fn in BEGIN … COMMIT. Only BEGIN is retried after a broken connection: nothing
// has happened yet then. A COMMIT that fails on a broken connection has an unknown
// outcome, which the caller learns as kUnavailable (appends are safe to retry with
// their client_msg_id).
template <typename T, typename Fn>
Result<T> in_transaction(PgPool& pool, Fn&& fn) {
  auto lease = pool.acquire();
  if (!lease) return tl::unexpected(lease.error());
  PgConnection& conn = **lease;
  if (auto begin = conn.exec("BEGIN"); !begin) {
    if (conn.healthy()) return tl::unexpected(begin.error());
    if (auto st = conn.reconnect(); !st) return tl::unexpected(st.error());
    if (auto again = conn.exec("BEGIN"); !again) return tl::unexpected(again.error());
  }
  Result<T> result = fn(conn);
  if (!result) {
    if (conn.healthy()) (void)conn.exec("ROLLBACK");
    return result;
  }
  if (auto commit = conn.exec("COMMIT"); !commit) {
    Error e = commit.error();
    if (!conn.healthy())
      e.message = "outcome unknown, the connection broke at commit: " + e.message;
    return tl::unexpected(std::move(e));
  }
  return result;
}

class PgStore final : public Store {
 public:
  explicit PgStore(std::unique_ptr<PgPool> pool) : pool_(std::move(pool)) {}

  Status notify_nodes(std::string_view payload) override {
    if (payload.size() > 7900)
      return make_error(ErrorCode::kInvalidArgument, "a node notification is at most 7900 bytes");
    auto done = read<bool>(*pool_, [&](PgConnection& c) -> Result<bool> {
      auto r = c.query("SELECT pg_notify('aicc_events', $1)", {text(payload)});
      if (!r) return tl::unexpected(r.error());
      return true;
    });
    if (!done) return tl::unexpected(done.error());
    return {};
  }

  std::unique_ptr<NodeListener> listen_nodes(
      std::function<void(std::string_view)> on_payload,
      std::function<void(bool connected, std::string_view detail)> on_connection) override {
    return std::make_unique<pg::PgListener>(pool_->url(), pool_->display_url(), "aicc_events",
                                            std::move(on_payload), std::move(on_connection));
  }

  std::string_view backend() const override { return "postgres"; }

  Status migrate() override {
    auto lease = pool_->acquire();
    if (!lease) return tl::unexpected(lease.error());
    PgConnection& conn = **lease;
    if (auto st = conn.exec(kLockMigrations); !st) return st;
    Status status = migrate_locked(conn);
    if (conn.healthy()) (void)conn.exec(kUnlockMigrations);  // a broken session drops it anyway
    return status;
  }

  Result<SchemaStatus> schema_status() override {
    auto current = read<int>(*pool_, [](PgConnection& c) { return read_schema_version(c); });
    if (!current) return tl::unexpected(current.error());
    return SchemaStatus{*current, store::latest_version(store::postgres_migrations())};
  }

  Status ping() override {
    auto r = read<bool>(*pool_, [](PgConnection& c) -> Result<bool> {
      if (auto st = c.exec("SELECT 1"); !st) return tl::unexpected(st.error());
      return true;
    });
    if (!r) return tl::unexpected(r.error());
    return {};
  }

  Result<Customer> create_customer(const Customer& customer) override {
    return in_transaction<Customer>(*pool_,
                                    [&](PgConnection& c) { return insert_customer(c, customer); });
  }

  Result<Customer> get_customer(std::string_view id) override {
    return read<Customer>(*pool_, [&](PgConnection& c) { return load_customer(c, "id", id); });
  }

  Result<Customer> find_customer_by_external_id(std::string_view external_id) override {
    // Customers without an external id all have "": that is not a key.
    if (external_id.empty())
      return make_error(ErrorCode::kNotFound, "no customer with an empty external id");
    return read<Customer>(
        *pool_, [&](PgConnection& c) { return load_customer(c, "external_id", external_id); });
  }

  Result<Conversation> create_conversation(const Conversation& conversation) override {
    return in_transaction<Conversation>(
        *pool_, [&](PgConnection& c) { return insert_conversation(c, conversation); });
  }

  Result<Conversation> get_conversation(std::string_view id) override {
    return read<Conversation>(*pool_,
                              [&](PgConnection& c) { return load_conversation(c, id, false); });
  }

  Result<Conversation> transition_conversation(std::string_view id, ConversationState to,
                                               TimePoint at, std::string_view reason) override {
    return in_transaction<Conversation>(
        *pool_, [&](PgConnection& c) { return transition_in_transaction(c, id, to, at, reason); });
  }

  Result<AppendResult> append_message(const Message& message) override {
    return in_transaction<AppendResult>(
        *pool_, [&](PgConnection& c) { return append_in_transaction(c, message); });
  }

  Result<MessagePage> list_messages(std::string_view conversation_id, std::int64_t after_seq,
                                    int limit) override {
    if (limit < 1 || limit > 500)
      return make_error(ErrorCode::kInvalidArgument, "limit must be between 1 and 500");
    return read<MessagePage>(*pool_, [&](PgConnection& c) -> Result<MessagePage> {
      static const std::string sql = store::select_from(store::kMessageColumns, "messages") +
                                     "WHERE conversation_id = $1 AND seq > $2 ORDER BY seq "
                                     "LIMIT $3";
      // One row more than asked tells whether another page exists.
      auto result = c.query(sql, {text(conversation_id), after_seq, std::int64_t{limit} + 1});
      if (!result) return tl::unexpected(result.error());
      MessagePage page;
      for (int row = 0; row < result->rows() && row < limit; ++row) {
        auto message = store::message_from_row(PgRow(*result, row));
        if (!message) return tl::unexpected(message.error());
        page.messages.push_back(std::move(*message));
      }
      page.has_more = result->rows() > limit;
      return page;
    });
  }

  Result<AppendResult> append_message_and_update(const Message& message,
                                                 const ConversationPatch& patch) override {
    return in_transaction<AppendResult>(
        *pool_, [&](PgConnection& c) { return append_with_patch(c, message, patch); });
  }

  Result<TurnAppendResult> append_turn(const Message& customer, const Message& reply,
                                       const ConversationPatch& patch) override {
    return in_transaction<TurnAppendResult>(
        *pool_, [&](PgConnection& c) -> Result<TurnAppendResult> {
          auto stored = append_in_transaction(c, customer);
          if (!stored) return tl::unexpected(stored.error());
          TurnAppendResult out{std::move(*stored), std::nullopt, std::nullopt};
          if (!out.customer.created) return out;
          // The reply in a savepoint: refusing it keeps the customer message.
          if (auto st = c.exec("SAVEPOINT reply"); !st) return tl::unexpected(st.error());
          auto answered = append_with_patch(c, reply, patch);
          if (!answered) {
            if (auto st = c.exec("ROLLBACK TO SAVEPOINT reply"); !st)
              return tl::unexpected(st.error());
            out.reply_error = std::move(answered.error());
          } else {
            out.reply = std::move(*answered);
          }
          if (auto st = c.exec("RELEASE SAVEPOINT reply"); !st) return tl::unexpected(st.error());
          return out;
        });
  }

  Result<std::optional<Message>> find_message_by_client_msg_id(
      std::string_view conversation_id, std::string_view client_msg_id) override {
    return read<std::optional<Message>>(*pool_, [&](PgConnection& c) {
      return find_by_client_msg_id(c, conversation_id, client_msg_id);
    });
  }

  Result<ScenarioRecord> create_scenario_record(const ScenarioRecord& record) override {
    return in_transaction<ScenarioRecord>(
        *pool_, [&](PgConnection& c) { return insert_scenario_record(c, record); });
  }

  Result<Escalation> create_escalation(const Escalation& escalation,
                                       const std::optional<ConversationMove>& move) override {
    return in_transaction<Escalation>(
        *pool_, [&](PgConnection& c) { return insert_escalation(c, escalation, move); });
  }

  Result<Escalation> get_escalation(std::string_view id) override {
    return read<Escalation>(*pool_, [&](PgConnection& c) { return load_escalation(c, id, false); });
  }

  Result<std::optional<Escalation>> latest_escalation(std::string_view conversation_id) override {
    return read<std::optional<Escalation>>(*pool_, [&](PgConnection& c) {
      return load_escalation_where(
          c, "WHERE conversation_id = $1 ORDER BY created_at DESC, id DESC LIMIT 1",
          conversation_id);
    });
  }

  Result<Escalation> update_escalation(const Escalation& escalation,
                                       const std::vector<EscalationState>& from,
                                       const std::optional<ConversationMove>& move) override {
    return in_transaction<Escalation>(
        *pool_, [&](PgConnection& c) { return save_escalation(c, escalation, from, move); });
  }

  Result<Escalation> update_agent_escalation(const Escalation& escalation,
                                             std::string_view agent_id,
                                             const std::vector<EscalationState>& from,
                                             const std::optional<ConversationMove>& move) override {
    return in_transaction<Escalation>(*pool_, [&](PgConnection& c) {
      return save_escalation(c, escalation, from, move, agent_id);
    });
  }

  Result<std::vector<Escalation>> list_escalations(EscalationState state, int limit) override {
    if (limit < 1 || limit > 1000)
      return make_error(ErrorCode::kInvalidArgument, "limit must be between 1 and 1000");
    return read<std::vector<Escalation>>(*pool_, [&](PgConnection& c) {
      return load_escalations(
          c, "WHERE state = $1 ORDER BY priority_rank DESC, created_at, id LIMIT $2",
          {text(to_string(state)), std::int64_t{limit}});
    });
  }

  Result<std::vector<Escalation>> list_agent_escalations(std::string_view agent_id) override {
    return read<std::vector<Escalation>>(*pool_, [&](PgConnection& c) {
      return load_escalations(
          c, "WHERE agent_id = $1 AND " + kOpenForAgent + " ORDER BY created_at, id",
          {text(agent_id)});
    });
  }

  Result<std::vector<std::pair<std::string, int>>> agent_loads() override {
    using Loads = std::vector<std::pair<std::string, int>>;
    return read<Loads>(*pool_, [&](PgConnection& c) -> Result<Loads> {
      auto r = c.query("SELECT agent_id, count(*) FROM escalations WHERE " + kOpenForAgent +
                           " GROUP BY agent_id ORDER BY agent_id",
                       {});
      if (!r) return tl::unexpected(r.error());
      Loads out;
      for (int row = 0; row < r->rows(); ++row) {
        const PgRow pr(*r, row);
        out.emplace_back(pr.text(0), static_cast<int>(pr.i64(1)));
      }
      return out;
    });
  }

  Result<Escalation> offer_escalation(std::string_view escalation_id, std::string_view agent_id,
                                      int capacity, TimePoint at) override {
    return in_transaction<Escalation>(*pool_, [&](PgConnection& c) {
      return offer_in_transaction(c, escalation_id, agent_id, capacity, at);
    });
  }

  Result<QueueStanding> queue_standing(std::string_view escalation_id) override {
    return read<QueueStanding>(*pool_,
                               [&](PgConnection& c) { return standing_of(c, escalation_id); });
  }

  Result<int> count_waiting(std::string_view queue_id) override {
    return read<int>(*pool_, [&](PgConnection& c) {
      return count_rows(c, kCountWaiting, {std::string(queue_id)});
    });
  }

  Result<AgentPerformance> agent_performance(std::string_view agent_id) override {
    static const std::string sql =
        "SELECT count(*), count(csat), avg(csat), CAST(avg(ended_at - assigned_at) AS BIGINT) FROM "
        "(SELECT csat, ended_at, assigned_at FROM escalations WHERE agent_id = $1 AND state = "
        "'done' AND assigned_at IS NOT NULL AND ended_at IS NOT NULL ORDER BY ended_at DESC "
        "LIMIT 200) AS recent";
    return read<AgentPerformance>(*pool_, [&](PgConnection& c) -> Result<AgentPerformance> {
      auto r = c.query(sql, {text(agent_id)});
      if (!r) return tl::unexpected(r.error());
      const PgRow row(*r, 0);
      AgentPerformance p;
      p.handled = static_cast<int>(row.i64(0));
      p.rated = static_cast<int>(row.i64(1));
      if (!row.is_null(2)) p.average_csat = row.real(2);
      if (!row.is_null(3)) p.average_handle_s = static_cast<int>(row.i64(3) / 1'000'000);
      return p;
    });
  }

  Result<std::optional<int>> average_handle_seconds(std::string_view queue_id) override {
    static const std::string sql =
        "SELECT CAST(avg(ended_at - assigned_at) AS BIGINT) FROM (SELECT ended_at, assigned_at "
        "FROM escalations WHERE queue_id = $1 AND state = 'done' AND assigned_at IS NOT NULL AND "
        "ended_at IS NOT NULL ORDER BY ended_at DESC LIMIT 200) AS recent";
    return read<std::optional<int>>(*pool_, [&](PgConnection& c) -> Result<std::optional<int>> {
      auto r = c.query(sql, {text(queue_id)});
      if (!r) return tl::unexpected(r.error());
      const PgRow row(*r, 0);
      if (row.is_null(0)) return std::optional<int>();
      return std::optional<int>(static_cast<int>(row.i64(0) / 1'000'000));
    });
  }

  Result<std::vector<ScenarioRecord>> list_scenario_records(
      std::string_view conversation_id) override {
    return read<std::vector<ScenarioRecord>>(
        *pool_, [&](PgConnection& c) -> Result<std::vector<ScenarioRecord>> {
          static const std::string sql =
              store::select_from(store::kScenarioRecordColumns, "scenario_records") +
              "WHERE conversation_id = $1 ORDER BY created_at, id";
          auto result = c.query(sql, {text(conversation_id)});
          if (!result) return tl::unexpected(result.error());
          std::vector<ScenarioRecord> out;
          for (int row = 0; row < result->rows(); ++row)
            out.push_back(store::scenario_record_from_row(PgRow(*result, row)));
          return out;
        });
  }

  Result<std::size_t> seed_faq_entries(const std::vector<faq::FaqEntry>& entries) override {
    if (auto st = store::check_faq_entries(entries); !st) return tl::unexpected(st.error());
    if (entries.empty()) return std::size_t{0};
    return in_transaction<std::size_t>(*pool_,
                                       [&](PgConnection& c) { return pg::seed_faq(c, entries); });
  }

  Result<FaqUpsertResult> upsert_faq_entry(const faq::FaqEntry& entry) override {
    if (auto st = store::check_faq_entry(entry); !st) return tl::unexpected(st.error());
    return in_transaction<FaqUpsertResult>(
        *pool_, [&](PgConnection& c) { return pg::upsert_faq(c, entry); });
  }

  Result<faq::FaqEntry> get_faq_entry(std::string_view id, nlu::Language language) override {
    return read<faq::FaqEntry>(*pool_,
                               [&](PgConnection& c) { return pg::load_faq(c, id, language); });
  }

  Result<std::vector<faq::FaqEntry>> list_faq_entries(const FaqFilter& filter) override {
    return read<std::vector<faq::FaqEntry>>(
        *pool_, [&](PgConnection& c) { return pg::list_faq(c, filter); });
  }

  Result<faq::FaqEntry> bump_faq_counter(std::string_view id, nlu::Language language,
                                         FaqCounter counter) override {
    return in_transaction<faq::FaqEntry>(
        *pool_, [&](PgConnection& c) { return pg::bump_faq(c, id, language, counter); });
  }

  Status record_unanswered_query(const UnansweredQuery& query) override {
    if (auto st = store::check_unanswered_query(query); !st) return st;
    auto done = in_transaction<bool>(*pool_, [&](PgConnection& c) -> Result<bool> {
      if (auto st = pg::insert_unanswered(c, query); !st) return tl::unexpected(st.error());
      return true;
    });
    if (!done) return tl::unexpected(done.error());
    return {};
  }

  Result<std::vector<UnansweredSummary>> top_unanswered_queries(
      int limit, std::optional<nlu::Language> language) override {
    if (limit < 1 || limit > 500)
      return make_error(ErrorCode::kInvalidArgument, "limit must be between 1 and 500",
                        {{"field", "limit"}});
    return read<std::vector<UnansweredSummary>>(
        *pool_, [&](PgConnection& c) { return pg::top_unanswered(c, limit, language); });
  }

  Result<User> create_user(const User& user, const std::optional<AgentProfile>& profile) override {
    return in_transaction<User>(*pool_,
                                [&](PgConnection& c) { return pg::insert_user(c, user, profile); });
  }

  Result<User> get_user(std::string_view id) override {
    return read<User>(*pool_, [&](PgConnection& c) { return pg::load_user(c, id, false); });
  }

  Result<User> find_user_by_username(std::string_view username) override {
    return read<User>(*pool_, [&](PgConnection& c) { return pg::load_user(c, username, true); });
  }

  Result<std::vector<User>> list_users() override {
    return read<std::vector<User>>(*pool_, [](PgConnection& c) { return pg::load_users(c); });
  }

  Result<User> update_user(const User& user) override {
    return in_transaction<User>(*pool_, [&](PgConnection& c) { return pg::save_user(c, user); });
  }

  Result<Agent> get_agent(std::string_view user_id) override {
    return read<Agent>(*pool_, [&](PgConnection& c) { return pg::load_agent(c, user_id); });
  }

  Result<std::vector<Agent>> list_agents() override {
    return read<std::vector<Agent>>(*pool_, [](PgConnection& c) { return pg::load_agents(c); });
  }

  Result<Agent> update_agent_profile(const AgentProfile& profile) override {
    return in_transaction<Agent>(
        *pool_, [&](PgConnection& c) { return pg::save_agent_profile(c, profile); });
  }

  Result<Agent> set_agent_state(std::string_view user_id, AgentState state, std::string_view reason,
                                TimePoint at) override {
    return in_transaction<Agent>(*pool_, [&](PgConnection& c) {
      return pg::change_agent_state(c, user_id, state, reason, at);
    });
  }

  Result<std::vector<AgentStateRecord>> list_agent_state_history(std::string_view user_id,
                                                                 int limit) override {
    if (limit < 1 || limit > 1000)
      return make_error(ErrorCode::kInvalidArgument, "limit must be between 1 and 1000");
    return read<std::vector<AgentStateRecord>>(
        *pool_, [&](PgConnection& c) { return pg::load_state_history(c, user_id, limit); });
  }

  Result<Session> create_session(const Session& session) override {
    return in_transaction<Session>(*pool_,
                                   [&](PgConnection& c) { return pg::insert_session(c, session); });
  }

  Result<Session> find_valid_session(std::string_view token_hash, TimePoint now) override {
    return read<Session>(
        *pool_, [&](PgConnection& c) { return pg::load_valid_session(c, token_hash, now); });
  }

  Status touch_session(std::string_view token_hash, TimePoint at) override {
    auto r = in_transaction<bool>(*pool_, [&](PgConnection& c) -> Result<bool> {
      if (auto st = pg::touch_session(c, token_hash, at); !st) return tl::unexpected(st.error());
      return true;
    });
    if (!r) return tl::unexpected(r.error());
    return {};
  }

  Status revoke_session(std::string_view token_hash, TimePoint at) override {
    auto r = in_transaction<bool>(*pool_, [&](PgConnection& c) -> Result<bool> {
      if (auto st = pg::revoke_session(c, token_hash, at); !st) return tl::unexpected(st.error());
      return true;
    });
    if (!r) return tl::unexpected(r.error());
    return {};
  }

  Result<int> revoke_user_sessions(std::string_view user_id, TimePoint at) override {
    return in_transaction<int>(
        *pool_, [&](PgConnection& c) { return pg::revoke_user_sessions(c, user_id, at); });
  }

  Result<std::vector<MetricRow>> query_metrics(const MetricQuery& query) override {
    if (auto st = store::check_metric_query(query); !st) return tl::unexpected(st.error());
    return read<std::vector<MetricRow>>(
        *pool_, [&](PgConnection& c) { return pg::select_metrics(c, query); });
  }

  Result<TimePoint> roll_up_metrics(TimePoint until) override {
    return in_transaction<TimePoint>(*pool_,
                                     [&](PgConnection& c) { return pg::roll_up(c, until); });
  }

  Result<TimePoint> metrics_rolled_through() override {
    return read<TimePoint>(*pool_, [](PgConnection& c) { return pg::read_rollup_mark(c); });
  }

  Result<ResolutionCount> first_contact_resolution(TimePoint from, TimePoint to,
                                                   std::string_view channel,
                                                   std::chrono::seconds window) override {
    return read<ResolutionCount>(*pool_, [&](PgConnection& c) {
      return pg::count_resolution(c, from, to, channel, window);
    });
  }

  Result<std::vector<UnansweredSummary>> top_unanswered_between(TimePoint from, TimePoint to,
                                                                int limit) override {
    if (limit < 1 || limit > 500)
      return make_error(ErrorCode::kInvalidArgument, "limit must be between 1 and 500");
    return read<std::vector<UnansweredSummary>>(
        *pool_, [&](PgConnection& c) { return pg::select_unanswered_between(c, from, to, limit); });
  }

  Result<std::vector<Conversation>> list_conversations_between(TimePoint from, TimePoint to,
                                                               std::string_view after_id,
                                                               int limit) override {
    if (limit < 1 || limit > 1000)
      return make_error(ErrorCode::kInvalidArgument, "limit must be between 1 and 1000");
    return read<std::vector<Conversation>>(*pool_, [&](PgConnection& c) {
      return pg::select_conversations_between(c, from, to, after_id, limit);
    });
  }

  Result<PurgeCount> purge_closed_conversations(TimePoint closed_before, bool dry_run) override {
    return in_transaction<PurgeCount>(
        *pool_, [&](PgConnection& c) { return pg::purge(c, closed_before, dry_run); });
  }

  Result<Channel> create_channel(const Channel& channel) override {
    return in_transaction<Channel>(*pool_,
                                   [&](PgConnection& c) { return pg::insert_channel(c, channel); });
  }

  Result<Channel> get_channel(std::string_view id) override {
    return read<Channel>(*pool_, [&](PgConnection& c) { return pg::load_channel(c, "id", id); });
  }

  Result<Channel> find_channel_by_name(std::string_view name) override {
    return read<Channel>(*pool_,
                         [&](PgConnection& c) { return pg::load_channel(c, "name", name); });
  }

  Result<std::vector<Channel>> list_channels() override {
    return read<std::vector<Channel>>(*pool_,
                                      [&](PgConnection& c) { return pg::load_channels(c); });
  }

  Result<Channel> update_channel(const Channel& channel) override {
    return in_transaction<Channel>(*pool_,
                                   [&](PgConnection& c) { return pg::save_channel(c, channel); });
  }

  Status delete_channel(std::string_view id) override {
    return write_status([&](PgConnection& c) { return pg::remove_channel(c, id); });
  }

  Result<std::optional<std::string>> channel_conversation(std::string_view channel_id,
                                                          std::string_view external_id) override {
    return read<std::optional<std::string>>(*pool_, [&](PgConnection& c) {
      return pg::load_contact_conversation(c, channel_id, external_id);
    });
  }

  Result<bool> link_channel_conversation(const ChannelContact& contact,
                                         const std::optional<std::string>& expected,
                                         TimePoint at) override {
    return in_transaction<bool>(
        *pool_, [&](PgConnection& c) { return pg::link_contact(c, contact, expected, at); });
  }

  Result<std::optional<ChannelContact>> channel_contact_of(
      std::string_view conversation_id) override {
    return read<std::optional<ChannelContact>>(
        *pool_, [&](PgConnection& c) { return pg::load_contact_of(c, conversation_id); });
  }

  Result<WebhookSubscription> create_webhook(const WebhookSubscription& subscription) override {
    return in_transaction<WebhookSubscription>(
        *pool_, [&](PgConnection& c) { return pg::insert_webhook(c, subscription); });
  }

  Result<WebhookSubscription> get_webhook(std::string_view id) override {
    return read<WebhookSubscription>(*pool_,
                                     [&](PgConnection& c) { return pg::load_webhook(c, id); });
  }

  Result<std::vector<WebhookSubscription>> list_webhooks() override {
    return read<std::vector<WebhookSubscription>>(
        *pool_, [&](PgConnection& c) { return pg::load_webhooks(c); });
  }

  Result<WebhookSubscription> update_webhook(const WebhookSubscription& subscription) override {
    return in_transaction<WebhookSubscription>(
        *pool_, [&](PgConnection& c) { return pg::save_webhook(c, subscription); });
  }

  Status delete_webhook(std::string_view id) override {
    return write_status([&](PgConnection& c) { return pg::remove_webhook(c, id); });
  }

  Result<int> enqueue_webhook_deliveries(const std::vector<WebhookDelivery>& deliveries) override {
    return in_transaction<int>(
        *pool_, [&](PgConnection& c) { return pg::insert_deliveries(c, deliveries); });
  }

  Result<std::vector<WebhookDelivery>> claim_webhook_deliveries(TimePoint now,
                                                                TimePoint lease_until,
                                                                int limit) override {
    if (limit < 1 || limit > 1000)
      return make_error(ErrorCode::kInvalidArgument, "limit must be between 1 and 1000");
    return in_transaction<std::vector<WebhookDelivery>>(
        *pool_, [&](PgConnection& c) { return pg::lease_deliveries(c, now, lease_until, limit); });
  }

  Status record_webhook_attempt(const WebhookDelivery& delivery) override {
    return write_status([&](PgConnection& c) { return pg::save_attempt(c, delivery); });
  }

  Result<WebhookDelivery> get_webhook_delivery(std::string_view id) override {
    return read<WebhookDelivery>(*pool_, [&](PgConnection& c) { return pg::load_delivery(c, id); });
  }

  Result<std::vector<WebhookDelivery>> list_webhook_deliveries(std::string_view subscription_id,
                                                               std::optional<DeliveryState> state,
                                                               int limit) override {
    if (limit < 1 || limit > 500)
      return make_error(ErrorCode::kInvalidArgument, "limit must be between 1 and 500");
    return read<std::vector<WebhookDelivery>>(*pool_, [&](PgConnection& c) {
      return pg::load_deliveries(c, subscription_id, state, limit);
    });
  }

  Result<std::vector<Conversation>> list_customer_conversations(std::string_view customer_id,
                                                                int limit) override {
    if (limit < 1 || limit > 500)
      return make_error(ErrorCode::kInvalidArgument, "limit must be between 1 and 500",
                        {{"field", "limit"}});
    static const std::string sql =
        store::select_from(store::kConversationColumns, "conversations") +
        "WHERE customer_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2";
    return read<std::vector<Conversation>>(
        *pool_, [&](PgConnection& c) -> Result<std::vector<Conversation>> {
          auto r = c.query(sql, {std::string(customer_id), std::int64_t{limit}});
          if (!r) return tl::unexpected(r.error());
          std::vector<Conversation> out;
          for (int i = 0; i < r->rows(); ++i) {
            auto conv = store::conversation_from_row(PgRow(*r, i));
            if (!conv) return tl::unexpected(conv.error());
            out.push_back(std::move(*conv));
          }
          return out;
        });
  }

  Result<std::size_t> seed_canned_responses(const std::vector<CannedResponse>& all) override {
    if (auto st = store::check_canned_responses(all); !st) return tl::unexpected(st.error());
    if (all.empty()) return std::size_t{0};
    return in_transaction<std::size_t>(*pool_,
                                       [&](PgConnection& c) { return pg::seed_canned(c, all); });
  }

  Result<CannedResponse> create_canned_response(const CannedResponse& response) override {
    if (auto st = store::check_canned_response(response); !st) return tl::unexpected(st.error());
    return in_transaction<CannedResponse>(
        *pool_, [&](PgConnection& c) { return pg::insert_canned(c, response); });
  }

  Result<CannedResponse> get_canned_response(std::string_view id) override {
    return read<CannedResponse>(*pool_, [&](PgConnection& c) { return pg::load_canned(c, id); });
  }

  Result<std::vector<CannedResponse>> list_canned_responses(
      const std::optional<std::string>& language) override {
    return read<std::vector<CannedResponse>>(
        *pool_, [&](PgConnection& c) { return pg::list_canned(c, language); });
  }

  Result<CannedResponse> update_canned_response(const CannedResponse& response) override {
    if (auto st = store::check_canned_response(response); !st) return tl::unexpected(st.error());
    return in_transaction<CannedResponse>(
        *pool_, [&](PgConnection& c) { return pg::save_canned(c, response); });
  }

  Status delete_canned_response(std::string_view id) override {
    return write_status([&](PgConnection& c) { return pg::remove_canned(c, id); });
  }

  Result<std::optional<QueueConfig>> get_queue_config() override {
    return read<std::optional<QueueConfig>>(
        *pool_, [](PgConnection& c) { return load_queue_config(c, ""); });
  }

  // The row locked FOR UPDATE while its version is compared; the first save of two
  // nodes seeding at once wins the insert, the other finds the row and is stale.
  Result<QueueConfig> save_queue_config(std::string_view document, std::int64_t expected_version,
                                        TimePoint at) override {
    return in_transaction<QueueConfig>(*pool_, [&](PgConnection& c) -> Result<QueueConfig> {
      auto current = load_queue_config(c, " FOR UPDATE");
      if (!current) return tl::unexpected(current.error());
      const std::int64_t stored = *current ? (*current)->version : 0;
      if (stored != expected_version) return tl::unexpected(stale_queue_config(stored));
      auto r = c.query(
          "INSERT INTO queue_config (id, document, version, updated_at) VALUES (1, $1, $2, $3) "
          "ON CONFLICT (id) DO UPDATE SET document = EXCLUDED.document, version = "
          "EXCLUDED.version, updated_at = EXCLUDED.updated_at "
          "WHERE queue_config.version = $4 RETURNING 1",
          {std::string(document), stored + 1, to_unix_micros(at), stored});
      if (!r) return tl::unexpected(r.error());
      if (r->rows() == 0) return tl::unexpected(stale_queue_config(stored + 1));
      return QueueConfig{std::string(document), stored + 1, at};
    });
  }

  Status append_audit_entry(const AuditEntry& entry) override {
    if (auto st = store::check_audit_entry(entry); !st) return st;
    return write_status([&](PgConnection& c) -> Status {
      static const std::string sql = store::audit_insert_sql(store::Dialect::kPostgres);
      auto r = c.query(sql, store::audit_values(entry));
      if (!r) {
        if (r.error().details["constraint"] == "audit_log_pkey")
          return make_error(ErrorCode::kConflict, "audit entry id already exists");
        return tl::unexpected(r.error());
      }
      return {};
    });
  }

  Result<std::vector<AuditEntry>> list_audit_entries(const AuditFilter& filter) override {
    if (auto st = store::check_audit_filter(filter); !st) return tl::unexpected(st.error());
    std::vector<store::SqlValue> params;
    const std::string sql = store::audit_list_sql(store::Dialect::kPostgres, filter, params);
    return read<std::vector<AuditEntry>>(*pool_,
                                         [&](PgConnection& c) -> Result<std::vector<AuditEntry>> {
                                           auto r = c.query(sql, params);
                                           if (!r) return tl::unexpected(r.error());
                                           std::vector<AuditEntry> out;
                                           for (int i = 0; i < r->rows(); ++i)
                                             out.push_back(store::audit_from_row(PgRow(*r, i)));
                                           return out;
                                         });
  }

  Status create_api_key(const ApiKey& key) override {
    return write_status([&](PgConnection& c) -> Status {
      static const std::string sql = store::api_key_insert_sql(store::Dialect::kPostgres);
      auto r = c.query(sql, store::api_key_values(key));
      if (!r) {
        const auto& constraint = r.error().details.find("constraint");
        if (constraint != r.error().details.end() &&
            (constraint->second == "api_keys_pkey" ||
             constraint->second == "api_keys_key_hash_key"))
          return make_error(ErrorCode::kConflict, "API key id or hash already exists");
        return tl::unexpected(r.error());
      }
      return {};
    });
  }

  Result<std::vector<ApiKey>> list_api_keys() override {
    static const std::string sql =
        store::select_from(store::kApiKeyColumns, "api_keys") + "ORDER BY created_at DESC, id DESC";
    return read<std::vector<ApiKey>>(*pool_, [&](PgConnection& c) -> Result<std::vector<ApiKey>> {
      auto r = c.query(sql);
      if (!r) return tl::unexpected(r.error());
      std::vector<ApiKey> out;
      for (int i = 0; i < r->rows(); ++i) out.push_back(store::api_key_from_row(PgRow(*r, i)));
      return out;
    });
  }

  Result<ApiKey> find_api_key_by_hash(std::string_view key_hash) override {
    return read<ApiKey>(*pool_,
                        [&](PgConnection& c) { return load_api_key(c, "key_hash", key_hash); });
  }

  Result<ApiKey> revoke_api_key(std::string_view id, TimePoint at) override {
    return in_transaction<ApiKey>(*pool_, [&](PgConnection& c) -> Result<ApiKey> {
      auto r = c.query("UPDATE api_keys SET revoked_at = coalesce(revoked_at, $1) WHERE id = $2",
                       {to_unix_micros(at), std::string(id)});
      if (!r) return tl::unexpected(r.error());
      return load_api_key(c, "id", id);
    });
  }

 private:
  static Result<ApiKey> load_api_key(PgConnection& c, std::string_view column,
                                     std::string_view value) {
    const std::string sql = store::select_from(store::kApiKeyColumns, "api_keys") + "WHERE " +
                            std::string(column) + " = $1";
    auto r = c.query(sql, {std::string(value)});
    if (!r) return tl::unexpected(r.error());
    if (r->rows() == 0) return make_error(ErrorCode::kNotFound, "no such API key");
    return store::api_key_from_row(PgRow(*r, 0));
  }

  // in_transaction for a Status-returning fn.
  template <typename Fn>
  Status write_status(Fn&& fn) {
    auto r = in_transaction<bool>(*pool_, [&](PgConnection& c) -> Result<bool> {
      if (auto st = fn(c); !st) return tl::unexpected(st.error());
      return true;
    });
    if (!r) return tl::unexpected(r.error());
    return {};
  }

  std::unique_ptr<PgPool> pool_;
};

}  // namespace

Result<std::unique_ptr<Store>> open_postgres_store(const std::string& url, int pool_size) {
  auto pool = std::make_unique<PgPool>(url, pool_size);
  if (auto st = pool->open(); !st) return tl::unexpected(st.error());
  return std::unique_ptr<Store>(std::make_unique<PgStore>(std::move(pool)));
}

}  // namespace aicc
