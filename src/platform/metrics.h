// A small Prometheus registry: counters and histograms with labels, rendered in the
// text exposition format (version 0.0.4) for GET /metrics.
//
// Metric families are created once at start; updating a labelled series takes a short
// lock on the family. Hot paths keep the returned series pointer (stable for the
// registry's life) to skip the lookup.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace aicc {

using Labels = std::vector<std::pair<std::string, std::string>>;

class Counter {
 public:
  void inc(double v = 1.0);
  double value() const { return static_cast<double>(micro_units_.load()) / 1e6; }

 private:
  std::atomic<std::int64_t> micro_units_{0};
};

class Gauge {
 public:
  void set(double v) { bits_.store(v); }
  void add(double v);
  double value() const { return bits_.load(); }

 private:
  std::atomic<double> bits_{0.0};
};

class Histogram {
 public:
  explicit Histogram(const std::vector<double>& bounds);
  void observe(double v);
  // Cumulative counts per bound (last one is +Inf), sum and count.
  std::vector<std::uint64_t> cumulative() const;
  double sum() const;
  std::uint64_t count() const { return count_.load(); }
  const std::vector<double>& bounds() const { return bounds_; }

 private:
  std::vector<double> bounds_;
  std::unique_ptr<std::atomic<std::uint64_t>[]> buckets_;
  std::atomic<std::uint64_t> count_{0};
  std::atomic<std::int64_t> sum_micro_{0};
};

class MetricsRegistry {
 public:
  MetricsRegistry();
  ~MetricsRegistry();
  MetricsRegistry(const MetricsRegistry&) = delete;
  MetricsRegistry& operator=(const MetricsRegistry&) = delete;

  // Latency buckets in seconds, 50 µs … 10 s.
  static const std::vector<double>& default_latency_buckets();

  Counter& counter(const std::string& name, const std::string& help, const Labels& labels = {});
  Gauge& gauge(const std::string& name, const std::string& help, const Labels& labels = {});
  Histogram& histogram(const std::string& name, const std::string& help, const Labels& labels = {},
                       const std::vector<double>& bounds = default_latency_buckets());
  // A gauge whose value is read at scrape time (queue sizes, connections).
  void gauge_callback(const std::string& name, const std::string& help,
                      std::function<double()> read);

  std::string render() const;

 private:
  struct Family;
  Family& family(const std::string& name, const std::string& help, const char* type);

  mutable std::mutex mu_;
  std::map<std::string, std::unique_ptr<Family>> families_;
};

}  // namespace aicc
