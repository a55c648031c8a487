#include "store/sqlite/sqlite_store.h"

#include <algorithm>
#include <filesystem>
#include <optional>
#include <system_error>
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
#include "store/row_codec.h"
#include "store/sqlite/group_commit.h"
#include "store/sqlite/reader_pool.h"
#include "store/sqlite/sqlite_analytics.h"
#include "store/sqlite/sqlite_canned.h"
#include "store/sqlite/sqlite_channels.h"
#include "store/sqlite/sqlite_connection.h"
#include "store/sqlite/sqlite_faq.h"
#include "store/sqlite/sqlite_users.h"
#include "store/sqlite/sqlite_webhooks.h"
#include "store/sqlite/statement_steps.h"

namespace aicc {
namespace {

using sqlite::Connection;
using sqlite::Statement;

std::string placeholders(int count) {
  std::string out;
  for (int i = 0; i < count; ++i) out += i == 0 ? "?" : ", ?";
  return out;
}

std::string insert_sql(std::string_view table, std::string_view columns, int count) {
  return "INSERT INTO " + std::string(table) + " (" + std::string(columns) + ") VALUES (" +
         placeholders(count) + ")";
}

const std::string& select_customer_by(std::string_view column) {
  static const std::string by_id =
      store::select_from(store::kCustomerColumns, "customers") + "WHERE id = ?";
  static const std::string by_external_id =
      store::select_from(store::kCustomerColumns, "customers") + "WHERE external_id = ?";
  return column == "id" ? by_id : by_external_id;
}

// Runs a statement that returns no rows.
Status run(Statement& stmt, const Connection& conn, std::string_view what) {
  const int rc = stmt.step();
  if (rc == SQLITE_DONE || rc == SQLITE_ROW) return {};
  return tl::unexpected(conn.error(what, rc));
}

Result<Customer> load_customer(Connection& conn, std::string_view column, std::string_view key) {
  auto stmt = conn.prepare(select_customer_by(column));
  if (!stmt) return tl::unexpected(stmt.error());
  stmt->bind(1, key);
  auto row = next_row(*stmt, conn, "read customer");
  if (!row) return tl::unexpected(row.error());
  if (!*row) return make_error(ErrorCode::kNotFound, "no customer " + std::string(key));
  return store::customer_from_row(*stmt);
}

Result<Conversation> load_conversation(Connection& conn, std::string_view id) {
  static const std::string sql =
      store::select_from(store::kConversationColumns, "conversations") + "WHERE id = ?";
  auto stmt = conn.prepare(sql);
  if (!stmt) return tl::unexpected(stmt.error());
  stmt->bind(1, id);
  auto row = next_row(*stmt, conn, "read conversation");
  if (!row) return tl::unexpected(row.error());
  if (!*row) return make_error(ErrorCode::kNotFound, "no conversation " + std::string(id));
  return store::conversation_from_row(*stmt);
}

// The message stored under (conversation, client_msg_id), if any.
Result<std::optional<Message>> find_by_client_msg_id(Connection& conn,
                                                     std::string_view conversation_id,
                                                     std::string_view client_msg_id) {
  static const std::string sql = store::select_from(store::kMessageColumns, "messages") +
                                 "WHERE conversation_id = ? AND client_msg_id = ?";
  auto stmt = conn.prepare(sql);
  if (!stmt) return tl::unexpected(stmt.error());
  stmt->bind(1, conversation_id).bind(2, client_msg_id);
  auto row = next_row(*stmt, conn, "read message");
  if (!row) return tl::unexpected(row.error());
  if (!*row) return std::optional<Message>();
  auto message = store::message_from_row(*stmt);
  if (!message) return tl::unexpected(message.error());
  return std::optional<Message>(std::move(*message));
}

Status insert_message(Connection& conn, const Message& m) {
  static const std::string sql =
      insert_sql("messages", store::kMessageColumns, store::kMessageColumnCount);
  auto stmt = conn.prepare(sql);
  if (!stmt) return tl::unexpected(stmt.error());
  stmt->bind_all(store::message_values(m));
  const int rc = stmt->step();
  if (rc == SQLITE_DONE) return {};
  if (sqlite::is_constraint(rc))
    return make_error(ErrorCode::kConflict, "message " + m.id + " already exists");
  return tl::unexpected(conn.error("insert message", rc));
}

Status bump_conversation(Connection& conn, const Message& m) {
  auto stmt = conn.prepare(
      "UPDATE conversations SET message_count = ?, last_activity_at = ?, updated_at = ? "
      "WHERE id = ?");
  if (!stmt) return tl::unexpected(stmt.error());
  stmt->bind(1, m.seq)
      .bind(2, to_unix_micros(m.created_at))
      .bind(3, to_unix_micros(m.created_at))
      .bind(4, m.conversation_id);
  return run(*stmt, conn, "update conversation");
}

Status update_conversation_row(Connection& conn, const Conversation& c) {
  static const std::string sql =
      store::conversation_update_sql([](int) { return std::string("?"); });
  auto stmt = conn.prepare(sql);
  if (!stmt) return tl::unexpected(stmt.error());
  stmt->bind_all(store::conversation_update_values(c));
  return run(*stmt, conn, "update conversation");
}

// Runs on the writer thread, so appends to one conversation are already serialised.
// `patch` (may be null) is checked before anything is written.
Result<AppendResult> append_on_writer(Connection& conn, const Message& m,
                                      const ConversationPatch* patch = nullptr) {
  auto conv = load_conversation(conn, m.conversation_id);
  if (!conv) return tl::unexpected(conv.error());
  // The idempotency key wins over the state: a retry of a message that was stored
  // before the conversation closed still gets its original answer.
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
  Message stored = m;
  stored.seq = conv->message_count + 1;
  if (patch == nullptr) {
    if (auto st = insert_message(conn, stored); !st) return tl::unexpected(st.error());
    if (auto st = bump_conversation(conn, stored); !st) return tl::unexpected(st.error());
    return AppendResult{std::move(stored), true};
  }
  Conversation updated = *conv;
  if (auto st = store::apply_patch(updated, *patch, m.created_at); !st)
    return tl::unexpected(st.error());
  updated.message_count = stored.seq;
  updated.last_activity_at = m.created_at;
  if (auto st = insert_message(conn, stored); !st) return tl::unexpected(st.error());
  if (auto st = update_conversation_row(conn, updated); !st) return tl::unexpected(st.error());
  return AppendResult{std::move(stored), true};
}

Result<Conversation> transition_on_writer(Connection& conn, std::string_view id,
                                          ConversationState to, TimePoint at,
                                          std::string_view reason) {
  auto conv = load_conversation(conn, id);
  if (!conv) return conv;
  if (auto st = transition(*conv, to, at, reason); !st) return tl::unexpected(st.error());
  auto stmt = conn.prepare(
      "UPDATE conversations SET state = ?, close_reason = ?, updated_at = ?, closed_at = ? "
      "WHERE id = ?");
  if (!stmt) return tl::unexpected(stmt.error());
  stmt->bind(1, to_string(conv->state))
      .bind(2, std::string_view(conv->close_reason))
      .bind(3, to_unix_micros(conv->updated_at))
      .bind(5, id);
  if (conv->closed_at) {
    stmt->bind(4, to_unix_micros(*conv->closed_at));
  } else {
    stmt->bind_value(4, std::monostate{});
  }
  if (auto st = run(*stmt, conn, "update conversation"); !st) return tl::unexpected(st.error());
  return conv;
}

Result<Customer> insert_customer(Connection& conn, const Customer& c) {
  static const std::string sql =
      insert_sql("customers", store::kCustomerColumns, store::kCustomerColumnCount);
  auto stmt = conn.prepare(sql);
  if (!stmt) return tl::unexpected(stmt.error());
  stmt->bind_all(store::customer_values(c));
  const int rc = stmt->step();
  if (rc == SQLITE_DONE) return c;
  if (rc == SQLITE_CONSTRAINT_PRIMARYKEY)
    return make_error(ErrorCode::kConflict, "customer " + c.id + " already exists");
  if (sqlite::is_constraint(rc))
    return make_error(ErrorCode::kConflict,
                      "a customer with external_id \"" + c.external_id + "\" already exists");
  return tl::unexpected(conn.error("insert customer", rc));
}

Result<Conversation> insert_conversation(Connection& conn, const Conversation& c) {
  // Checked first for a clear kNotFound; the foreign key guards the same rule.
  if (auto customer = load_customer(conn, "id", c.customer_id); !customer)
    return tl::unexpected(customer.error());
  static const std::string sql =
      insert_sql("conversations", store::kConversationColumns, store::kConversationColumnCount);
  auto stmt = conn.prepare(sql);
  if (!stmt) return tl::unexpected(stmt.error());
  stmt->bind_all(store::conversation_values(c));
  const int rc = stmt->step();
  if (rc == SQLITE_DONE) return c;
  if (sqlite::is_constraint(rc))
    return make_error(ErrorCode::kConflict, "conversation " + c.id + " already exists");
  return tl::unexpected(conn.error("insert conversation", rc));
}

// 0 when the database has never been migrated.
Result<int> read_schema_version(Connection& conn) {
  auto exists = conn.prepare(
      "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'");
  if (!exists) return tl::unexpected(exists.error());
  auto row = next_row(*exists, conn, "read schema version");
  if (!row) return tl::unexpected(row.error());
  if (!*row || exists->i64(0) == 0) return 0;
  auto max = conn.prepare("SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
  if (!max) return tl::unexpected(max.error());
  row = next_row(*max, conn, "read schema version");
  if (!row) return tl::unexpected(row.error());
  return *row ? static_cast<int>(max->i64(0)) : 0;
}

// One migration and its schema_migrations row, in one transaction. Re-reads the version
// under the write lock, so two processes migrating at once apply each step once.
Status apply_migration(Connection& conn, const store::Migration& m) {
  if (auto st = conn.exec("BEGIN IMMEDIATE"); !st) return st;
  auto fail = [&](const Error& e) -> Status {
    (void)conn.exec("ROLLBACK");
    return make_error(ErrorCode::kInternal, "migration " + std::to_string(m.version) + " (" +
                                                std::string(m.name) + ") failed: " + e.message);
  };
  auto current = read_schema_version(conn);
  if (!current) return fail(current.error());
  if (*current < m.version) {
    if (auto st = conn.exec(m.sql); !st) return fail(st.error());
    auto record = conn.prepare("INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)");
    if (!record) return fail(record.error());
    record->bind(1, std::int64_t{m.version}).bind(2, to_unix_micros(SystemClock().now()));
    if (auto st = run(*record, conn, "record migration"); !st) return fail(st.error());
  }
  if (auto st = conn.exec("COMMIT"); !st) return fail(st.error());
  return {};
}

Status migrate_on_writer(Connection& conn) {
  if (auto st =
          conn.exec("CREATE TABLE IF NOT EXISTS schema_migrations ("
                    "version INTEGER NOT NULL PRIMARY KEY, applied_at INTEGER NOT NULL) STRICT");
      !st)
    return st;
  const auto migrations = store::sqlite_migrations();
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

// Runs `fn(Connection&) -> Result<T>` in the next group commit and returns its value
// once the batch is durable.
// ---- escalations ----

Result<std::optional<Escalation>> load_escalation_where(Connection& conn, const std::string& where,
                                                        std::string_view key) {
  const std::string sql = store::select_from(store::kEscalationColumns, "escalations") + where;
  auto stmt = conn.prepare(sql);
  if (!stmt) return tl::unexpected(stmt.error());
  stmt->bind(1, key);
  auto row = next_row(*stmt, conn, "read escalation");
  if (!row) return tl::unexpected(row.error());
  if (!*row) return std::optional<Escalation>();
  auto e = store::escalation_from_row(*stmt);
  if (!e) return tl::unexpected(e.error());
  return std::optional<Escalation>(std::move(*e));
}

Result<Escalation> load_escalation(Connection& conn, std::string_view id) {
  auto e = load_escalation_where(conn, "WHERE id = ?", id);
  if (!e) return tl::unexpected(e.error());
  if (!*e) return make_error(ErrorCode::kNotFound, "no escalation " + std::string(id));
  return std::move(**e);
}

Result<std::optional<Escalation>> open_escalation_of(Connection& conn,
                                                     std::string_view conversation_id) {
  return load_escalation_where(
      conn,
      "WHERE conversation_id = ? AND state IN ('queued', 'offered', 'assigned', 'wrap_up', "
      "'callback_offered')",
      conversation_id);
}

Status move_conversation(Connection& conn, std::string_view id,
                         const std::optional<ConversationMove>& move, TimePoint at) {
  if (!move) return {};
  auto moved = transition_on_writer(conn, id, move->to, at, move->reason);
  if (!moved) return tl::unexpected(moved.error());
  return {};
}

Result<Escalation> insert_escalation(Connection& conn, const Escalation& e,
                                     const std::optional<ConversationMove>& move) {
  if (auto conv = load_conversation(conn, e.conversation_id); !conv)
    return tl::unexpected(conv.error());
  auto open = open_escalation_of(conn, e.conversation_id);
  if (!open) return tl::unexpected(open.error());
  if (*open)
    return make_error(ErrorCode::kConflict,
                      "conversation " + e.conversation_id + " already has an open escalation",
                      {{"reason", "open_escalation"}, {"escalation_id", (*open)->id}});
  if (auto st = move_conversation(conn, e.conversation_id, move, e.created_at); !st)
    return tl::unexpected(st.error());
  static const std::string sql = "INSERT INTO escalations (" +
                                 std::string(store::kEscalationColumns) + ") VALUES (" +
                                 placeholders(store::kEscalationColumnCount) + ")";
  auto stmt = conn.prepare(sql);
  if (!stmt) return tl::unexpected(stmt.error());
  stmt->bind_all(store::escalation_values(e));
  const int rc = stmt->step();
  if (rc == SQLITE_DONE) return e;
  if (sqlite::is_constraint(rc))
    return make_error(ErrorCode::kConflict, "escalation " + e.id + " or its reference exists");
  return tl::unexpected(conn.error("insert escalation", rc));
}

Result<Escalation> save_escalation(Connection& conn, const Escalation& e,
                                   const std::vector<EscalationState>& from,
                                   const std::optional<ConversationMove>& move,
                                   std::optional<std::string_view> agent_id = std::nullopt) {
  auto stored = load_escalation(conn, e.id);
  if (!stored) return tl::unexpected(stored.error());
  if (auto allowed = store::check_escalation_update(*stored, from, agent_id); !allowed)
    return tl::unexpected(allowed.error());
  if (auto st = move_conversation(conn, e.conversation_id, move, e.updated_at); !st)
    return tl::unexpected(st.error());
  static const std::string sql = store::escalation_update_sql([](int) { return std::string("?"); });
  auto stmt = conn.prepare(sql);
  if (!stmt) return tl::unexpected(stmt.error());
  stmt->bind_all(store::escalation_update_values(e));
  if (auto st = run(*stmt, conn, "update escalation"); !st) return tl::unexpected(st.error());
  return load_escalation(conn, e.id);
}

Result<int> count_where(Connection& conn, const std::string& sql,
                        const std::vector<store::SqlValue>& params) {
  auto stmt = conn.prepare(sql);
  if (!stmt) return tl::unexpected(stmt.error());
  stmt->bind_all(params);
  auto row = next_row(*stmt, conn, "count escalations");
  if (!row) return tl::unexpected(row.error());
  return static_cast<int>(stmt->i64(0));
}

Result<QueueStanding> standing_of(Connection& conn, std::string_view id) {
  auto e = load_escalation(conn, id);
  if (!e) return tl::unexpected(e.error());
  QueueStanding s;
  auto waiting = count_where(conn,
                             "SELECT count(*) FROM escalations WHERE queue_id = ? AND state IN "
                             "('queued', 'offered')",
                             {e->queue_id});
  if (!waiting) return tl::unexpected(waiting.error());
  s.waiting = *waiting;
  if (e->state != EscalationState::kQueued && e->state != EscalationState::kOffered) return s;
  auto ahead = count_where(
      conn,
      "SELECT count(*) FROM escalations WHERE queue_id = ? AND state IN ('queued', 'offered') "
      "AND (priority_rank > ? OR (priority_rank = ? AND (created_at < ? OR (created_at = ? AND "
      "id < ?))))",
      {e->queue_id, std::int64_t{e->priority_rank}, std::int64_t{e->priority_rank},
       to_unix_micros(e->created_at), to_unix_micros(e->created_at), e->id});
  if (!ahead) return tl::unexpected(ahead.error());
  s.position = *ahead + 1;
  return s;
}

const std::string kOpenForAgent = "state IN ('offered', 'assigned', 'wrap_up')";

Result<std::vector<Escalation>> load_escalations(Connection& conn, const std::string& where,
                                                 const std::vector<store::SqlValue>& params) {
  const std::string sql = store::select_from(store::kEscalationColumns, "escalations") + where;
  auto stmt = conn.prepare(sql);
  if (!stmt) return tl::unexpected(stmt.error());
  stmt->bind_all(params);
  std::vector<Escalation> out;
  for (;;) {
    auto row = next_row(*stmt, conn, "list escalations");
    if (!row) return tl::unexpected(row.error());
    if (!*row) return out;
    auto e = store::escalation_from_row(*stmt);
    if (!e) return tl::unexpected(e.error());
    out.push_back(std::move(*e));
  }
}

Result<Escalation> offer_on_writer(Connection& conn, std::string_view id, std::string_view agent_id,
                                   int capacity, TimePoint at) {
  auto e = load_escalation(conn, id);
  if (!e) return tl::unexpected(e.error());
  if (e->state != EscalationState::kQueued)
    return make_error(ErrorCode::kConflict, "escalation " + e->id + " is no longer queued",
                      {{"reason", "taken"}, {"state", std::string(to_string(e->state))}});
  auto load =
      count_where(conn, "SELECT count(*) FROM escalations WHERE agent_id = ? AND " + kOpenForAgent,
                  {std::string(agent_id)});
  if (!load) return tl::unexpected(load.error());
  if (*load >= capacity)
    return make_error(ErrorCode::kConflict, "agent " + std::string(agent_id) + " is at capacity",
                      {{"reason", "agent_full"}});
  Escalation next = *e;
  next.state = EscalationState::kOffered;
  next.agent_id = agent_id;
  next.offered_at = at;
  next.updated_at = at;
  return save_escalation(conn, next, {EscalationState::kQueued}, std::nullopt);
}

template <typename T, typename Fn>
Result<T> write_result(sqlite::GroupCommitWriter& writer, Fn&& fn) {
  std::optional<T> out;
  Status st = writer.write([&](Connection& conn) -> Status {
    Result<T> r = fn(conn);
    if (!r) return tl::unexpected(std::move(r.error()));
    out = std::move(*r);
    return {};
  });
  if (!st) return tl::unexpected(std::move(st.error()));
  return std::move(*out);
}

}  // namespace

SqliteStore::SqliteStore(std::unique_ptr<sqlite::GroupCommitWriter> writer,
                         std::unique_ptr<sqlite::ReaderPool> readers)
    : writer_(std::move(writer)), readers_(std::move(readers)) {}

// Readers close first, the writer last: the last connection to close checkpoints the
// WAL into the main file, which only a read-write connection can do.
SqliteStore::~SqliteStore() = default;

Result<std::unique_ptr<SqliteStore>> SqliteStore::open(const SqliteOptions& options) {
  if (options.path.empty()) return make_error(ErrorCode::kInvalidArgument, "empty SQLite path");
  if (options.path == ":memory:" || options.path.rfind("file:", 0) == 0)
    return make_error(ErrorCode::kInvalidArgument,
                      "SQLite store needs a file path (got \"" + options.path + "\")");
  if (options.synchronous != "FULL" && options.synchronous != "NORMAL")
    return make_error(ErrorCode::kInvalidArgument, "synchronous must be FULL or NORMAL");
  const auto parent = std::filesystem::path(options.path).parent_path();
  std::error_code ec;
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  if (ec)
    return make_error(ErrorCode::kUnavailable,
                      "cannot create directory " + parent.string() + ": " + ec.message());

  sqlite::ConnectionSettings settings{false, options.busy_timeout_ms, options.synchronous};
  auto write_conn = Connection::open(options.path, settings);  // first: creates the file, WAL
  if (!write_conn) return tl::unexpected(write_conn.error());
  settings.read_only = true;
  std::vector<std::unique_ptr<Connection>> readers;
  for (int i = 0; i < std::clamp(options.readers, 1, 64); ++i) {
    auto conn = Connection::open(options.path, settings);
    if (!conn) return tl::unexpected(conn.error());
    readers.push_back(std::move(*conn));
  }
  return std::unique_ptr<SqliteStore>(
      new SqliteStore(std::make_unique<sqlite::GroupCommitWriter>(std::move(*write_conn)),
                      std::make_unique<sqlite::ReaderPool>(std::move(readers))));
}

Status SqliteStore::migrate() {
  return writer_->run_exclusive(migrate_on_writer);
}

Result<SchemaStatus> SqliteStore::schema_status() {
  auto reader = readers_->acquire();
  auto current = read_schema_version(*reader);
  if (!current) return tl::unexpected(current.error());
  return SchemaStatus{*current, store::latest_version(store::sqlite_migrations())};
}

Status SqliteStore::ping() {
  auto reader = readers_->acquire();
  auto stmt = reader->prepare("SELECT 1");
  if (!stmt) return tl::unexpected(stmt.error());
  return run(*stmt, *reader, "ping");
}

Result<Customer> SqliteStore::create_customer(const Customer& customer) {
  return write_result<Customer>(*writer_,
                                [&](Connection& conn) { return insert_customer(conn, customer); });
}

Result<Customer> SqliteStore::get_customer(std::string_view id) {
  auto reader = readers_->acquire();
  return load_customer(*reader, "id", id);
}

Result<Customer> SqliteStore::find_customer_by_external_id(std::string_view external_id) {
  // Customers without an external id all have "": that is not a key.
  if (external_id.empty())
    return make_error(ErrorCode::kNotFound, "no customer with an empty external id");
  auto reader = readers_->acquire();
  return load_customer(*reader, "external_id", external_id);
}

Result<Conversation> SqliteStore::create_conversation(const Conversation& conversation) {
  return write_result<Conversation>(
      *writer_, [&](Connection& conn) { return insert_conversation(conn, conversation); });
}

Result<Conversation> SqliteStore::get_conversation(std::string_view id) {
  auto reader = readers_->acquire();
  return load_conversation(*reader, id);
}

Result<Conversation> SqliteStore::transition_conversation(std::string_view id, ConversationState to,
                                                          TimePoint at, std::string_view reason) {
  return write_result<Conversation>(
      *writer_, [&](Connection& conn) { return transition_on_writer(conn, id, to, at, reason); });
}

Result<AppendResult> SqliteStore::append_message(const Message& message) {
  return write_result<AppendResult>(
      *writer_, [&](Connection& conn) { return append_on_writer(conn, message); });
}

Result<MessagePage> SqliteStore::list_messages(std::string_view conversation_id,
                                               std::int64_t after_seq, int limit) {
  if (limit < 1 || limit > 500)
    return make_error(ErrorCode::kInvalidArgument, "limit must be between 1 and 500");
  static const std::string sql = store::select_from(store::kMessageColumns, "messages") +
                                 "WHERE conversation_id = ? AND seq > ? ORDER BY seq LIMIT ?";
  auto reader = readers_->acquire();
  auto stmt = reader->prepare(sql);
  if (!stmt) return tl::unexpected(stmt.error());
  // One row more than asked tells whether another page exists.
  stmt->bind(1, conversation_id).bind(2, after_seq).bind(3, std::int64_t{limit} + 1);
  MessagePage page;
  for (;;) {
    auto row = next_row(*stmt, *reader, "list messages");
    if (!row) return tl::unexpected(row.error());
    if (!*row) break;
    auto message = store::message_from_row(*stmt);
    if (!message) return tl::unexpected(message.error());
    page.messages.push_back(std::move(*message));
  }
  if (page.messages.size() > static_cast<std::size_t>(limit)) {
    page.messages.pop_back();
    page.has_more = true;
  }
  return page;
}

Result<AppendResult> SqliteStore::append_message_and_update(const Message& message,
                                                            const ConversationPatch& patch) {
  return write_result<AppendResult>(
      *writer_, [&](Connection& conn) { return append_on_writer(conn, message, &patch); });
}

Result<TurnAppendResult> SqliteStore::append_turn(const Message& customer, const Message& reply,
                                                  const ConversationPatch& patch) {
  return write_result<TurnAppendResult>(
      *writer_, [&](Connection& conn) -> Result<TurnAppendResult> {
        auto stored = append_on_writer(conn, customer);
        if (!stored) return tl::unexpected(stored.error());
        TurnAppendResult out{std::move(*stored), std::nullopt, std::nullopt};
        if (!out.customer.created) return out;
        // The reply in a savepoint of its own (nested in the request's): refusing it keeps
        // the customer message.
        if (auto st = conn.exec("SAVEPOINT reply"); !st) return tl::unexpected(st.error());
        auto answered = append_on_writer(conn, reply, &patch);
        if (!answered) {
          if (auto st = conn.exec("ROLLBACK TO reply"); !st) return tl::unexpected(st.error());
          out.reply_error = std::move(answered.error());
        } else {
          out.reply = std::move(*answered);
        }
        if (auto st = conn.exec("RELEASE reply"); !st) return tl::unexpected(st.error());
        return out;
      });
}

Result<std::optional<Message>> SqliteStore::find_message_by_client_msg_id(
    std::string_view conversation_id, std::string_view client_msg_id) {
  auto reader = readers_->acquire();
  return find_by_client_msg_id(*reader, conversation_id, client_msg_id);
}

Result<ScenarioRecord> SqliteStore::create_scenario_record(const ScenarioRecord& record) {
  return write_result<ScenarioRecord>(*writer_, [&](Connection& conn) -> Result<ScenarioRecord> {
    if (auto conv = load_conversation(conn, record.conversation_id); !conv)
      return tl::unexpected(conv.error());
    static const std::string sql = insert_sql("scenario_records", store::kScenarioRecordColumns,
                                              store::kScenarioRecordColumnCount);
    auto stmt = conn.prepare(sql);
    if (!stmt) return tl::unexpected(stmt.error());
    stmt->bind_all(store::scenario_record_values(record));
    const int rc = stmt->step();
    if (rc == SQLITE_DONE) return record;
    if (sqlite::is_constraint(rc))
      return make_error(ErrorCode::kConflict, "scenario record " + record.id + " already exists");
    return tl::unexpected(conn.error("insert scenario record", rc));
  });
}

Result<Escalation> SqliteStore::create_escalation(const Escalation& escalation,
                                                  const std::optional<ConversationMove>& move) {
  return write_result<Escalation>(
      *writer_, [&](Connection& conn) { return insert_escalation(conn, escalation, move); });
}

Result<Escalation> SqliteStore::get_escalation(std::string_view id) {
  auto reader = readers_->acquire();
  return load_escalation(*reader, id);
}

Result<std::optional<Escalation>> SqliteStore::latest_escalation(std::string_view conversation_id) {
  auto reader = readers_->acquire();
  return load_escalation_where(
      *reader, "WHERE conversation_id = ? ORDER BY created_at DESC, id DESC LIMIT 1",
      conversation_id);
}

Result<Escalation> SqliteStore::update_escalation(const Escalation& escalation,
                                                  const std::vector<EscalationState>& from,
                                                  const std::optional<ConversationMove>& move) {
  return write_result<Escalation>(
      *writer_, [&](Connection& conn) { return save_escalation(conn, escalation, from, move); });
}

Result<Escalation> SqliteStore::update_agent_escalation(
    const Escalation& escalation, std::string_view agent_id,
    const std::vector<EscalationState>& from, const std::optional<ConversationMove>& move) {
  return write_result<Escalation>(*writer_, [&](Connection& conn) {
    return save_escalation(conn, escalation, from, move, agent_id);
  });
}

Result<std::vector<Escalation>> SqliteStore::list_escalations(EscalationState state, int limit) {
  if (limit < 1 || limit > 1000)
    return make_error(ErrorCode::kInvalidArgument, "limit must be between 1 and 1000");
  auto reader = readers_->acquire();
  return load_escalations(*reader,
                          "WHERE state = ? ORDER BY priority_rank DESC, created_at, id LIMIT ?",
                          {std::string(to_string(state)), std::int64_t{limit}});
}

Result<std::vector<Escalation>> SqliteStore::list_agent_escalations(std::string_view agent_id) {
  auto reader = readers_->acquire();
  return load_escalations(*reader,
                          "WHERE agent_id = ? AND " + kOpenForAgent + " ORDER BY created_at, id",
                          {std::string(agent_id)});
}

Result<std::vector<std::pair<std::string, int>>> SqliteStore::agent_loads() {
  auto reader = readers_->acquire();
  auto stmt = reader->prepare("SELECT agent_id, count(*) FROM escalations WHERE " + kOpenForAgent +
                              " GROUP BY agent_id ORDER BY agent_id");
  if (!stmt) return tl::unexpected(stmt.error());
  std::vector<std::pair<std::string, int>> out;
  for (;;) {
    auto row = next_row(*stmt, *reader, "agent loads");
    if (!row) return tl::unexpected(row.error());
    if (!*row) return out;
    out.emplace_back(stmt->text(0), static_cast<int>(stmt->i64(1)));
  }
}

Result<Escalation> SqliteStore::offer_escalation(std::string_view escalation_id,
                                                 std::string_view agent_id, int capacity,
                                                 TimePoint at) {
  return write_result<Escalation>(*writer_, [&](Connection& conn) {
    return offer_on_writer(conn, escalation_id, agent_id, capacity, at);
  });
}

Result<QueueStanding> SqliteStore::queue_standing(std::string_view escalation_id) {
  auto reader = readers_->acquire();
  return standing_of(*reader, escalation_id);
}

Result<int> SqliteStore::count_waiting(std::string_view queue_id) {
  auto reader = readers_->acquire();
  return count_where(*reader,
                     "SELECT count(*) FROM escalations WHERE queue_id = ? AND state IN "
                     "('queued', 'offered')",
                     {std::string(queue_id)});
}

Result<std::optional<int>> SqliteStore::average_handle_seconds(std::string_view queue_id) {
  static const std::string sql =
      "SELECT CAST(avg(ended_at - assigned_at) AS BIGINT) FROM (SELECT ended_at, assigned_at "
      "FROM escalations WHERE queue_id = ? AND state = 'done' AND assigned_at IS NOT NULL AND "
      "ended_at IS NOT NULL ORDER BY ended_at DESC LIMIT 200) AS recent";
  auto reader = readers_->acquire();
  auto stmt = reader->prepare(sql);
  if (!stmt) return tl::unexpected(stmt.error());
  stmt->bind(1, queue_id);
  auto row = next_row(*stmt, *reader, "average handle time");
  if (!row) return tl::unexpected(row.error());
  if (!*row || stmt->is_null(0)) return std::optional<int>();
  return std::optional<int>(static_cast<int>(stmt->i64(0) / 1'000'000));
}

Result<AgentPerformance> SqliteStore::agent_performance(std::string_view agent_id) {
  static const std::string sql =
      "SELECT count(*), count(csat), avg(csat), CAST(avg(ended_at - assigned_at) AS BIGINT) FROM "
      "(SELECT csat, ended_at, assigned_at FROM escalations WHERE agent_id = ? AND state = "
      "'done' AND assigned_at IS NOT NULL AND ended_at IS NOT NULL ORDER BY ended_at DESC "
      "LIMIT 200) AS recent";
  auto reader = readers_->acquire();
  auto stmt = reader->prepare(sql);
  if (!stmt) return tl::unexpected(stmt.error());
  stmt->bind(1, agent_id);
  auto row = next_row(*stmt, *reader, "agent performance");
  if (!row) return tl::unexpected(row.error());
  AgentPerformance p;
  if (!*row) return p;
  p.handled = static_cast<int>(stmt->i64(0));
  p.rated = static_cast<int>(stmt->i64(1));
  if (!stmt->is_null(2)) p.average_csat = stmt->real(2);
  if (!stmt->is_null(3)) p.average_handle_s = static_cast<int>(stmt->i64(3) / 1'000'000);
  return p;
}

Result<std::vector<ScenarioRecord>> SqliteStore::list_scenario_records(
    std::string_view conversation_id) {
  static const std::string sql =
      store::select_from(store::kScenarioRecordColumns, "scenario_records") +
      "WHERE conversation_id = ? ORDER BY created_at, id";
  auto reader = readers_->acquire();
  auto stmt = reader->prepare(sql);
  if (!stmt) return tl::unexpected(stmt.error());
  stmt->bind(1, conversation_id);
  std::vector<ScenarioRecord> out;
  for (;;) {
    auto row = next_row(*stmt, *reader, "list scenario records");
    if (!row) return tl::unexpected(row.error());
    if (!*row) break;
    out.push_back(store::scenario_record_from_row(*stmt));
  }
  return out;
}

Result<std::size_t> SqliteStore::seed_faq_entries(const std::vector<faq::FaqEntry>& entries) {
  if (auto st = store::check_faq_entries(entries); !st) return tl::unexpected(st.error());
  if (entries.empty()) return std::size_t{0};
  return write_result<std::size_t>(
      *writer_, [&](Connection& conn) { return sqlite::seed_faq(conn, entries); });
}

Result<FaqUpsertResult> SqliteStore::upsert_faq_entry(const faq::FaqEntry& entry) {
  if (auto st = store::check_faq_entry(entry); !st) return tl::unexpected(st.error());
  return write_result<FaqUpsertResult>(
      *writer_, [&](Connection& conn) { return sqlite::upsert_faq(conn, entry); });
}

Result<faq::FaqEntry> SqliteStore::get_faq_entry(std::string_view id, nlu::Language language) {
  auto reader = readers_->acquire();
  return sqlite::load_faq(*reader, id, language);
}

Result<std::vector<faq::FaqEntry>> SqliteStore::list_faq_entries(const FaqFilter& filter) {
  auto reader = readers_->acquire();
  return sqlite::list_faq(*reader, filter);
}

Result<faq::FaqEntry> SqliteStore::bump_faq_counter(std::string_view id, nlu::Language language,
                                                    FaqCounter counter) {
  return write_result<faq::FaqEntry>(
      *writer_, [&](Connection& conn) { return sqlite::bump_faq(conn, id, language, counter); });
}

Status SqliteStore::record_unanswered_query(const UnansweredQuery& query) {
  if (auto st = store::check_unanswered_query(query); !st) return st;
  return writer_->write([&](Connection& conn) { return sqlite::insert_unanswered(conn, query); });
}

Result<std::vector<UnansweredSummary>> SqliteStore::top_unanswered_queries(
    int limit, std::optional<nlu::Language> language) {
  if (limit < 1 || limit > 500)
    return make_error(ErrorCode::kInvalidArgument, "limit must be between 1 and 500",
                      {{"field", "limit"}});
  auto reader = readers_->acquire();
  return sqlite::top_unanswered(*reader, limit, language);
}

Result<User> SqliteStore::create_user(const User& user,
                                      const std::optional<AgentProfile>& profile) {
  return write_result<User>(
      *writer_, [&](Connection& conn) { return sqlite::insert_user(conn, user, profile); });
}

Result<User> SqliteStore::get_user(std::string_view id) {
  auto reader = readers_->acquire();
  return sqlite::load_user(*reader, id, false);
}

Result<User> SqliteStore::find_user_by_username(std::string_view username) {
  auto reader = readers_->acquire();
  return sqlite::load_user(*reader, username, true);
}

Result<std::vector<User>> SqliteStore::list_users() {
  auto reader = readers_->acquire();
  return sqlite::load_users(*reader);
}

Result<User> SqliteStore::update_user(const User& user) {
  return write_result<User>(*writer_,
                            [&](Connection& conn) { return sqlite::save_user(conn, user); });
}

Result<Agent> SqliteStore::get_agent(std::string_view user_id) {
  auto reader = readers_->acquire();
  return sqlite::load_agent(*reader, user_id);
}

Result<std::vector<Agent>> SqliteStore::list_agents() {
  auto reader = readers_->acquire();
  return sqlite::load_agents(*reader);
}

Result<Agent> SqliteStore::update_agent_profile(const AgentProfile& profile) {
  return write_result<Agent>(
      *writer_, [&](Connection& conn) { return sqlite::save_agent_profile(conn, profile); });
}

Result<Agent> SqliteStore::set_agent_state(std::string_view user_id, AgentState state,
                                           std::string_view reason, TimePoint at) {
  return write_result<Agent>(*writer_, [&](Connection& conn) {
    return sqlite::change_agent_state(conn, user_id, state, reason, at);
  });
}

Result<std::vector<AgentStateRecord>> SqliteStore::list_agent_state_history(
    std::string_view user_id, int limit) {
  if (limit < 1 || limit > 1000)
    return make_error(ErrorCode::kInvalidArgument, "limit must be between 1 and 1000");
  auto reader = readers_->acquire();
  return sqlite::load_state_history(*reader, user_id, limit);
}

Result<Session> SqliteStore::create_session(const Session& session) {
  return write_result<Session>(
      *writer_, [&](Connection& conn) { return sqlite::insert_session(conn, session); });
}

Result<Session> SqliteStore::find_valid_session(std::string_view token_hash, TimePoint now) {
  auto reader = readers_->acquire();
  return sqlite::load_valid_session(*reader, token_hash, now);
}

Status SqliteStore::touch_session(std::string_view token_hash, TimePoint at) {
  return writer_->write(
      [&](Connection& conn) { return sqlite::touch_session(conn, token_hash, at); });
}

Status SqliteStore::revoke_session(std::string_view token_hash, TimePoint at) {
  return writer_->write(
      [&](Connection& conn) { return sqlite::revoke_session(conn, token_hash, at); });
}

Result<int> SqliteStore::revoke_user_sessions(std::string_view user_id, TimePoint at) {
  return write_result<int>(
      *writer_, [&](Connection& conn) { return sqlite::revoke_user_sessions(conn, user_id, at); });
}

Result<std::vector<MetricRow>> SqliteStore::query_metrics(const MetricQuery& query) {
  if (auto st = store::check_metric_query(query); !st) return tl::unexpected(st.error());
  auto reader = readers_->acquire();
  return sqlite::select_metrics(*reader, query);
}

Result<TimePoint> SqliteStore::roll_up_metrics(TimePoint until) {
  return write_result<TimePoint>(*writer_,
                                 [&](Connection& conn) { return sqlite::roll_up(conn, until); });
}

Result<TimePoint> SqliteStore::metrics_rolled_through() {
  auto reader = readers_->acquire();
  return sqlite::read_rollup_mark(*reader);
}

Result<ResolutionCount> SqliteStore::first_contact_resolution(TimePoint from, TimePoint to,
                                                              std::string_view channel,
                                                              std::chrono::seconds window) {
  auto reader = readers_->acquire();
  return sqlite::count_resolution(*reader, from, to, channel, window);
}

Result<std::vector<UnansweredSummary>> SqliteStore::top_unanswered_between(TimePoint from,
                                                                           TimePoint to,
                                                                           int limit) {
  if (limit < 1 || limit > 500)
    return make_error(ErrorCode::kInvalidArgument, "limit must be between 1 and 500");
  auto reader = readers_->acquire();
  return sqlite::select_unanswered_between(*reader, from, to, limit);
}

Result<std::vector<Conversation>> SqliteStore::list_conversations_between(TimePoint from,
                                                                          TimePoint to,
                                                                          std::string_view after_id,
                                                                          int limit) {
  if (limit < 1 || limit > 1000)
    return make_error(ErrorCode::kInvalidArgument, "limit must be between 1 and 1000");
  auto reader = readers_->acquire();
  return sqlite::select_conversations_between(*reader, from, to, after_id, limit);
}

Result<PurgeCount> SqliteStore::purge_closed_conversations(TimePoint closed_before, bool dry_run) {
  return write_result<PurgeCount>(
      *writer_, [&](Connection& conn) { return sqlite::purge(conn, closed_before, dry_run); });
}

Result<Channel> SqliteStore::create_channel(const Channel& channel) {
  return write_result<Channel>(
      *writer_, [&](Connection& conn) { return sqlite::insert_channel(conn, channel); });
}

Result<Channel> SqliteStore::get_channel(std::string_view id) {
  auto reader = readers_->acquire();
  return sqlite::load_channel(*reader, "id", id);
}

Result<Channel> SqliteStore::find_channel_by_name(std::string_view name) {
  auto reader = readers_->acquire();
  return sqlite::load_channel(*reader, "name", name);
}

Result<std::vector<Channel>> SqliteStore::list_channels() {
  auto reader = readers_->acquire();
  return sqlite::load_channels(*reader);
}

Result<Channel> SqliteStore::update_channel(const Channel& channel) {
  return write_result<Channel>(
      *writer_, [&](Connection& conn) { return sqlite::save_channel(conn, channel); });
}

Status SqliteStore::delete_channel(std::string_view id) {
  return writer_->write([&](Connection& conn) { return sqlite::remove_channel(conn, id); });
}

Result<std::optional<std::string>> SqliteStore::channel_conversation(std::string_view channel_id,
                                                                     std::string_view external_id) {
  auto reader = readers_->acquire();
  return sqlite::load_contact_conversation(*reader, channel_id, external_id);
}

Result<bool> SqliteStore::link_channel_conversation(const ChannelContact& contact,
                                                    const std::optional<std::string>& expected,
                                                    TimePoint at) {
  return write_result<bool>(*writer_, [&](Connection& conn) {
    return sqlite::link_contact(conn, contact, expected, at);
  });
}

Result<std::optional<ChannelContact>> SqliteStore::channel_contact_of(
    std::string_view conversation_id) {
  auto reader = readers_->acquire();
  return sqlite::load_contact_of(*reader, conversation_id);
}

Result<WebhookSubscription> SqliteStore::create_webhook(const WebhookSubscription& subscription) {
  return write_result<WebhookSubscription>(
      *writer_, [&](Connection& conn) { return sqlite::insert_webhook(conn, subscription); });
}

Result<WebhookSubscription> SqliteStore::get_webhook(std::string_view id) {
  auto reader = readers_->acquire();
  return sqlite::load_webhook(*reader, id);
}

Result<std::vector<WebhookSubscription>> SqliteStore::list_webhooks() {
  auto reader = readers_->acquire();
  return sqlite::load_webhooks(*reader);
}

Result<WebhookSubscription> SqliteStore::update_webhook(const WebhookSubscription& subscription) {
  return write_result<WebhookSubscription>(
      *writer_, [&](Connection& conn) { return sqlite::save_webhook(conn, subscription); });
}

Status SqliteStore::delete_webhook(std::string_view id) {
  return writer_->write([&](Connection& conn) { return sqlite::remove_webhook(conn, id); });
}

Result<int> SqliteStore::enqueue_webhook_deliveries(
    const std::vector<WebhookDelivery>& deliveries) {
  return write_result<int>(
      *writer_, [&](Connection& conn) { return sqlite::insert_deliveries(conn, deliveries); });
}

Result<std::vector<WebhookDelivery>> SqliteStore::claim_webhook_deliveries(TimePoint now,
                                                                           TimePoint lease_until,
                                                                           int limit) {
  if (limit < 1 || limit > 1000)
    return make_error(ErrorCode::kInvalidArgument, "limit must be between 1 and 1000");
  return write_result<std::vector<WebhookDelivery>>(*writer_, [&](Connection& conn) {
    return sqlite::lease_deliveries(conn, now, lease_until, limit);
  });
}

Status SqliteStore::record_webhook_attempt(const WebhookDelivery& delivery) {
  return writer_->write([&](Connection& conn) { return sqlite::save_attempt(conn, delivery); });
}

Result<WebhookDelivery> SqliteStore::get_webhook_delivery(std::string_view id) {
  auto reader = readers_->acquire();
  return sqlite::load_delivery(*reader, id);
}

Result<std::vector<WebhookDelivery>> SqliteStore::list_webhook_deliveries(
    std::string_view subscription_id, std::optional<DeliveryState> state, int limit) {
  if (limit < 1 || limit > 500)
    return make_error(ErrorCode::kInvalidArgument, "limit must be between 1 and 500");
  auto reader = readers_->acquire();
  return sqlite::load_deliveries(*reader, subscription_id, state, limit);
}

Result<std::vector<Conversation>> SqliteStore::list_customer_conversations(
    std::string_view customer_id, int limit) {
  if (limit < 1 || limit > 500)
    return make_error(ErrorCode::kInvalidArgument, "limit must be between 1 and 500",
                      {{"field", "limit"}});
  static const std::string sql = store::select_from(store::kConversationColumns, "conversations") +
                                 "WHERE customer_id = ? ORDER BY created_at DESC, id DESC LIMIT ?";
  auto reader = readers_->acquire();
  auto stmt = reader->prepare(sql);
  if (!stmt) return tl::unexpected(stmt.error());
  stmt->bind_all({std::string(customer_id), std::int64_t{limit}});
  return sqlite::collect_rows<Conversation>(
      *stmt, *reader, "list customer conversations",
      [](Statement& row) { return store::conversation_from_row(row); });
}

Result<std::size_t> SqliteStore::seed_canned_responses(const std::vector<CannedResponse>& all) {
  if (auto st = store::check_canned_responses(all); !st) return tl::unexpected(st.error());
  if (all.empty()) return std::size_t{0};
  return write_result<std::size_t>(
      *writer_, [&](Connection& conn) { return sqlite::seed_canned(conn, all); });
}

Result<CannedResponse> SqliteStore::create_canned_response(const CannedResponse& response) {
  if (auto st = store::check_canned_response(response); !st) return tl::unexpected(st.error());
  return write_result<CannedResponse>(
      *writer_, [&](Connection& conn) { return sqlite::insert_canned(conn, response); });
}

namespace {

Result<std::optional<QueueConfig>> load_queue_config(Connection& conn) {
  auto stmt = conn.prepare("SELECT document, version, updated_at FROM queue_config WHERE id = 1");
  if (!stmt) return tl::unexpected(stmt.error());
  auto rows = sqlite::collect_rows<QueueConfig>(
      *stmt, conn, "read queue config", [](Statement& row) -> Result<QueueConfig> {
        return QueueConfig{row.text(0), row.i64(1), from_unix_micros(row.i64(2))};
      });
  if (!rows) return tl::unexpected(rows.error());
  if (rows->empty()) return std::optional<QueueConfig>{};
  return std::optional<QueueConfig>{std::move(rows->front())};
}

Error stale_queue_config(std::int64_t stored) {
  return Error(
      ErrorCode::kConflict,
      "the queue configuration was changed meanwhile (now version " + std::to_string(stored) + ")",
      {{"reason", "stale"}, {"version", std::to_string(stored)}});
}

}  // namespace

Result<std::optional<QueueConfig>> SqliteStore::get_queue_config() {
  auto reader = readers_->acquire();
  return load_queue_config(*reader);
}

// The single writer makes the version check and the write one step.
Result<QueueConfig> SqliteStore::save_queue_config(std::string_view document,
                                                   std::int64_t expected_version, TimePoint at) {
  return write_result<QueueConfig>(*writer_, [&](Connection& conn) -> Result<QueueConfig> {
    auto current = load_queue_config(conn);
    if (!current) return tl::unexpected(current.error());
    const std::int64_t stored = *current ? (*current)->version : 0;
    if (stored != expected_version) return tl::unexpected(stale_queue_config(stored));
    auto stmt = conn.prepare(
        "INSERT INTO queue_config (id, document, version, updated_at) VALUES (1, ?, ?, ?) "
        "ON CONFLICT (id) DO UPDATE SET document = excluded.document, version = "
        "excluded.version, updated_at = excluded.updated_at");
    if (!stmt) return tl::unexpected(stmt.error());
    stmt->bind_all({std::string(document), stored + 1, to_unix_micros(at)});
    if (auto st = sqlite::run_statement(*stmt, conn, "save queue config"); !st)
      return tl::unexpected(st.error());
    return QueueConfig{std::string(document), stored + 1, at};
  });
}

Result<CannedResponse> SqliteStore::get_canned_response(std::string_view id) {
  auto reader = readers_->acquire();
  return sqlite::load_canned(*reader, id);
}

Result<std::vector<CannedResponse>> SqliteStore::list_canned_responses(
    const std::optional<std::string>& language) {
  auto reader = readers_->acquire();
  return sqlite::list_canned(*reader, language);
}

Result<CannedResponse> SqliteStore::update_canned_response(const CannedResponse& response) {
  if (auto st = store::check_canned_response(response); !st) return tl::unexpected(st.error());
  return write_result<CannedResponse>(
      *writer_, [&](Connection& conn) { return sqlite::save_canned(conn, response); });
}

Status SqliteStore::delete_canned_response(std::string_view id) {
  return writer_->write([&](Connection& conn) { return sqlite::remove_canned(conn, id); });
}

Status SqliteStore::append_audit_entry(const AuditEntry& entry) {
  if (auto st = store::check_audit_entry(entry); !st) return st;
  return writer_->write([&](Connection& conn) -> Status {
    static const std::string sql = store::audit_insert_sql(store::Dialect::kSqlite);
    auto stmt = conn.prepare(sql);
    if (!stmt) return tl::unexpected(stmt.error());
    stmt->bind_all(store::audit_values(entry));
    return sqlite::run_statement(*stmt, conn, "append audit entry");
  });
}

Result<std::vector<AuditEntry>> SqliteStore::list_audit_entries(const AuditFilter& filter) {
  if (auto st = store::check_audit_filter(filter); !st) return tl::unexpected(st.error());
  std::vector<store::SqlValue> params;
  const std::string sql = store::audit_list_sql(store::Dialect::kSqlite, filter, params);
  auto reader = readers_->acquire();
  auto stmt = reader->prepare(sql);
  if (!stmt) return tl::unexpected(stmt.error());
  stmt->bind_all(params);
  return sqlite::collect_rows<AuditEntry>(
      *stmt, *reader, "list audit entries",
      [](Statement& row) -> Result<AuditEntry> { return store::audit_from_row(row); });
}

namespace {

Result<ApiKey> load_api_key(Connection& conn, std::string_view column, std::string_view value) {
  const std::string sql = store::select_from(store::kApiKeyColumns, "api_keys") + "WHERE " +
                          std::string(column) + " = ?";
  auto stmt = conn.prepare(sql);
  if (!stmt) return tl::unexpected(stmt.error());
  stmt->bind(1, value);
  auto row = sqlite::next_row(*stmt, conn, "read API key");
  if (!row) return tl::unexpected(row.error());
  if (!*row) return make_error(ErrorCode::kNotFound, "no such API key");
  return store::api_key_from_row(*stmt);
}

}  // namespace

Status SqliteStore::create_api_key(const ApiKey& key) {
  return writer_->write([&](Connection& conn) -> Status {
    static const std::string sql = store::api_key_insert_sql(store::Dialect::kSqlite);
    auto stmt = conn.prepare(sql);
    if (!stmt) return tl::unexpected(stmt.error());
    stmt->bind_all(store::api_key_values(key));
    auto st = sqlite::run_statement(*stmt, conn, "create API key");
    if (!st && st.error().message.find("UNIQUE") != std::string::npos)
      return make_error(ErrorCode::kConflict, "API key id or hash already exists");
    return st;
  });
}

Result<std::vector<ApiKey>> SqliteStore::list_api_keys() {
  static const std::string sql =
      store::select_from(store::kApiKeyColumns, "api_keys") + "ORDER BY created_at DESC, id DESC";
  auto reader = readers_->acquire();
  auto stmt = reader->prepare(sql);
  if (!stmt) return tl::unexpected(stmt.error());
  return sqlite::collect_rows<ApiKey>(
      *stmt, *reader, "list API keys",
      [](Statement& row) -> Result<ApiKey> { return store::api_key_from_row(row); });
}

Result<ApiKey> SqliteStore::find_api_key_by_hash(std::string_view key_hash) {
  auto reader = readers_->acquire();
  return load_api_key(*reader, "key_hash", key_hash);
}

Result<ApiKey> SqliteStore::revoke_api_key(std::string_view id, TimePoint at) {
  return write_result<ApiKey>(*writer_, [&](Connection& conn) -> Result<ApiKey> {
    auto stmt =
        conn.prepare("UPDATE api_keys SET revoked_at = coalesce(revoked_at, ?) WHERE id = ?");
    if (!stmt) return tl::unexpected(stmt.error());
    stmt->bind(1, to_unix_micros(at)).bind(2, id);
    if (auto st = sqlite::run_statement(*stmt, conn, "revoke API key"); !st)
      return tl::unexpected(st.error());
    return load_api_key(conn, "id", id);
  });
}

SqliteStore::WriteStats SqliteStore::write_stats() const {
  const auto s = writer_->stats();
  return WriteStats{s.transactions, s.requests, s.pending};
}

Result<std::unique_ptr<Store>> open_sqlite_store(const std::string& path, int readers) {
  SqliteOptions options;
  options.path = path;
  options.readers = readers;
  auto store = SqliteStore::open(options);
  if (!store) return tl::unexpected(store.error());
  return std::unique_ptr<Store>(std::move(*store));
}

}  // namespace aicc
