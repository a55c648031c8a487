// Internal: the detectors behind EntityExtractor. Each appends candidates (spans in FOLDED
// offsets, see text_scan.h) to a vector; the extractor resolves overlaps and maps spans back.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "nlu/entities/text_scan.h"

namespace aicc::nlu::detail {

// Higher wins when two candidates cover exactly the same bytes.
enum class Specificity {
  kProduct = 1,
  kTime = 2,
  kDate = 3,
  kMoney = 4,
  kPhone = 5,
  kOrderNumber = 6,
  kEmail = 7,
  kCard = 8,
  kResident = 9,
};

struct Candidate {
  std::string_view type;  // entity_type::*
  std::size_t begin = 0;  // folded offsets
  std::size_t end = 0;
  std::string value;
  bool sensitive = false;
  Specificity specificity = Specificity::kProduct;
};

using Candidates = std::vector<Candidate>;

// Phone numbers, card numbers and resident registration numbers: all are runs of digit groups.
void find_digit_entities(std::string_view s, Candidates& out);
void find_emails(std::string_view s, Candidates& out);
// `today` is the local calendar date of `now` in the configured zone.
void find_dates(std::string_view s, std::chrono::sys_days today, Candidates& out);
void find_times(std::string_view s, Candidates& out);
void find_money(std::string_view s, Candidates& out);

}  // namespace aicc::nlu::detail
