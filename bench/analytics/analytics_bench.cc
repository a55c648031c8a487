// How fast the analytics answer over a year: fills a fresh SQLite store's hourly rollup
// with a year of rows (a contact center with 3 channels, 4 queues, 20 agents, 25 intents),
// marks the year as rolled up, then times Store::query_metrics for a day, a month and the
// year (totals, per day, filtered by a queue and by an agent). Prints the numbers; asserts
// nothing (docs/benchmarks.md keeps the results).
//
//   analytics_bench [ROWS_PER_HOUR_SCALE=1] [RUNS=5]
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <string>
#include <vector>

#include "store/analytics_rows.h"
#include "store/store.h"

namespace {

using aicc::MetricGrouping;
using aicc::MetricQuery;
using aicc::TimePoint;

constexpr std::int64_t kHour = aicc::kMetricHourMicros;

void check(int rc, sqlite3* db, const char* what) {
  if (rc == SQLITE_OK || rc == SQLITE_DONE || rc == SQLITE_ROW) return;
  std::fprintf(stderr, "%s: %s\n", what, sqlite3_errmsg(db));
  std::exit(1);
}

// A year of hours starting at `start`, `scale` times the base dimension mix per hour.
std::int64_t fill(const std::string& path, std::int64_t start, int scale) {
  sqlite3* db = nullptr;
  check(sqlite3_open(path.c_str(), &db), db, "open");
  check(sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF; BEGIN", nullptr, nullptr,
                     nullptr),
        db, "begin");
  sqlite3_stmt* ins = nullptr;
  check(sqlite3_prepare_v2(db,
                           "INSERT INTO analytics_hourly (hour, metric, channel, queue_id, "
                           "agent_id, intent, mkey, n, total) VALUES (?,?,?,?,?,?,?,?,?)",
                           -1, &ins, nullptr),
        db, "prepare");
  const char* channels[] = {"web", "kakao", "api"};
  const char* reasons[] = {"complaint", "payment_issue", "technical_support", "customer_request"};
  const char* priorities[] = {"low", "medium", "high", "critical"};
  std::int64_t rows = 0;
  auto row = [&](std::int64_t hour, const char* metric, const std::string& channel,
                 const std::string& queue, const std::string& agent, const std::string& intent,
                 const std::string& key, std::int64_t n, double total) {
    sqlite3_bind_int64(ins, 1, hour);
    sqlite3_bind_text(ins, 2, metric, -1, SQLITE_STATIC);
    sqlite3_bind_text(ins, 3, channel.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(ins, 4, queue.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(ins, 5, agent.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(ins, 6, intent.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(ins, 7, key.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(ins, 8, n);
    sqlite3_bind_double(ins, 9, total);
    check(sqlite3_step(ins), db, "insert");
    sqlite3_reset(ins);
    ++rows;
  };
  for (int h = 0; h < 365 * 24; ++h) {
    const std::int64_t hour = start + h * kHour;
    for (int s = 0; s < scale; ++s) {
      const std::string sfx = s == 0 ? "" : "-" + std::to_string(s);
      for (const char* ch : channels) {
        const std::string c = std::string(ch) + sfx;
        row(hour, "started", c, "", "", "", "", 40, 0);
        row(hour, "ended", c, "", "", "", "bot", 30, 0);
        for (int i = 0; i < 25; ++i)
          row(hour, "turn", c, "", "", "intent" + std::to_string(i), "intent" + std::to_string(i),
              3, 2.4);
        for (int q = 0; q < 4; ++q) {
          const std::string queue = "q" + std::to_string(q);
          row(hour, "escalation", c, queue, "", "", reasons[q], 2, 0);
          row(hour, "escalation_priority", c, queue, "", "", priorities[q], 2, 0);
          for (int a = 0; a < 5; ++a) {
            const std::string agent = "agent-" + std::to_string(q * 5 + a);
            row(hour, "ended", c, queue, agent, "", "agent", 1, 0);
            row(hour, "wait", c, queue, agent, "", "", 1, 45.0);
            row(hour, "handle", c, queue, agent, "", "", 1, 420.0);
            row(hour, "csat", c, queue, agent, "", std::to_string(1 + (h + a) % 5), 1, 0);
          }
        }
      }
    }
  }
  sqlite3_finalize(ins);
  // The days of the year, summed as the rollup does when it completes them.
  sqlite3_stmt* days = nullptr;
  check(sqlite3_prepare_v2(db, aicc::store::rollup_daily_sql(aicc::store::Dialect::kSqlite).c_str(),
                           -1, &days, nullptr),
        db, "prepare days");
  sqlite3_bind_int64(days, 1, start);
  sqlite3_bind_int64(days, 2, start + 365 * 24 * kHour);
  check(sqlite3_step(days), db, "sum days");
  sqlite3_finalize(days);
  const std::string mark =
      "UPDATE analytics_rollup SET rolled_through = " + std::to_string(start + 365 * 24 * kHour);
  check(sqlite3_exec(db, mark.c_str(), nullptr, nullptr, nullptr), db, "mark");
  check(sqlite3_exec(db, "COMMIT; ANALYZE", nullptr, nullptr, nullptr), db, "commit");
  sqlite3_close(db);
  return rows;
}

}  // namespace

int main(int argc, char** argv) {
  const int scale = argc > 1 ? std::max(1, std::atoi(argv[1])) : 1;
  const int runs = argc > 2 ? std::max(1, std::atoi(argv[2])) : 5;
  const auto dir = std::filesystem::temp_directory_path() /
                   ("aicc-analytics-bench-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::string path = (dir / "aicc.db").string();
  auto store = aicc::open_store(aicc::StoreOptions{.url = "sqlite:" + path, .pool_size = 2});
  if (!store || !(*store)->migrate()) {
    std::fprintf(stderr, "cannot open or migrate %s\n", path.c_str());
    return 1;
  }
  // 2025-01-01T00:00+09:00 .. a year later.
  const std::int64_t start = 1'735'657'200'000'000;
  const auto t0 = std::chrono::steady_clock::now();
  const std::int64_t rows = fill(path, start, scale);
  const double fill_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf("rollup rows: %lld (%lld per hour), filled in %.1f s, database %.1f MB\n",
              static_cast<long long>(rows), static_cast<long long>(rows / (365 * 24)), fill_s,
              static_cast<double>(std::filesystem::file_size(path)) / 1e6);

  struct Case {
    const char* name;
    std::int64_t hours;
    MetricGrouping grouping;
    aicc::MetricFilter filter;
  };
  const std::vector<Case> cases = {
      {"one day, totals", 24, MetricGrouping::kTotal, {}},
      {"one month (30 days), per day", 30 * 24, MetricGrouping::kTime, {}},
      {"one week, per hour", 7 * 24, MetricGrouping::kTime, {}},
      {"one year, totals", 365 * 24, MetricGrouping::kTotal, {}},
      {"one year, per day", 365 * 24, MetricGrouping::kTime, {}},
      {"one year, per queue", 365 * 24, MetricGrouping::kQueue, {}},
      {"one year, queue q2 only", 365 * 24, MetricGrouping::kTotal, {.queue_id = "q2"}},
      {"one year, agent agent-7 only", 365 * 24, MetricGrouping::kTotal, {.agent_id = "agent-7"}},
  };
  // CPU time too: on a shared machine the wall clock also measures the other processes
  // (SQLite reads run on the calling thread).
  std::printf("%-32s %10s %10s %12s %8s\n", "query", "median ms", "max ms", "median cpu ms",
              "rows");
  for (const auto& c : cases) {
    MetricQuery q;
    q.from = aicc::from_unix_micros(start);
    q.to = aicc::from_unix_micros(start + c.hours * kHour);
    q.grouping = c.grouping;
    q.filter = c.filter;
    if (c.grouping == MetricGrouping::kTime && c.hours > 7 * 24) {
      q.bucket_micros = 24 * kHour;
      q.offset_micros = 9 * kHour;
    }
    std::vector<double> ms, cpu;
    std::size_t out = 0;
    for (int r = 0; r < runs; ++r) {
      const auto b = std::chrono::steady_clock::now();
      const std::clock_t c0 = std::clock();
      auto result = (*store)->query_metrics(q);
      cpu.push_back(1000.0 * static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC);
      ms.push_back(
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - b).count());
      if (!result) {
        std::fprintf(stderr, "%s: %s\n", c.name, result.error().message.c_str());
        return 1;
      }
      out = result->size();
    }
    std::sort(ms.begin(), ms.end());
    std::sort(cpu.begin(), cpu.end());
    std::printf("%-32s %10.1f %10.1f %12.1f %8zu\n", c.name, ms[ms.size() / 2], ms.back(),
                cpu[cpu.size() / 2], out);
  }
  store->reset();
  std::filesystem::remove_all(dir);
  return 0;
}
