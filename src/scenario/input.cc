#include "scenario/input.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <chrono>
#include <cmath>
#include <regex>
#include <vector>

#include "core/utf8.h"
#include "scenario/matching.h"

namespace aicc::scenario {

namespace {

constexpr std::int64_t kDefaultMinLength = 1;
constexpr std::int64_t kDefaultMaxLength = 1000;

std::string pick(Language language, std::string_view ko, std::string_view en) {
  return std::string(language == Language::kEnglish ? en : ko);
}

std::string_view trim(std::string_view s) {
  const auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

AnswerCheck invalid(std::string message) {
  return AnswerCheck{std::nullopt, std::move(message)};
}

AnswerCheck valid(std::string value) {
  return AnswerCheck{std::move(value), {}};
}

// The step's own error text if it has one, else the type's default.
AnswerCheck format_error(const Step& step, Language language, std::string_view ko,
                         std::string_view en) {
  if (!step.error.empty()) return invalid(step.error.in(language));
  return invalid(pick(language, ko, en));
}

// Distinct values of one entity type in the answer.
std::vector<std::string> entity_values(const nlu::EntityExtractor& extractor, std::string_view text,
                                       TimePoint now, std::string_view type) {
  std::vector<std::string> values;
  for (const auto& entity : extractor.extract(text, now)) {
    if (entity.type == type &&
        std::find(values.begin(), values.end(), entity.value) == values.end()) {
      values.push_back(entity.value);
    }
  }
  return values;
}

std::optional<std::chrono::sys_days> parse_iso_day(std::string_view s) {
  int y = 0;
  unsigned m = 0, d = 0;
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  if (std::from_chars(s.data(), s.data() + 4, y).ec != std::errc{} ||
      std::from_chars(s.data() + 5, s.data() + 7, m).ec != std::errc{} ||
      std::from_chars(s.data() + 8, s.data() + 10, d).ec != std::errc{}) {
    return std::nullopt;
  }
  const std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{m},
                                        std::chrono::day{d}};
  if (!ymd.ok()) return std::nullopt;
  return std::chrono::sys_days{ymd};
}

AnswerCheck check_text(const Step& step, std::string_view answer, Language language) {
  const auto length = utf8_length(answer);
  if (!length) {
    return format_error(step, language, "올바른 형식으로 입력해주세요.",
                        "Please enter it in the correct format.");
  }
  const std::int64_t min = step.validation.min_length.value_or(kDefaultMinLength);
  const std::int64_t max = step.validation.max_length.value_or(kDefaultMaxLength);
  const auto n = static_cast<std::int64_t>(*length);
  if (n < min) {
    return invalid(pick(language, "최소 " + std::to_string(min) + "글자 이상 입력해주세요.",
                        "Please enter at least " + std::to_string(min) + " characters."));
  }
  if (n > max) {
    return invalid(pick(language, "최대 " + std::to_string(max) + "글자까지 입력 가능합니다.",
                        "Up to " + std::to_string(max) + " characters allowed."));
  }
  if (!step.validation.pattern.empty()) {
    // The loader compiled this pattern already; a failure here would be a loader bug.
    try {
      const std::regex re(step.validation.pattern, std::regex::ECMAScript);
      if (!std::regex_match(answer.begin(), answer.end(), re)) {
        return format_error(step, language, "올바른 형식으로 입력해주세요.",
                            "Please enter it in the correct format.");
      }
    } catch (const std::regex_error&) {
      return format_error(step, language, "올바른 형식으로 입력해주세요.",
                          "Please enter it in the correct format.");
    }
  }
  return valid(std::string(answer));
}

AnswerCheck check_choice(const Step& step, std::string_view answer, Language language) {
  if (const ChoiceOption* option = match_option(step, answer)) return valid(option->value);
  if (!step.error.empty()) return invalid(step.error.in(language));
  std::string list;
  for (std::size_t i = 0; i < step.options.size(); ++i) {
    if (i > 0) list += ", ";
    list += std::to_string(i + 1) + ". " + step.options[i].label.in(language);
  }
  return invalid(pick(language, "올바른 선택지를 입력해주세요: ", "Please choose one of: ") + list);
}

// Counter words customers put after a quantity ("3개", "2명"). 만/천/억 are deliberately absent:
// "3만" is 30000, not 3.
constexpr std::array<std::string_view, 14> kCounters{"개", "명", "번", "회", "장", "대", "권",
                                                     "건", "박", "일", "세", "살", "인", "시간"};

std::optional<double> parse_number(std::string_view s) {
  std::string key = match_key(s);  // NFKC (full-width digits), spaces removed
  for (std::string_view counter : kCounters) {
    if (key.size() > counter.size() && key.ends_with(counter)) {
      key.resize(key.size() - counter.size());
      break;
    }
  }
  std::string digits;
  for (std::size_t i = 0; i < key.size(); ++i) {
    const char c = key[i];
    // Thousands separators only between digits: "1,000" yes, ",5" or "5," no.
    if (c == ',' && i > 0 && i + 1 < key.size() &&
        std::isdigit(static_cast<unsigned char>(key[i - 1])) &&
        std::isdigit(static_cast<unsigned char>(key[i + 1]))) {
      continue;
    }
    digits += c;
  }
  if (digits.empty()) return std::nullopt;
  std::size_t i = (digits[0] == '-' || digits[0] == '+') ? 1 : 0;
  bool seen_digit = false, seen_dot = false;
  for (std::size_t j = i; j < digits.size(); ++j) {
    if (std::isdigit(static_cast<unsigned char>(digits[j]))) {
      seen_digit = true;
    } else if (digits[j] == '.' && !seen_dot) {
      seen_dot = true;
    } else {
      return std::nullopt;  // letters, exponents, a second dot
    }
  }
  if (!seen_digit) return std::nullopt;
  if (digits[0] == '+') digits.erase(0, 1);
  double value = 0;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (ec != std::errc{} || end != digits.data() + digits.size() || !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

AnswerCheck check_number(const Step& step, std::string_view answer, Language language) {
  const auto value = parse_number(answer);
  if (!value || (step.validation.integer_only && std::floor(*value) != *value)) {
    return format_error(step, language, "올바른 숫자를 입력해주세요.",
                        "Please enter a valid number.");
  }
  if (step.validation.min && *value < *step.validation.min) {
    const std::string min = format_number(*step.validation.min);
    return invalid(pick(language, min + " 이상의 값을 입력해주세요.",
                        "Please enter a value of at least " + min + "."));
  }
  if (step.validation.max && *value > *step.validation.max) {
    const std::string max = format_number(*step.validation.max);
    return invalid(pick(language, max + " 이하의 값을 입력해주세요.",
                        "Please enter a value of at most " + max + "."));
  }
  return valid(format_number(*value));
}

AnswerCheck check_date(const Step& step, std::string_view answer,
                       const nlu::EntityExtractor& extractor, TimePoint now, Language language) {
  const auto values = entity_values(extractor, answer, now, nlu::entity_type::kDate);
  const auto day = values.size() == 1 ? parse_iso_day(values[0]) : std::nullopt;
  if (!day) {
    return format_error(step, language, "올바른 날짜 형식으로 입력해주세요. (예: 2024-01-15)",
                        "Please enter a valid date (e.g. 2024-01-15).");
  }
  // "Today" is asked of the extractor so that it is the same day, in the same zone, against
  // which it resolved 내일 or 다음 주 월요일.
  const auto today_values = entity_values(extractor, "오늘", now, nlu::entity_type::kDate);
  const auto today = today_values.size() == 1 ? parse_iso_day(today_values[0]) : std::nullopt;
  if (today && step.validation.future_only && *day <= *today) {
    return invalid(
        pick(language, "오늘 이후의 날짜를 입력해주세요.", "Please enter a date after today."));
  }
  if (today && step.validation.max_days_ahead &&
      (*day - *today).count() > *step.validation.max_days_ahead) {
    const std::string n = std::to_string(*step.validation.max_days_ahead);
    return invalid(pick(language, "오늘부터 " + n + "일 이내의 날짜를 입력해주세요.",
                        "Please enter a date within " + n + " days from today."));
  }
  return valid(values[0]);
}

AnswerCheck check_phone(const Step& step, std::string_view answer,
                        const nlu::EntityExtractor& extractor, TimePoint now, Language language) {
  const auto values = entity_values(extractor, answer, now, nlu::entity_type::kPhone);
  if (values.size() != 1) {
    return format_error(step, language,
                        "올바른 전화번호 형식으로 입력해주세요. (예: 010-1234-5678)",
                        "Please enter a valid phone number (e.g. 010-1234-5678).");
  }
  const auto national = format_korean_phone(values[0]);
  if (step.validation.mobile_only) {
    // 01X-XXXX-XXXX: 13 characters with the two hyphens.
    if (!national || national->rfind("01", 0) != 0 || national->size() != 13) {
      return format_error(step, language, "휴대폰 번호를 입력해주세요. (예: 010-1234-5678)",
                          "Please enter a mobile number (e.g. 010-1234-5678).");
    }
  }
  return valid(national ? *national : values[0]);
}

AnswerCheck check_email(const Step& step, std::string_view answer,
                        const nlu::EntityExtractor& extractor, TimePoint now, Language language) {
  const auto values = entity_values(extractor, answer, now, nlu::entity_type::kEmail);
  if (values.size() != 1) {
    return format_error(step, language, "올바른 이메일 주소를 입력해주세요. (예: name@example.com)",
                        "Please enter a valid e-mail address (e.g. name@example.com).");
  }
  return valid(values[0]);
}

AnswerCheck check_order_number(const Step& step, std::string_view answer,
                               const nlu::EntityExtractor& extractor, TimePoint now,
                               Language language) {
  auto values = entity_values(extractor, answer, now, nlu::entity_type::kOrderNumber);
  if (values.empty()) {
    // The step asked for an order number, so a bare token counts as if cued ("주문번호 …").
    values = entity_values(extractor, "주문번호 " + std::string(answer), now,
                           nlu::entity_type::kOrderNumber);
  }
  if (values.size() != 1) {
    return format_error(step, language, "올바른 주문번호를 입력해주세요. (예: ORD-20240115-001)",
                        "Please enter a valid order number (e.g. ORD-20240115-001).");
  }
  return valid(values[0]);
}

AnswerCheck check_yes_no(const Step& step, std::string_view answer, Language language) {
  if (auto yes_no = match_yes_no(step, answer)) return valid(*yes_no);
  return format_error(step, language, "'예' 또는 '아니요'로 답해주세요.",
                      "Please answer 'yes' or 'no'.");
}

}  // namespace

AnswerCheck check_answer(const Step& step, std::string_view raw_answer,
                         const nlu::EntityExtractor& extractor, TimePoint now, Language language) {
  const std::string_view answer = trim(raw_answer);
  switch (step.type) {
    case InputType::kText:
      return check_text(step, answer, language);
    case InputType::kChoice:
      return check_choice(step, answer, language);
    case InputType::kNumber:
      return check_number(step, answer, language);
    case InputType::kDate:
      return check_date(step, answer, extractor, now, language);
    case InputType::kPhone:
      return check_phone(step, answer, extractor, now, language);
    case InputType::kEmail:
      return check_email(step, answer, extractor, now, language);
    case InputType::kOrderNumber:
      return check_order_number(step, answer, extractor, now, language);
    case InputType::kYesNo:
      return check_yes_no(step, answer, language);
  }
  return invalid(
      pick(language, "올바른 형식으로 입력해주세요.", "Please enter it in the correct format."));
}

std::string format_number(double value) {
  if (value == 0) return "0";  // also turns -0 into 0
  // Fixed notation: a customer who typed 1000000 must not read it back as "1e+06".
  char buf[400];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::fixed);
  if (ec != std::errc{}) return "0";
  return std::string(buf, end);
}

std::optional<std::string> format_korean_phone(std::string_view e164) {
  // Representative numbers (1588-1234) come as their 8 digits.
  if (e164.size() == 8 && e164.find_first_not_of("0123456789") == std::string_view::npos) {
    return std::string(e164.substr(0, 4)) + "-" + std::string(e164.substr(4));
  }
  if (e164.rfind("+82", 0) != 0) return std::nullopt;
  const std::string national = "0" + std::string(e164.substr(3));
  const std::size_t n = national.size();
  // Area code: 02 (Seoul) is two digits, everything else (01X, 031, 070 …) three.
  const std::size_t area = national.rfind("02", 0) == 0 ? 2 : 3;
  if (n < area + 7 || n > area + 8) return std::nullopt;
  const std::size_t middle = n - area - 4;
  return national.substr(0, area) + "-" + national.substr(area, middle) + "-" +
         national.substr(area + middle);
}

}  // namespace aicc::scenario
