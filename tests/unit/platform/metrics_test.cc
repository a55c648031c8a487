#include "platform/metrics.h"

#include <cmath>
#include <limits>
#include <string>
#include <thread>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace aicc {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

TEST(Metrics, EmptyRegistryRendersNothing) {
  MetricsRegistry r;
  EXPECT_EQ(r.render(), "");
}

TEST(Metrics, ExpositionFormatOfASmallRegistry) {
  MetricsRegistry r;
  // Labels given out of order are rendered sorted by name.
  r.counter("aicc_requests_total", "Requests served", {{"route", "/a"}, {"method", "GET"}}).inc();
  r.counter("aicc_requests_total", "Requests served", {{"method", "GET"}, {"route", "/a"}}).inc(2);
  r.counter("aicc_requests_total", "Requests served", {{"method", "POST"}, {"route", "/a"}}).inc();
  r.gauge("aicc_queue_size", "Customers waiting", {{"queue", "billing"}}).set(3);
  r.gauge("aicc_queue_size", "Customers waiting", {{"queue", "general"}}).set(0.5);
  r.gauge_callback("aicc_connections", "Open connections", [] { return 42.0; });
  auto& h = r.histogram("aicc_latency_seconds", "Latency", {{"route", "/a"}}, {0.1, 0.5, 1});
  h.observe(0.05);
  h.observe(0.1);  // on a bound: counted in that bucket (le is inclusive)
  h.observe(0.3);
  h.observe(2);
  r.counter("aicc_unlabelled_total", "No labels").inc(7);

  EXPECT_EQ(r.render(),
            "# HELP aicc_connections Open connections\n"
            "# TYPE aicc_connections gauge\n"
            "aicc_connections 42\n"
            "# HELP aicc_latency_seconds Latency\n"
            "# TYPE aicc_latency_seconds histogram\n"
            "aicc_latency_seconds_bucket{route=\"/a\",le=\"0.1\"} 2\n"
            "aicc_latency_seconds_bucket{route=\"/a\",le=\"0.5\"} 3\n"
            "aicc_latency_seconds_bucket{route=\"/a\",le=\"1\"} 3\n"
            "aicc_latency_seconds_bucket{route=\"/a\",le=\"+Inf\"} 4\n"
            "aicc_latency_seconds_sum{route=\"/a\"} 2.45\n"
            "aicc_latency_seconds_count{route=\"/a\"} 4\n"
            "# HELP aicc_queue_size Customers waiting\n"
            "# TYPE aicc_queue_size gauge\n"
            "aicc_queue_size{queue=\"billing\"} 3\n"
            "aicc_queue_size{queue=\"general\"} 0.5\n"
            "# HELP aicc_requests_total Requests served\n"
            "# TYPE aicc_requests_total counter\n"
            "aicc_requests_total{method=\"GET\",route=\"/a\"} 3\n"
            "aicc_requests_total{method=\"POST\",route=\"/a\"} 1\n"
            "# HELP aicc_unlabelled_total No labels\n"
            "# TYPE aicc_unlabelled_total counter\n"
            "aicc_unlabelled_total 7\n");
}

TEST(Metrics, LabelValuesAreEscaped) {
  MetricsRegistry r;
  r.counter("c_total", "h", {{"v", "say \"hi\"\\now\nnext"}}).inc();
  EXPECT_EQ(r.render(),
            "# HELP c_total h\n"
            "# TYPE c_total counter\n"
            "c_total{v=\"say \\\"hi\\\"\\\\now\\nnext\"} 1\n");
}

TEST(Metrics, HelpTextIsEscaped) {
  MetricsRegistry r;
  r.gauge("g", "first line\nsecond \\ line \"quoted\"").set(1);
  EXPECT_EQ(r.render(),
            "# HELP g first line\\nsecond \\\\ line \"quoted\"\n"
            "# TYPE g gauge\n"
            "g 1\n");
}

TEST(Metrics, EmptyLabelValueAndUnicode) {
  MetricsRegistry r;
  r.gauge("g", "h", {{"a", ""}, {"b", "상담"}}).set(-2);
  EXPECT_THAT(r.render(), HasSubstr("g{a=\"\",b=\"상담\"} -2\n"));
}

TEST(Metrics, DefaultLatencyBucketsRenderReadably) {
  MetricsRegistry r;
  auto& h = r.histogram("lat", "h");
  h.observe(0.003);
  const std::string text = r.render();
  // Each bound as a person would write it, so a selector like le="0.005" matches.
  for (const char* le : {"5e-05", "0.0001", "0.00025", "0.0005", "0.001", "0.0025", "0.005", "0.01",
                         "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "5", "10", "+Inf"}) {
    EXPECT_THAT(text, HasSubstr(std::string("lat_bucket{le=\"") + le + "\"} ")) << le;
  }
  EXPECT_THAT(text, HasSubstr("lat_bucket{le=\"0.0025\"} 0\n"));
  EXPECT_THAT(text, HasSubstr("lat_bucket{le=\"0.005\"} 1\n"));
  EXPECT_THAT(text, HasSubstr("lat_bucket{le=\"+Inf\"} 1\n"));
  EXPECT_THAT(text, HasSubstr("lat_sum 0.003\n"));
  EXPECT_THAT(text, Not(HasSubstr("0000000")));
}

TEST(Metrics, DefaultLatencyBucketsAreIncreasing) {
  const auto& b = MetricsRegistry::default_latency_buckets();
  ASSERT_FALSE(b.empty());
  EXPECT_DOUBLE_EQ(b.front(), 0.00005);
  EXPECT_DOUBLE_EQ(b.back(), 10.0);
  for (std::size_t i = 1; i < b.size(); ++i) EXPECT_LT(b[i - 1], b[i]);
}

TEST(Metrics, SameNameAndLabelsIsTheSameSeries) {
  MetricsRegistry r;
  Counter& a = r.counter("x_total", "h", {{"a", "1"}, {"b", "2"}});
  Counter& b = r.counter("x_total", "h", {{"b", "2"}, {"a", "1"}});
  Counter& other = r.counter("x_total", "h", {{"a", "1"}, {"b", "3"}});
  EXPECT_EQ(&a, &b);
  EXPECT_NE(&a, &other);
  Gauge& g1 = r.gauge("g", "h");
  Gauge& g2 = r.gauge("g", "h");
  EXPECT_EQ(&g1, &g2);
  Histogram& h1 = r.histogram("h", "h", {{"r", "x"}}, {1});
  Histogram& h2 = r.histogram("h", "h", {{"r", "x"}}, {1});
  EXPECT_EQ(&h1, &h2);
}

TEST(Metrics, SeriesPointersStayValidAsTheRegistryGrows) {
  MetricsRegistry r;
  Counter& first = r.counter("c_total", "h", {{"i", "0"}});
  for (int i = 1; i < 200; ++i) r.counter("c_total", "h", {{"i", std::to_string(i)}}).inc();
  first.inc(5);
  EXPECT_THAT(r.render(), HasSubstr("c_total{i=\"0\"} 5\n"));
}

TEST(Metrics, CounterAndGaugeArithmetic) {
  Counter c;
  EXPECT_EQ(c.value(), 0.0);
  c.inc();
  c.inc(0.5);
  c.inc(0.25);
  EXPECT_DOUBLE_EQ(c.value(), 1.75);
  Gauge g;
  g.set(10);
  g.add(-2.5);
  g.add(0.5);
  EXPECT_DOUBLE_EQ(g.value(), 8.0);
}

TEST(Metrics, FractionalCounterRendersShortest) {
  MetricsRegistry r;
  r.counter("c_total", "h").inc(0.1);
  EXPECT_THAT(r.render(), HasSubstr("c_total 0.1\n"));
}

TEST(Metrics, NonFiniteGaugeValues) {
  MetricsRegistry r;
  r.gauge("a", "h").set(std::numeric_limits<double>::infinity());
  r.gauge("b", "h").set(-std::numeric_limits<double>::infinity());
  r.gauge("c", "h").set(std::nan(""));
  const std::string text = r.render();
  EXPECT_THAT(text, HasSubstr("\na +Inf\n"));
  EXPECT_THAT(text, HasSubstr("\nb -Inf\n"));
  EXPECT_THAT(text, HasSubstr("\nc NaN\n"));
}

TEST(Metrics, HistogramCumulativeCounts) {
  Histogram h({1, 2, 4});
  EXPECT_THAT(h.cumulative(), ElementsAre(0u, 0u, 0u, 0u));
  for (double v : {0.0, 1.0, 1.5, 3.0, 4.0, 4.01, 100.0, -1.0}) h.observe(v);
  EXPECT_THAT(h.cumulative(), ElementsAre(3u, 4u, 6u, 8u));
  EXPECT_EQ(h.count(), 8u);
  EXPECT_DOUBLE_EQ(h.sum(), 0 + 1 + 1.5 + 3 + 4 + 4.01 + 100 - 1);
  EXPECT_THAT(h.bounds(), ElementsAre(1.0, 2.0, 4.0));
}

TEST(Metrics, HistogramWithoutBoundsHasOnlyInf) {
  MetricsRegistry r;
  r.histogram("h", "help", {}, {}).observe(3);
  EXPECT_EQ(r.render(),
            "# HELP h help\n"
            "# TYPE h histogram\n"
            "h_bucket{le=\"+Inf\"} 1\n"
            "h_sum 3\n"
            "h_count 1\n");
}

TEST(Metrics, ConcurrentUpdatesAreNotLost) {
  MetricsRegistry r;
  constexpr int kPerThread = 5000;
  auto work = [&r] {
    for (int i = 0; i < kPerThread; ++i) {
      r.counter("c_total", "h", {{"k", "v"}}).inc();
      r.gauge("g", "h").add(1);
      r.histogram("h", "h", {}, {0.5}).observe(i % 2 == 0 ? 0.25 : 1);
    }
  };
  std::thread t1(work), t2(work);
  t1.join();
  t2.join();
  EXPECT_DOUBLE_EQ(r.counter("c_total", "h", {{"k", "v"}}).value(), 2.0 * kPerThread);
  EXPECT_DOUBLE_EQ(r.gauge("g", "h").value(), 2.0 * kPerThread);
  auto& h = r.histogram("h", "h", {}, {0.5});
  EXPECT_EQ(h.count(), 2u * kPerThread);
  EXPECT_THAT(h.cumulative(), ElementsAre(static_cast<std::uint64_t>(kPerThread),
                                          static_cast<std::uint64_t>(2 * kPerThread)));
}

}  // namespace
}  // namespace aicc
