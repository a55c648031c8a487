#include "store/sqlite_store.h"

#include <sqlite3.h>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <future>
#include <mutex>
#include <thread>
#include <vector>

namespace aicc {
namespace {

// Versioned migrations; index + 1 is the version. Never edit a shipped migration.
const std::vector<const char*>& migrations() {
  static const std::vector<const char*> m = {
      R"sql(
CREATE TABLE customers (
  id TEXT PRIMARY KEY,
  external_id TEXT,
  name TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '',
  email TEXT NOT NULL DEFAULT '',
  tier TEXT NOT NULL DEFAULT 'regular',
  language TEXT NOT NULL DEFAULT '',
  tags TEXT NOT NULL DEFAULT '[]',
  escalation_count INTEGER NOT NULL DEFAULT 0,
  satisfaction REAL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX customers_external_id ON customers(external_id) WHERE external_id IS NOT NULL;
CREATE TABLE conversations (
  id TEXT PRIMARY KEY,
  customer_id TEXT NOT NULL REFERENCES customers(id),
  channel TEXT NOT NULL,
  language TEXT NOT NULL DEFAULT '',
  state TEXT NOT NULL,
  close_reason TEXT NOT NULL DEFAULT '',
  message_count INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  last_activity_at INTEGER NOT NULL,
  closed_at INTEGER
);
CREATE INDEX conversations_customer ON conversations(customer_id);
CREATE INDEX conversations_state ON conversations(state);
CREATE TABLE messages (
  id TEXT PRIMARY KEY,
  conversation_id TEXT NOT NULL REFERENCES conversations(id),
  seq INTEGER NOT NULL,
  sender TEXT NOT NULL,
  sender_id TEXT NOT NULL DEFAULT '',
  text TEXT NOT NULL,
  client_msg_id TEXT,
  intent TEXT NOT NULL DEFAULT '',
  confidence REAL,
  entities_json TEXT NOT NULL DEFAULT '',
  sentiment TEXT NOT NULL DEFAULT '',
  decision TEXT NOT NULL DEFAULT '',
  reason TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  UNIQUE (conversation_id, seq)
);
CREATE UNIQUE INDEX messages_client_msg_id ON messages(conversation_id, client_msg_id)
  WHERE client_msg_id IS NOT NULL;
)sql",
  };
  return m;
}

// A prepared statement, finalised on scope exit.
class Stmt {
 public:
  Stmt(sqlite3* db, const char* sql) { rc_ = sqlite3_prepare_v2(db, sql, -1, &s_, nullptr); }
  ~Stmt() { sqlite3_finalize(s_); }
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  bool ok() const { return rc_ == SQLITE_OK; }
  Stmt& bind(int i, const std::string& v) {
    sqlite3_bind_text(s_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Stmt& bind(int i, std::int64_t v) {
    sqlite3_bind_int64(s_, i, v);
    return *this;
  }
  Stmt& bind(int i, const std::optional<std::string>& v) {
    if (v) return bind(i, *v);
    sqlite3_bind_null(s_, i);
    return *this;
  }
  Stmt& bind(int i, const std::optional<double>& v) {
    if (v) {
      sqlite3_bind_double(s_, i, *v);
    } else {
      sqlite3_bind_null(s_, i);
    }
    return *this;
  }
  int step() { return sqlite3_step(s_); }
  std::string text(int c) const {
    const auto* p = sqlite3_column_text(s_, c);
    return p ? std::string(reinterpret_cast<const char*>(p),
                           static_cast<std::size_t>(sqlite3_column_bytes(s_, c)))
             : std::string();
  }
  std::int64_t i64(int c) const { return sqlite3_column_int64(s_, c); }
  bool is_null(int c) const { return sqlite3_column_type(s_, c) == SQLITE_NULL; }
  double real(int c) const { return sqlite3_column_double(s_, c); }

 private:
  sqlite3_stmt* s_ = nullptr;
  int rc_ = SQLITE_ERROR;
};

constexpr const char* kCustomerCols =
    "id, external_id, name, phone, email, tier, language, tags, escalation_count, satisfaction, "
    "created_at, updated_at";
constexpr const char* kConversationCols =
    "id, customer_id, channel, language, state, close_reason, message_count, created_at, "
    "updated_at, last_activity_at, closed_at";
constexpr const char* kMessageCols =
    "id, conversation_id, seq, sender, sender_id, text, client_msg_id, intent, confidence, "
    "entities_json, sentiment, decision, reason, created_at";

Customer read_customer(const Stmt& s) {
  Customer c;
  c.id = s.text(0);
  c.external_id = s.text(1);
  c.name = s.text(2);
  c.phone = s.text(3);
  c.email = s.text(4);
  c.tier = parse_customer_tier(s.text(5)).value_or(CustomerTier::kRegular);
  c.language = s.text(6);
  c.escalation_count = s.i64(8);
  if (!s.is_null(9)) c.satisfaction = s.real(9);
  c.created_at = from_unix_micros(s.i64(10));
  c.updated_at = from_unix_micros(s.i64(11));
  return c;
}

Conversation read_conversation(const Stmt& s) {
  Conversation c;
  c.id = s.text(0);
  c.customer_id = s.text(1);
  c.channel = s.text(2);
  c.language = s.text(3);
  c.state = parse_conversation_state(s.text(4)).value_or(ConversationState::kBot);
  c.close_reason = s.text(5);
  c.message_count = s.i64(6);
  c.created_at = from_unix_micros(s.i64(7));
  c.updated_at = from_unix_micros(s.i64(8));
  c.last_activity_at = from_unix_micros(s.i64(9));
  if (!s.is_null(10)) c.closed_at = from_unix_micros(s.i64(10));
  return c;
}

Message read_message(const Stmt& s) {
  Message m;
  m.id = s.text(0);
  m.conversation_id = s.text(1);
  m.seq = s.i64(2);
  m.sender = parse_sender(s.text(3)).value_or(Sender::kSystem);
  m.sender_id = s.text(4);
  m.text = s.text(5);
  if (!s.is_null(6)) m.client_msg_id = s.text(6);
  m.intent = s.text(7);
  if (!s.is_null(8)) m.confidence = s.real(8);
  m.entities_json = s.text(9);
  m.sentiment = s.text(10);
  m.decision = s.text(11);
  m.reason = s.text(12);
  m.created_at = from_unix_micros(s.i64(13));
  return m;
}

class SqliteStore final : public Store {
 public:
  explicit SqliteStore(sqlite3* db) : db_(db), writer_([this] { write_loop(); }) {}
  ~SqliteStore() override {
    {
      std::lock_guard lock(queue_mu_);
      stopping_ = true;
    }
    queue_cv_.notify_one();
    writer_.join();
    sqlite3_close_v2(db_);
  }

  std::string_view backend() const override { return "sqlite"; }

  Status migrate() override {
    std::lock_guard lock(mu_);
    if (auto st = exec("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY "
                       "KEY, applied_at INTEGER NOT NULL)");
        !st)
      return st;
    auto current = current_version();
    if (!current) return tl::unexpected(current.error());
    const int latest = static_cast<int>(migrations().size());
    if (*current > latest)
      return make_error(ErrorCode::kFailedPrecondition,
                        "database schema version " + std::to_string(*current) +
                            " is newer than this binary (" + std::to_string(latest) +
                            "); upgrade aicc");
    for (int v = *current + 1; v <= latest; ++v) {
      if (auto st = exec("BEGIN IMMEDIATE"); !st) return st;
      auto st = exec(migrations()[static_cast<std::size_t>(v - 1)]);
      if (st) {
        Stmt ins(db_,
                 "INSERT INTO schema_migrations(version, applied_at) VALUES (?, "
                 "CAST(strftime('%s','now') AS INTEGER) * 1000000)");
        ins.bind(1, std::int64_t{v});
        if (ins.step() != SQLITE_DONE) st = db_error("record migration");
      }
      if (!st) {
        exec("ROLLBACK");
        return make_error(ErrorCode::kInternal,
                          "migration " + std::to_string(v) + " failed: " + st.error().message);
      }
      if (auto c = exec("COMMIT"); !c) return c;
    }
    return {};
  }

  Result<SchemaStatus> schema_status() override {
    std::lock_guard lock(mu_);
    auto v = current_version();
    if (!v) return tl::unexpected(v.error());
    return SchemaStatus{*v, static_cast<int>(migrations().size())};
  }

  Status ping() override {
    std::lock_guard lock(mu_);
    return exec("SELECT 1");
  }

  Result<Customer> create_customer(const Customer& c) override {
    std::lock_guard lock(mu_);
    Stmt s(db_,
           "INSERT INTO customers(id, external_id, name, phone, email, tier, language, tags, "
           "escalation_count, satisfaction, created_at, updated_at) VALUES "
           "(?,?,?,?,?,?,?,'[]',?,?,?,?)");
    s.bind(1, c.id)
        .bind(2, c.external_id.empty() ? std::nullopt : std::optional<std::string>(c.external_id))
        .bind(3, c.name)
        .bind(4, c.phone)
        .bind(5, c.email)
        .bind(6, std::string(to_string(c.tier)))
        .bind(7, c.language)
        .bind(8, c.escalation_count)
        .bind(9, c.satisfaction)
        .bind(10, to_unix_micros(c.created_at))
        .bind(11, to_unix_micros(c.updated_at));
    const int rc = s.step();
    if (rc == SQLITE_CONSTRAINT)
      return make_error(ErrorCode::kConflict, "a customer with this id or external_id exists");
    if (rc != SQLITE_DONE) return tl::unexpected(db_error("create customer").error());
    return c;
  }

  Result<Customer> get_customer(std::string_view id) override {
    std::lock_guard lock(mu_);
    return one_customer("id", id);
  }

  Result<Customer> find_customer_by_external_id(std::string_view external_id) override {
    std::lock_guard lock(mu_);
    return one_customer("external_id", external_id);
  }

  Result<Conversation> create_conversation(const Conversation& c) override {
    std::lock_guard lock(mu_);
    {
      Stmt q(db_, "SELECT 1 FROM customers WHERE id = ?");
      q.bind(1, c.customer_id);
      if (q.step() != SQLITE_ROW)
        return make_error(ErrorCode::kNotFound, "no customer " + c.customer_id);
    }
    Stmt s(db_,
           "INSERT INTO conversations(id, customer_id, channel, language, state, "
           "close_reason, message_count, created_at, updated_at, last_activity_at, closed_at) "
           "VALUES (?,?,?,?,?,?,?,?,?,?,NULL)");
    s.bind(1, c.id)
        .bind(2, c.customer_id)
        .bind(3, c.channel)
        .bind(4, c.language)
        .bind(5, std::string(to_string(c.state)))
        .bind(6, c.close_reason)
        .bind(7, c.message_count)
        .bind(8, to_unix_micros(c.created_at))
        .bind(9, to_unix_micros(c.updated_at))
        .bind(10, to_unix_micros(c.last_activity_at));
    const int rc = s.step();
    if (rc == SQLITE_CONSTRAINT)
      return make_error(ErrorCode::kConflict, "conversation " + c.id + " exists");
    if (rc != SQLITE_DONE) return tl::unexpected(db_error("create conversation").error());
    return c;
  }

  Result<Conversation> get_conversation(std::string_view id) override {
    std::lock_guard lock(mu_);
    return one_conversation(id);
  }

  Result<Conversation> transition_conversation(std::string_view id, ConversationState to,
                                               TimePoint at, std::string_view reason) override {
    std::lock_guard lock(mu_);
    auto conv = one_conversation(id);
    if (!conv) return conv;
    if (auto st = transition(*conv, to, at, reason); !st) return tl::unexpected(st.error());
    Stmt s(db_,
           "UPDATE conversations SET state = ?, close_reason = ?, updated_at = ?, "
           "closed_at = ? WHERE id = ?");
    s.bind(1, std::string(to_string(conv->state)))
        .bind(2, conv->close_reason)
        .bind(3, to_unix_micros(conv->updated_at));
    if (conv->closed_at) {
      s.bind(4, to_unix_micros(*conv->closed_at));
    } else {
      s.bind(4, std::optional<std::string>());
    }
    s.bind(5, std::string(id));
    if (s.step() != SQLITE_DONE) return tl::unexpected(db_error("update conversation").error());
    return conv;
  }

  // Group commit: the caller's append joins a queue; the writer thread commits every
  // waiting append in one transaction (one fsync) and then answers each caller.
  Result<AppendResult> append_message(const Message& m) override {
    PendingAppend pending{m, {}};
    auto answer = pending.promise.get_future();
    {
      std::lock_guard lock(queue_mu_);
      if (stopping_) return make_error(ErrorCode::kUnavailable, "the store is closing");
      queue_.push_back(&pending);
    }
    queue_cv_.notify_one();
    return answer.get();
  }

  Result<MessagePage> list_messages(std::string_view conversation_id, std::int64_t after_seq,
                                    int limit) override {
    if (limit < 1 || limit > 500)
      return make_error(ErrorCode::kInvalidArgument, "limit must be between 1 and 500");
    std::lock_guard lock(mu_);
    const std::string sql = std::string("SELECT ") + kMessageCols +
                            " FROM messages WHERE conversation_id = ? AND seq > ? ORDER BY seq "
                            "LIMIT ?";
    Stmt s(db_, sql.c_str());
    s.bind(1, std::string(conversation_id)).bind(2, after_seq).bind(3, std::int64_t{limit + 1});
    MessagePage page;
    int rc;
    while ((rc = s.step()) == SQLITE_ROW) page.messages.push_back(read_message(s));
    if (rc != SQLITE_DONE) return tl::unexpected(db_error("list messages").error());
    if (page.messages.size() > static_cast<std::size_t>(limit)) {
      page.messages.pop_back();
      page.has_more = true;
    }
    return page;
  }

 private:
  struct PendingAppend {
    Message message;
    std::promise<Result<AppendResult>> promise;
  };

  void write_loop() {
    for (;;) {
      std::vector<PendingAppend*> batch;
      {
        std::unique_lock lock(queue_mu_);
        queue_cv_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
        if (queue_.empty()) return;  // stopping, nothing left to write
        batch.assign(queue_.begin(), queue_.end());
        queue_.clear();
      }
      commit_batch(batch);
    }
  }

  // Runs each append in its own savepoint, so one failing append (e.g. a closed
  // conversation) does not undo the others, then commits all of them at once.
  void commit_batch(const std::vector<PendingAppend*>& batch) {
    std::vector<Result<AppendResult>> results;
    results.reserve(batch.size());
    std::lock_guard lock(mu_);
    Status txn = exec("BEGIN IMMEDIATE");
    for (auto* p : batch) {
      if (!txn) {
        results.push_back(tl::unexpected(txn.error()));
        continue;
      }
      exec("SAVEPOINT append");
      auto r = append_locked(p->message);
      if (!r) exec("ROLLBACK TO append");
      exec("RELEASE append");
      results.push_back(std::move(r));
    }
    if (txn) {
      if (auto c = exec("COMMIT"); !c) {
        exec("ROLLBACK");
        for (auto& r : results)
          if (r) r = tl::unexpected(c.error());  // nothing of the batch is durable
      }
    }
    commit_count_.fetch_add(1);
    for (std::size_t i = 0; i < batch.size(); ++i)
      batch[i]->promise.set_value(std::move(results[i]));
  }

  Result<AppendResult> append_locked(const Message& m) {
    auto conv = one_conversation(m.conversation_id);
    if (!conv) return tl::unexpected(conv.error());
    if (m.client_msg_id) {
      const std::string sql = std::string("SELECT ") + kMessageCols +
                              " FROM messages WHERE conversation_id = ? AND client_msg_id = ?";
      Stmt q(db_, sql.c_str());
      q.bind(1, m.conversation_id).bind(2, *m.client_msg_id);
      if (q.step() == SQLITE_ROW) return AppendResult{read_message(q), false};
    }
    if (is_terminal(conv->state))
      return make_error(ErrorCode::kConflict,
                        "conversation is " + std::string(to_string(conv->state)),
                        {{"state", std::string(to_string(conv->state))}});
    Message stored = m;
    stored.seq = conv->message_count + 1;
    Stmt ins(db_,
             "INSERT INTO messages(id, conversation_id, seq, sender, sender_id, text, "
             "client_msg_id, intent, confidence, entities_json, sentiment, decision, reason, "
             "created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    ins.bind(1, stored.id)
        .bind(2, stored.conversation_id)
        .bind(3, stored.seq)
        .bind(4, std::string(to_string(stored.sender)))
        .bind(5, stored.sender_id)
        .bind(6, stored.text)
        .bind(7, stored.client_msg_id)
        .bind(8, stored.intent)
        .bind(9, stored.confidence)
        .bind(10, stored.entities_json)
        .bind(11, stored.sentiment)
        .bind(12, stored.decision)
        .bind(13, stored.reason)
        .bind(14, to_unix_micros(stored.created_at));
    if (ins.step() != SQLITE_DONE) return tl::unexpected(db_error("insert message").error());
    Stmt up(db_,
            "UPDATE conversations SET message_count = ?, last_activity_at = ?, "
            "updated_at = ? WHERE id = ?");
    up.bind(1, stored.seq)
        .bind(2, to_unix_micros(stored.created_at))
        .bind(3, to_unix_micros(stored.created_at))
        .bind(4, stored.conversation_id);
    if (up.step() != SQLITE_DONE) return tl::unexpected(db_error("update conversation").error());
    return AppendResult{stored, true};
  }

  Result<Customer> one_customer(const char* column, std::string_view value) {
    const std::string sql =
        std::string("SELECT ") + kCustomerCols + " FROM customers WHERE " + column + " = ?";
    Stmt s(db_, sql.c_str());
    s.bind(1, std::string(value));
    if (s.step() != SQLITE_ROW)
      return make_error(ErrorCode::kNotFound, "no customer " + std::string(value));
    return read_customer(s);
  }

  Result<Conversation> one_conversation(std::string_view id) {
    const std::string sql =
        std::string("SELECT ") + kConversationCols + " FROM conversations WHERE id = ?";
    Stmt s(db_, sql.c_str());
    s.bind(1, std::string(id));
    if (s.step() != SQLITE_ROW)
      return make_error(ErrorCode::kNotFound, "no conversation " + std::string(id));
    return read_conversation(s);
  }

  Result<int> current_version() {
    Stmt s(db_, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
    if (!s.ok()) return 0;  // no migrations table yet
    if (s.step() != SQLITE_ROW) return tl::unexpected(db_error("read schema version").error());
    return static_cast<int>(s.i64(0));
  }

  Status exec(const char* sql) {
    char* err = nullptr;
    if (sqlite3_exec(db_, sql, nullptr, nullptr, &err) != SQLITE_OK) {
      std::string msg = err ? err : "unknown error";
      sqlite3_free(err);
      return make_error(ErrorCode::kInternal, "sqlite: " + msg);
    }
    return {};
  }

  Status db_error(const std::string& what) {
    return make_error(ErrorCode::kInternal, "sqlite: " + what + ": " + sqlite3_errmsg(db_));
  }

  std::mutex mu_;  // guards the connection
  sqlite3* db_;
  std::mutex queue_mu_;  // guards queue_ and stopping_
  std::condition_variable queue_cv_;
  std::deque<PendingAppend*> queue_;
  bool stopping_ = false;
  std::atomic<std::uint64_t> commit_count_{0};
  std::thread writer_;  // last: starts after every other member is ready
};

}  // namespace

Result<std::unique_ptr<Store>> open_sqlite_store(const std::string& path) {
  if (path.empty()) return make_error(ErrorCode::kInvalidArgument, "empty SQLite path");
  std::error_code ec;
  const auto parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  sqlite3* db = nullptr;
  const int rc =
      sqlite3_open_v2(path.c_str(), &db,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close_v2(db);
    return make_error(ErrorCode::kUnavailable, "cannot open SQLite database " + path + ": " + msg);
  }
  sqlite3_busy_timeout(db, 5000);
  for (const char* pragma :
       {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL", "PRAGMA foreign_keys=ON"}) {
    char* err = nullptr;
    if (sqlite3_exec(db, pragma, nullptr, nullptr, &err) != SQLITE_OK) {
      std::string msg = err ? err : "unknown";
      sqlite3_free(err);
      sqlite3_close_v2(db);
      return make_error(ErrorCode::kUnavailable, "cannot use SQLite database " + path + ": " + msg);
    }
  }
  return std::unique_ptr<Store>(std::make_unique<SqliteStore>(db));
}

}  // namespace aicc
