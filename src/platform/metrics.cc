#include "platform/metrics.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace aicc {

namespace {
// Series are keyed and rendered with labels in name order, whatever order callers use.
Labels sorted(Labels labels) {
  std::sort(labels.begin(), labels.end());
  return labels;
}
}  // namespace

void Counter::inc(double v) {
  micro_units_ += static_cast<std::int64_t>(std::llround(v * 1e6));
}

void Gauge::add(double v) {
  double cur = bits_.load();
  while (!bits_.compare_exchange_weak(cur, cur + v)) {
  }
}

Histogram::Histogram(const std::vector<double>& bounds)
    : bounds_(bounds), buckets_(new std::atomic<std::uint64_t>[bounds.size() + 1]) {
  for (std::size_t i = 0; i <= bounds_.size(); ++i) buckets_[i] = 0;
}

void Histogram::observe(double v) {
  std::size_t i = 0;
  while (i < bounds_.size() && v > bounds_[i]) ++i;
  ++buckets_[i];
  ++count_;
  sum_micro_ += static_cast<std::int64_t>(std::llround(v * 1e6));
}

std::vector<std::uint64_t> Histogram::cumulative() const {
  std::vector<std::uint64_t> out(bounds_.size() + 1);
  std::uint64_t acc = 0;
  for (std::size_t i = 0; i <= bounds_.size(); ++i) out[i] = acc += buckets_[i].load();
  return out;
}

double Histogram::sum() const {
  return static_cast<double>(sum_micro_.load()) / 1e6;
}

struct MetricsRegistry::Family {
  std::string name, help, type;
  std::vector<double> bounds;
  std::map<Labels, std::unique_ptr<Counter>> counters;
  std::map<Labels, std::unique_ptr<Gauge>> gauges;
  std::map<Labels, std::unique_ptr<Histogram>> histograms;
  std::function<double()> callback;
};

MetricsRegistry::MetricsRegistry() = default;
MetricsRegistry::~MetricsRegistry() = default;

const std::vector<double>& MetricsRegistry::default_latency_buckets() {
  static const std::vector<double> b = {0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025,
                                        0.005,   0.01,   0.025,   0.05,   0.1,   0.25,
                                        0.5,     1,      2.5,     5,      10};
  return b;
}

MetricsRegistry::Family& MetricsRegistry::family(const std::string& name, const std::string& help,
                                                 const char* type) {
  auto& f = families_[name];
  if (!f) {
    f = std::make_unique<Family>();
    f->name = name;
    f->help = help;
    f->type = type;
  }
  return *f;
}

Counter& MetricsRegistry::counter(const std::string& name, const std::string& help,
                                  const Labels& labels) {
  std::lock_guard lock(mu_);
  auto& slot = family(name, help, "counter").counters[sorted(labels)];
  if (!slot) slot = std::make_unique<Counter>();
  return *slot;
}

Gauge& MetricsRegistry::gauge(const std::string& name, const std::string& help,
                              const Labels& labels) {
  std::lock_guard lock(mu_);
  auto& slot = family(name, help, "gauge").gauges[sorted(labels)];
  if (!slot) slot = std::make_unique<Gauge>();
  return *slot;
}

Histogram& MetricsRegistry::histogram(const std::string& name, const std::string& help,
                                      const Labels& labels, const std::vector<double>& bounds) {
  std::lock_guard lock(mu_);
  auto& f = family(name, help, "histogram");
  auto& slot = f.histograms[sorted(labels)];
  if (!slot) slot = std::make_unique<Histogram>(bounds);
  return *slot;
}

void MetricsRegistry::gauge_callback(const std::string& name, const std::string& help,
                                     std::function<double()> read) {
  std::lock_guard lock(mu_);
  family(name, help, "gauge").callback = std::move(read);
}

namespace {

void append_escaped_label(std::string& out, const std::string& v) {
  for (char c : v) {
    if (c == '\\' || c == '"') out.push_back('\\');
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out.push_back(c);
  }
}

std::string label_text(const Labels& labels, const char* extra_key = nullptr,
                       const std::string& extra_value = {}) {
  if (labels.empty() && !extra_key) return {};
  std::string out = "{";
  bool first = true;
  for (const auto& [k, v] : labels) {
    if (!first) out.push_back(',');
    first = false;
    out += k + "=\"";
    append_escaped_label(out, v);
    out.push_back('"');
  }
  if (extra_key) {
    if (!first) out.push_back(',');
    out += std::string(extra_key) + "=\"" + extra_value + "\"";
  }
  out.push_back('}');
  return out;
}

std::string number(double v) {
  if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
  if (std::isnan(v)) return "NaN";
  // The shortest text that reads back exactly: le="0.1", not le="0.10000000000000001",
  // so that selectors written by people match.
  // The fewest %g digits that read back exactly, as Prometheus' own clients print
  // (le="0.0001", le="5e-05", le="2.5").
  // At least 6 significant digits so that 10 prints as "10", not "1e+01"; %g drops
  // trailing zeros.
  char buf[40];
  for (int precision = 6; precision <= 17; ++precision) {
    std::snprintf(buf, sizeof buf, "%.*g", precision, v);
    if (std::strtod(buf, nullptr) == v) break;
  }
  return buf;
}

// HELP text escapes only backslash and newline (exposition format 0.0.4).
std::string escaped_help(const std::string& help) {
  std::string out;
  for (char c : help) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out.push_back(c);
    }
  }
  return out;
}

}  // namespace

std::string MetricsRegistry::render() const {
  std::lock_guard lock(mu_);
  std::string out;
  for (const auto& [name, f] : families_) {
    out +=
        "# HELP " + name + " " + escaped_help(f->help) + "\n# TYPE " + name + " " + f->type + "\n";
    for (const auto& [labels, c] : f->counters)
      out += name + label_text(labels) + " " + number(c->value()) + "\n";
    for (const auto& [labels, g] : f->gauges)
      out += name + label_text(labels) + " " + number(g->value()) + "\n";
    if (f->callback) out += name + " " + number(f->callback()) + "\n";
    for (const auto& [labels, h] : f->histograms) {
      const auto cum = h->cumulative();
      for (std::size_t i = 0; i < cum.size(); ++i) {
        const std::string le = i < h->bounds().size() ? number(h->bounds()[i]) : "+Inf";
        out +=
            name + "_bucket" + label_text(labels, "le", le) + " " + std::to_string(cum[i]) + "\n";
      }
      out += name + "_sum" + label_text(labels) + " " + number(h->sum()) + "\n";
      out += name + "_count" + label_text(labels) + " " + std::to_string(h->count()) + "\n";
    }
  }
  return out;
}

}  // namespace aicc
