// Product names from the operator's gazetteer (see matchers.h).
#include <algorithm>
#include <fstream>
#include <sstream>

#include "nlu/entities/entities.h"
#include "nlu/entities/matchers.h"

namespace aicc::nlu::detail {
namespace {

bool skippable(char c) {
  return c == ' ' || c == '\t' || c == '-' || c == '_';
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

// The folded, lower-cased key of a surface form, without blanks, '-' or '_'.
std::string key_of(std::string_view surface) {
  const FoldedText folded(surface);
  std::string key;
  for (char c : folded.text()) {
    if (!skippable(c)) key.push_back(to_lower(c));
  }
  return key;
}

}  // namespace

Gazetteer::Gazetteer(const std::vector<std::string>& entries) : nodes_(1) {
  for (const auto& entry : entries) {
    std::vector<std::string_view> forms;
    std::string_view rest = entry;
    for (std::size_t bar; (bar = rest.find('|')) != std::string_view::npos;
         rest.remove_prefix(bar + 1))
      forms.push_back(trim(rest.substr(0, bar)));
    forms.push_back(trim(rest));
    if (forms.front().empty()) continue;  // an entry needs its canonical name
    const auto id = static_cast<std::int32_t>(canonical_.size());
    canonical_.emplace_back(forms.front());
    for (std::string_view form : forms) insert(form, id);
  }
}

void Gazetteer::insert(std::string_view surface, std::int32_t canonical) {
  const std::string key = key_of(surface);
  if (key.empty()) return;
  std::uint32_t node = 0;
  for (char ch : key) {
    const auto c = static_cast<unsigned char>(ch);
    std::uint32_t next = child(node, c);
    if (next == 0) {
      next = static_cast<std::uint32_t>(nodes_.size());
      nodes_.emplace_back();
      auto& kids = nodes_[node].next;
      kids.insert(std::lower_bound(kids.begin(), kids.end(), std::make_pair(c, 0u)),
                  std::make_pair(c, next));
    }
    node = next;
  }
  if (nodes_[node].canonical < 0) nodes_[node].canonical = canonical;  // first entry wins
}

std::uint32_t Gazetteer::child(std::uint32_t node, unsigned char c) const {
  const auto& kids = nodes_[node].next;
  for (const auto& [byte, next] : kids) {
    if (byte == c) return next;
    if (byte > c) break;
  }
  return 0;
}

void Gazetteer::find(std::string_view s, Candidates& out) const {
  if (canonical_.empty()) return;
  std::size_t i = 0;
  while (i < s.size()) {
    const char first = s[i];
    const bool ascii_start = is_alnum(first);
    std::size_t best_end = 0;
    std::int32_t best = -1;
    if (!(ascii_start && i > 0 && is_alnum(s[i - 1])) && !skippable(first)) {
      std::uint32_t node = 0;
      int gap = 0;  // skipped characters in a row; names have at most a few
      for (std::size_t j = i; j < s.size(); ++j) {
        if (skippable(s[j])) {
          if (++gap > 3) break;
          continue;
        }
        gap = 0;
        node = child(node, static_cast<unsigned char>(to_lower(s[j])));
        if (node == 0) break;
        const std::int32_t id = nodes_[node].canonical;
        if (id < 0) continue;
        const std::size_t end = j + 1;
        const bool cp_boundary =
            end == s.size() || (static_cast<unsigned char>(s[end]) & 0xC0) != 0x80;
        const bool word_ok = !(is_alnum(s[j]) && end < s.size() && is_alnum(s[end]));
        if (cp_boundary && word_ok) {
          best = id;
          best_end = end;
        }
      }
    }
    if (best >= 0) {
      out.push_back(Candidate{entity_type::kProduct, i, best_end,
                              canonical_[static_cast<std::size_t>(best)], false,
                              Specificity::kProduct});
      i = best_end;
    } else if (ascii_start) {
      while (i < s.size() && is_alnum(s[i])) ++i;
    } else {
      std::size_t len = 0;
      code_point_at(s, i, &len);
      i += len;
    }
  }
}

}  // namespace aicc::nlu::detail

namespace aicc::nlu {

Result<std::vector<std::string>> load_gazetteer_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return make_error(ErrorCode::kNotFound, "cannot read gazetteer file", {{"path", path}});
  }
  std::vector<std::string> entries;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const std::string_view t = detail::trim(line);
    if (t.empty() || t.front() == '#') continue;
    entries.emplace_back(t);
  }
  return entries;
}

}  // namespace aicc::nlu
