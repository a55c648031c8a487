// EntityExtractor: runs every detector over the folded text, resolves overlaps, maps spans
// back to the caller's bytes and masks sensitive entities.
#include <algorithm>
#include <stdexcept>

#include "nlu/entities/calendar.h"
#include "nlu/entities/entities.h"
#include "nlu/entities/mask_internal.h"
#include "nlu/entities/matchers.h"

namespace aicc::nlu {

struct EntityExtractor::Impl {
  EntityOptions options;
  detail::OrderNumberMatcher order_numbers;
  detail::Gazetteer products;
  std::chrono::minutes utc_offset{0};
};

namespace {

// Fixed UTC offsets only. Korea has had no daylight saving time since 1988, so a constant
// +09:00 is exact for every date a customer can mean.
std::optional<std::chrono::minutes> parse_timezone(std::string_view tz) {
  if (tz == "Asia/Seoul" || tz == "Asia/Tokyo" || tz == "Asia/Pyongyang")
    return std::chrono::hours{9};
  if (tz == "UTC" || tz == "Etc/UTC" || tz == "Z") return std::chrono::minutes{0};
  // ±HH:MM or ±HHMM
  std::string_view hh, mm;
  if (tz.size() == 6 && tz[3] == ':') {
    hh = tz.substr(1, 2);
    mm = tz.substr(4, 2);
  } else if (tz.size() == 5) {
    hh = tz.substr(1, 2);
    mm = tz.substr(3, 2);
  } else {
    return std::nullopt;
  }
  if ((tz[0] != '+' && tz[0] != '-') || !detail::is_digit(hh[0]) || !detail::is_digit(hh[1]) ||
      !detail::is_digit(mm[0]) || !detail::is_digit(mm[1]))
    return std::nullopt;
  const int h = (hh[0] - '0') * 10 + (hh[1] - '0');
  const int m = (mm[0] - '0') * 10 + (mm[1] - '0');
  if (h > 14 || m > 59) return std::nullopt;
  const int total = h * 60 + m;
  return std::chrono::minutes{tz[0] == '-' ? -total : total};
}

// Keeps the longest candidates; on equal spans the most specific type. Returns them by begin.
std::vector<detail::Candidate> resolve_overlaps(std::vector<detail::Candidate> cands) {
  std::sort(cands.begin(), cands.end(), [](const auto& a, const auto& b) {
    const auto la = a.end - a.begin, lb = b.end - b.begin;
    if (la != lb) return la > lb;
    if (a.specificity != b.specificity) return a.specificity > b.specificity;
    return a.begin < b.begin;
  });
  std::vector<detail::Candidate> kept;
  for (auto& c : cands) {
    const bool overlaps = std::any_of(kept.begin(), kept.end(), [&](const auto& k) {
      return c.begin < k.end && k.begin < c.end;
    });
    if (!overlaps) kept.push_back(std::move(c));
  }
  std::sort(kept.begin(), kept.end(),
            [](const auto& a, const auto& b) { return a.begin < b.begin; });
  return kept;
}

}  // namespace

Result<EntityExtractor> EntityExtractor::create(EntityOptions options) {
  const auto offset = parse_timezone(options.timezone);
  if (!offset) {
    return make_error(ErrorCode::kInvalidArgument,
                      "timezone must be Asia/Seoul, Asia/Tokyo, UTC or a fixed offset (+09:00)",
                      {{"field", "timezone"}, {"value", options.timezone}});
  }
  auto orders =
      detail::OrderNumberMatcher::create(options.order_number_pattern, options.order_number_cues);
  if (!orders) return tl::unexpected(orders.error());
  detail::Gazetteer products(options.product_gazetteer);
  auto impl = std::make_shared<Impl>(
      Impl{std::move(options), std::move(*orders), std::move(products), *offset});
  return EntityExtractor(std::shared_ptr<const Impl>(std::move(impl)));
}

EntityExtractor::EntityExtractor(std::shared_ptr<const Impl> impl) : impl_(std::move(impl)) {}

EntityExtractor::EntityExtractor(EntityOptions options) {
  auto created = create(std::move(options));
  if (!created) {
    throw std::invalid_argument(created.error().message);
  }
  impl_ = std::move(created->impl_);
}

const EntityOptions& EntityExtractor::options() const {
  return impl_->options;
}

std::vector<Entity> EntityExtractor::extract(std::string_view text, TimePoint now) const {
  const detail::FoldedText folded(text);
  const std::string_view s = folded.text();
  const auto local = std::chrono::floor<std::chrono::days>(now + impl_->utc_offset);
  const detail::Day today{local.time_since_epoch()};

  detail::Candidates cands;
  detail::find_digit_entities(s, cands);
  if (s.find('@') != std::string_view::npos) detail::find_emails(s, cands);
  detail::find_dates(s, today, cands);
  detail::find_times(s, cands);
  detail::find_money(s, cands);
  impl_->order_numbers.find(s, cands);
  impl_->products.find(s, cands);

  std::vector<Entity> out;
  if (cands.empty()) return out;
  for (auto& c : resolve_overlaps(std::move(cands))) {
    Entity e;
    e.type = std::string(c.type);
    e.begin = folded.original_offset(c.begin);
    e.end = folded.original_offset(c.end);
    const std::string_view original = text.substr(e.begin, e.end - e.begin);
    e.text = c.sensitive ? detail::mask_span(c.type, original) : std::string(original);
    e.value = std::move(c.value);
    e.sensitive = c.sensitive;
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace aicc::nlu
