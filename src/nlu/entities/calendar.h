// Internal: civil-calendar arithmetic for resolving dates (proleptic Gregorian, std::chrono).
#pragma once

#include <chrono>
#include <optional>
#include <string>

namespace aicc::nlu::detail {

using Day = std::chrono::sys_days;

inline std::optional<Day> make_day(int y, int m, int d) {
  using namespace std::chrono;
  if (y < 1900 || y > 2199 || m < 1 || m > 12 || d < 1 || d > 31) return std::nullopt;
  const year_month_day ymd{year{y}, month{static_cast<unsigned>(m)}, day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) return std::nullopt;
  return sys_days{ymd};
}

inline std::chrono::year_month_day civil(Day d) {
  return std::chrono::year_month_day{d};
}

// 1 = Monday … 7 = Sunday (ISO 8601).
inline int iso_weekday(Day d) {
  return static_cast<int>(std::chrono::weekday{d}.iso_encoding());
}

// The Monday of the ISO week containing `d`.
inline Day week_start(Day d) {
  return d - std::chrono::days{iso_weekday(d) - 1};
}

// Weekday `wd` (1..7) of the week `weeks` after the one containing `today` (0: this week).
inline Day weekday_in_week(Day today, int weeks, int wd) {
  return week_start(today) + std::chrono::days{7 * weeks + wd - 1};
}

// The first day on or after `today` that falls on weekday `wd`.
inline Day next_weekday(Day today, int wd) {
  return today + std::chrono::days{(wd - iso_weekday(today) + 7) % 7};
}

// Day `d` of the month `months` after the month of `today`; nullopt if that day does not exist.
inline std::optional<Day> day_in_month(Day today, int months, int d) {
  const auto ymd = civil(today);
  int m = static_cast<int>(static_cast<unsigned>(ymd.month())) - 1 + months;
  int y = static_cast<int>(ymd.year()) + (m >= 0 ? m / 12 : -((11 - m) / 12));
  m = ((m % 12) + 12) % 12;
  return make_day(y, m + 1, d);
}

// `today` moved by `months` calendar months, the day clamped to the month's length
// (31 January + 1 month = 28/29 February).
inline Day add_months(Day today, int months) {
  using namespace std::chrono;
  const auto ymd = civil(today);
  const year_month ym = year_month{ymd.year(), ymd.month()} + std::chrono::months{months};
  const auto last = year_month_day_last{ym.year(), month_day_last{ym.month()}};
  const day d = ymd.day() > last.day() ? last.day() : ymd.day();
  return sys_days{year_month_day{ym.year(), ym.month(), d}};
}

// A month/day without a year ("6월 14일", "June 14"). Customers mostly mean a date in the
// coming months (a reservation, a delivery) or the recent past (an order): the occurrence in
// the window [today - 120 days, today + 245 days) is taken, so "1월 5일" said on 28 December
// is next January, "12월 20일" said on 3 January is last December, and "12월 25일" said in
// June is this Christmas. 29 February with no leap year in the window: the nearest one.
inline std::optional<Day> nearest_month_day(Day today, int m, int d) {
  const int y = static_cast<int>(civil(today).year());
  std::optional<Day> nearest;
  long nearest_gap = 0;
  for (int cy = y - 4; cy <= y + 4; ++cy) {
    const auto cand = make_day(cy, m, d);
    if (!cand) continue;
    const long gap = static_cast<long>((*cand - today).count());
    if (gap >= -120 && gap < 245) return cand;
    const long abs_gap = gap < 0 ? -gap : gap;
    if (!nearest || abs_gap < nearest_gap) {
      nearest = cand;
      nearest_gap = abs_gap;
    }
  }
  return nearest;
}

inline std::string format_day(Day d) {
  const auto ymd = civil(d);
  const int y = static_cast<int>(ymd.year());
  const unsigned m = static_cast<unsigned>(ymd.month());
  const unsigned dd = static_cast<unsigned>(ymd.day());
  std::string out = std::to_string(y);
  out += '-';
  out += static_cast<char>('0' + m / 10);
  out += static_cast<char>('0' + m % 10);
  out += '-';
  out += static_cast<char>('0' + dd / 10);
  out += static_cast<char>('0' + dd % 10);
  return out;
}

}  // namespace aicc::nlu::detail
