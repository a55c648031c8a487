// The embedded SQLite backend of the Store contract: one file, WAL journal, foreign
// keys on, synchronous=FULL (a write acknowledged to the caller has been fsynced).
//
// Writes (every mutating call) go to one writer thread with group commit (see
// group_commit.h): concurrent writers share one transaction and one fsync. Reads use a
// small pool of read-only connections that run in parallel with the writer.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "store/store.h"

namespace aicc {

namespace sqlite {
class GroupCommitWriter;
class ReaderPool;
}  // namespace sqlite

struct SqliteOptions {
  std::string path;  // the database file; its directory is created if missing
  int readers = 4;   // read-only connections (1…64)
  int busy_timeout_ms = 5000;
  // "FULL" (default) or "NORMAL". NORMAL skips the fsync per commit: a commit survives
  // a crash of the process but may be lost on power loss. For benchmarks and tests.
  std::string synchronous = "FULL";
};

class SqliteStore final : public Store {
 public:
  // Opens (creating the file if needed) without migrating.
  static Result<std::unique_ptr<SqliteStore>> open(const SqliteOptions& options);
  ~SqliteStore() override;

  std::string_view backend() const override { return "sqlite"; }
  Status migrate() override;
  Result<SchemaStatus> schema_status() override;
  Status ping() override;

  Result<Customer> create_customer(const Customer& customer) override;
  Result<Customer> get_customer(std::string_view id) override;
  Result<Customer> find_customer_by_external_id(std::string_view external_id) override;

  Result<Conversation> create_conversation(const Conversation& conversation) override;
  Result<Conversation> get_conversation(std::string_view id) override;
  Result<Conversation> transition_conversation(std::string_view id, ConversationState to,
                                               TimePoint at, std::string_view reason) override;

  Result<AppendResult> append_message(const Message& message) override;
  Result<MessagePage> list_messages(std::string_view conversation_id, std::int64_t after_seq,
                                    int limit) override;
  Result<AppendResult> append_message_and_update(const Message& message,
                                                 const ConversationPatch& patch) override;
  Result<TurnAppendResult> append_turn(const Message& customer, const Message& reply,
                                       const ConversationPatch& patch) override;
  Result<std::optional<Message>> find_message_by_client_msg_id(
      std::string_view conversation_id, std::string_view client_msg_id) override;

  Result<ScenarioRecord> create_scenario_record(const ScenarioRecord& record) override;
  Result<std::vector<ScenarioRecord>> list_scenario_records(
      std::string_view conversation_id) override;

  Result<Escalation> create_escalation(const Escalation& escalation,
                                       const std::optional<ConversationMove>& move) override;
  Result<Escalation> get_escalation(std::string_view id) override;
  Result<std::optional<Escalation>> latest_escalation(std::string_view conversation_id) override;
  Result<Escalation> update_escalation(const Escalation& escalation,
                                       const std::vector<EscalationState>& from,
                                       const std::optional<ConversationMove>& move) override;
  Result<Escalation> update_agent_escalation(const Escalation& escalation,
                                             std::string_view agent_id,
                                             const std::vector<EscalationState>& from,
                                             const std::optional<ConversationMove>& move) override;
  Result<std::vector<Escalation>> list_escalations(EscalationState state, int limit) override;
  Result<std::vector<Escalation>> list_agent_escalations(std::string_view agent_id) override;
  Result<std::vector<std::pair<std::string, int>>> agent_loads() override;
  Result<Escalation> offer_escalation(std::string_view escalation_id, std::string_view agent_id,
                                      int capacity, TimePoint at) override;
  Result<QueueStanding> queue_standing(std::string_view escalation_id) override;
  Result<int> count_waiting(std::string_view queue_id) override;
  Result<std::optional<int>> average_handle_seconds(std::string_view queue_id) override;
  Result<AgentPerformance> agent_performance(std::string_view agent_id) override;

  Result<std::size_t> seed_faq_entries(const std::vector<faq::FaqEntry>& entries) override;
  Result<FaqUpsertResult> upsert_faq_entry(const faq::FaqEntry& entry) override;
  Result<faq::FaqEntry> get_faq_entry(std::string_view id, nlu::Language language) override;
  Result<std::vector<faq::FaqEntry>> list_faq_entries(const FaqFilter& filter) override;
  Result<faq::FaqEntry> bump_faq_counter(std::string_view id, nlu::Language language,
                                         FaqCounter counter) override;
  Status record_unanswered_query(const UnansweredQuery& query) override;
  Result<std::vector<UnansweredSummary>> top_unanswered_queries(
      int limit, std::optional<nlu::Language> language) override;

  Result<User> create_user(const User& user, const std::optional<AgentProfile>& profile) override;
  Result<User> get_user(std::string_view id) override;
  Result<User> find_user_by_username(std::string_view username) override;
  Result<std::vector<User>> list_users() override;
  Result<User> update_user(const User& user) override;
  Result<Agent> get_agent(std::string_view user_id) override;
  Result<std::vector<Agent>> list_agents() override;
  Result<Agent> update_agent_profile(const AgentProfile& profile) override;
  Result<Agent> set_agent_state(std::string_view user_id, AgentState state, std::string_view reason,
                                TimePoint at) override;
  Result<std::vector<AgentStateRecord>> list_agent_state_history(std::string_view user_id,
                                                                 int limit) override;

  Result<std::vector<Conversation>> list_customer_conversations(std::string_view customer_id,
                                                                int limit) override;
  Result<std::size_t> seed_canned_responses(const std::vector<CannedResponse>& all) override;
  Result<CannedResponse> create_canned_response(const CannedResponse& response) override;
  Result<CannedResponse> get_canned_response(std::string_view id) override;
  Result<std::vector<CannedResponse>> list_canned_responses(
      const std::optional<std::string>& language) override;
  Result<CannedResponse> update_canned_response(const CannedResponse& response) override;
  Status delete_canned_response(std::string_view id) override;
  Result<std::optional<QueueConfig>> get_queue_config() override;
  Result<QueueConfig> save_queue_config(std::string_view document, std::int64_t expected_version,
                                        TimePoint at) override;
  Status append_audit_entry(const AuditEntry& entry) override;
  Result<std::vector<AuditEntry>> list_audit_entries(const AuditFilter& filter) override;
  Status create_api_key(const ApiKey& key) override;
  Result<std::vector<ApiKey>> list_api_keys() override;
  Result<ApiKey> find_api_key_by_hash(std::string_view key_hash) override;
  Result<ApiKey> revoke_api_key(std::string_view id, TimePoint at) override;
  Result<Session> create_session(const Session& session) override;
  Result<Session> find_valid_session(std::string_view token_hash, TimePoint now) override;
  Status touch_session(std::string_view token_hash, TimePoint at) override;
  Status revoke_session(std::string_view token_hash, TimePoint at) override;
  Result<int> revoke_user_sessions(std::string_view user_id, TimePoint at) override;

  Result<Channel> create_channel(const Channel& channel) override;
  Result<Channel> get_channel(std::string_view id) override;
  Result<Channel> find_channel_by_name(std::string_view name) override;
  Result<std::vector<Channel>> list_channels() override;
  Result<Channel> update_channel(const Channel& channel) override;
  Status delete_channel(std::string_view id) override;
  Result<std::optional<std::string>> channel_conversation(std::string_view channel_id,
                                                          std::string_view external_id) override;
  Result<bool> link_channel_conversation(const ChannelContact& contact,
                                         const std::optional<std::string>& expected,
                                         TimePoint at) override;
  Result<std::optional<ChannelContact>> channel_contact_of(
      std::string_view conversation_id) override;

  Result<WebhookSubscription> create_webhook(const WebhookSubscription& subscription) override;
  Result<WebhookSubscription> get_webhook(std::string_view id) override;
  Result<std::vector<WebhookSubscription>> list_webhooks() override;
  Result<WebhookSubscription> update_webhook(const WebhookSubscription& subscription) override;
  Status delete_webhook(std::string_view id) override;
  Result<int> enqueue_webhook_deliveries(const std::vector<WebhookDelivery>& deliveries) override;
  Result<std::vector<WebhookDelivery>> claim_webhook_deliveries(TimePoint now,
                                                                TimePoint lease_until,
                                                                int limit) override;
  Status record_webhook_attempt(const WebhookDelivery& delivery) override;
  Result<WebhookDelivery> get_webhook_delivery(std::string_view id) override;
  Result<std::vector<WebhookDelivery>> list_webhook_deliveries(std::string_view subscription_id,
                                                               std::optional<DeliveryState> state,
                                                               int limit) override;

  Result<std::vector<MetricRow>> query_metrics(const MetricQuery& query) override;
  Result<TimePoint> roll_up_metrics(TimePoint until) override;
  Result<TimePoint> metrics_rolled_through() override;
  Result<ResolutionCount> first_contact_resolution(TimePoint from, TimePoint to,
                                                   std::string_view channel,
                                                   std::chrono::seconds window) override;
  Result<std::vector<UnansweredSummary>> top_unanswered_between(TimePoint from, TimePoint to,
                                                                int limit) override;
  Result<std::vector<Conversation>> list_conversations_between(TimePoint from, TimePoint to,
                                                               std::string_view after_id,
                                                               int limit) override;
  Result<PurgeCount> purge_closed_conversations(TimePoint closed_before, bool dry_run) override;

  // Group-commit counters, for tests and benchmarks: how many write transactions were
  // committed for how many write requests, and how many requests are in flight.
  struct WriteStats {
    std::uint64_t transactions = 0;
    std::uint64_t requests = 0;
    std::uint64_t pending = 0;
  };
  WriteStats write_stats() const;

 private:
  SqliteStore(std::unique_ptr<sqlite::GroupCommitWriter> writer,
              std::unique_ptr<sqlite::ReaderPool> readers);

  std::unique_ptr<sqlite::GroupCommitWriter> writer_;
  std::unique_ptr<sqlite::ReaderPool> readers_;
};

// Opens the SQLite store at `path` with default options and `readers` connections.
Result<std::unique_ptr<Store>> open_sqlite_store(const std::string& path, int readers);

}  // namespace aicc
