// `aicc report`, `aicc retention purge` and `aicc export conversations`: the analytics,
// retention and export of the API, from the shell (against the configured store).
#include <cstdio>

#include "api/analytics_json.h"
#include "app/app.h"
#include "core/clock.h"
#include "core/ids.h"
#include "core/random.h"
#include "service/audit_log.h"
#include "service/housekeeping.h"

namespace aicc {
namespace {

namespace json = boost::json;

int fail(const std::string& what, const std::string& message) {
  std::fprintf(stderr, "aicc %s: %s\n", what.c_str(), message.c_str());
  return 1;
}

}  // namespace

int report_command(const Config& config, const ReportCommand& cmd) {
  const auto grouping = parse_report_grouping(cmd.group_by);
  if (!grouping)
    return fail("report", "--group-by must be day, hour, queue, agent, intent or channel");
  if (cmd.format != "json" && cmd.format != "csv")
    return fail("report", "--format must be json or csv");
  SystemClock clock;
  auto range = parse_analytics_range(cmd.from, cmd.to, clock.now());
  if (!range) return fail("report", range.error().message);
  auto store = open_ready_store(config, config.store.migrate_on_start);
  if (!store) return fail("report", "store " + config.store.url + ": " + store.error().message);
  AnalyticsService analytics(**store);
  const MetricFilter filter{cmd.channel, cmd.queue, cmd.agent, cmd.intent};
  auto rows = analytics.report(*range, filter, *grouping);
  if (!rows) return fail("report", rows.error().message);
  if (cmd.format == "csv") {
    std::fputs(api::report_csv(*rows).c_str(), stdout);
  } else {
    std::puts(json::serialize(api::report_json(*range, cmd.group_by, *rows)).c_str());
  }
  return 0;
}

int retention_command(const Config& config, bool dry_run) {
  auto store = open_ready_store(config, config.store.migrate_on_start);
  if (!store) return fail("retention", "store " + config.store.url + ": " + store.error().message);
  SystemClock clock;
  auto report = purge_expired_conversations(
      **store, clock.now(), RetentionSettings{config.retention.closed_conversation_days}, dry_run);
  if (!report) return fail("retention", report.error().message);
  const auto& r = report->removed;
  std::printf(
      "%s closed conversations that ended before %s: %lld conversations, %lld messages, "
      "%lld escalations, %lld scenario records, %lld unanswered queries\n",
      dry_run ? "would purge" : "purged", format_iso8601(report->closed_before).c_str(),
      static_cast<long long>(r.conversations), static_cast<long long>(r.messages),
      static_cast<long long>(r.escalations), static_cast<long long>(r.scenario_records),
      static_cast<long long>(r.unanswered_queries));
  return 0;
}

int export_command(const Config& config, const ExportCommand& cmd) {
  SystemClock clock;
  auto range = parse_analytics_range(cmd.from, cmd.to, clock.now());
  if (!range) return fail("export", range.error().message);
  auto store = open_ready_store(config, config.store.migrate_on_start);
  if (!store) return fail("export", "store " + config.store.url + ": " + store.error().message);
  auto count = export_conversations(**store, range->from, range->to, cmd.raw,
                                    [](const ConversationRecord& r) -> Status {
                                      std::puts(json::serialize(api::export_json(r)).c_str());
                                      return {};
                                    });
  if (!count) return fail("export", count.error().message);
  if (cmd.raw) {
    OsRandom random;
    IdGenerator ids(clock, random);
    AuditLog audit(**store, clock, ids);
    const AuditActor cli{.user_id = "", .username = "cli", .request_id = "", .client_address = ""};
    json::object what{{"from", format_iso8601(range->from)},
                      {"to", format_iso8601(range->to)},
                      {"conversations", *count},
                      {"raw", true}};
    audit.record(cli, "conversations.export_raw", "conversations",
                 format_iso8601(range->from) + "/" + format_iso8601(range->to), "null",
                 json::serialize(what));
  }
  std::fprintf(stderr, "exported %lld conversations%s\n", static_cast<long long>(*count),
               cmd.raw ? " (raw, audited)" : " (personal data masked)");
  return 0;
}

}  // namespace aicc
