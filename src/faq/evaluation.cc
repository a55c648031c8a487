#include "faq/evaluation.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <sstream>

#include <boost/json.hpp>

namespace aicc::faq {
namespace {

namespace json = boost::json;

tl::unexpected<Error> bad_line(std::string_view file, std::size_t line, std::string reason) {
  const std::string where = std::string(file) + ":" + std::to_string(line);
  return make_error(
      ErrorCode::kInvalidArgument, where + ": " + reason,
      {{"file", std::string(file)}, {"line", std::to_string(line)}, {"reason", reason}});
}

double share(std::size_t part, std::size_t whole) {
  return whole == 0 ? 0.0 : static_cast<double>(part) / static_cast<double>(whole);
}

std::string percent(double x) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.1f%%", 100.0 * x);
  return buf;
}

}  // namespace

Result<std::vector<EvalQuery>> parse_eval_queries(std::string_view content, std::string_view file) {
  std::vector<EvalQuery> out;
  std::size_t line_no = 0;
  std::size_t pos = 0;
  while (pos < content.size()) {
    ++line_no;
    auto end = content.find('\n', pos);
    if (end == std::string_view::npos) end = content.size();
    const std::string_view line = content.substr(pos, end - pos);
    pos = end + 1;
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    boost::system::error_code ec;
    const json::value v = json::parse(line, ec);
    if (ec || !v.is_object()) return bad_line(file, line_no, "expected a JSON object");
    const auto& obj = v.get_object();
    const json::value* text = obj.if_contains("text");
    const json::value* lang = obj.if_contains("language");
    const json::value* expect = obj.if_contains("expect");
    if (text == nullptr || !text->is_string() || text->get_string().empty()) {
      return bad_line(file, line_no, "missing \"text\"");
    }
    const auto language =
        lang != nullptr && lang->is_string() ? parse_language(lang->get_string()) : std::nullopt;
    if (!language) return bad_line(file, line_no, "\"language\" must be \"ko\" or \"en\"");
    if (expect == nullptr || !(expect->is_null() || expect->is_string())) {
      return bad_line(file, line_no, "\"expect\" must be an FAQ id or null");
    }
    out.push_back({std::string(text->get_string()), *language,
                   expect->is_string() ? std::string(expect->get_string()) : std::string(),
                   std::string(file) + ":" + std::to_string(line_no)});
  }
  return out;
}

Result<std::vector<EvalQuery>> load_eval_queries(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return make_error(ErrorCode::kNotFound, "cannot open " + path.string(),
                      {{"file", path.string()}});
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  return parse_eval_queries(ss.str(), path.string());
}

ThresholdPoint EvalReport::at(float threshold) const {
  std::size_t right = 0;
  std::size_t wrong = 0;
  std::size_t false_auto = 0;
  for (const auto& o : outcomes) {
    const bool auto_answer = !o.top_id.empty() && o.confidence >= threshold;
    if (!auto_answer) continue;
    if (o.query->expected_id.empty()) {
      ++false_auto;
    } else {
      ++(o.top1 ? right : wrong);
    }
  }
  return {threshold, share(right, answerable), share(wrong, answerable),
          share(false_auto, unanswerable)};
}

EvalReport evaluate(const FaqIndex& index, const std::vector<EvalQuery>& queries) {
  EvalReport report;
  std::size_t top1 = 0;
  std::size_t top3 = 0;
  for (const auto& q : queries) {
    const FaqSearchResult r = index.search(q.text, q.language, 3);
    EvalOutcome o;
    o.query = &q;
    if (!r.hits.empty()) {
      o.top_id = r.hits.front().entry->id;
      o.confidence = r.hits.front().confidence;
    }
    if (!q.expected_id.empty()) {
      ++report.answerable;
      o.top1 = o.top_id == q.expected_id;
      for (const auto& h : r.hits) o.top3 = o.top3 || h.entry->id == q.expected_id;
      top1 += o.top1 ? 1 : 0;
      top3 += o.top3 ? 1 : 0;
    } else {
      ++report.unanswerable;
      report.max_unanswerable_confidence =
          std::max(report.max_unanswerable_confidence, o.confidence);
    }
    report.outcomes.push_back(std::move(o));
  }
  report.top1_accuracy = share(top1, report.answerable);
  report.top3_accuracy = share(top3, report.answerable);
  report.at_threshold = report.at(index.options().auto_answer_threshold);
  return report;
}

std::string format_report(const EvalReport& report) {
  std::ostringstream out;
  out << "answerable queries: " << report.answerable << "  top-1 " << percent(report.top1_accuracy)
      << "  top-3 " << percent(report.top3_accuracy) << "\n"
      << "unanswerable queries: " << report.unanswerable << "  highest confidence "
      << report.max_unanswerable_confidence << "\n"
      << "threshold  auto-answered(right)  auto-answered(wrong)  false auto-answers\n";
  for (float t = 0.30f; t < 0.86f; t += 0.05f) {
    const ThresholdPoint p = report.at(t);
    char line[128];
    std::snprintf(line, sizeof line, "  %.2f     %8s              %8s              %8s\n",
                  static_cast<double>(t), percent(p.auto_answer_rate).c_str(),
                  percent(p.wrong_auto_answer_rate).c_str(),
                  percent(p.false_auto_answer_rate).c_str());
    out << line;
  }
  const ThresholdPoint& d = report.at_threshold;
  out << "at threshold " << d.threshold << ": auto-answered right " << percent(d.auto_answer_rate)
      << ", wrong " << percent(d.wrong_auto_answer_rate) << ", false auto-answers "
      << percent(d.false_auto_answer_rate) << "\n";
  for (const auto& o : report.outcomes) {
    const bool miss = o.query->expected_id.empty() ? o.confidence >= d.threshold : !o.top1;
    if (!miss) continue;
    char conf[16];
    std::snprintf(conf, sizeof conf, "%.2f", static_cast<double>(o.confidence));
    out << "  miss " << o.query->where << " \"" << o.query->text << "\" expected "
        << (o.query->expected_id.empty() ? "(no answer)" : o.query->expected_id) << ", got "
        << (o.top_id.empty() ? "(nothing)" : o.top_id) << " @" << conf << "\n";
  }
  return out.str();
}

}  // namespace aicc::faq
