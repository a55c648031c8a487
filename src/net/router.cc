#include "net/router.h"

#include <algorithm>
#include <stdexcept>

namespace aicc::net {
namespace {

std::vector<std::string> split_path(std::string_view path) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < path.size()) {
    if (path[i] == '/') {
      ++i;
      continue;
    }
    const auto j = path.find('/', i);
    out.emplace_back(path.substr(i, j == std::string_view::npos ? path.size() - i : j - i));
    i = j == std::string_view::npos ? path.size() : j;
  }
  return out;
}

bool is_param(const std::string& seg) {
  return seg.size() > 2 && seg.front() == '{';
}
bool is_rest(const std::string& seg) {
  return is_param(seg) && seg[seg.size() - 2] == '*';
}

// Matches segments; fills params (decoded). Trailing slashes are not significant.
bool match_segments(const Route& r, const std::vector<std::string>& parts,
                    std::map<std::string, std::string>& params) {
  params.clear();
  const auto& segs = r.segments;
  for (std::size_t i = 0; i < segs.size(); ++i) {
    if (is_rest(segs[i])) {
      std::string rest;
      for (std::size_t k = i; k < parts.size(); ++k) rest += (k > i ? "/" : "") + parts[k];
      auto decoded = percent_decode(rest, false);
      if (!decoded) return false;
      params[segs[i].substr(1, segs[i].size() - 3)] = *decoded;
      return true;
    }
    if (i >= parts.size()) return false;
    if (is_param(segs[i])) {
      auto decoded = percent_decode(parts[i], false);
      if (!decoded || decoded->empty()) return false;
      params[segs[i].substr(1, segs[i].size() - 2)] = *decoded;
    } else if (segs[i] != parts[i]) {
      // A literal also matches its percent-encoded form ("/%EB%8F%84" is "/도").
      auto decoded = percent_decode(parts[i], false);
      if (!decoded || *decoded != segs[i]) return false;
    }
  }
  return parts.size() == segs.size();
}

// The pattern with parameter names dropped: two routes with one shape match the same paths.
std::string shape(const std::vector<std::string>& segments) {
  std::string out;
  for (const auto& s : segments) out += "/" + (is_rest(s) ? "{*}" : is_param(s) ? "{}" : s);
  return out;
}

void reject_duplicate(const std::vector<Route>& routes, const Route& added) {
  for (const auto& r : routes) {
    if (r.method == added.method &&
        static_cast<bool>(r.websocket) == static_cast<bool>(added.websocket) &&
        shape(r.segments) == shape(added.segments))
      throw std::logic_error("duplicate route " + std::string(to_string(added.method)) + " " +
                             added.pattern + " (already registered as " + r.pattern + ")");
  }
}

}  // namespace

void Router::add(Method method, std::string pattern, Handler handler, RouteDoc doc) {
  Route r;
  r.method = method;
  r.segments = split_path(pattern);
  r.pattern = std::move(pattern);
  r.handler = std::move(handler);
  r.doc = std::move(doc);
  reject_duplicate(routes_, r);
  routes_.push_back(std::move(r));
}

void Router::add_websocket(std::string pattern, WsAccept accept, RouteDoc doc) {
  Route r;
  r.method = Method::kGet;
  r.segments = split_path(pattern);
  r.pattern = std::move(pattern);
  r.websocket = std::move(accept);
  r.doc = std::move(doc);
  reject_duplicate(routes_, r);
  routes_.push_back(std::move(r));
}

Router::Match Router::match(Method method, std::string_view path, bool websocket) const {
  Match m;
  const auto parts = split_path(path);
  std::map<std::string, std::string> params;
  // Literal routes win over parameterised ones, and a single parameter over a rest capture;
  // HEAD uses the GET route unless one is registered for HEAD itself.
  const Route* best = nullptr;
  int best_score = -1;
  for (const auto& r : routes_) {
    if (static_cast<bool>(r.websocket) != websocket) continue;
    if (!match_segments(r, parts, params)) continue;
    const bool exact = r.method == method;
    if (!exact && !(method == Method::kHead && r.method == Method::kGet)) {
      if (std::find(m.allowed.begin(), m.allowed.end(), r.method) == m.allowed.end())
        m.allowed.push_back(r.method);
      continue;
    }
    const int literals = static_cast<int>(
        std::count_if(r.segments.begin(), r.segments.end(), [](auto& s) { return !is_param(s); }));
    const bool rest = !r.segments.empty() && is_rest(r.segments.back());
    const int score = literals * 4 + (rest ? 0 : 2) + (exact ? 1 : 0);
    if (score > best_score) {
      best = &r;
      best_score = score;
      m.params = params;
    }
  }
  if (best) {
    m.outcome = Outcome::kFound;
    m.route = best;
  } else if (!m.allowed.empty()) {
    m.outcome = Outcome::kMethodNotAllowed;
  }
  return m;
}

}  // namespace aicc::net
