// Entity extraction for customer messages (Korean and English).
//
// EntityExtractor finds, in one message, phone numbers, e-mail addresses, dates, times, amounts
// of money, order numbers, product names, payment card numbers and Korean resident
// registration numbers. Each entity carries its exact byte span in the caller's text and a
// normalised value that the dialogue policy and the scenario engine can use without parsing
// again (a date is "2025-06-14", a phone "+821012345678", an amount "30000 KRW").
//
// Extraction is rule-based, deterministic and allocation-light: hand-written scanners over
// the UTF-8 bytes, no std::regex except the operator's order-number pattern, which only runs
// on short candidate tokens. An extractor is immutable after construction; `extract` is
// const and safe to call from many threads at once.
//
// Privacy: card numbers and resident registration numbers come back with sensitive=true and
// with BOTH `text` and `value` masked — the clear number is never copied into an Entity, so
// storing or logging entities cannot leak it. Use mask_sensitive() to mask the message text
// itself before it is stored or logged.
//
// Full reference (formats, normalised values, ambiguity rules): docs/nlu-entities.md.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/result.h"

namespace aicc::nlu {

// Values of Entity::type.
namespace entity_type {
inline constexpr std::string_view kPhone = "phone";
inline constexpr std::string_view kEmail = "email";
inline constexpr std::string_view kDate = "date";
inline constexpr std::string_view kTime = "time";
inline constexpr std::string_view kMoney = "money";
inline constexpr std::string_view kOrderNumber = "order_number";
inline constexpr std::string_view kProduct = "product";
inline constexpr std::string_view kCardNumber = "card_number";
inline constexpr std::string_view kResidentNumber = "resident_registration_number";
}  // namespace entity_type

struct Entity {
  std::string type;        // one of entity_type::*
  std::string text;        // the input bytes [begin, end); masked when `sensitive`
  std::size_t begin = 0;   // byte offset into the ORIGINAL input (inclusive)
  std::size_t end = 0;     // byte offset into the ORIGINAL input (exclusive)
  std::string value;       // normalised value (see below); masked when `sensitive`
  bool sensitive = false;  // card and resident numbers: never store or log the clear text

  friend bool operator==(const Entity&, const Entity&) = default;
};

// Normalised values by type:
//   phone         Korean numbers as E.164: "+821012345678", "+8221234567"; representative
//                 numbers (1588-1234), which have no international form, as their 8 digits
//                 "15881234"; other international numbers as "+" and their digits.
//   email         lower-cased address.
//   date          "YYYY-MM-DD", relative forms resolved against `now` in the configured zone.
//   time          "HH:MM" (24-hour).
//   money         "<amount> <ISO 4217>": "30000 KRW", "25 USD", "25.50 USD".
//   order_number  the token, upper-cased: "ORD-20240115-001".
//   product       the canonical gazetteer name.
//   card_number   "************1111" (all but the last four digits masked).
//   resident_registration_number  "******-*******".

// ECMAScript regex matched against whole candidate tokens (runs of ASCII letters, digits, '-'
// and '_' containing a digit), case-insensitively. Matches ORD-20240115-001, ORD20240115001,
// ORDER-20240115-0001.
inline constexpr std::string_view kDefaultOrderNumberPattern =
    R"(ORD(ER)?[-_]?\d{6,8}[-_]?\d{1,6})";

struct EntityOptions {
  std::string order_number_pattern = std::string(kDefaultOrderNumberPattern);
  // A token right after one of these words is an order number even if it does not match the
  // pattern ("주문번호는 20240115001이에요"), provided it has 4+ digits and 5..30 characters.
  // Matched case-insensitively and ignoring spaces; a particle (은/는/이/가) and ':' or '#' may
  // sit between cue and token.
  std::vector<std::string> order_number_cues = {"주문번호", "주문 번호", "order number",
                                                "order no", "order #",   "order id"};
  // Product names, one entry per product: "Canonical name" or "Canonical|synonym|synonym".
  // Matched case-insensitively, ignoring spaces, '-' and '_' (so "갤럭시S24", "갤럭시 s24" and
  // "galaxy-s24" can all be listed once as "갤럭시 S24|Galaxy S24").
  std::vector<std::string> product_gazetteer;
  // Zone in which relative dates are resolved. Fixed-offset zones only (no DST rules):
  // "Asia/Seoul", "Asia/Tokyo", "UTC", or an offset such as "+09:00" / "-05:00".
  std::string timezone = "Asia/Seoul";
};

class EntityExtractor {
 public:
  // Validates the options: an order-number pattern that does not compile or an unsupported
  // timezone is an ErrorCode::kInvalidArgument naming the field.
  static Result<EntityExtractor> create(EntityOptions options);
  // Same as create() for options known to be valid; throws std::invalid_argument otherwise.
  explicit EntityExtractor(EntityOptions options = {});

  // All entities in `text`, ordered by `begin`, non-overlapping (when detections overlap, the
  // longest wins; on equal spans, the most specific type: resident number > card > e-mail >
  // order number > phone > money > date/time > product). `now` anchors relative dates
  // (오늘, 다음 주 월요일, tomorrow). Never fails; invalid UTF-8 is scanned byte-wise.
  std::vector<Entity> extract(std::string_view text, TimePoint now) const;

  const EntityOptions& options() const;

 private:
  struct Impl;
  explicit EntityExtractor(std::shared_ptr<const Impl> impl);
  std::shared_ptr<const Impl> impl_;  // immutable, shared by copies
};

// JSON array of entities: [{"type":…,"text":…,"begin":…,"end":…,"value":…,"sensitive":…}].
// Strings are escaped per RFC 8259; the text of sensitive entities is already masked.
std::string entities_to_json(const std::vector<Entity>& entities);

// `text` with the spans of card numbers, resident numbers, phone numbers and e-mail addresses
// masked, keeping their shape readable (same masks as core/pii.h):
//   010-1234-5678 → 010-****-5678    kim@example.com → k**@example.com
//   4111 1111 1111 1111 → **** **** **** 1111    900101-1234567 → ******-*******
// `entities` must come from extract() on the same text; spans that are out of range, not on
// UTF-8 boundaries or overlapping an earlier one are skipped. Representative numbers
// (1588-1234) belong to companies and are left as they are.
std::string mask_sensitive(std::string_view text, const std::vector<Entity>& entities);

// Reads a product gazetteer file: one entry per line in the EntityOptions format, blank lines
// and lines starting with '#' ignored. kNotFound if the file cannot be read.
Result<std::vector<std::string>> load_gazetteer_file(const std::string& path);

}  // namespace aicc::nlu
