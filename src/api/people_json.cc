#include "api/people_json.h"

#include <algorithm>

namespace aicc::api {

json::object to_json(const User& u) {
  return {{"id", u.id},
          {"username", u.username},
          {"display_name", u.display_name},
          {"role", to_string(u.role)},
          {"active", u.active},
          {"created_at", format_iso8601(u.created_at)},
          {"updated_at", format_iso8601(u.updated_at)}};
}

json::object to_json(const Agent& a, TimePoint now) {
  const auto& p = a.profile;
  json::array skills;
  for (const auto& s : p.skills)
    skills.push_back(json::object{{"name", s.name}, {"level", s.level}});
  json::array languages(p.languages.begin(), p.languages.end());
  json::array queues(p.queues.begin(), p.queues.end());
  const auto in_state = std::chrono::duration_cast<std::chrono::seconds>(now - p.state_since);
  json::object out = to_json(a.user);
  out["skills"] = std::move(skills);
  out["languages"] = std::move(languages);
  out["queues"] = std::move(queues);
  out["capacity"] = json::object{{"chat", p.chat_capacity}, {"voice", p.voice_capacity}};
  out["state"] = json::object{
      {"state", to_string(p.state)},
      {"reason", p.state_reason.empty() ? json::value(nullptr) : json::value(p.state_reason)},
      {"since", format_iso8601(p.state_since)},
      // A clock step backwards must not show a negative time.
      {"seconds_in_state", std::max<std::int64_t>(0, in_state.count())}};
  return out;
}

std::optional<std::vector<AgentSkill>> read_skills(FieldReader& f) {
  const json::array* items = f.array("skills");
  if (!items) return std::nullopt;
  std::vector<AgentSkill> out;
  for (std::size_t i = 0; i < items->size(); ++i) {
    const std::string at = "skills[" + std::to_string(i) + "]";
    const auto* o = (*items)[i].if_object();
    if (!o) {
      f.fail("skills", at + " must be an object");
      return std::nullopt;
    }
    FieldReader sf(*o, at);
    auto name = sf.string("name", true);
    auto level = sf.integer("level", true, 1, 5);
    sf.reject_unknown();
    if (!sf.ok()) {
      f.take_error(sf);  // its details.field names the exact place, e.g. skills[1].level
      return std::nullopt;
    }
    out.push_back({*name, static_cast<int>(*level)});
  }
  return out;
}

}  // namespace aicc::api
