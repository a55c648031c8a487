// The storage contract. The core and services depend on this interface only; the
// SQLite (default, embedded) and PostgreSQL (scale-out) backends implement it, and one
// contract test suite (tests/contract) runs the same cases against both.
//
// Every method is blocking and thread-safe: callers run it off the I/O threads (see
// net/blocking_executor). A method that returns success has made its effect durable:
// with SQLite the WAL is fsynced (group commit batches concurrent writers into one
// fsync); with PostgreSQL the transaction is committed.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/agent.h"
#include "core/api_key.h"
#include "core/audit.h"
#include "core/canned_response.h"
#include "core/channel.h"
#include "core/clock.h"
#include "core/conversation.h"
#include "core/customer.h"
#include "core/escalation.h"
#include "core/message.h"
#include "core/result.h"
#include "core/user.h"
#include "core/webhook.h"
#include "faq/faq_entry.h"

namespace aicc {

struct SchemaStatus {
  int current_version = 0;  // highest migration applied to the database
  int latest_version = 0;   // highest migration this binary knows
  bool up_to_date() const { return current_version == latest_version; }
};

struct AppendResult {
  Message message;       // the stored message (the original one on an idempotent retry)
  bool created = false;  // false if (conversation, client_msg_id) already existed
};

struct MessagePage {
  std::vector<Message> messages;  // oldest first
  bool has_more = false;          // true if messages with a higher seq exist
};

// Changes to a conversation made together with a bot message (see
// append_message_and_update). Unset fields are left as they are.
struct ConversationPatch {
  // Optimistic lock: when set, the write is refused with kConflict (details
  // {"reason": "stale_bot_state"}) unless the conversation's bot_version equals it.
  std::optional<std::int64_t> expected_bot_version;
  std::optional<std::string> bot_state;  // written with bot_version + 1
  std::optional<std::string> language;
  // A guarded life-cycle transition (kConflict if illegal), e.g. bot → queued.
  std::optional<ConversationState> state;
  std::string close_reason;  // with a terminal state: customer | bot_goodbye | …
  std::optional<std::string> escalation_reason;
  std::optional<std::string> escalation_priority;
};

// What Store::append_turn stored.
struct TurnAppendResult {
  AppendResult customer;              // as append_message would return it
  std::optional<AppendResult> reply;  // the reply, if the customer message was created and
                                      // the reply's patch applied
  std::optional<Error> reply_error;   // why the reply was not stored (when it was tried)
};

// What a completed scenario leaves behind (a reservation, a ticket …).
struct ScenarioRecord {
  std::string id;
  std::string conversation_id;
  std::string scenario_id;
  std::string kind;        // "reservation", "product_inquiry", … (the scenario's choice)
  std::string slots_json;  // JSON object of the collected answers
  TimePoint created_at{};
};

// Which FAQ entries list_faq_entries returns; an unset field does not filter.
struct FaqFilter {
  std::optional<nlu::Language> language;
  std::optional<std::string> category;
  std::optional<bool> active;
};

// The counters of an FAQ entry that customers move.
enum class FaqCounter { kView, kHelpful, kNotHelpful };

struct FaqUpsertResult {
  faq::FaqEntry entry;   // as stored, counters included
  bool created = false;  // false: an existing (id, language) was replaced
};

// A customer question the FAQ had no confident answer for (the bot's clarify or agent
// offer, an FAQ intent whose search fell short, a search below the auto-answer
// threshold): the raw material of new FAQ entries.
struct UnansweredQuery {
  std::string text;  // 1…faq::kMaxQueryLength code points of valid UTF-8, not blank
  nlu::Language language = nlu::Language::kKorean;
  std::string conversation_id;            // empty when the query came from the search API
  std::string best_faq_id;                // the best candidate below the threshold; empty if none
  std::optional<double> best_confidence;  // its confidence, in [0, 1]
  TimePoint created_at{};
};

// One line of the unanswered-query report: every query of one language with the same
// faq::query_key, counted.
struct UnansweredSummary {
  std::string key;  // faq::query_key of the texts
  nlu::Language language = nlu::Language::kKorean;
  std::int64_t count = 0;
  TimePoint last_seen{};
  // From the most recent query of the group: its text as typed, its best candidate.
  std::string text;
  std::string best_faq_id;
  std::optional<double> best_confidence;
};

// A life-cycle move of the escalation's conversation, made in the escalation's
// transaction (e.g. bot → queued when the customer escalates, queued → bot on cancel).
struct ConversationMove {
  ConversationState to = ConversationState::kQueued;
  std::string reason;  // the close reason when `to` is terminal
};

// Where a waiting escalation stands in its queue.
struct QueueStanding {
  int position = 0;  // 1 = next; 0 when the escalation is not waiting (queued or offered)
  int waiting = 0;   // escalations waiting in the queue, this one included
};

// The stored queue configuration: one JSON document, changed whole, compare-and-set on
// its version.
struct QueueConfig {
  std::string document;
  std::int64_t version = 0;
  TimePoint updated_at;
};

// A running subscription to the other nodes' notifications (Store::listen_nodes); the
// destructor stops it.
class NodeListener {
 public:
  virtual ~NodeListener() = default;
};

// An agent's measured work (Store::agent_performance): over their 200 most recently
// finished (done) escalations.
struct AgentPerformance {
  int handled = 0;                      // finished escalations counted
  int rated = 0;                        // of them, rated by the customer
  std::optional<double> average_csat;   // 1…5, over the rated ones
  std::optional<int> average_handle_s;  // assigned → done, whole seconds
};

// ---- analytics ----
// Analytics are counted from "metric facts": each fact belongs to the hour in which it
// became final (a conversation ended, an escalation was created, assigned, ended or
// rated, a customer turn was classified) and carries the dimensions known then. Hours
// that have closed are kept as rows of analytics_hourly (the rollup); the hours after
// the rollup's mark are computed from the live tables, so a query sees both.
//
// Metrics (count; total):
//   started            conversations created (channel)
//   ended              conversations closed or abandoned; key "bot" (no agent ever
//                      assigned: contained) or "agent" (channel, queue, agent of the last
//                      escalation)
//   escalation         escalations created; key = reason (channel, queue)
//   escalation_priority escalations created; key = priority (channel, queue)
//   wait               escalations assigned; total = seconds queued → assigned
//                      (channel, queue, agent)
//   handle             escalations ended after an assignment; total = seconds assigned →
//                      ended, wrap-up included (channel, queue, agent)
//   csat               rated escalations; key = the score 1…5 (channel, queue, agent)
//   turn               classified customer turns; key = the intent (out_of_scope for
//                      out-of-scope turns), total = sum of confidences (channel, intent)
inline constexpr std::int64_t kMetricHourMicros = 3'600'000'000;

// An empty field does not filter. A metric without the dimension is left out by a
// filter on it (e.g. "started" has no queue).
struct MetricFilter {
  std::string channel;
  std::string queue_id;
  std::string agent_id;
  std::string intent;
};

// How query_metrics groups its rows besides (metric, key).
enum class MetricGrouping { kTotal, kTime, kChannel, kQueue, kAgent, kIntent };

struct MetricQuery {
  TimePoint from{};  // rounded down to the hour
  TimePoint to{};    // rounded up to the hour; exclusive
  MetricFilter filter;
  MetricGrouping grouping = MetricGrouping::kTotal;
  // kTime: the bucket length (a multiple of an hour) and the zone offset its boundaries
  // follow (e.g. one day at +09:00 for Asia/Seoul days).
  std::int64_t bucket_micros = kMetricHourMicros;
  std::int64_t offset_micros = 0;
};

struct MetricRow {
  std::int64_t bucket = 0;  // kTime: the bucket's start, unix micros (UTC); else 0
  std::string group;        // kChannel/kQueue/kAgent/kIntent: the dimension's value
  std::string metric;
  std::string key;
  std::int64_t count = 0;
  double total = 0;
};

// First-contact resolution: of the conversations that ended in a range, those whose
// customer started no other conversation within `window` after this one started.
struct ResolutionCount {
  std::int64_t ended = 0;
  std::int64_t resolved = 0;
};

// What a retention purge removed (or, dry, would remove).
struct PurgeCount {
  std::int64_t conversations = 0;
  std::int64_t messages = 0;
  std::int64_t escalations = 0;
  std::int64_t scenario_records = 0;
  std::int64_t unanswered_queries = 0;
};

struct StoreOptions {
  // "sqlite:PATH" (also a bare path or "sqlite://PATH") or "postgres://…" / "postgresql://…".
  std::string url = "sqlite:./data/aicc.db";
  // Connections to keep for readers (SQLite, at most 64; writes go through one writer
  // thread) or for all work (PostgreSQL). At least 1.
  int pool_size = 8;
};

class Store {
 public:
  virtual ~Store() = default;

  // Nodes sharing the database. PostgreSQL: notify_nodes sends `payload` (≤ 7900 bytes)
  // to every node's listener (NOTIFY on channel aicc_events, the sender's own listener
  // included); listen_nodes keeps one connection of its own in LISTEN on a thread that
  // calls `on_payload` for each notification in the order they were sent, and
  // reconnects by itself after the connection breaks. `on_connection` tells the caller
  // (for its log) when the connection is lost or cannot be made (false, the reason) and
  // when it is back after a loss (true: notifications sent meanwhile were missed). A single-node
  // backend (SQLite) has no other node: notify_nodes does nothing and listen_nodes returns nullptr.
  virtual Status notify_nodes(std::string_view /*payload*/) { return {}; }
  virtual std::unique_ptr<NodeListener> listen_nodes(
      std::function<void(std::string_view payload)> /*on_payload*/,
      std::function<void(bool connected, std::string_view detail)> /*on_connection*/) {
    return nullptr;
  }

  // "sqlite" or "postgres".
  virtual std::string_view backend() const = 0;

  // Applies pending versioned migrations in order, each in its own transaction.
  // Refuses (kFailedPrecondition) a database newer than this binary.
  virtual Status migrate() = 0;
  virtual Result<SchemaStatus> schema_status() = 0;
  // A cheap round trip proving the database answers.
  virtual Status ping() = 0;

  // ---- customers ----
  // Inserts `customer` (id, created_at, updated_at set by the caller). kConflict if the
  // id or a non-empty external_id is taken.
  virtual Result<Customer> create_customer(const Customer& customer) = 0;
  virtual Result<Customer> get_customer(std::string_view id) = 0;
  // kNotFound if no customer has this external id (an empty one matches nobody).
  virtual Result<Customer> find_customer_by_external_id(std::string_view external_id) = 0;

  // ---- conversations ----
  // Inserts a conversation whose customer exists (kNotFound otherwise).
  virtual Result<Conversation> create_conversation(const Conversation& conversation) = 0;
  virtual Result<Conversation> get_conversation(std::string_view id) = 0;
  // Atomically loads the conversation, applies core's guarded transition to `to`, and
  // saves it. kNotFound for an unknown id; kConflict for a transition the life cycle
  // forbids (the stored row is unchanged).
  virtual Result<Conversation> transition_conversation(std::string_view id, ConversationState to,
                                                       TimePoint at, std::string_view reason) = 0;

  // The conversations of one customer, newest first (by created_at, then id), at most
  // `limit` (1…500, else kInvalidArgument). An unknown customer gives an empty list.
  virtual Result<std::vector<Conversation>> list_customer_conversations(
      std::string_view customer_id, int limit) = 0;

  // ---- messages ----
  // Appends `message` to its conversation, assigning the next seq. The caller sets id,
  // sender, text, created_at and optional fields; the store also bumps the
  // conversation's message_count, last_activity_at and updated_at.
  // Idempotent by (conversation_id, client_msg_id): when the key exists the original
  // message is returned with created == false and nothing is written, whatever the
  // retry's text or id. The key is checked before the state, so a retry of a message
  // stored before the conversation closed still succeeds.
  // kNotFound for an unknown conversation; kConflict if it is closed or abandoned, or if
  // the message id is taken.
  virtual Result<AppendResult> append_message(const Message& message) = 0;
  // Messages with seq > after_seq, oldest first, at most `limit` (1…500, else
  // kInvalidArgument). An unknown conversation gives an empty page.
  virtual Result<MessagePage> list_messages(std::string_view conversation_id,
                                            std::int64_t after_seq, int limit) = 0;

  // append_message and, only when the message is created, `patch` applied to its
  // conversation — in one transaction: both happen or neither. The checks come first
  // (idempotency key, then state, bot_version, transition), so a refused patch writes
  // nothing. On an idempotent retry the original is returned and the patch is ignored.
  virtual Result<AppendResult> append_message_and_update(const Message& message,
                                                         const ConversationPatch& patch) = 0;
  // A whole bot turn in one transaction (one commit, one fsync, instead of two): `customer`
  // as append_message does, then — only if it was created — `reply` as
  // append_message_and_update(reply, patch) does. The reply is optional inside the turn: if
  // it is refused (a stale bot_version, a state that no longer allows the patch, …) the
  // customer message is still stored and `reply` comes back empty with the refusal in
  // `reply_error`, so the caller can decide again. An error of the customer message itself
  // (unknown or closed conversation, invalid message) fails the call and writes nothing.
  virtual Result<TurnAppendResult> append_turn(const Message& customer, const Message& reply,
                                               const ConversationPatch& patch) = 0;
  // The message stored under (conversation, client_msg_id), or nullopt.
  virtual Result<std::optional<Message>> find_message_by_client_msg_id(
      std::string_view conversation_id, std::string_view client_msg_id) = 0;

  // ---- scenario records ----
  // kNotFound for an unknown conversation; kConflict if the id is taken.
  virtual Result<ScenarioRecord> create_scenario_record(const ScenarioRecord& record) = 0;
  // The records of one conversation, oldest first.
  virtual Result<std::vector<ScenarioRecord>> list_scenario_records(
      std::string_view conversation_id) = 0;

  // ---- escalations ----
  // Inserts `escalation` and, with `move`, moves its conversation — both or neither.
  // kNotFound for an unknown conversation; kConflict (details.reason "open_escalation",
  // details.escalation_id) if the conversation already has an open escalation
  // (is_open), or if the move is illegal (nothing written).
  virtual Result<Escalation> create_escalation(const Escalation& escalation,
                                               const std::optional<ConversationMove>& move) = 0;
  // kNotFound for an unknown id.
  virtual Result<Escalation> get_escalation(std::string_view id) = 0;
  // The newest escalation of a conversation, or nullopt.
  virtual Result<std::optional<Escalation>> latest_escalation(std::string_view conversation_id) = 0;
  // Saves the mutable fields of `escalation` (state, agent, callback, wrap-up, CSAT,
  // timestamps, queue and priority) if its stored state is one of `from` — a
  // compare-and-set under the row lock, so two nodes cannot both move it — and, with
  // `move`, moves its conversation in the same transaction. kNotFound for an unknown
  // id; kConflict (details.state: the stored state) when the state is not one of `from`
  // or the move is illegal (nothing written).
  virtual Result<Escalation> update_escalation(const Escalation& escalation,
                                               const std::vector<EscalationState>& from,
                                               const std::optional<ConversationMove>& move) = 0;
  // update_escalation that also requires the stored agent_id to be `agent_id` (an
  // agent answering an offer that may have moved on to someone else): kConflict
  // (details.reason "not_yours") otherwise.
  virtual Result<Escalation> update_agent_escalation(
      const Escalation& escalation, std::string_view agent_id,
      const std::vector<EscalationState>& from, const std::optional<ConversationMove>& move) = 0;
  // Escalations in `state`, highest priority first, then oldest; at most `limit` (1…1000).
  virtual Result<std::vector<Escalation>> list_escalations(EscalationState state, int limit) = 0;
  // The open escalations (offered, assigned, wrap_up) of one agent, oldest first.
  virtual Result<std::vector<Escalation>> list_agent_escalations(std::string_view agent_id) = 0;
  // How many open escalations (offered, assigned, wrap_up) each agent holds; agents
  // holding none are left out.
  virtual Result<std::vector<std::pair<std::string, int>>> agent_loads() = 0;
  // Offers a queued escalation to an agent: queued → offered with agent_id and offered_at,
  // only while the agent holds fewer than `capacity` open escalations. Two nodes never
  // both offer one escalation, nor put an agent over capacity: on PostgreSQL the
  // escalation row is claimed with FOR UPDATE SKIP LOCKED and a transaction advisory
  // lock on the agent id is held while counting; on SQLite the single writer serialises. kConflict
  // with details.reason "taken" (no longer queued, or another node is claiming it) or "agent_full";
  // kNotFound for an unknown escalation.
  virtual Result<Escalation> offer_escalation(std::string_view escalation_id,
                                              std::string_view agent_id, int capacity,
                                              TimePoint at) = 0;
  // The escalation's place in its queue: waiting ones (queued or offered) ordered by
  // priority (highest first), then creation (oldest first). kNotFound for an unknown id.
  virtual Result<QueueStanding> queue_standing(std::string_view escalation_id) = 0;
  // How many escalations wait (queued or offered) in a queue.
  virtual Result<int> count_waiting(std::string_view queue_id) = 0;
  // The measured average handle time of a queue in whole seconds (assigned → done, over
  // its 200 most recently finished escalations), or nullopt before any was handled.
  virtual Result<std::optional<int>> average_handle_seconds(std::string_view queue_id) = 0;
  // The agent's handled and rated contacts, average CSAT and handle time, over their 200
  // most recently finished escalations (all zero / unset before any).
  virtual Result<AgentPerformance> agent_performance(std::string_view agent_id) = 0;

  // ---- FAQ knowledge base ----
  // Entries are keyed by (id, language). The store is their source of truth: the search
  // index is built from it and follows it. Counters (view, helpful, not helpful) change
  // only through bump_faq_counter; every other field only through seeding and upsert.

  // First-start seeding: when the store holds no FAQ entry at all (active or not), inserts
  // every entry (counters start at 0) in one transaction and returns how many; otherwise
  // inserts nothing and returns 0, so a soft-deleted knowledge base is not resurrected.
  // Safe to call from several nodes at once: exactly one of them seeds. kInvalidArgument
  // (nothing written) if an entry is invalid (faq::entry_problem) or a key repeats.
  virtual Result<std::size_t> seed_faq_entries(const std::vector<faq::FaqEntry>& entries) = 0;
  // Inserts the entry, or replaces every field of the stored (id, language) but its
  // counters, which stay as they are (a new entry starts at 0). updated_at is the
  // caller's. Returns the stored entry. kInvalidArgument if faq::entry_problem objects.
  virtual Result<FaqUpsertResult> upsert_faq_entry(const faq::FaqEntry& entry) = 0;
  // kNotFound for an unknown (id, language); inactive entries are found.
  virtual Result<faq::FaqEntry> get_faq_entry(std::string_view id, nlu::Language language) = 0;
  // The matching entries, sorted by id (as bytes), then ko before en.
  virtual Result<std::vector<faq::FaqEntry>> list_faq_entries(const FaqFilter& filter) = 0;
  // Adds one to a counter in a single atomic step (concurrent bumps are never lost, on
  // any number of nodes) and returns the entry with its new counters; updated_at is not
  // touched. kNotFound for an unknown (id, language).
  virtual Result<faq::FaqEntry> bump_faq_counter(std::string_view id, nlu::Language language,
                                                 FaqCounter counter) = 0;
  // Appends to the unanswered-query log. kInvalidArgument for a blank, invalid or
  // too long text, or a confidence outside [0, 1]; conversation_id is not checked (the
  // log outlives purged conversations).
  virtual Status record_unanswered_query(const UnansweredQuery& query) = 0;
  // The most frequent unanswered queries, grouped by (language, faq::query_key), most
  // frequent first, then most recent. `language` unset: both. limit 1…500, else
  // kInvalidArgument.
  virtual Result<std::vector<UnansweredSummary>> top_unanswered_queries(
      int limit, std::optional<nlu::Language> language) = 0;

  // ---- users and agents ----
  // Inserts `user` and, for a role with an agent profile, `profile` (its user_id is set to
  // the user's; its state begins a first state-history period) — both or neither.
  // kInvalidArgument when a profile is missing for agent/supervisor or given for admin;
  // kConflict if the id is taken or the username is, ignoring case.
  virtual Result<User> create_user(const User& user,
                                   const std::optional<AgentProfile>& profile) = 0;
  virtual Result<User> get_user(std::string_view id) = 0;
  // Ignoring case; kNotFound if nobody has it.
  virtual Result<User> find_user_by_username(std::string_view username) = 0;
  // Every user, by username (ignoring case).
  virtual Result<std::vector<User>> list_users() = 0;
  // Saves display_name, password_hash, active, role and updated_at of an existing user
  // (the username is fixed at creation; callers keep the role on the same side of
  // has_agent_profile, since the profile row is not added or removed). kNotFound for an
  // unknown id.
  virtual Result<User> update_user(const User& user) = 0;

  // kNotFound for a user without an agent profile.
  virtual Result<Agent> get_agent(std::string_view user_id) = 0;
  // Every agent profile with its user, by username (ignoring case).
  virtual Result<std::vector<Agent>> list_agents() = 0;
  // Saves skills, languages, queues, capacities and updated_at; never the state (see
  // set_agent_state). kNotFound for a user without a profile.
  virtual Result<Agent> update_agent_profile(const AgentProfile& profile) = 0;
  // Moves the agent to `state` at `at`: ends the open state-history period and begins a
  // new one. The same state and reason again changes nothing (the period goes on).
  // kNotFound for a user without a profile.
  virtual Result<Agent> set_agent_state(std::string_view user_id, AgentState state,
                                        std::string_view reason, TimePoint at) = 0;
  // The agent's state periods, newest first, at most `limit` (1…1000, else
  // kInvalidArgument).
  virtual Result<std::vector<AgentStateRecord>> list_agent_state_history(std::string_view user_id,
                                                                         int limit) = 0;

  // ---- sessions ----
  // kNotFound for an unknown user; kConflict if the token hash exists.
  virtual Result<Session> create_session(const Session& session) = 0;
  // The session with this token hash if it is valid at `now` (not revoked, not expired)
  // and its user is active; kNotFound otherwise (one answer: callers cannot tell why).
  virtual Result<Session> find_valid_session(std::string_view token_hash, TimePoint now) = 0;
  // Sets last_seen_at. kNotFound for an unknown token hash.
  virtual Status touch_session(std::string_view token_hash, TimePoint at) = 0;
  // Revokes one session (kNotFound if unknown); revoking twice keeps the first time.
  virtual Status revoke_session(std::string_view token_hash, TimePoint at) = 0;
  // Revokes every unrevoked session of a user (password change, disable); how many.
  virtual Result<int> revoke_user_sessions(std::string_view user_id, TimePoint at) = 0;

  // ---- outbound webhooks ----
  // kInvalidArgument if validate_webhook objects; kConflict if the id is taken.
  virtual Result<WebhookSubscription> create_webhook(const WebhookSubscription& subscription) = 0;
  virtual Result<WebhookSubscription> get_webhook(std::string_view id) = 0;
  // Every subscription, oldest first.
  virtual Result<std::vector<WebhookSubscription>> list_webhooks() = 0;
  // Saves url, secret, events, description, active and updated_at (validated as at
  // creation). kNotFound for an unknown id.
  virtual Result<WebhookSubscription> update_webhook(const WebhookSubscription& subscription) = 0;
  // Deletes the subscription and its delivery log. kNotFound for an unknown id.
  virtual Status delete_webhook(std::string_view id) = 0;
  // Records deliveries in one transaction and returns how many were stored: one whose
  // subscription no longer exists is skipped. kConflict if a delivery id is taken.
  virtual Result<int> enqueue_webhook_deliveries(
      const std::vector<WebhookDelivery>& deliveries) = 0;
  // Leases up to `limit` (1…1000) pending deliveries due at `now` whose earlier lease
  // ended, until `lease_until`, so no other worker or node takes them meanwhile; oldest
  // due first. An attempt recorded or a lease that runs out releases them.
  virtual Result<std::vector<WebhookDelivery>> claim_webhook_deliveries(TimePoint now,
                                                                        TimePoint lease_until,
                                                                        int limit) = 0;
  // Saves the outcome of an attempt (state, attempts, next_attempt_at, last_status,
  // last_error, updated_at, delivered_at) and ends the lease. kNotFound for an unknown id.
  virtual Status record_webhook_attempt(const WebhookDelivery& delivery) = 0;
  virtual Result<WebhookDelivery> get_webhook_delivery(std::string_view id) = 0;
  // A subscription's deliveries, newest first, optionally in one state; limit 1…500
  // (else kInvalidArgument). An unknown subscription gives an empty list.
  virtual Result<std::vector<WebhookDelivery>> list_webhook_deliveries(
      std::string_view subscription_id, std::optional<DeliveryState> state, int limit) = 0;

  // ---- inbound channels ----
  // A channel is stored with its callback subscription (a webhook subscription with the
  // channel's id, url = callback_url, secret, events ["channel.message"], active = enabled),
  // so the webhook delivery methods above deliver, log and retry its callbacks.
  // Inserts both in one transaction. kInvalidArgument if validate_channel objects, or
  // (details.field "api_key_id") no API key has that id; kConflict (details.reason
  // "name_taken") if a channel has the name, or if the id is taken.
  virtual Result<Channel> create_channel(const Channel& channel) = 0;
  // kNotFound for an unknown id.
  virtual Result<Channel> get_channel(std::string_view id) = 0;
  // kNotFound when no channel has the name.
  virtual Result<Channel> find_channel_by_name(std::string_view name) = 0;
  // Every channel, by name.
  virtual Result<std::vector<Channel>> list_channels() = 0;
  // Saves callback_url, secret, api_key_id, description, enabled and updated_at, validated
  // as at creation (the name never changes). kNotFound for an unknown id.
  virtual Result<Channel> update_channel(const Channel& channel) = 0;
  // Deletes the channel with its callback subscription, delivery log and contact links
  // (the conversations stay). kNotFound for an unknown id.
  virtual Status delete_channel(std::string_view id) = 0;
  // The conversation a contact of a channel is linked to, or nullopt.
  virtual Result<std::optional<std::string>> channel_conversation(std::string_view channel_id,
                                                                  std::string_view external_id) = 0;
  // Links the contact to contact.conversation_id if its link is still `expected` (nullopt:
  // no link yet): a compare-and-set, so requests racing to start a contact's conversation
  // agree on one. Returns whether the link was made. kNotFound for an unknown channel.
  virtual Result<bool> link_channel_conversation(const ChannelContact& contact,
                                                 const std::optional<std::string>& expected,
                                                 TimePoint at) = 0;
  // The channel contact linked to a conversation, or nullopt (a conversation of another
  // channel, or one whose contact has moved on to a newer conversation).
  virtual Result<std::optional<ChannelContact>> channel_contact_of(
      std::string_view conversation_id) = 0;

  // ---- canned responses ----
  // First-start seeding: when the store holds no canned response at all, inserts every one
  // in one transaction and returns how many; otherwise inserts nothing and returns 0 (so
  // responses an admin deleted are not resurrected). Safe on several nodes at once.
  // kInvalidArgument (nothing written) if one is invalid, or an id or a (language,
  // shortcut) repeats.
  virtual Result<std::size_t> seed_canned_responses(const std::vector<CannedResponse>& all) = 0;
  // kInvalidArgument (details.field) if canned_response_problem objects; kConflict with
  // details.reason "id_taken", or "shortcut_taken" when another response of the language
  // has the shortcut.
  virtual Result<CannedResponse> create_canned_response(const CannedResponse& response) = 0;
  // kNotFound for an unknown id.
  virtual Result<CannedResponse> get_canned_response(std::string_view id) = 0;
  // The responses of one language (unset: both), Korean first, then by title and id.
  virtual Result<std::vector<CannedResponse>> list_canned_responses(
      const std::optional<std::string>& language) = 0;
  // Saves title, text, language, queue, shortcut and updated_at (validated as at creation).
  // kNotFound for an unknown id; kConflict "shortcut_taken".
  virtual Result<CannedResponse> update_canned_response(const CannedResponse& response) = 0;
  // kNotFound for an unknown id.
  virtual Status delete_canned_response(std::string_view id) = 0;

  // ---- queues, business hours and holidays ----
  // The queue configuration (routing::QueueSet::to_json's document) with its version;
  // nullopt before the first start seeded it.
  virtual Result<std::optional<QueueConfig>> get_queue_config() = 0;
  // Stores `document` as version expected_version + 1 if the stored one is at
  // expected_version (0: nothing stored yet). kConflict with details.reason "stale" and
  // details.version (the stored one) otherwise: another change (another node) came first.
  virtual Result<QueueConfig> save_queue_config(std::string_view document,
                                                std::int64_t expected_version, TimePoint at) = 0;

  // ---- analytics and retention ----
  // Metric rows (see MetricRow) of [from, to), filtered and grouped; summed per group,
  // metric and key. kInvalidArgument for from >= to or a bucket that is not a positive
  // multiple of an hour.
  virtual Result<std::vector<MetricRow>> query_metrics(const MetricQuery& query) = 0;
  // Closes every hour that ended at or before `until` (rounded down to the hour) and is
  // not closed yet: its facts are summed into analytics_hourly and the mark moves on, in
  // one transaction (one node does it at a time). Returns the new mark.
  virtual Result<TimePoint> roll_up_metrics(TimePoint until) = 0;
  // The end of the last closed hour (the epoch before the first roll-up).
  virtual Result<TimePoint> metrics_rolled_through() = 0;
  // First-contact resolution over conversations ended in [from, to) on `channel` (empty:
  // all), with the repeat window (e.g. 7 days).
  virtual Result<ResolutionCount> first_contact_resolution(TimePoint from, TimePoint to,
                                                           std::string_view channel,
                                                           std::chrono::seconds window) = 0;
  // The unanswered-query report (as top_unanswered_queries) restricted to [from, to).
  virtual Result<std::vector<UnansweredSummary>> top_unanswered_between(TimePoint from,
                                                                        TimePoint to,
                                                                        int limit) = 0;
  // Conversations created in [from, to) with an id greater than `after_id`, by id
  // (UUIDv7: creation order), at most `limit` (1…1000).
  virtual Result<std::vector<Conversation>> list_conversations_between(TimePoint from, TimePoint to,
                                                                       std::string_view after_id,
                                                                       int limit) = 0;
  // Deletes closed and abandoned conversations that ended before `closed_before`, with
  // their messages, escalations, scenario records and unanswered-query rows, in one
  // transaction; with `dry_run` only counts. Metric rollups are kept.
  virtual Result<PurgeCount> purge_closed_conversations(TimePoint closed_before, bool dry_run) = 0;

  // ---- audit log ----
  // Appends an entry. kConflict if the id is taken; kInvalidArgument for an empty action
  // or resource type.
  virtual Status append_audit_entry(const AuditEntry& entry) = 0;
  // The matching entries, newest first (by time, then id). kInvalidArgument for a limit
  // outside 1…500.
  virtual Result<std::vector<AuditEntry>> list_audit_entries(const AuditFilter& filter) = 0;

  // ---- API keys ----
  // kConflict if the id or the key hash is taken.
  virtual Status create_api_key(const ApiKey& key) = 0;
  // Every key, newest first.
  virtual Result<std::vector<ApiKey>> list_api_keys() = 0;
  // The key with this hash whatever its state (the caller checks valid_at); kNotFound.
  virtual Result<ApiKey> find_api_key_by_hash(std::string_view key_hash) = 0;
  // Sets revoked_at (revoking twice keeps the first time). kNotFound for an unknown id.
  virtual Result<ApiKey> revoke_api_key(std::string_view id, TimePoint at) = 0;
};

// Opens (and creates, for SQLite) the store named by options.url. Does not migrate.
// kInvalidArgument for an unknown scheme or pool_size < 1; kUnavailable if the database
// cannot be reached (the message names it with any password masked).
Result<std::unique_ptr<Store>> open_store(const StoreOptions& options);

}  // namespace aicc
