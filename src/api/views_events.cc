// JSON views of partnering events.
#include "api/views.h"
#include "domain/codec.h"

namespace biobridge::api {
namespace {

json::object Record(json::object out, const domain::RecordMeta& meta) {
  out.erase("type");
  domain::AddMeta(out, meta);
  return out;
}

json::array Reasons(const std::vector<service::MatchReason>& reasons) {
  json::array out;
  for (const service::MatchReason& r : reasons) out.push_back(json::object{{"code", r.code}, {"text", r.text}});
  return out;
}

}  // namespace

json::object View(const domain::Event& event) { return Record(domain::ToJson(event), event.meta); }

json::object View(const service::EventView& v) {
  json::object out = View(v.event);
  out["organiser"] = v.organiser;
  out["delegates"] = v.delegates;
  out["schedule_state"] = v.schedule_state;
  out["me"] = v.me ? json::value(View(*v.me)) : json::value(nullptr);
  return out;
}

json::object View(const domain::Delegate& delegate) { return Record(domain::ToJson(delegate), delegate.meta); }

json::object View(const service::RequestView& v) {
  json::object out = Record(domain::ToJson(v.request), v.request.meta);
  out["from_name"] = v.from_name;
  out["from_organization"] = v.from_organization;
  out["to_name"] = v.to_name;
  out["to_organization"] = v.to_organization;
  if (!v.direction.empty()) out["direction"] = v.direction;
  return out;
}

json::object View(const domain::Schedule& schedule) {
  json::object out = domain::ToJson(schedule);
  domain::AddMeta(out, schedule.meta);
  return out;
}

// Without its video_key: participants get the link it makes (agendas), never the key.
json::object View(const domain::Meeting& m) {
  json::object out = domain::ToJson(m);
  out.erase("video_key");
  return out;
}

json::object View(const service::Agenda& agenda) {
  json::array items;
  for (const service::AgendaItem& item : agenda.items) {
    json::object out = View(item.meeting);
    out["priority"] = item.priority;
    out["start"] = FormatLocalDateTime(item.start);
    out["end"] = FormatLocalDateTime(item.end);
    out["start_utc"] = FormatTimestamp(item.start_utc);
    out["place"] = item.place;
    out["virtual"] = item.virtual_room;
    if (!item.video_link.empty()) out["video_link"] = item.video_link;
    out["with"] = json::value_from(item.with);
    out["with_organizations"] = json::value_from(item.with_organizations);
    items.push_back(std::move(out));
  }
  return json::object{{"delegate", View(agenda.delegate)},
                      {"event_name", agenda.event_name},
                      {"time_zone", agenda.time_zone},
                      {"published", agenda.published},
                      {"items", std::move(items)}};
}

json::object View(const service::DelegateSuggestion& s) {
  return json::object{{"delegate", View(s.delegate)},
                      {"organization_name", s.organization_name},
                      {"score", s.score},
                      {"reasons", Reasons(s.reasons)}};
}

}  // namespace biobridge::api
