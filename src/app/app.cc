#include "app/app.h"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <optional>

#include "api/api.h"
#include "api/live_events.h"
#include "auth/accounts.h"
#include "auth/auth_service.h"
#include "bot/bot_engine.h"
#include "bot/canned_responses.h"
#include "bot/intent_examples.h"
#include "bot/retrainer.h"
#include "bot/scenario_uploads.h"
#include "connect/contact_engine.h"
#include "connect/escalation_desk.h"
#include "core/clock.h"
#include "core/ids.h"
#include "core/random.h"
#include "net/pipeline.h"
#include "net/server.h"
#include "platform/log.h"
#include "platform/metrics.h"
#include "routing/queues.h"
#include "service/bot_turns.h"
#include "service/chat_service.h"
#include "service/escalation_service.h"
#include "service/event_bus.h"
#include "service/faq_service.h"
#include "service/housekeeping.h"
#include "service/routing_service.h"
#include "store/store.h"

namespace aicc {
namespace {

bool setup_logging(const Config& config) {
  log::Level level = log::Level::kInfo;
  log::parse_level(config.log.level, level);
  log::set_level(level);
  if (!config.log.file.empty() && !log::set_file(config.log.file)) {
    std::fprintf(stderr, "aicc: cannot open log file %s\n", config.log.file.c_str());
    return false;
  }
  return true;
}

}  // namespace

Result<std::unique_ptr<Store>> open_ready_store(const Config& config, bool migrate_now) {
  StoreOptions so;
  so.url = config.store.url;
  so.pool_size = config.store.pool_size;
  auto store = open_store(so);
  if (!store) return store;
  if (migrate_now) {
    if (auto st = (*store)->migrate(); !st) return tl::unexpected(st.error());
  } else {
    auto status = (*store)->schema_status();
    if (!status) return tl::unexpected(status.error());
    if (!status->up_to_date())
      return make_error(ErrorCode::kFailedPrecondition,
                        "database schema is at version " + std::to_string(status->current_version) +
                            " but this binary needs " + std::to_string(status->latest_version) +
                            "; run `aicc migrate`");
  }
  return store;
}

int serve(const Config& config) {
  const auto started = std::chrono::steady_clock::now();
  if (!setup_logging(config)) return 2;
  auto store = open_ready_store(config, config.store.migrate_on_start);
  if (!store) {
    std::fprintf(stderr, "aicc: cannot start: store %s: %s\n", config.store.url.c_str(),
                 store.error().message.c_str());
    log::error("cannot start", {{"store", config.store.url}, {"error", store.error().message}});
    return 1;
  }
  SystemClock clock;
  OsRandom random;
  IdGenerator ids(clock, random);
  EventBus events(static_cast<std::size_t>(config.server.stream_replay_events));
  MetricsRegistry metrics;
  // Names this process among the nodes sharing a PostgreSQL database (stream event ids,
  // the relay's origin).
  char node_id[9];
  std::snprintf(node_id, sizeof node_id, "%08x", static_cast<unsigned>(random.next_u64()));
  api::LiveEvents live(events, **store, clock, metrics, node_id);
  // The knowledge base lives in the store; bot/faq seeds it at the first start only.
  FaqServiceOptions fo;
  fo.seed_dir = std::filesystem::path(config.bot.dir) / "faq";
  fo.log = [](std::string_view line) { log::info("faq", {{"step", line}}); };
  auto faq = FaqService::start(**store, clock, fo);
  if (!faq) {
    std::fprintf(stderr, "aicc: cannot start: FAQ: %s\n", faq.error().message.c_str());
    log::error("cannot start", {{"faq", fo.seed_dir.string()}, {"error", faq.error().message}});
    return 1;
  }
  // Canned responses likewise: bot/canned_responses.json seeds the store at the first start.
  const auto canned_file = std::filesystem::path(config.bot.dir) / "canned_responses.json";
  auto canned = bot::load_canned_responses(canned_file, clock.now());
  if (canned) {
    auto seeded = (*store)->seed_canned_responses(*canned);
    if (seeded && *seeded > 0)
      log::info("canned responses seeded",
                {{"file", canned_file.string()}, {"count", std::to_string(*seeded)}});
    if (!seeded) canned = tl::unexpected(seeded.error());
  }
  if (!canned) {
    std::fprintf(stderr, "aicc: cannot start: %s\n", canned.error().message.c_str());
    log::error("cannot start",
               {{"canned_responses", canned_file.string()}, {"error", canned.error().message}});
    return 1;
  }
  std::unique_ptr<bot::BotEngine> bot;
  std::optional<bot::IntentExamples> intent_examples;
  std::unique_ptr<bot::Retrainer> retrainer;
  std::unique_ptr<bot::ScenarioUploads>
      scenario_uploads;                   // destroyed (its job joined) before the bot
  std::unique_ptr<ActionSender> actions;  // outlives bot_turns, which posts to it
  std::unique_ptr<BotTurns> bot_turns;
  if (config.bot.enabled) {
    bot::BotOptions bo;
    bo.faq_index = (*faq)->index();
    bo.dir = config.bot.dir;
    bo.model_path = config.bot.model_file;
    bo.timezone = config.bot.timezone;
    bo.log = [](std::string_view line) { log::info("bot", {{"step", line}}); };
    auto provider = nlu::parse_llm_provider(config.llm.provider);
    if (!provider) {
      std::fprintf(stderr, "aicc: cannot start: llm.provider: %s\n",
                   provider.error().message.c_str());
      return 1;
    }
    bo.llm.provider = *provider;
    bo.llm.region = config.llm.region;
    bo.llm.model_id = config.llm.model_id;
    bo.llm.base_url = config.llm.base_url;
    bo.llm.api_key = config.llm.api_key;
    bo.llm.access_key_id = config.llm.access_key_id;
    bo.llm.secret_access_key = config.llm.secret_access_key;
    bo.llm.session_token = config.llm.session_token;
    bo.llm.timeout = std::chrono::milliseconds(config.llm.timeout_ms);
    bo.environment = process_environment();
    auto examples = bot::IntentExamples::open(config.bot.examples_file);
    if (!examples) {
      std::fprintf(stderr, "aicc: cannot start: bot.examples_file: %s\n",
                   examples.error().message.c_str());
      return 1;
    }
    intent_examples.emplace(std::move(*examples));
    bo.extra_examples = intent_examples->dataset();
    bo.uploaded_scenarios_dir = config.bot.scenarios_upload_dir;
    auto loaded = bot::BotEngine::load(bo);
    if (!loaded) {
      std::fprintf(stderr, "aicc: cannot start: bot %s: %s\n", config.bot.dir.c_str(),
                   loaded.error().message.c_str());
      log::error("cannot start", {{"bot", config.bot.dir}, {"error", loaded.error().message}});
      return 1;
    }
    bot = std::move(*loaded);
    retrainer = std::make_unique<bot::Retrainer>(
        *bot, *intent_examples, clock,
        bot::RetrainOptions{.intents_dir = std::filesystem::path(config.bot.dir) / "intents",
                            .model_path = config.bot.model_file},
        [&ids] { return ids.uuid(); });
    scenario_uploads =
        std::make_unique<bot::ScenarioUploads>(*bot, config.bot.scenarios_upload_dir);
    actions = std::make_unique<ActionSender>();
    bot_turns = std::make_unique<BotTurns>(**store, *bot, clock, ids, faq->get(), actions.get());
    bot_turns->commit_turns_in_one(config.bot.one_commit_turns);
  }
  WebhookOptions wo;
  wo.max_attempts = config.webhooks.max_attempts;
  wo.first_backoff = std::chrono::milliseconds(config.webhooks.first_backoff_ms);
  wo.max_backoff = std::chrono::milliseconds(config.webhooks.max_backoff_ms);
  wo.timeout = std::chrono::milliseconds(config.webhooks.timeout_ms);
  wo.senders = config.webhooks.senders;
  AuditLog audit(**store, clock, ids);
  WebhookDispatcher webhooks(**store, clock, ids, wo, nullptr, &metrics);
  webhooks.start();
  // Queues, hours and customer texts of escalations, needed with or without a bot: the
  // store's configuration (seeded from bot/queues.json at the first start), edited live by
  // admins; a change on another node arrives through the relay.
  EscalationSettings escalation_settings;
  if (bot)
    escalation_settings.long_conversation_messages =
        bot->policy_config().escalation.long_conversation_messages;
  auto desk =
      connect::assemble_escalation_desk(**store, config.bot.dir, clock, ids, escalation_settings);
  if (!desk) {
    std::fprintf(stderr, "aicc: cannot start: %s\n", desk.error().message.c_str());
    log::error("cannot start", {{"queues", config.bot.dir}, {"error", desk.error().message}});
    return 1;
  }
  EscalationService& escalations = (*desk)->escalations;
  (*desk)->admin.on_change = [&live](std::int64_t version) { live.queues_changed(version); };
  live.on_queues_changed = [&admin = (*desk)->admin] {
    if (auto st = admin.reload(); !st)
      log::error("queue configuration reload failed", {{"error", st.error().message}});
  };
  escalations.on_change = [stream = api::escalation_events_publisher(live, metrics),
                           hooks = api::escalation_webhooks(webhooks)](const Escalation& e) {
    stream(e);
    hooks(e);
  };
  if (bot_turns) bot_turns->record_escalations_with(&escalations);
  ChannelRoutes channel_routes(**store);
  const ChatEvents chat_events = api::chat_events_both(
      api::chat_events_both(api::chat_events_publisher(live), api::chat_events_webhooks(webhooks)),
      api::chat_events_channels(channel_routes, webhooks));
  ChatService chat(**store, clock, ids, chat_events, bot_turns.get());
  ChannelInbound channel_inbound(**store, chat, channel_routes, clock, ids);
  RoutingService routing(**store, (*desk)->queues, clock, ids,
                         RoutingSettings{std::chrono::milliseconds(config.routing.interval_ms),
                                         std::chrono::seconds(config.routing.offer_timeout_s)});
  routing.on_change = escalations.on_change;
  routing.on_message = chat_events.message_created;
  routing.on_conversation = chat_events.conversation_updated;
  routing.on_agent_state = [&live](const Agent& a) { live.agent_state(a); };
  routing.on_sla_breach = api::sla_breach_handler(events, metrics, webhooks, (*desk)->queues);
  AuthService auth(**store, clock, random,
                   AuthOptions{.session_ttl = std::chrono::seconds(config.auth.session_ttl_s),
                               .max_failures = config.auth.login_max_failures,
                               .lockout = std::chrono::seconds(config.auth.login_lockout_s)});
  Accounts accounts(**store, clock, ids);
  ApiKeys api_keys(**store, clock, random, ids);

  net::RateLimiter message_limiter(net::RateLimit{
      config.server.messages_per_minute / 60.0, static_cast<double>(config.server.message_burst)});
  net::Router router;
  net::HttpServer* server_ptr = nullptr;
  api::ApiContext context{
      **store,         chat,         **faq,
      events,          metrics,      [&server_ptr] { return server_ptr && server_ptr->draining(); },
      kVersion,        auth,         accounts,
      clock,           ids,          webhooks,
      audit,           &escalations, &routing,
      &message_limiter};
  context.bot = bot.get();
  context.intent_examples = intent_examples ? &*intent_examples : nullptr;
  context.retrainer = retrainer.get();
  context.scenario_uploads = scenario_uploads.get();
  context.api_keys = &api_keys;
  context.intents_dir = std::filesystem::path(config.bot.dir) / "intents";
  context.live = &live;
  context.queue_admin = &(*desk)->admin;
  api::add_system_routes(router, context);
  api::add_chat_routes(router, context);
  api::add_escalation_routes(router, context);
  api::add_agent_desk_routes(router, context);
  api::add_agent_context_routes(router, context);
  api::add_canned_routes(router, context);
  api::add_queue_admin_routes(router, context);
  api::add_agent_stream_route(router, context);
  api::add_supervisor_routes(router, context);
  api::add_faq_routes(router, context);
  api::add_auth_routes(router, context);
  api::add_agent_routes(router, context);
  api::add_webhook_routes(router, context);
  api::add_audit_routes(router, context);
  api::add_faq_admin_routes(router, context);
  api::add_user_admin_routes(router, context);
  api::add_nlu_admin_routes(router, context);
  api::add_scenario_admin_routes(router, context);
  api::add_api_key_routes(router, context);
  api::add_channel_routes(router, context, channel_inbound);
  api::add_analytics_routes(router, context);
  // Amazon Connect and Lex V2 events drive the chat engine; hours, queue status and
  // transfers are AICC's own queues and escalations.
  connect::ContactEngine contact_engine(chat, (*desk)->contact_center, clock);
  api::add_connect_routes(router, contact_engine, config.connect.token);

  net::Pipeline pipeline(router,
                         {config.server.cors_origins, config.log.access_log,
                          net::RateLimit{static_cast<double>(config.server.rate_limit_per_ip),
                                         static_cast<double>(config.server.rate_limit_burst)},
                          net::RateLimit{static_cast<double>(config.server.rate_limit_per_api_key),
                                         static_cast<double>(config.server.api_key_burst)}},
                         metrics, random);
  const auto authenticator = api::session_authenticator(auth, &api_keys);
  pipeline.set_authenticator(authenticator.get());
  net::ServerOptions so;
  so.host = config.server.host;
  so.port = config.server.port;
  so.io_threads = config.server.io_threads;
  so.worker_threads = config.server.worker_threads;
  so.body_limit = config.server.body_limit;
  so.header_timeout_s = config.server.header_timeout_s;
  so.body_timeout_s = config.server.body_timeout_s;
  so.idle_timeout_s = config.server.idle_timeout_s;
  so.drain_timeout_s = config.server.drain_timeout_s;
  so.ws_max_connections = config.server.ws_max_connections;
  so.ws_max_backlog = static_cast<std::size_t>(config.server.ws_max_backlog);
  so.ws_idle_timeout_s = config.server.ws_idle_timeout_s;
  so.tls = {config.server.tls.cert_file, config.server.tls.key_file, config.server.tls.min_version};
  net::HttpServer server(so, pipeline, metrics);
  server_ptr = &server;
  if (auto st = server.listen(); !st) {
    std::fprintf(stderr, "aicc: cannot start: %s\n", st.error().message.c_str());
    log::error("cannot start", {{"error", st.error().message}});
    return 1;
  }
  const auto startup_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  const std::string url =
      std::string(config.server.tls.enabled() ? "https://" : "http://") +
      (config.server.host == "0.0.0.0" ? std::string("127.0.0.1") : config.server.host) + ":" +
      std::to_string(server.port());
  log::info("aicc started", {{"version", kVersion},
                             {"url", url},
                             {"store", std::string((*store)->backend())},
                             {"startup_ms", startup_ms}});
  std::printf(
      "AICC %s is serving on %s\n  chat widget demo: %s/demo\n  API docs:         %s/docs\n",
      kVersion, url.c_str(), url.c_str(), url.c_str());
  std::printf("  agent desktop:    %s/agent\n", url.c_str());
  std::printf("  supervisor:       %s/supervisor\n", url.c_str());
  std::printf("  admin console:    %s/admin\n", url.c_str());
  std::fflush(stdout);
  if (live.start_relay())
    log::info("node relay listening", {{"node_id", live.node_id()}, {"channel", "aicc_events"}});
  Housekeeping housekeeping(**store, clock,
                            RetentionSettings{config.retention.closed_conversation_days},
                            std::chrono::seconds(config.analytics.rollup_interval_s));
  routing.start();
  housekeeping.start();
  server.run();
  housekeeping.stop();
  routing.stop();
  live.stop_relay();
  log::info("aicc stopped");
  return 0;
}

int migrate(const Config& config, bool status_only) {
  if (!setup_logging(config)) return 2;
  StoreOptions so;
  so.url = config.store.url;
  so.pool_size = 1;
  auto store = open_store(so);
  if (!store) {
    std::fprintf(stderr, "aicc migrate: store %s: %s\n", config.store.url.c_str(),
                 store.error().message.c_str());
    return 1;
  }
  auto before = (*store)->schema_status();
  if (!before) {
    std::fprintf(stderr, "aicc migrate: %s\n", before.error().message.c_str());
    return 1;
  }
  if (status_only) {
    std::printf("schema version %d of %d (%s)\n", before->current_version, before->latest_version,
                before->up_to_date() ? "up to date" : "migrations pending");
    return before->up_to_date() ? 0 : 3;
  }
  if (auto st = (*store)->migrate(); !st) {
    std::fprintf(stderr, "aicc migrate: %s\n", st.error().message.c_str());
    return 1;
  }
  auto after = (*store)->schema_status();
  std::printf("schema version %d → %d (%s)\n", before->current_version,
              after ? after->current_version : -1, (*store)->backend().data());
  return 0;
}

}  // namespace aicc
