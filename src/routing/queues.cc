#include "routing/queues.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <fstream>
#include <sstream>

#include <boost/json.hpp>

namespace aicc::routing {
namespace json = boost::json;

namespace {

// Named zones we know the fixed offset of. A zone with daylight saving needs a real
// time-zone database and is refused rather than answered wrongly half the year.
struct FixedZone {
  std::string_view name;
  int offset_minutes;
};
constexpr FixedZone kZones[] = {
    {"Asia/Seoul", 9 * 60}, {"Asia/Tokyo", 9 * 60}, {"UTC", 0}, {"Etc/UTC", 0}};

std::string two(int v) {
  return (v < 10 ? "0" : "") + std::to_string(v);
}
std::string clock_text(int minute) {
  return two(minute / 60) + ":" + two(minute % 60);
}

}  // namespace

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
  const DayHours& h = (wd == 0 || wd == 6) ? weekends : weekdays;
  return h.open_minute <= minute && minute < h.close_minute;
}

std::string BusinessHours::describe(std::string_view language) const {
  auto span = [](const DayHours& h, std::string_view closed) {
    if (h.open_minute >= h.close_minute) return std::string(closed);
    return clock_text(h.open_minute) + "–" + clock_text(h.close_minute);
  };
  if (language == "en")
    return "weekdays " + span(weekdays, "closed") + ", weekends " + span(weekends, "closed") +
           " (" + timezone + "), closed on public holidays";
  return "평일 " + span(weekdays, "휴무") + ", 주말 " + span(weekends, "휴무") + " (" + timezone +
         "), 공휴일 휴무";
}

namespace {

Error load_error(const std::filesystem::path& file, const std::string& key,
                 const std::string& what) {
  return Error{ErrorCode::kInvalidArgument,
               file.string() + ": " + key + ": " + what,
               {{"file", file.string()}, {"key", key}}};
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

Result<DayHours> read_day(const std::filesystem::path& file, const std::string& key,
                          const json::value& v) {
  if (!v.is_object())
    return tl::unexpected(
        load_error(file, key, "must be {\"open\": \"HH:MM\", \"close\": \"HH:MM\"}"));
  const auto& o = v.as_object();
  DayHours h;
  for (const char* field : {"open", "close"}) {
    const auto* f = o.if_contains(field);
    auto minute = f ? parse_clock(*f) : std::nullopt;
    if (!minute)
      return tl::unexpected(
          load_error(file, key + "." + field, "must be a time \"HH:MM\" between 00:00 and 24:00"));
    (std::string_view(field) == "open" ? h.open_minute : h.close_minute) = *minute;
  }
  if (h.close_minute < h.open_minute)
    return tl::unexpected(load_error(file, key, "closes before it opens"));
  for (const auto& [k, _] : o)
    if (k != "open" && k != "close")
      return tl::unexpected(load_error(file, key + "." + std::string(k), "unknown key"));
  return h;
}

Result<BusinessHours> read_hours(const std::filesystem::path& file, const std::string& key,
                                 const json::value& v, BusinessHours h) {
  if (!v.is_object()) return tl::unexpected(load_error(file, key, "must be an object"));
  for (const auto& [k, value] : v.as_object()) {
    const std::string where = key + "." + std::string(k);
    if (k == "timezone") {
      if (!value.is_string()) return tl::unexpected(load_error(file, where, "must be a string"));
      const auto* zone =
          std::find_if(std::begin(kZones), std::end(kZones),
                       [&](const FixedZone& z) { return z.name == value.as_string(); });
      if (zone == std::end(kZones))
        return tl::unexpected(
            load_error(file, where,
                       "unknown time zone \"" + std::string(value.as_string()) +
                           "\" (known fixed-offset zones: Asia/Seoul, Asia/Tokyo, UTC)"));
      h.timezone = std::string(zone->name);
      h.utc_offset_minutes = zone->offset_minutes;
    } else if (k == "weekdays" || k == "weekends") {
      auto day = read_day(file, where, value);
      if (!day) return tl::unexpected(day.error());
      (k == "weekdays" ? h.weekdays : h.weekends) = *day;
    } else if (k == "holidays") {
      if (!value.is_array())
        return tl::unexpected(load_error(file, where, "must be a list of \"YYYY-MM-DD\" dates"));
      h.holidays.clear();
      for (std::size_t i = 0; i < value.as_array().size(); ++i) {
        const auto& d = value.as_array()[i];
        if (!d.is_string() || !valid_date(d.as_string()))
          return tl::unexpected(load_error(file, where + "[" + std::to_string(i) + "]",
                                           "must be a date \"YYYY-MM-DD\""));
        h.holidays.insert(std::string(d.as_string()));
      }
    } else {
      return tl::unexpected(load_error(file, where, "unknown key"));
    }
  }
  return h;
}

Result<int> read_max_size(const std::filesystem::path& file, const std::string& key,
                          const json::value& v) {
  if (!v.is_int64() || v.as_int64() < 1 || v.as_int64() > 100000)
    return tl::unexpected(load_error(file, key, "must be a whole number from 1 to 100000"));
  return static_cast<int>(v.as_int64());
}

Result<std::array<int, 5>> read_sla(const std::filesystem::path& file, const std::string& key,
                                    const json::value& v, std::array<int, 5> sla) {
  if (!v.is_object())
    return tl::unexpected(load_error(
        file, key, "must be {\"critical\": minutes, \"high\": …, \"medium\": …, \"low\": …}"));
  for (const auto& [k, minutes] : v.as_object()) {
    int index = 0;
    for (auto p : {dialogue::Priority::kLow, dialogue::Priority::kMedium, dialogue::Priority::kHigh,
                   dialogue::Priority::kCritical})
      if (dialogue::to_string(p) == k) index = static_cast<int>(p);
    const std::string where = key + "." + std::string(k);
    if (index == 0)
      return tl::unexpected(
          load_error(file, where, "unknown priority (low, medium, high, critical)"));
    if (!minutes.is_int64() || minutes.as_int64() < 1 || minutes.as_int64() > 24 * 60)
      return tl::unexpected(load_error(file, where, "must be whole minutes from 1 to 1440"));
    sla[static_cast<std::size_t>(index)] = static_cast<int>(minutes.as_int64()) * 60;
  }
  return sla;
}

Result<std::vector<std::string>> read_names(const std::filesystem::path& file,
                                            const std::string& key, const json::value& v) {
  if (!v.is_array()) return tl::unexpected(load_error(file, key, "must be a list of strings"));
  std::vector<std::string> out;
  for (std::size_t i = 0; i < v.as_array().size(); ++i) {
    const auto& s = v.as_array()[i];
    if (!s.is_string() || s.as_string().empty() || s.as_string().size() > 64)
      return tl::unexpected(load_error(file, key + "[" + std::to_string(i) + "]",
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
    return tl::unexpected(load_error(file, "(document)", "invalid JSON (" + ec.message() + ")"));
  if (!doc.is_object())
    return tl::unexpected(load_error(file, "(document)", "must be a JSON object"));
  const auto& o = doc.as_object();

  BusinessHours hours;
  int max_size = 50;
  std::array<int, 5> sla = QueueDef{}.sla_seconds;
  QueueSet set;
  const json::array* queues = nullptr;
  for (const auto& [k, v] : o) {
    const std::string key(k);
    if (k == "hours") {
      auto h = read_hours(file, key, v, hours);
      if (!h) return tl::unexpected(h.error());
      hours = std::move(*h);
    } else if (k == "max_size") {
      auto m = read_max_size(file, key, v);
      if (!m) return tl::unexpected(m.error());
      max_size = *m;
    } else if (k == "sla_minutes") {
      auto s = read_sla(file, key, v, sla);
      if (!s) return tl::unexpected(s.error());
      sla = *s;
    } else if (k == "critical_queue" || k == "default_queue") {
      if (!v.is_string()) return tl::unexpected(load_error(file, key, "must be a queue id"));
      (k == "critical_queue" ? set.critical_queue_ : set.default_queue_) = v.as_string();
    } else if (k == "texts") {
      if (!v.is_object()) return tl::unexpected(load_error(file, key, "must be an object"));
      for (const auto& [name, langs] : v.as_object()) {
        const std::string where = key + "." + std::string(name);
        if (std::find(std::begin(kTextKeys), std::end(kTextKeys), std::string_view(name)) ==
            std::end(kTextKeys))
          return tl::unexpected(load_error(file, where, "unknown text"));
        if (!langs.is_object())
          return tl::unexpected(load_error(file, where, "must be {\"ko\": …, \"en\": …}"));
        for (const char* lang : {"ko", "en"}) {
          const auto* t = langs.as_object().if_contains(lang);
          if (!t || !t->is_string() || t->as_string().empty())
            return tl::unexpected(load_error(file, where + "." + lang, "must be a non-empty text"));
          set.texts_[std::string(name)][lang] = t->as_string();
        }
      }
    } else if (k == "queues") {
      if (!v.is_array() || v.as_array().empty())
        return tl::unexpected(load_error(file, key, "must be a non-empty list of queues"));
      queues = &v.as_array();
    } else {
      return tl::unexpected(load_error(file, key, "unknown key"));
    }
  }
  if (queues == nullptr) return tl::unexpected(load_error(file, "queues", "is missing"));

  std::set<std::string> reasons_seen;
  for (std::size_t i = 0; i < queues->size(); ++i) {
    const std::string at = "queues[" + std::to_string(i) + "]";
    const auto& qv = (*queues)[i];
    if (!qv.is_object()) return tl::unexpected(load_error(file, at, "must be an object"));
    QueueDef q;
    q.hours = hours;
    q.max_size = max_size;
    q.sla_seconds = sla;
    for (const auto& [k, v] : qv.as_object()) {
      const std::string key = at + "." + std::string(k);
      if (k == "id") {
        if (!v.is_string() || !valid_queue_id(v.as_string()))
          return tl::unexpected(load_error(file, key, "must be 1–64 characters of [A-Za-z0-9_-]"));
        q.id = v.as_string();
      } else if (k == "name") {
        if (!v.is_object())
          return tl::unexpected(load_error(file, key, "must be {\"ko\": …, \"en\": …}"));
        for (const auto& [lang, text] : v.as_object()) {
          if ((lang != "ko" && lang != "en") || !text.is_string() || text.as_string().empty())
            return tl::unexpected(load_error(file, key + "." + std::string(lang),
                                             "must be a non-empty text in ko or en"));
          q.name[std::string(lang)] = text.as_string();
        }
      } else if (k == "skills" || k == "reasons") {
        auto names = read_names(file, key, v);
        if (!names) return tl::unexpected(names.error());
        (k == "skills" ? q.skills : q.reasons) = std::move(*names);
      } else if (k == "hours") {
        auto h = read_hours(file, key, v, hours);
        if (!h) return tl::unexpected(h.error());
        q.hours = std::move(*h);
      } else if (k == "max_size") {
        auto m = read_max_size(file, key, v);
        if (!m) return tl::unexpected(m.error());
        q.max_size = *m;
      } else if (k == "sla_minutes") {
        auto s = read_sla(file, key, v, sla);
        if (!s) return tl::unexpected(s.error());
        q.sla_seconds = *s;
      } else {
        return tl::unexpected(load_error(file, key, "unknown key"));
      }
    }
    if (q.id.empty()) return tl::unexpected(load_error(file, at + ".id", "is missing"));
    if (set.find(q.id) != nullptr)
      return tl::unexpected(load_error(file, at + ".id", "\"" + q.id + "\" is listed twice"));
    for (std::size_t r = 0; r < q.reasons.size(); ++r) {
      const std::string key = at + ".reasons[" + std::to_string(r) + "]";
      if (!dialogue::is_escalation_reason(q.reasons[r]))
        return tl::unexpected(
            load_error(file, key, "unknown escalation reason \"" + q.reasons[r] + "\""));
      if (!reasons_seen.insert(q.reasons[r]).second)
        return tl::unexpected(
            load_error(file, key, "reason \"" + q.reasons[r] + "\" is routed to two queues"));
    }
    if (!q.name.contains("ko")) q.name["ko"] = q.id;
    if (!q.name.contains("en")) q.name["en"] = q.id;
    set.queues_.push_back(std::move(q));
  }
  for (const char* k : {"critical_queue", "default_queue"}) {
    const std::string& id =
        std::string_view(k) == "critical_queue" ? set.critical_queue_ : set.default_queue_;
    if (id.empty()) return tl::unexpected(load_error(file, k, "is missing"));
    if (set.find(id) == nullptr)
      return tl::unexpected(load_error(file, k, "names no queue of the list: \"" + id + "\""));
  }
  for (auto name : kTextKeys)
    if (!set.texts_.contains(std::string(name)))
      return tl::unexpected(load_error(file, "texts." + std::string(name), "is missing"));
  return set;
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
