// Internal: the two configurable detectors — order numbers (operator's regex plus cue words)
// and product names (gazetteer). Both are built once per EntityExtractor and then only read.
#pragma once

#include <array>
#include <cstdint>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "nlu/entities/detectors.h"

namespace aicc::nlu::detail {

class OrderNumberMatcher {
 public:
  // kInvalidArgument if `pattern` is not a valid ECMAScript regex.
  static Result<OrderNumberMatcher> create(const std::string& pattern,
                                           const std::vector<std::string>& cues);
  void find(std::string_view s, Candidates& out) const;

 private:
  OrderNumberMatcher() = default;
  bool follows_cue(std::string_view s, std::size_t token_begin) const;

  std::regex pattern_;
  std::vector<std::string> cues_;  // lower-cased, blanks removed
};

// Longest-match dictionary lookup over a byte trie. Keys are folded (full-width → ASCII),
// lower-cased and stripped of ' ', '-' and '_'; the text is walked the same way, so spacing
// and hyphenation variants of a name all match.
class Gazetteer {
 public:
  explicit Gazetteer(const std::vector<std::string>& entries);
  void find(std::string_view s, Candidates& out) const;
  bool empty() const { return canonical_.empty(); }

 private:
  struct Node {
    std::vector<std::pair<unsigned char, std::uint32_t>> next;  // sorted by byte
    std::int32_t canonical = -1;
  };
  std::uint32_t child(std::uint32_t node, unsigned char c) const;  // 0 = none
  void insert(std::string_view surface, std::int32_t canonical);

  std::vector<Node> nodes_;  // nodes_[0] is the root
  std::vector<std::string> canonical_;
};

}  // namespace aicc::nlu::detail
