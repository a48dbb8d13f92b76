#include "domain/event.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <set>

#include "domain/json_fields.h"
#include "domain/validation.h"

namespace biobridge::domain {
namespace {

Status CheckZone(std::string_view field, const std::string& zone) {
  Result<TimeZone> found = TimeZone::Find(zone);
  return found.ok() ? Status::Ok() : InvalidArgumentError(std::string(field), found.status().message());
}

}  // namespace

Status ValidateEvent(const Event& e) {
  if (e.name.empty()) return InvalidArgumentError("name", "name is required: give it in at least one language");
  BB_RETURN_IF_ERROR(CheckOneOf("kind", e.kind, "event kind", kEventKinds));
  BB_RETURN_IF_ERROR(CheckOneOf("status", e.status, "event status", kEventStatuses));
  if (e.time_zone.empty()) {
    return InvalidArgumentError("time_zone", "time_zone is required: the IANA zone of the venue, such as Europe/Moscow");
  }
  BB_RETURN_IF_ERROR(CheckZone("time_zone", e.time_zone));
  if (!e.programme_id.empty()) BB_RETURN_IF_ERROR(ValidateRecordId(e.programme_id, "programme"));
  if (e.tables < 1 || e.tables > 100000) return InvalidArgumentError("tables", "must be between 1 and 100000");
  if (e.max_meetings < 0) return InvalidArgumentError("max_meetings", "cannot be negative");
  if (e.slots.empty()) return InvalidArgumentError("slots", "an event needs at least one meeting slot");
  if (e.slots.size() > 2000) return InvalidArgumentError("slots", "an event has at most 2000 slots");
  const TimeZone zone = *TimeZone::Find(e.time_zone);
  std::set<std::string_view> ids;
  for (std::size_t i = 0; i < e.slots.size(); ++i) {
    const EventSlot& s = e.slots[i];
    const std::string field = fmt::format("slots[{}]", i);
    BB_RETURN_IF_ERROR(ValidateRecordId(s.id, field + ".id"));
    if (!ids.insert(s.id).second) return InvalidArgumentError(field + ".id", fmt::format("'{}' is listed twice", s.id));
    if (!(s.start < s.end)) {
      return InvalidArgumentError(field + ".end", fmt::format("slot {} ends ({}) before it starts ({})", s.id,
                                                              FormatLocalDateTime(s.end), FormatLocalDateTime(s.start)));
    }
    for (const auto& [name, time] : {std::pair{".start", s.start}, std::pair{".end", s.end}}) {
      Result<Timestamp> at = zone.ToUtc(time);
      if (!at.ok()) return InvalidArgumentError(field + name, at.status().message());
    }
    if (i > 0 && s.start < e.slots[i - 1].end) {
      return InvalidArgumentError(field + ".start",
                                  fmt::format("slot {} starts at {}, before slot {} ends at {}: list slots in time "
                                              "order without overlaps",
                                              s.id, FormatLocalDateTime(s.start), e.slots[i - 1].id,
                                              FormatLocalDateTime(e.slots[i - 1].end)));
    }
  }
  return Status::Ok();
}

Status ValidateDelegate(const Delegate& d, const Event& event) {
  if (d.event_id != event.id) {
    return InvalidArgumentError("event", fmt::format("the delegate is registered for '{}', not '{}'", d.event_id, event.id));
  }
  if (d.name.empty()) return InvalidArgumentError("name", "name is required: the delegate's full name");
  if (d.organization_id.empty()) {
    return InvalidArgumentError("organization", "organization is required: the id of the organisation the delegate represents");
  }
  BB_RETURN_IF_ERROR(ValidateRecordId(d.organization_id, "organization"));
  if (!d.time_zone.empty()) BB_RETURN_IF_ERROR(CheckZone("time_zone", d.time_zone));
  if (d.max_meetings < 0) return InvalidArgumentError("max_meetings", "cannot be negative");
  std::set<std::string_view> seen;
  for (std::size_t i = 0; i < d.available_slots.size(); ++i) {
    const std::string& slot = d.available_slots[i];
    const std::string field = fmt::format("available_slots[{}]", i);
    const bool known = std::any_of(event.slots.begin(), event.slots.end(), [&](const EventSlot& s) { return s.id == slot; });
    if (!known) return InvalidArgumentError(field, fmt::format("'{}' is not a slot of event {}", slot, event.id));
    if (!seen.insert(slot).second) return InvalidArgumentError(field, fmt::format("'{}' is listed twice", slot));
  }
  return Status::Ok();
}

Status ValidateMeetingRequest(const MeetingRequest& r, const std::map<std::string, Delegate, std::less<>>& delegates) {
  BB_RETURN_IF_ERROR(CheckOneOf("priority", r.priority, "priority", kMeetingPriorities));
  BB_RETURN_IF_ERROR(CheckOneOf("status", r.status, "request status", kRequestStatuses));
  const auto from = delegates.find(r.from);
  const auto to = delegates.find(r.to);
  if (from == delegates.end()) {
    return InvalidArgumentError("from", fmt::format("'{}' is not a delegate of event {}", r.from, r.event_id));
  }
  if (to == delegates.end()) return InvalidArgumentError("to", fmt::format("'{}' is not a delegate of event {}", r.to, r.event_id));
  if (r.from == r.to) return InvalidArgumentError("to", "a delegate cannot request a meeting with themself");
  if (from->second.organization_id == to->second.organization_id) {
    return InvalidArgumentError("to", fmt::format("{} and {} are colleagues (both of {}): partnering meetings are between "
                                                  "organisations",
                                                  from->second.name, to->second.name, to->second.organization_id));
  }
  if (r.message.size() > 2000) return InvalidArgumentError("message", "is longer than 2000 bytes");
  std::set<std::string_view> seen{r.from, r.to};
  for (std::size_t i = 0; i < r.joining.size(); ++i) {
    const std::string field = fmt::format("joining[{}]", i);
    const auto colleague = delegates.find(r.joining[i]);
    if (colleague == delegates.end()) {
      return InvalidArgumentError(field, fmt::format("'{}' is not a delegate of event {}", r.joining[i], r.event_id));
    }
    if (!seen.insert(r.joining[i]).second) return InvalidArgumentError(field, fmt::format("'{}' is listed twice", r.joining[i]));
    const std::string& org = colleague->second.organization_id;
    if (org != from->second.organization_id && org != to->second.organization_id) {
      return InvalidArgumentError(field, fmt::format("{} is a colleague of neither side", colleague->second.name));
    }
  }
  return Status::Ok();
}

// --- Interchange ------------------------------------------------------------------------------

json::object ToJson(const Event& e) {
  json::object out;
  out["type"] = "event";
  out["id"] = e.id;
  PutText(out, "name", e.name);
  out["kind"] = e.kind;
  out["time_zone"] = e.time_zone;
  PutString(out, "programme", e.programme_id);
  out["tables"] = e.tables;
  if (e.max_meetings > 0) out["max_meetings"] = e.max_meetings;
  json::array slots;
  for (const EventSlot& s : e.slots) {
    slots.push_back(json::object{{"id", s.id}, {"start", FormatLocalDateTime(s.start)}, {"end", FormatLocalDateTime(s.end)}});
  }
  out["slots"] = std::move(slots);
  out["status"] = e.status;
  PutExtra(out, e.extra);
  return out;
}

json::object ToJson(const Delegate& d) {
  json::object out;
  out["type"] = "delegate";
  out["id"] = d.id;
  out["event"] = d.event_id;
  out["organization"] = d.organization_id;
  out["name"] = d.name;
  PutString(out, "user", d.user_id);
  PutString(out, "time_zone", d.time_zone);
  PutList(out, "available_slots", d.available_slots);
  if (d.max_meetings > 0) out["max_meetings"] = d.max_meetings;
  PutExtra(out, d.extra);
  return out;
}

json::object ToJson(const MeetingRequest& r) {
  json::object out;
  out["type"] = "meeting_request";
  out["id"] = r.id;
  out["event"] = r.event_id;
  out["from"] = r.from;
  out["to"] = r.to;
  PutList(out, "joining", r.joining);
  out["priority"] = r.priority;
  out["status"] = r.status;
  PutString(out, "message", r.message);
  PutExtra(out, r.extra);
  return out;
}

Result<Event> EventFromJson(const json::object& object) {
  RecordReader in(object, {"id", "name", "kind", "time_zone", "programme", "tables", "max_meetings", "slots", "status"});
  Event e;
  BB_RETURN_IF_ERROR(in.Type("event"));
  BB_RETURN_IF_ERROR(in.String("id", e.id));
  BB_RETURN_IF_ERROR(in.Text("name", e.name));
  BB_RETURN_IF_ERROR(in.String("kind", e.kind));
  if (e.kind.empty()) e.kind = "forum";
  BB_RETURN_IF_ERROR(in.String("time_zone", e.time_zone));
  BB_RETURN_IF_ERROR(in.String("programme", e.programme_id));
  BB_RETURN_IF_ERROR(in.Int("tables", e.tables, 1, 100000));
  BB_RETURN_IF_ERROR(in.Int("max_meetings", e.max_meetings, 0, 10000));
  BB_RETURN_IF_ERROR(in.Objects("slots", {"id", "start", "end"}, [&](const RecordReader& s) -> Status {
    EventSlot slot;
    std::string start, end;
    BB_RETURN_IF_ERROR(s.String("id", slot.id));
    BB_RETURN_IF_ERROR(s.String("start", start));
    BB_RETURN_IF_ERROR(s.String("end", end));
    for (auto [name, text, out] : {std::tuple{"start", &start, &slot.start}, std::tuple{"end", &end, &slot.end}}) {
      Result<LocalDateTime> t = ParseLocalDateTime(*text);
      if (!t.ok()) return InvalidArgumentError(name, t.status().message());
      *out = *t;
    }
    e.slots.push_back(std::move(slot));
    return Status::Ok();
  }));
  BB_RETURN_IF_ERROR(in.String("status", e.status));
  if (e.status.empty()) e.status = "open";
  BB_RETURN_IF_ERROR(in.Version(e.meta.version));
  e.extra = in.Extra();
  return e;
}

Result<Delegate> DelegateFromJson(const json::object& object) {
  RecordReader in(object, {"id", "event", "organization", "name", "user", "time_zone", "available_slots", "max_meetings"});
  Delegate d;
  BB_RETURN_IF_ERROR(in.Type("delegate"));
  BB_RETURN_IF_ERROR(in.String("id", d.id));
  BB_RETURN_IF_ERROR(in.String("event", d.event_id));
  BB_RETURN_IF_ERROR(in.String("organization", d.organization_id));
  BB_RETURN_IF_ERROR(in.String("name", d.name));
  BB_RETURN_IF_ERROR(in.String("user", d.user_id));
  BB_RETURN_IF_ERROR(in.String("time_zone", d.time_zone));
  BB_RETURN_IF_ERROR(in.StringList("available_slots", d.available_slots));
  BB_RETURN_IF_ERROR(in.Int("max_meetings", d.max_meetings, 0, 10000));
  BB_RETURN_IF_ERROR(in.Version(d.meta.version));
  d.extra = in.Extra();
  return d;
}

Result<MeetingRequest> MeetingRequestFromJson(const json::object& object) {
  RecordReader in(object, {"id", "event", "from", "to", "joining", "priority", "status", "message"});
  MeetingRequest r;
  BB_RETURN_IF_ERROR(in.Type("meeting_request"));
  BB_RETURN_IF_ERROR(in.String("id", r.id));
  BB_RETURN_IF_ERROR(in.String("event", r.event_id));
  BB_RETURN_IF_ERROR(in.String("from", r.from));
  BB_RETURN_IF_ERROR(in.String("to", r.to));
  BB_RETURN_IF_ERROR(in.StringList("joining", r.joining));
  BB_RETURN_IF_ERROR(in.String("priority", r.priority));
  if (r.priority.empty()) r.priority = "would_like";
  BB_RETURN_IF_ERROR(in.String("status", r.status));
  if (r.status.empty()) r.status = "pending";
  BB_RETURN_IF_ERROR(in.String("message", r.message));
  BB_RETURN_IF_ERROR(in.Version(r.meta.version));
  r.extra = in.Extra();
  return r;
}

json::object ToJson(const Schedule& s) {
  json::array meetings;
  for (const Meeting& m : s.meetings) {
    meetings.push_back(json::object{{"request", m.request_id}, {"slot", m.slot_id}, {"table", m.table},
                                    {"status", m.status}, {"sequence", m.sequence}, {"published", m.published}});
  }
  json::object out{{"event", s.event_id}, {"state", s.state}, {"meetings", std::move(meetings)}, {"figures", s.figures}};
  if (s.published_at) out["published_at"] = FormatTimestamp(*s.published_at);
  return out;
}

Result<Schedule> ScheduleFromJson(const json::object& object) {
  RecordReader in(object, {"event", "state", "meetings", "figures", "published_at"});
  Schedule s;
  BB_RETURN_IF_ERROR(in.String("event", s.event_id));
  BB_RETURN_IF_ERROR(in.String("state", s.state));
  BB_RETURN_IF_ERROR(in.Objects("meetings", {"request", "slot", "table", "status", "sequence", "published"},
                                [&](const RecordReader& m) -> Status {
    Meeting x;
    BB_RETURN_IF_ERROR(m.String("request", x.request_id));
    BB_RETURN_IF_ERROR(m.String("slot", x.slot_id));
    BB_RETURN_IF_ERROR(m.Int("table", x.table, 0, 100000));
    BB_RETURN_IF_ERROR(m.String("status", x.status));
    BB_RETURN_IF_ERROR(m.Int("sequence", x.sequence, 0, 1000000));
    BB_RETURN_IF_ERROR(m.Bool("published", x.published));
    s.meetings.push_back(std::move(x));
    return Status::Ok();
  }));
  if (const json::value* f = object.if_contains("figures"); f && f->is_object()) s.figures = f->get_object();
  Timestamp published{};
  BB_RETURN_IF_ERROR(in.Time("published_at", published));
  if (published != Timestamp{}) s.published_at = published;
  return s;
}

}  // namespace biobridge::domain
