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
  out["listed_delegates"] = v.listed;
  json::array hosts;
  for (const service::EventHost& h : v.hosts) hosts.push_back(json::object{{"id", h.id}, {"name", h.name}});
  out["host_names"] = std::move(hosts);
  out["schedule_state"] = v.schedule_state;
  out["me"] = v.me ? json::value(View(*v.me)) : json::value(nullptr);
  return out;
}

// Without its check-in key: the agenda's check_in_code is shown to the
// delegate and organisers only.
json::object View(const domain::Delegate& delegate) {
  json::object out = Record(domain::ToJson(delegate), delegate.meta);
  out.erase("check_in_key");
  return out;
}

json::object View(const service::RequestView& v) {
  json::object out = Record(domain::ToJson(v.request), v.request.meta);
  out["from_name"] = v.from_name;
  out["from_organization"] = v.from_organization;
  out["to_name"] = v.to_name;
  out["to_organization"] = v.to_organization;
  if (!v.direction.empty()) out["direction"] = v.direction;
  return out;
}

// The organiser's view: meetings without their video keys, as everywhere
// (the agendas carry the links the keys make).
json::object View(const domain::Schedule& schedule) {
  json::object out = domain::ToJson(schedule);
  for (const char* list : {"meetings", "published_meetings"}) {
    if (json::value* meetings = out.if_contains(list); meetings && meetings->is_array()) {
      for (json::value& m : meetings->get_array()) {
        if (m.is_object()) m.get_object().erase("video_key");
      }
    }
  }
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
                      {"check_in_code", agenda.check_in_code},
                      {"items", std::move(items)}};
}

json::object View(const service::DelegateSuggestion& s) {
  return json::object{{"delegate", View(s.delegate)},
                      {"organization_name", s.organization_name},
                      {"score", s.score},
                      {"reasons", Reasons(s.reasons)}};
}

// Named fields only: what the service let the viewer see of the delegate
// (never their account, availability or check-in).
json::object View(const service::Participant& p) {
  const domain::Delegate& d = p.delegate;
  json::object out{{"id", d.id},
                   {"name", d.name},
                   {"organization", d.organization_id},
                   {"organization_name", p.organization_name},
                   {"country", p.country},
                   {"kind", p.kind},
                   {"therapeutic_areas", json::value_from(p.therapeutic_areas)},
                   {"offers", json::value_from(p.offers)},
                   {"seeks", json::value_from(p.seeks)},
                   {"hall", d.hall},
                   {"stand", d.stand},
                   {"attendance", d.attendance},
                   {"colleague", p.colleague},
                   {"suggested", p.suggested}};
  if (p.suggested) {
    out["score"] = p.score;
    out["reasons"] = Reasons(p.reasons);
  }
  if (!p.request_id.empty()) out["request"] = json::object{{"id", p.request_id}, {"status", p.request_status}};
  if (!p.description.empty()) out["description"] = p.description;
  return out;
}

json::object View(const service::ParticipantPage& page) {
  json::array items;
  for (const service::Participant& p : page.items) items.push_back(View(p));
  const std::int64_t pages = (page.total + page.per_page - 1) / page.per_page;
  return json::object{{"items", std::move(items)}, {"page", page.page},   {"per_page", page.per_page},
                      {"total", page.total},       {"pages", pages},      {"full", page.full}};
}

json::object View(const service::CheckIn& c) {
  json::object out{{"delegate", c.delegate.id},
                   {"name", c.delegate.name},
                   {"organization_name", c.organization_name},
                   {"already", c.already}};
  if (c.delegate.checked_in_at) out["checked_in_at"] = FormatTimestamp(*c.delegate.checked_in_at);
  return out;
}

json::object View(const service::Attendance& a) {
  json::array delegates;
  for (const service::AttendanceDelegate& d : a.delegates) {
    json::object row{{"id", d.id},           {"name", d.name},       {"organization_name", d.organization_name},
                     {"meetings", d.meetings}, {"held", d.held},     {"no_show", d.no_show},
                     {"check_in_code", d.check_in_code}};
    row["checked_in_at"] = d.checked_in_at ? json::value(FormatTimestamp(*d.checked_in_at)) : json::value(nullptr);
    delegates.push_back(std::move(row));
  }
  json::array meetings;
  for (const service::AttendanceMeeting& m : a.meetings) {
    meetings.push_back(json::object{{"request", m.request_id},
                                    {"slot", m.slot_id},
                                    {"start", FormatLocalDateTime(m.start)},
                                    {"place", m.place},
                                    {"with", json::value_from(m.with)},
                                    {"outcome", m.outcome}});
  }
  return json::object{{"delegates", std::move(delegates)}, {"meetings", std::move(meetings)}};
}

}  // namespace biobridge::api
