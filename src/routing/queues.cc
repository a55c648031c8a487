#include "routing/queues.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <fstream>
#include <sstream>
#include <tuple>

#include <boost/json.hpp>

namespace aicc::routing {
namespace json = boost::json;

namespace {

// Named zones we know the fixed offset of.
struct FixedZone {
  std::string_view name;
  int offset_minutes;
};
constexpr FixedZone kZones[] = {
    {"Asia/Seoul", 9 * 60}, {"Asia/Tokyo", 9 * 60}, {"UTC", 0}, {"Etc/UTC", 0}};

constexpr std::string_view kDayKeys[7] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
constexpr std::string_view kDayKo[7] = {"월", "화", "수", "목", "금", "토", "일"};
constexpr std::string_view kDayEn[7] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

std::string two(int v) {
  return (v < 10 ? "0" : "") + std::to_string(v);
}
std::string clock_text(int minute) {
  return two(minute / 60) + ":" + two(minute % 60);
}

}  // namespace

std::optional<int> fixed_zone_offset(std::string_view timezone) {
  for (const auto& z : kZones)
    if (z.name == timezone) return z.offset_minutes;
  return std::nullopt;
}

bool BusinessHours::is_open(TimePoint at) const {
  using namespace std::chrono;
  const auto local = at + minutes(utc_offset_minutes);
  const auto day = floor<days>(local);
  const unsigned wd = weekday(sys_days(day)).c_encoding();  // 0 = Sunday
  const int minute = static_cast<int>(duration_cast<minutes>(local - day).count());
  const year_month_day ymd{sys_days(day)};
  const std::string date = std::to_string(static_cast<int>(ymd.year())) + "-" +
                           two(static_cast<int>(static_cast<unsigned>(ymd.month()))) + "-" +
                           two(static_cast<int>(static_cast<unsigned>(ymd.day())));
  if (holidays.contains(date)) return false;
  const DaySchedule& ranges = week[(wd + 6) % 7];
  return std::any_of(ranges.begin(), ranges.end(), [&](const DayHours& h) {
    return h.open_minute <= minute && minute < h.close_minute;
  });
}

std::string BusinessHours::describe(std::string_view language) const {
  const bool en = language == "en";
  auto span = [&](const DaySchedule& d) {
    if (d.empty()) return std::string(en ? "closed" : "휴무");
    std::string out;
    for (const auto& h : d)
      out +=
          (out.empty() ? "" : ", ") + clock_text(h.open_minute) + "–" + clock_text(h.close_minute);
    return out;
  };
  std::string days;
  const bool weekdays_alike = std::all_of(week.begin(), week.begin() + 5,
                                          [&](const DaySchedule& d) { return d == week[0]; });
  if (weekdays_alike && week[5] == week[6]) {
    days = en ? "weekdays " + span(week[0]) + ", weekends " + span(week[5])
              : "평일 " + span(week[0]) + ", 주말 " + span(week[5]);
  } else {
    for (std::size_t i = 0; i < 7; ++i)
      days += std::string(i == 0 ? "" : "; ") + std::string(en ? kDayEn[i] : kDayKo[i]) + " " +
              span(week[i]);
  }
  if (en) return days + " (" + timezone + "), closed on public holidays";
  return days + " (" + timezone + "), 공휴일 휴무";
}

boost::json::value BusinessHours::schedule_json() const {
  json::object days;
  for (std::size_t i = 0; i < 7; ++i) {
    json::array ranges;
    for (const auto& h : week[i])
      ranges.push_back(
          json::object{{"open", clock_text(h.open_minute)}, {"close", clock_text(h.close_minute)}});
    days[kDayKeys[i]] = std::move(ranges);
  }
  return json::object{{"timezone", timezone}, {"week", std::move(days)}};
}

namespace {

Error load_error(const std::string& source, const std::string& key, const std::string& what) {
  return Error{ErrorCode::kInvalidArgument,
               source + ": " + key + ": " + what,
               {{"file", source}, {"key", key}}};
}

// "HH:MM", 00:00 … 24:00.
std::optional<int> parse_clock(const json::value& v) {
  if (!v.is_string()) return std::nullopt;
  const std::string_view s = v.as_string();
  if (s.size() != 5 || s[2] != ':') return std::nullopt;
  for (int i : {0, 1, 3, 4})
    if (!std::isdigit(static_cast<unsigned char>(s[static_cast<std::size_t>(i)])))
      return std::nullopt;
  const int h = (s[0] - '0') * 10 + (s[1] - '0');
  const int m = (s[3] - '0') * 10 + (s[4] - '0');
  if (m > 59 || h > 24 || (h == 24 && m != 0)) return std::nullopt;
  return h * 60 + m;
}

bool valid_date(std::string_view s) {
  using namespace std::chrono;
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u})
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
  const int y = std::stoi(std::string(s.substr(0, 4)));
  const unsigned mo = static_cast<unsigned>(std::stoi(std::string(s.substr(5, 2))));
  const unsigned d = static_cast<unsigned>(std::stoi(std::string(s.substr(8, 2))));
  return year_month_day(year(y), month(mo), day(d)).ok();
}

// {"open": "HH:MM", "close": "HH:MM"}; with `allow_empty` (the file's weekdays/weekends
// form) open == close means closed all day.
Result<std::optional<DayHours>> read_range(const std::string& source, const std::string& key,
                                           const json::value& v, bool allow_empty) {
  if (!v.is_object())
    return tl::unexpected(
        load_error(source, key, "must be {\"open\": \"HH:MM\", \"close\": \"HH:MM\"}"));
  const auto& o = v.as_object();
  DayHours h;
  for (const char* field : {"open", "close"}) {
    const auto* f = o.if_contains(field);
    auto minute = f ? parse_clock(*f) : std::nullopt;
    if (!minute)
      return tl::unexpected(load_error(source, key + "." + field,
                                       "must be a time \"HH:MM\" between 00:00 and 24:00"));
    (std::string_view(field) == "open" ? h.open_minute : h.close_minute) = *minute;
  }
  for (const auto& [k, _] : o)
    if (k != "open" && k != "close")
      return tl::unexpected(load_error(source, key + "." + std::string(k), "unknown key"));
  if (h.close_minute < h.open_minute || (!allow_empty && h.close_minute == h.open_minute))
    return tl::unexpected(load_error(source, key, "must close after it opens"));
  if (h.open_minute == h.close_minute) return std::optional<DayHours>{};
  return std::optional<DayHours>{h};
}

// A day of the "week" form: a list of ranges, none overlapping.
Result<DaySchedule> read_day_ranges(const std::string& source, const std::string& key,
                                    const json::value& v) {
  if (!v.is_array())
    return tl::unexpected(load_error(
        source, key,
        "must be a list of {\"open\": \"HH:MM\", \"close\": \"HH:MM\"} (empty: closed)"));
  DaySchedule day;
  for (std::size_t i = 0; i < v.as_array().size(); ++i) {
    auto r = read_range(source, key + "[" + std::to_string(i) + "]", v.as_array()[i], false);
    if (!r) return tl::unexpected(r.error());
    day.push_back(**r);
  }
  std::sort(day.begin(), day.end(),
            [](const DayHours& a, const DayHours& b) { return a.open_minute < b.open_minute; });
  for (std::size_t i = 1; i < day.size(); ++i)
    if (day[i].open_minute < day[i - 1].close_minute)
      return tl::unexpected(load_error(source, key,
                                       "ranges overlap (" + clock_text(day[i - 1].open_minute) +
                                           "–" + clock_text(day[i - 1].close_minute) + " and " +
                                           clock_text(day[i].open_minute) + "–" +
                                           clock_text(day[i].close_minute) + ")"));
  return day;
}

// A holiday entry: "YYYY-MM-DD" (the file's short form) or {"date", "name"?, "queue"?}
// (`queue` only where `allow_queue`).
Result<Holiday> read_holiday(const std::string& source, const std::string& key,
                             const json::value& v, std::string queue, bool allow_queue) {
  Holiday h;
  h.queue = std::move(queue);
  if (v.is_string()) {
    h.date = v.as_string();
  } else if (v.is_object()) {
    for (const auto& [k, f] : v.as_object()) {
      const std::string where = key + "." + std::string(k);
      if (k == "date" && f.is_string()) {
        h.date = f.as_string();
      } else if (k == "name") {
        if (!f.is_string() || f.as_string().size() > 100)
          return tl::unexpected(load_error(source, where, "must be a text of at most 100 bytes"));
        h.name = f.as_string();
      } else if (k == "queue" && allow_queue) {
        if (!f.is_string() && !f.is_null())
          return tl::unexpected(load_error(source, where, "must be a queue id or null"));
        h.queue = f.is_null() ? "" : std::string(f.as_string());
      } else if (k != "date") {
        return tl::unexpected(load_error(source, where, "unknown key"));
      }
    }
  }
  if (!valid_date(h.date))
    return tl::unexpected(
        load_error(source, v.is_object() ? key + ".date" : key, "must be a date \"YYYY-MM-DD\""));
  return h;
}

// An "hours" object onto `h` (keys left out keep their value): timezone, the week's
// schedule (either "week" or the short "weekdays"/"weekends"), holidays of `scope`.
Result<BusinessHours> read_hours(const std::string& source, const std::string& key,
                                 const json::value& v, BusinessHours h, const std::string& scope,
                                 std::vector<Holiday>& holidays) {
  if (!v.is_object()) return tl::unexpected(load_error(source, key, "must be an object"));
  for (const auto& [k, value] : v.as_object()) {
    const std::string where = key + "." + std::string(k);
    if (k == "timezone") {
      if (!value.is_string()) return tl::unexpected(load_error(source, where, "must be a string"));
      const auto offset = fixed_zone_offset(value.as_string());
      if (!offset)
        return tl::unexpected(
            load_error(source, where,
                       "unknown time zone \"" + std::string(value.as_string()) +
                           "\" (known fixed-offset zones: Asia/Seoul, Asia/Tokyo, UTC)"));
      h.timezone = value.as_string();
      h.utc_offset_minutes = *offset;
    } else if (k == "weekdays" || k == "weekends") {
      auto range = read_range(source, where, value, true);
      if (!range) return tl::unexpected(range.error());
      const DaySchedule day = *range ? DaySchedule{**range} : DaySchedule{};
      for (std::size_t i = k == "weekdays" ? 0 : 5; i < (k == "weekdays" ? 5u : 7u); ++i)
        h.week[i] = day;
    } else if (k == "week") {
      if (!value.is_object())
        return tl::unexpected(
            load_error(source, where, "must be {\"mon\": [ranges], …, \"sun\": …}"));
      for (const auto& [day, _] : value.as_object())
        if (std::find(std::begin(kDayKeys), std::end(kDayKeys), std::string_view(day)) ==
            std::end(kDayKeys))
          return tl::unexpected(load_error(source, where + "." + std::string(day),
                                           "unknown day (mon, tue, wed, thu, fri, sat, sun)"));
      for (std::size_t i = 0; i < 7; ++i) {
        const auto* d = value.as_object().if_contains(kDayKeys[i]);
        if (d == nullptr) {
          h.week[i].clear();  // a day left out is closed
          continue;
        }
        auto day = read_day_ranges(source, where + "." + std::string(kDayKeys[i]), *d);
        if (!day) return tl::unexpected(day.error());
        h.week[i] = std::move(*day);
      }
    } else if (k == "holidays") {
      if (!value.is_array())
        return tl::unexpected(load_error(source, where, "must be a list of \"YYYY-MM-DD\" dates"));
      for (std::size_t i = 0; i < value.as_array().size(); ++i) {
        auto day = read_holiday(source, where + "[" + std::to_string(i) + "]", value.as_array()[i],
                                scope, false);
        if (!day) return tl::unexpected(day.error());
        holidays.push_back(std::move(*day));
      }
    } else {
      return tl::unexpected(load_error(source, where, "unknown key"));
    }
  }
  h.holidays.clear();
  return h;
}

Result<int> read_max_size(const std::string& source, const std::string& key, const json::value& v) {
  if (!v.is_int64() || v.as_int64() < 1 || v.as_int64() > 100000)
    return tl::unexpected(load_error(source, key, "must be a whole number from 1 to 100000"));
  return static_cast<int>(v.as_int64());
}

Result<std::array<int, 5>> read_sla(const std::string& source, const std::string& key,
                                    const json::value& v, std::array<int, 5> sla) {
  if (!v.is_object())
    return tl::unexpected(load_error(
        source, key, "must be {\"critical\": minutes, \"high\": …, \"medium\": …, \"low\": …}"));
  for (const auto& [k, minutes] : v.as_object()) {
    int index = 0;
    for (auto p : {dialogue::Priority::kLow, dialogue::Priority::kMedium, dialogue::Priority::kHigh,
                   dialogue::Priority::kCritical})
      if (dialogue::to_string(p) == k) index = static_cast<int>(p);
    const std::string where = key + "." + std::string(k);
    if (index == 0)
      return tl::unexpected(
          load_error(source, where, "unknown priority (low, medium, high, critical)"));
    if (!minutes.is_int64() || minutes.as_int64() < 1 || minutes.as_int64() > 24 * 60)
      return tl::unexpected(load_error(source, where, "must be whole minutes from 1 to 1440"));
    sla[static_cast<std::size_t>(index)] = static_cast<int>(minutes.as_int64()) * 60;
  }
  return sla;
}

json::object sla_json(const std::array<int, 5>& sla) {
  json::object out;
  for (auto p : {dialogue::Priority::kCritical, dialogue::Priority::kHigh,
                 dialogue::Priority::kMedium, dialogue::Priority::kLow})
    out[dialogue::to_string(p)] = sla[static_cast<std::size_t>(p)] / 60;
  return out;
}

Result<std::vector<std::string>> read_names(const std::string& source, const std::string& key,
                                            const json::value& v) {
  if (!v.is_array()) return tl::unexpected(load_error(source, key, "must be a list of strings"));
  std::vector<std::string> out;
  for (std::size_t i = 0; i < v.as_array().size(); ++i) {
    const auto& s = v.as_array()[i];
    if (!s.is_string() || s.as_string().empty() || s.as_string().size() > 64)
      return tl::unexpected(load_error(source, key + "[" + std::to_string(i) + "]",
                                       "must be a name of 1–64 characters"));
    out.emplace_back(s.as_string());
  }
  return out;
}

bool valid_queue_id(std::string_view id) {
  return !id.empty() && id.size() <= 64 && std::all_of(id.begin(), id.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
  });
}

}  // namespace

Result<QueueSet> QueueSet::load(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in)
    return tl::unexpected(Error{
        ErrorCode::kNotFound, file.string() + ": cannot read the file", {{"file", file.string()}}});
  std::stringstream buffer;
  buffer << in.rdbuf();
  boost::system::error_code ec;
  json::value doc = json::parse(buffer.str(), ec);
  if (ec)
    return tl::unexpected(
        load_error(file.string(), "(document)", "invalid JSON (" + ec.message() + ")"));
  return parse(doc, file.string());
}

Result<QueueSet> QueueSet::parse(const json::value& doc, const std::string& source) {
  if (!doc.is_object())
    return tl::unexpected(load_error(source, "(document)", "must be a JSON object"));
  const auto& o = doc.as_object();

  QueueSet set;
  const json::array* queues = nullptr;
  const json::value* top_holidays = nullptr;
  for (const auto& [k, v] : o) {
    const std::string key(k);
    if (k == "hours") {
      auto h = read_hours(source, key, v, set.hours_, "", set.holidays_);
      if (!h) return tl::unexpected(h.error());
      set.hours_ = std::move(*h);
    } else if (k == "holidays") {
      top_holidays = &v;
    } else if (k == "max_size") {
      auto m = read_max_size(source, key, v);
      if (!m) return tl::unexpected(m.error());
      set.max_size_ = *m;
    } else if (k == "sla_minutes") {
      auto s = read_sla(source, key, v, set.sla_seconds_);
      if (!s) return tl::unexpected(s.error());
      set.sla_seconds_ = *s;
    } else if (k == "critical_queue" || k == "default_queue") {
      if (!v.is_string()) return tl::unexpected(load_error(source, key, "must be a queue id"));
      (k == "critical_queue" ? set.critical_queue_ : set.default_queue_) = v.as_string();
    } else if (k == "texts") {
      if (!v.is_object()) return tl::unexpected(load_error(source, key, "must be an object"));
      for (const auto& [name, langs] : v.as_object()) {
        const std::string where = key + "." + std::string(name);
        if (std::find(std::begin(kTextKeys), std::end(kTextKeys), std::string_view(name)) ==
            std::end(kTextKeys))
          return tl::unexpected(load_error(source, where, "unknown text"));
        if (!langs.is_object())
          return tl::unexpected(load_error(source, where, "must be {\"ko\": …, \"en\": …}"));
        for (const char* lang : {"ko", "en"}) {
          const auto* t = langs.as_object().if_contains(lang);
          if (!t || !t->is_string() || t->as_string().empty())
            return tl::unexpected(
                load_error(source, where + "." + lang, "must be a non-empty text"));
          set.texts_[std::string(name)][lang] = t->as_string();
        }
      }
    } else if (k == "queues") {
      if (!v.is_array() || v.as_array().empty())
        return tl::unexpected(load_error(source, key, "must be a non-empty list of queues"));
      queues = &v.as_array();
    } else {
      return tl::unexpected(load_error(source, key, "unknown key"));
    }
  }
  if (queues == nullptr) return tl::unexpected(load_error(source, "queues", "is missing"));
  if (top_holidays != nullptr) {
    if (!top_holidays->is_array())
      return tl::unexpected(load_error(source, "holidays", "must be a list of holidays"));
    for (std::size_t i = 0; i < top_holidays->as_array().size(); ++i) {
      auto day = read_holiday(source, "holidays[" + std::to_string(i) + "]",
                              top_holidays->as_array()[i], "", true);
      if (!day) return tl::unexpected(day.error());
      set.holidays_.push_back(std::move(*day));
    }
  }

  std::set<std::string> reasons_seen;
  for (std::size_t i = 0; i < queues->size(); ++i) {
    const std::string at = "queues[" + std::to_string(i) + "]";
    const auto& qv = (*queues)[i];
    if (!qv.is_object()) return tl::unexpected(load_error(source, at, "must be an object"));
    QueueDef q;
    q.hours = set.hours_;
    q.max_size = set.max_size_;
    q.sla_seconds = set.sla_seconds_;
    const json::value* own_hours = nullptr;
    for (const auto& [k, v] : qv.as_object()) {
      const std::string key = at + "." + std::string(k);
      if (k == "id") {
        if (!v.is_string() || !valid_queue_id(v.as_string()))
          return tl::unexpected(
              load_error(source, key, "must be 1–64 characters of [A-Za-z0-9_-]"));
        q.id = v.as_string();
      } else if (k == "name") {
        if (!v.is_object())
          return tl::unexpected(load_error(source, key, "must be {\"ko\": …, \"en\": …}"));
        for (const auto& [lang, text] : v.as_object()) {
          if ((lang != "ko" && lang != "en") || !text.is_string() || text.as_string().empty() ||
              text.as_string().size() > 200)
            return tl::unexpected(load_error(source, key + "." + std::string(lang),
                                             "must be a non-empty text in ko or en"));
          q.name[std::string(lang)] = text.as_string();
        }
      } else if (k == "skills" || k == "reasons") {
        auto names = read_names(source, key, v);
        if (!names) return tl::unexpected(names.error());
        (k == "skills" ? q.skills : q.reasons) = std::move(*names);
      } else if (k == "hours") {
        if (!v.is_null()) own_hours = &v;  // null: the global hours
      } else if (k == "max_size") {
        auto m = read_max_size(source, key, v);
        if (!m) return tl::unexpected(m.error());
        q.max_size = *m;
      } else if (k == "sla_minutes") {
        auto s = read_sla(source, key, v, set.sla_seconds_);
        if (!s) return tl::unexpected(s.error());
        q.sla_seconds = *s;
      } else {
        return tl::unexpected(load_error(source, key, "unknown key"));
      }
    }
    if (q.id.empty()) return tl::unexpected(load_error(source, at + ".id", "is missing"));
    if (set.find(q.id) != nullptr)
      return tl::unexpected(load_error(source, at + ".id", "\"" + q.id + "\" is listed twice"));
    if (own_hours != nullptr) {
      auto h = read_hours(source, at + ".hours", *own_hours, set.hours_, q.id, set.holidays_);
      if (!h) return tl::unexpected(h.error());
      q.hours = std::move(*h);
      q.own_hours = true;
    }
    for (std::size_t r = 0; r < q.reasons.size(); ++r) {
      const std::string key = at + ".reasons[" + std::to_string(r) + "]";
      if (!dialogue::is_escalation_reason(q.reasons[r]))
        return tl::unexpected(
            load_error(source, key, "unknown escalation reason \"" + q.reasons[r] + "\""));
      if (!reasons_seen.insert(q.reasons[r]).second)
        return tl::unexpected(
            load_error(source, key, "reason \"" + q.reasons[r] + "\" is routed to two queues"));
    }
    if (!q.name.contains("ko")) q.name["ko"] = q.id;
    if (!q.name.contains("en")) q.name["en"] = q.id;
    set.queues_.push_back(std::move(q));
  }
  for (const char* k : {"critical_queue", "default_queue"}) {
    const std::string& id =
        std::string_view(k) == "critical_queue" ? set.critical_queue_ : set.default_queue_;
    if (id.empty()) return tl::unexpected(load_error(source, k, "is missing"));
    if (set.find(id) == nullptr)
      return tl::unexpected(load_error(source, k, "names no queue of the list: \"" + id + "\""));
  }
  for (auto name : kTextKeys)
    if (!set.texts_.contains(std::string(name)))
      return tl::unexpected(load_error(source, "texts." + std::string(name), "is missing"));

  // Holidays: each (date, queue) once, of a known queue; then every queue's effective days.
  std::stable_sort(set.holidays_.begin(), set.holidays_.end(),
                   [](const Holiday& a, const Holiday& b) {
                     return std::tie(a.date, a.queue) < std::tie(b.date, b.queue);
                   });
  for (std::size_t i = 0; i < set.holidays_.size(); ++i) {
    const auto& h = set.holidays_[i];
    if (!h.queue.empty() && set.find(h.queue) == nullptr)
      return tl::unexpected(
          load_error(source, "holidays",
                     "holiday " + h.date + " names no queue of the list: \"" + h.queue + "\""));
    if (i > 0 && set.holidays_[i - 1].date == h.date && set.holidays_[i - 1].queue == h.queue)
      return tl::unexpected(load_error(
          source, "holidays",
          "holiday " + h.date + (h.queue.empty() ? "" : " of " + h.queue) + " is listed twice"));
  }
  for (auto& q : set.queues_)
    for (const auto& h : set.holidays_)
      if (h.queue.empty() || h.queue == q.id) q.hours.holidays.insert(h.date);
  return set;
}

json::value QueueSet::to_json() const {
  json::object texts;
  for (const auto& [key, langs] : texts_) {
    json::object l;
    for (const auto& [lang, text] : langs) l[lang] = text;
    texts[key] = std::move(l);
  }
  json::array holidays;
  for (const auto& h : holidays_) {
    json::object o{{"date", h.date}, {"name", h.name}};
    if (!h.queue.empty()) o["queue"] = h.queue;
    holidays.push_back(std::move(o));
  }
  json::array queues;
  for (const auto& q : queues_) queues.push_back(queue_json(q));
  return json::object{{"hours", hours_.schedule_json()},
                      {"holidays", std::move(holidays)},
                      {"max_size", max_size_},
                      {"sla_minutes", sla_json(sla_seconds_)},
                      {"critical_queue", critical_queue_},
                      {"default_queue", default_queue_},
                      {"texts", std::move(texts)},
                      {"queues", std::move(queues)}};
}

json::value QueueSet::queue_json(const QueueDef& q) {
  json::object name;
  for (const auto& [lang, text] : q.name) name[lang] = text;
  return json::object{{"id", q.id},
                      {"name", std::move(name)},
                      {"skills", json::array(q.skills.begin(), q.skills.end())},
                      {"reasons", json::array(q.reasons.begin(), q.reasons.end())},
                      {"hours", q.own_hours ? q.hours.schedule_json() : json::value(nullptr)},
                      {"max_size", q.max_size},
                      {"sla_minutes", sla_json(q.sla_seconds)}};
}

std::string QueueSet::text(std::string_view key, std::string_view language,
                           const std::map<std::string, std::string>& values) const {
  const auto by_key = texts_.find(std::string(key));
  if (by_key == texts_.end()) return std::string(key);
  const auto by_lang = by_key->second.find(language == "en" ? "en" : "ko");
  std::string out = by_lang == by_key->second.end() ? std::string(key) : by_lang->second;
  for (const auto& [name, value] : values) {
    const std::string placeholder = "{" + name + "}";
    for (std::size_t at = out.find(placeholder); at != std::string::npos;
         at = out.find(placeholder, at + value.size()))
      out.replace(at, placeholder.size(), value);
  }
  return out;
}

const QueueDef* QueueSet::find(std::string_view id) const {
  for (const auto& q : queues_)
    if (q.id == id) return &q;
  return nullptr;
}

const QueueDef& QueueSet::select(std::string_view reason, dialogue::Priority priority) const {
  if (priority == dialogue::Priority::kCritical) return *find(critical_queue_);
  for (const auto& q : queues_)
    if (std::find(q.reasons.begin(), q.reasons.end(), reason) != q.reasons.end()) return q;
  return default_queue();
}

std::optional<std::string> normalize_callback_phone(std::string_view input) {
  if (input.size() > 32) return std::nullopt;
  std::string digits;
  std::string_view s = input;
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  bool international = false;
  if (s.starts_with("+82")) {
    international = true;
    s.remove_prefix(3);
  }
  for (char c : s) {
    if (std::isdigit(static_cast<unsigned char>(c)))
      digits += c;
    else if (c != ' ' && c != '-')
      return std::nullopt;
  }
  if (international && !digits.starts_with("0")) digits.insert(digits.begin(), '0');
  if (!digits.starts_with("0") || digits.size() < 9 || digits.size() > 11) return std::nullopt;
  if (digits.starts_with("02")) {  // Seoul: 02-XXX-XXXX or 02-XXXX-XXXX
    if (digits.size() == 9)
      return digits.substr(0, 2) + "-" + digits.substr(2, 3) + "-" + digits.substr(5);
    if (digits.size() == 10)
      return digits.substr(0, 2) + "-" + digits.substr(2, 4) + "-" + digits.substr(6);
    return std::nullopt;
  }
  if (digits.size() == 11)
    return digits.substr(0, 3) + "-" + digits.substr(3, 4) + "-" + digits.substr(7);
  if (digits.size() == 10)
    return digits.substr(0, 3) + "-" + digits.substr(3, 3) + "-" + digits.substr(6);
  return std::nullopt;
}

}  // namespace aicc::routing
