#include "domain/event.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <set>

#include "base/utf8.h"
#include "domain/json_fields.h"
#include "domain/validation.h"

namespace biobridge::domain {
namespace {

// Event::video_link with its placeholders filled in.
std::string FillVideoLink(std::string link, std::string_view event_part, std::string_view meeting_part) {
  for (const auto& [placeholder, value] :
       {std::pair<std::string_view, std::string_view>{"{meeting}", meeting_part}, {"{event}", event_part}}) {
    for (std::size_t at = 0; (at = link.find(placeholder, at)) != std::string::npos; at += value.size()) {
      link.replace(at, placeholder.size(), value);
    }
  }
  return link;
}

// An https address fit to put in a calendar and a page as it is: printable
// ASCII without spaces, quotes, angle brackets or braces (a placeholder is
// filled in `checked` before), a host, at most kUrlLength characters.
// `shown` is what the message quotes.
Status CheckVideoAddress(const std::string& field, std::string_view shown, std::string_view checked) {
  constexpr std::string_view kScheme = "https://";
  if (checked.size() > RecordLimits::kUrlLength) {
    return InvalidArgumentError(field, fmt::format("is longer than {} characters", RecordLimits::kUrlLength));
  }
  const bool printable = std::all_of(checked.begin(), checked.end(), [](char c) {
    return c > ' ' && c < 0x7F && std::string_view("\"'<>\\^`{|}").find(c) == std::string_view::npos;
  });
  const std::string_view host = checked.starts_with(kScheme) ? checked.substr(kScheme.size()) : std::string_view();
  if (!printable || host.empty() || host.front() == '/' || host.front() == '.' || host.front() == ':') {
    return InvalidArgumentError(field, fmt::format("'{}' is not an https address of a video call, such as "
                                                   "https://meet.example.org/room-12",
                                                   shown));
  }
  return Status::Ok();
}

// Text in one or more languages (two-letter codes), each at most `max` code points.
Status CheckEventText(std::string_view field, const LocalizedText& text, std::size_t max) {
  for (const auto& [language, value] : text.variants()) {
    const std::string path = fmt::format("{}.{}", field, language);
    if (language.size() != 2 || !std::all_of(language.begin(), language.end(), [](char c) { return c >= 'a' && c <= 'z'; })) {
      return InvalidArgumentError(path, fmt::format("'{}' is not a language code; use en, zh or ru", language));
    }
    if (const std::size_t length = CountCodePoints(value); length > max) {
      return InvalidArgumentError(path, fmt::format("is {} characters long; the limit is {}", length, max));
    }
  }
  return Status::Ok();
}

Status CheckZone(std::string_view field, const std::string& zone) {
  Result<TimeZone> found = TimeZone::Find(zone);
  return found.ok() ? Status::Ok() : InvalidArgumentError(std::string(field), found.status().message());
}

// "HH:MM" as minutes after midnight.
Result<int> ParseClockTime(std::string_view field, std::string_view text) {
  Result<LocalDateTime> t = ParseLocalDateTime(fmt::format("2000-01-01T{}", text));
  if (!t.ok() || text.size() != 5) return InvalidArgumentError(std::string(field), fmt::format("'{}' is not a time written HH:MM", text));
  return int(t->hour * 60 + t->minute);
}

}  // namespace

const EventSlot* FindSlot(const Event& event, std::string_view slot_id) {
  for (const EventSlot& s : event.slots) {
    if (s.id == slot_id) return &s;
  }
  return nullptr;
}

std::string CheckInCode(const Delegate& delegate) {
  if (delegate.check_in_key.empty()) return "";
  return fmt::format("BBCHECKIN:{}:{}:{}", delegate.event_id, delegate.id, delegate.check_in_key);
}

Result<CheckInCodeParts> ParseCheckInCode(std::string_view code) {
  constexpr std::string_view kPrefix = "BBCHECKIN:";
  std::vector<std::string> parts;
  if (code.starts_with(kPrefix)) {
    std::string_view rest = code.substr(kPrefix.size());
    for (std::size_t at; (at = rest.find(':')) != std::string_view::npos; rest.remove_prefix(at + 1)) {
      parts.emplace_back(rest.substr(0, at));
    }
    parts.emplace_back(rest);
  }
  if (parts.size() != 3 || std::any_of(parts.begin(), parts.end(), [](const std::string& p) {
        return p.empty() || p.size() > RecordLimits::kIdLength;
      })) {
    return InvalidArgumentError("code", "this is not a BioBridge check-in code: scan the QR code on the delegate's agenda");
  }
  return CheckInCodeParts{parts[0], parts[1], parts[2]};
}

bool Involves(const MeetingRequest& r, std::string_view delegate_id) {
  return r.from == delegate_id || r.to == delegate_id ||
         std::find(r.joining.begin(), r.joining.end(), delegate_id) != r.joining.end();
}

std::string VideoLink(const Event& event, const Meeting& meeting) {
  if (meeting.table < 1 || std::size_t(meeting.table) > event.rooms.size()) return "";
  const MeetingRoom& room = event.rooms[std::size_t(meeting.table - 1)];
  if (room.mode != "virtual") return "";
  if (!room.link.empty()) return room.link;
  if (event.video_link.empty() || meeting.video_key.empty()) return "";
  return FillVideoLink(event.video_link, event.id, meeting.request_id + "-" + meeting.video_key);
}

Result<std::vector<EventSlot>> PlanSlots(const SlotPlan& plan) {
  if (plan.days.empty()) return InvalidArgumentError("days", "give the event's days, as YYYY-MM-DD");
  if (plan.sessions.empty()) return InvalidArgumentError("sessions", "give at least one session, such as 09:00 to 12:30");
  if (plan.slot_minutes < 5 || plan.slot_minutes > 240) return InvalidArgumentError("slot_minutes", "must be between 5 and 240");
  if (plan.break_minutes < 0 || plan.break_minutes > 120) return InvalidArgumentError("break_minutes", "must be between 0 and 120");
  struct Minutes { int start, end; };
  std::vector<Minutes> sessions;
  for (std::size_t i = 0; i < plan.sessions.size(); ++i) {
    const std::string field = fmt::format("sessions[{}]", i);
    BB_ASSIGN_OR_RETURN(int start, ParseClockTime(field + ".start", plan.sessions[i].start));
    BB_ASSIGN_OR_RETURN(int end, ParseClockTime(field + ".end", plan.sessions[i].end));
    if (end - start < plan.slot_minutes) {
      return InvalidArgumentError(field + ".end", fmt::format("the session {}–{} holds no {}-minute slot", plan.sessions[i].start,
                                                              plan.sessions[i].end, plan.slot_minutes));
    }
    if (i > 0 && start < sessions.back().end) {
      return InvalidArgumentError(field + ".start", fmt::format("starts at {}, before the session before it ends: list "
                                                                "sessions in time order without overlaps",
                                                                plan.sessions[i].start));
    }
    sessions.push_back({start, end});
  }
  std::vector<EventSlot> slots;
  std::optional<Date> previous;
  for (std::size_t d = 0; d < plan.days.size(); ++d) {
    const std::string field = fmt::format("days[{}]", d);
    Result<Date> day = ParseDate(plan.days[d]);
    if (!day.ok()) return InvalidArgumentError(field, day.status().message());
    if (previous && !(*previous < *day)) return InvalidArgumentError(field, "list each day once, in order");
    previous = *day;
    for (std::size_t i = 0; i < sessions.size(); ++i) {
      for (int at = sessions[i].start; at + plan.slot_minutes <= sessions[i].end; at += plan.slot_minutes + plan.break_minutes) {
        EventSlot slot;
        slot.id = fmt::format("d{}-{:02}{:02}", d + 1, at / 60, at % 60);
        slot.start = LocalDateTime{day->year, day->month, day->day, unsigned(at / 60), unsigned(at % 60)};
        const int end = at + plan.slot_minutes;
        slot.end = LocalDateTime{day->year, day->month, day->day, unsigned(end / 60), unsigned(end % 60)};
        slot.session = plan.sessions[i].name;
        slots.push_back(std::move(slot));
        if (slots.size() > 2000) return InvalidArgumentError("days", "the plan makes more than 2000 slots");
      }
    }
  }
  return slots;
}

Result<SlotPlan> SlotPlanFromJson(const json::object& object) {
  RecordReader in(object, {"days", "sessions", "slot_minutes", "break_minutes"});
  SlotPlan plan;
  BB_RETURN_IF_ERROR(in.StringList("days", plan.days));
  BB_RETURN_IF_ERROR(in.Objects("sessions", {"name", "start", "end"}, [&](const RecordReader& s) -> Status {
    SessionPlan session;
    BB_RETURN_IF_ERROR(s.String("name", session.name));
    BB_RETURN_IF_ERROR(s.String("start", session.start));
    BB_RETURN_IF_ERROR(s.String("end", session.end));
    plan.sessions.push_back(std::move(session));
    return Status::Ok();
  }));
  BB_RETURN_IF_ERROR(in.Int("slot_minutes", plan.slot_minutes, 5, 240));
  BB_RETURN_IF_ERROR(in.Int("break_minutes", plan.break_minutes, 0, 120));
  return plan;
}

Status ValidateEvent(const Event& e) {
  BB_RETURN_IF_ERROR(CheckUnknownFields(e.extra));
  if (e.name.empty()) return InvalidArgumentError("name", "name is required: give it in at least one language");
  BB_RETURN_IF_ERROR(CheckOneOf("kind", e.kind, "event kind", kEventKinds));
  BB_RETURN_IF_ERROR(CheckOneOf("status", e.status, "event status", kEventStatuses));
  BB_RETURN_IF_ERROR(CheckOneOf("visibility", e.visibility, "visibility", kEventVisibilities));
  BB_RETURN_IF_ERROR(CheckEventText("name", e.name, RecordLimits::kNameLength));
  BB_RETURN_IF_ERROR(CheckEventText("description", e.description, RecordLimits::kDescriptionLength));
  if (CountCodePoints(e.venue) > RecordLimits::kNameLength) {
    return InvalidArgumentError("venue", fmt::format("is longer than {} characters", RecordLimits::kNameLength));
  }
  if (e.hosts.size() > 20) return InvalidArgumentError("hosts", "name at most 20 host organisations");
  for (std::size_t i = 0; i < e.hosts.size(); ++i) {
    BB_RETURN_IF_ERROR(ValidateRecordId(e.hosts[i], fmt::format("hosts[{}]", i)));
  }
  if (e.time_zone.empty()) {
    return InvalidArgumentError("time_zone", "time_zone is required: the IANA zone of the venue, such as Europe/Moscow");
  }
  BB_RETURN_IF_ERROR(CheckZone("time_zone", e.time_zone));
  if (!e.programme_id.empty()) BB_RETURN_IF_ERROR(ValidateRecordId(e.programme_id, "programme"));
  if (e.tables < 1 || e.tables > 100000) return InvalidArgumentError("tables", "must be between 1 and 100000");
  std::set<std::string_view> hall_ids;
  for (std::size_t i = 0; i < e.halls.size(); ++i) {
    const std::string field = fmt::format("halls[{}]", i);
    BB_RETURN_IF_ERROR(ValidateRecordId(e.halls[i].id, field + ".id"));
    if (!hall_ids.insert(e.halls[i].id).second) {
      return InvalidArgumentError(field + ".id", fmt::format("'{}' is listed twice", e.halls[i].id));
    }
    if (e.halls[i].name.empty()) return InvalidArgumentError(field + ".name", "name the hall, as signposted at the venue");
  }
  if (!e.rooms.empty() && std::size_t(e.tables) != e.rooms.size()) {
    return InvalidArgumentError("tables", fmt::format("the event lists {} rooms but says {} tables: leave tables out or "
                                                      "make them agree",
                                                      e.rooms.size(), e.tables));
  }
  std::set<std::string_view> room_ids;
  for (std::size_t i = 0; i < e.rooms.size(); ++i) {
    const MeetingRoom& r = e.rooms[i];
    const std::string field = fmt::format("rooms[{}]", i);
    BB_RETURN_IF_ERROR(ValidateRecordId(r.id, field + ".id"));
    if (!room_ids.insert(r.id).second) return InvalidArgumentError(field + ".id", fmt::format("'{}' is listed twice", r.id));
    if (r.name.empty()) return InvalidArgumentError(field + ".name", "name the table or room, e.g. \"Table 12\"");
    if (r.seats < 2 || r.seats > 100) return InvalidArgumentError(field + ".seats", "a meeting needs 2 to 100 seats");
    BB_RETURN_IF_ERROR(CheckOneOf(field + ".mode", r.mode, "room mode", kRoomModes));
    if (!r.hall.empty() && !hall_ids.contains(r.hall)) {
      return InvalidArgumentError(field + ".hall", fmt::format("'{}' is not one of the event's halls", r.hall));
    }
    if (!r.link.empty()) {
      if (r.mode != "virtual") {
        return InvalidArgumentError(field + ".link", "only a virtual room has a video link; set its mode to virtual");
      }
      BB_RETURN_IF_ERROR(CheckVideoAddress(field + ".link", r.link, r.link));
    }
  }
  if (!e.video_link.empty()) {
    if (e.video_link.find("{meeting}") == std::string::npos) {
      return InvalidArgumentError("video_link", "put {meeting} where each meeting's own part of the address goes, e.g. "
                                                "https://meet.example.org/forum-{meeting}");
    }
    BB_RETURN_IF_ERROR(CheckVideoAddress("video_link", e.video_link, FillVideoLink(e.video_link, "x", "x")));
  }
  if (e.max_meetings < 0) return InvalidArgumentError("max_meetings", "cannot be negative");
  if (e.sessions.size() > 500) return InvalidArgumentError("sessions", "a programme has at most 500 items");
  for (std::size_t i = 0; i < e.sessions.size(); ++i) {
    const ProgrammeSession& p = e.sessions[i];
    const std::string field = fmt::format("sessions[{}]", i);
    if (p.title.empty()) return InvalidArgumentError(field + ".title", "give the session a title in at least one language");
    BB_RETURN_IF_ERROR(CheckEventText(field + ".title", p.title, RecordLimits::kNameLength));
    if (!(p.start < p.end)) {
      return InvalidArgumentError(field + ".end", fmt::format("programme session {} ends ({}) before it starts ({})", i + 1,
                                                              FormatLocalDateTime(p.end), FormatLocalDateTime(p.start)));
    }
    if (CountCodePoints(p.place) > RecordLimits::kNameLength) {
      return InvalidArgumentError(field + ".place", fmt::format("is longer than {} characters", RecordLimits::kNameLength));
    }
  }
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
  BB_RETURN_IF_ERROR(CheckUnknownFields(d.extra));
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
  BB_RETURN_IF_ERROR(CheckOneOf("attendance", d.attendance, "attendance", kAttendanceModes));
  BB_RETURN_IF_ERROR(CheckOneOf("status", d.status, "delegate status", kDelegateStatuses));
  if (!d.hall.empty() && std::none_of(event.halls.begin(), event.halls.end(),
                                      [&](const ExhibitorHall& h) { return h.id == d.hall; })) {
    return InvalidArgumentError("hall", fmt::format("'{}' is not a hall of event {}", d.hall, event.id));
  }
  if (d.stand.size() > 100) return InvalidArgumentError("stand", "is longer than 100 bytes");
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
  BB_RETURN_IF_ERROR(CheckUnknownFields(r.extra));
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
  if (!r.proposed_slot.empty() && r.proposed_by != r.from && r.proposed_by != r.to) {
    return InvalidArgumentError("proposed_by", "a new time is proposed by one of the two sides");
  }
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
  PutText(out, "description", e.description);
  out["visibility"] = e.visibility;
  PutString(out, "venue", e.venue);
  PutList(out, "hosts", e.hosts);
  if (!e.sessions.empty()) {
    json::array sessions;
    for (const ProgrammeSession& p : e.sessions) {
      json::object item{{"start", FormatLocalDateTime(p.start)}, {"end", FormatLocalDateTime(p.end)}};
      PutText(item, "title", p.title);
      PutString(item, "place", p.place);
      sessions.push_back(std::move(item));
    }
    out["sessions"] = std::move(sessions);
  }
  out["kind"] = e.kind;
  out["time_zone"] = e.time_zone;
  PutString(out, "programme", e.programme_id);
  out["tables"] = e.tables;
  if (!e.rooms.empty()) {
    json::array rooms;
    for (const MeetingRoom& r : e.rooms) {
      json::object room{{"id", r.id}, {"name", r.name}, {"seats", r.seats}, {"mode", r.mode}};
      PutString(room, "hall", r.hall);
      PutString(room, "link", r.link);
      rooms.push_back(std::move(room));
    }
    out["rooms"] = std::move(rooms);
  }
  if (!e.halls.empty()) {
    json::array halls;
    for (const ExhibitorHall& h : e.halls) halls.push_back(json::object{{"id", h.id}, {"name", h.name}});
    out["halls"] = std::move(halls);
  }
  if (e.max_meetings > 0) out["max_meetings"] = e.max_meetings;
  PutString(out, "video_link", e.video_link);
  json::array slots;
  for (const EventSlot& s : e.slots) {
    json::object slot{{"id", s.id}, {"start", FormatLocalDateTime(s.start)}, {"end", FormatLocalDateTime(s.end)}};
    PutString(slot, "session", s.session);
    slots.push_back(std::move(slot));
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
  if (d.attendance != "in_person") out["attendance"] = d.attendance;
  PutString(out, "hall", d.hall);
  PutString(out, "stand", d.stand);
  if (d.listed) out["listed"] = true;
  if (d.status != "registered") out["status"] = d.status;
  PutString(out, "check_in_key", d.check_in_key);
  if (d.checked_in_at) out["checked_in_at"] = FormatTimestamp(*d.checked_in_at);
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
  PutString(out, "proposed_slot", r.proposed_slot);
  PutString(out, "proposed_by", r.proposed_by);
  PutExtra(out, r.extra);
  return out;
}

Result<Event> EventFromJson(const json::object& object) {
  RecordReader in(object, {"id", "name", "description", "visibility", "venue", "hosts", "sessions", "kind", "time_zone",
                           "programme", "tables", "rooms", "halls", "max_meetings", "video_link", "slots", "status"});
  Event e;
  BB_RETURN_IF_ERROR(in.Type("event"));
  BB_RETURN_IF_ERROR(in.String("id", e.id));
  BB_RETURN_IF_ERROR(in.Text("name", e.name));
  BB_RETURN_IF_ERROR(in.Text("description", e.description));
  BB_RETURN_IF_ERROR(in.String("visibility", e.visibility));
  if (e.visibility.empty()) e.visibility = "public";
  BB_RETURN_IF_ERROR(in.String("venue", e.venue));
  BB_RETURN_IF_ERROR(in.StringList("hosts", e.hosts));
  BB_RETURN_IF_ERROR(in.Objects("sessions", {"title", "start", "end", "place"}, [&](const RecordReader& r) -> Status {
    ProgrammeSession item;
    std::string start, end;
    BB_RETURN_IF_ERROR(r.Text("title", item.title));
    BB_RETURN_IF_ERROR(r.String("start", start));
    BB_RETURN_IF_ERROR(r.String("end", end));
    BB_RETURN_IF_ERROR(r.String("place", item.place));
    for (auto [name, text, out] : {std::tuple{"start", &start, &item.start}, std::tuple{"end", &end, &item.end}}) {
      Result<LocalDateTime> t = ParseLocalDateTime(*text);
      if (!t.ok()) return InvalidArgumentError(name, t.status().message());
      *out = *t;
    }
    e.sessions.push_back(std::move(item));
    return Status::Ok();
  }));
  BB_RETURN_IF_ERROR(in.String("kind", e.kind));
  if (e.kind.empty()) e.kind = "forum";
  BB_RETURN_IF_ERROR(in.String("time_zone", e.time_zone));
  BB_RETURN_IF_ERROR(in.String("programme", e.programme_id));
  BB_RETURN_IF_ERROR(in.String("video_link", e.video_link));
  BB_RETURN_IF_ERROR(in.Objects("rooms", {"id", "name", "seats", "mode", "hall", "link"}, [&](const RecordReader& r) -> Status {
    MeetingRoom room;
    BB_RETURN_IF_ERROR(r.String("id", room.id));
    BB_RETURN_IF_ERROR(r.String("name", room.name));
    BB_RETURN_IF_ERROR(r.Int("seats", room.seats, 2, 100));
    BB_RETURN_IF_ERROR(r.String("mode", room.mode));
    if (room.mode.empty()) room.mode = "in_person";
    BB_RETURN_IF_ERROR(r.String("hall", room.hall));
    BB_RETURN_IF_ERROR(r.String("link", room.link));
    e.rooms.push_back(std::move(room));
    return Status::Ok();
  }));
  BB_RETURN_IF_ERROR(in.Objects("halls", {"id", "name"}, [&](const RecordReader& h) -> Status {
    ExhibitorHall hall;
    BB_RETURN_IF_ERROR(h.String("id", hall.id));
    BB_RETURN_IF_ERROR(h.String("name", hall.name));
    e.halls.push_back(std::move(hall));
    return Status::Ok();
  }));
  e.tables = e.rooms.empty() ? 1 : int(e.rooms.size());
  BB_RETURN_IF_ERROR(in.Int("tables", e.tables, 1, 100000));
  BB_RETURN_IF_ERROR(in.Int("max_meetings", e.max_meetings, 0, 10000));
  BB_RETURN_IF_ERROR(in.Objects("slots", {"id", "start", "end", "session"}, [&](const RecordReader& s) -> Status {
    EventSlot slot;
    std::string start, end;
    BB_RETURN_IF_ERROR(s.String("session", slot.session));
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
  RecordReader in(object, {"id", "event", "organization", "name", "user", "time_zone", "available_slots", "max_meetings",
                           "attendance", "hall", "stand", "listed", "status", "check_in_key", "checked_in_at"});
  Delegate d;
  BB_RETURN_IF_ERROR(in.Type("delegate"));
  BB_RETURN_IF_ERROR(in.String("id", d.id));
  BB_RETURN_IF_ERROR(in.String("event", d.event_id));
  BB_RETURN_IF_ERROR(in.String("organization", d.organization_id));
  BB_RETURN_IF_ERROR(in.String("name", d.name));
  BB_RETURN_IF_ERROR(in.String("user", d.user_id));
  BB_RETURN_IF_ERROR(in.String("time_zone", d.time_zone));
  BB_RETURN_IF_ERROR(in.StringList("available_slots", d.available_slots));
  if (const json::value* slots = object.if_contains("available_slots");
      slots && slots->is_array() && slots->get_array().empty()) {
    return InvalidArgumentError("available_slots", "a delegate needs at least one free slot; leave the list out for a "
                                                   "delegate free in every slot");
  }
  BB_RETURN_IF_ERROR(in.Int("max_meetings", d.max_meetings, 0, 10000));
  BB_RETURN_IF_ERROR(in.String("attendance", d.attendance));
  if (d.attendance.empty()) d.attendance = "in_person";
  BB_RETURN_IF_ERROR(in.String("hall", d.hall));
  BB_RETURN_IF_ERROR(in.String("stand", d.stand));
  BB_RETURN_IF_ERROR(in.Bool("listed", d.listed));
  BB_RETURN_IF_ERROR(in.String("status", d.status));
  if (d.status.empty()) d.status = "registered";
  BB_RETURN_IF_ERROR(in.String("check_in_key", d.check_in_key));
  Timestamp checked_in{};
  BB_RETURN_IF_ERROR(in.Time("checked_in_at", checked_in));
  if (checked_in != Timestamp{}) d.checked_in_at = checked_in;
  BB_RETURN_IF_ERROR(in.Version(d.meta.version));
  d.extra = in.Extra();
  return d;
}

Result<MeetingRequest> MeetingRequestFromJson(const json::object& object) {
  RecordReader in(object, {"id", "event", "from", "to", "joining", "priority", "status", "message", "proposed_slot",
                           "proposed_by"});
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
  BB_RETURN_IF_ERROR(in.String("proposed_slot", r.proposed_slot));
  BB_RETURN_IF_ERROR(in.String("proposed_by", r.proposed_by));
  BB_RETURN_IF_ERROR(in.Version(r.meta.version));
  r.extra = in.Extra();
  return r;
}

namespace {

json::array MeetingsJson(const std::vector<Meeting>& meetings) {
  json::array out;
  for (const Meeting& m : meetings) out.push_back(ToJson(m));
  return out;
}

Status ReadMeetings(const RecordReader& in, std::string_view key, std::vector<Meeting>& out) {
  return in.Objects(key, {"request", "slot", "table", "status", "sequence", "published", "follow_up", "deal", "video_key"},
                    [&](const RecordReader& m) -> Status {
                      Meeting x;
                      BB_RETURN_IF_ERROR(m.String("request", x.request_id));
                      BB_RETURN_IF_ERROR(m.String("slot", x.slot_id));
                      BB_RETURN_IF_ERROR(m.Int("table", x.table, 0, 100000));
                      BB_RETURN_IF_ERROR(m.String("status", x.status));
                      BB_RETURN_IF_ERROR(m.Int("sequence", x.sequence, 0, 1000000));
                      BB_RETURN_IF_ERROR(m.Bool("published", x.published));
                      BB_RETURN_IF_ERROR(m.StringList("follow_up", x.follow_up));
                      BB_RETURN_IF_ERROR(m.String("deal", x.deal_id));
                      BB_RETURN_IF_ERROR(m.String("video_key", x.video_key));
                      out.push_back(std::move(x));
                      return Status::Ok();
                    });
}

}  // namespace

json::object ToJson(const Meeting& m) {
  json::object out{{"request", m.request_id}, {"slot", m.slot_id},       {"table", m.table},
                   {"status", m.status},      {"sequence", m.sequence}, {"published", m.published}};
  PutList(out, "follow_up", m.follow_up);
  PutString(out, "deal", m.deal_id);
  PutString(out, "video_key", m.video_key);
  return out;
}

json::object ToJson(const Schedule& s) {
  json::object out{{"event", s.event_id}, {"state", s.state}, {"meetings", MeetingsJson(s.meetings)}, {"figures", s.figures}};
  if (!s.published_meetings.empty()) out["published_meetings"] = MeetingsJson(s.published_meetings);
  if (s.published_at) out["published_at"] = FormatTimestamp(*s.published_at);
  return out;
}

Result<Schedule> ScheduleFromJson(const json::object& object) {
  RecordReader in(object, {"event", "state", "meetings", "published_meetings", "figures", "published_at"});
  Schedule s;
  BB_RETURN_IF_ERROR(in.String("event", s.event_id));
  BB_RETURN_IF_ERROR(in.String("state", s.state));
  BB_RETURN_IF_ERROR(ReadMeetings(in, "meetings", s.meetings));
  BB_RETURN_IF_ERROR(ReadMeetings(in, "published_meetings", s.published_meetings));
  if (const json::value* f = object.if_contains("figures"); f && f->is_object()) s.figures = f->get_object();
  Timestamp published{};
  BB_RETURN_IF_ERROR(in.Time("published_at", published));
  if (published != Timestamp{}) s.published_at = published;
  return s;
}

}  // namespace biobridge::domain
