// EventService: what delegates change themselves once the schedule is out
// (another time for a meeting, leaving the event) and what organisers do at
// the venue (check-in, attendance).
#include <fmt/format.h>
#include <sodium.h>

#include <algorithm>
#include <map>
#include <set>

#include "service/authorization.h"
#include "service/event_service.h"
#include "service/notices.h"
#include "service/request_body.h"
#include "storage/store.h"

namespace biobridge::service {
namespace {

using DelegateById = std::map<std::string, domain::Delegate, std::less<>>;

domain::Meeting* FindMeeting(std::vector<domain::Meeting>& meetings, std::string_view request_id) {
  for (domain::Meeting& m : meetings) {
    if (m.request_id == request_id) return &m;
  }
  return nullptr;
}

std::string SlotTime(const domain::Event& event, const domain::EventSlot& slot) {
  return fmt::format("{} ({})", FormatLocalDateTime(slot.start), event.time_zone);
}

}  // namespace

Result<int> EventService::FreeTableFor(const domain::Event& event, const domain::Schedule& schedule,
                                       const domain::MeetingRequest& request, const std::string& slot_id,
                                       int current_table) {
  const domain::EventSlot* slot = domain::FindSlot(event, slot_id);
  if (!slot) return InvalidArgumentError("slot", fmt::format("'{}' is not a slot of event {}", slot_id, event.id));
  BB_ASSIGN_OR_RETURN(TimeZone zone, TimeZone::Find(event.time_zone));
  BB_ASSIGN_OR_RETURN(Timestamp start, zone.ToUtc(slot->start));
  if (start <= context_.clock.Now()) {
    return InvalidArgumentError("slot", fmt::format("slot {} at {} has begun already: choose a later one", slot_id,
                                                    SlotTime(event, *slot)));
  }
  BB_ASSIGN_OR_RETURN(std::vector<domain::Delegate> registered, RegisteredDelegates(context_.store, event.id));
  DelegateById delegates;
  for (domain::Delegate& d : registered) delegates.emplace(d.id, std::move(d));
  BB_ASSIGN_OR_RETURN(std::vector<domain::MeetingRequest> requests, context_.store.ListMeetingRequests(event.id));
  std::map<std::string, const domain::MeetingRequest*, std::less<>> request_by_id;
  for (const domain::MeetingRequest& r : requests) request_by_id.emplace(r.id, &r);

  std::vector<const domain::Delegate*> people;
  bool remote = false;
  for (const std::string& id : std::vector<std::string>{request.from, request.to}) {
    auto d = delegates.find(id);
    if (d == delegates.end()) return FailedPreconditionError("one side of this meeting is no longer registered");
    people.push_back(&d->second);
  }
  for (const std::string& id : request.joining) {
    if (auto d = delegates.find(id); d != delegates.end()) people.push_back(&d->second);
  }
  for (const domain::Delegate* p : people) {
    remote = remote || p->attendance == "virtual";
    const auto& free = p->available_slots;
    if (!free.empty() && std::find(free.begin(), free.end(), slot_id) == free.end()) {
      return InvalidArgumentError("slot", fmt::format("{} is not available at {} (slot {})", p->name,
                                                      SlotTime(event, *slot), slot_id));
    }
  }
  // Busy people and taken tables, in what delegates were shown and in a draft.
  std::set<int> taken;
  for (const std::vector<domain::Meeting>* list : {&schedule.published_meetings, &schedule.meetings}) {
    for (const domain::Meeting& m : *list) {
      if (m.status == "cancelled" || m.slot_id != slot_id || m.request_id == request.id) continue;
      taken.insert(m.table);
      auto other = request_by_id.find(m.request_id);
      if (other == request_by_id.end()) continue;
      for (const domain::Delegate* p : people) {
        if (domain::Involves(*other->second, p->id)) {
          return InvalidArgumentError("slot", fmt::format("{} has another meeting at {} (slot {})", p->name,
                                                          SlotTime(event, *slot), slot_id));
        }
      }
    }
  }
  const auto fits = [&](int table) {
    if (table < 1 || table > event.tables || taken.contains(table)) return false;
    if (event.rooms.empty()) return true;
    const domain::MeetingRoom& room = event.rooms[std::size_t(table - 1)];
    return (room.mode == "virtual") == remote && room.seats >= int(people.size());
  };
  if (fits(current_table)) return current_table;
  for (int table = 1; table <= event.tables; ++table) {
    if (fits(table)) return table;
  }
  return InvalidArgumentError("slot", fmt::format("no {} is free at {} (slot {})", remote ? "video room" : "table",
                                                  SlotTime(event, *slot), slot_id));
}

Result<EventService::MovableMeeting> EventService::MovableMeetingOf(const Principal& who, std::string_view request_id) {
  MovableMeeting out;
  BB_ASSIGN_OR_RETURN(out.request, context_.store.GetMeetingRequest(request_id));
  // Who asks first: to anyone else, the state of the event is none of their business.
  BB_ASSIGN_OR_RETURN(std::optional<domain::Delegate> me, DelegateOfUser(who, out.request.event_id));
  if (!me || (me->id != out.request.from && me->id != out.request.to)) {
    return PermissionDeniedError("only the two sides of a meeting change its time");
  }
  out.me = std::move(*me);
  BB_ASSIGN_OR_RETURN(out.event, OpenEvent(out.request.event_id));
  Result<domain::Schedule> schedule = context_.store.GetSchedule(out.event.id);
  if (!schedule.ok() && schedule.status().code() != StatusCode::kNotFound) return schedule.status();
  const domain::Meeting* shown = nullptr;
  if (schedule.ok()) {
    out.schedule = std::move(*schedule);
    shown = FindMeeting(out.schedule.published_meetings, out.request.id);
  }
  if (out.request.status != "accepted" || !shown || shown->status != "scheduled") {
    return FailedPreconditionError("only a published, scheduled meeting can be given another time");
  }
  const domain::EventSlot* slot = domain::FindSlot(out.event, shown->slot_id);
  BB_ASSIGN_OR_RETURN(TimeZone zone, TimeZone::Find(out.event.time_zone));
  if (slot) {
    BB_ASSIGN_OR_RETURN(Timestamp start, zone.ToUtc(slot->start));
    if (start <= context_.clock.Now()) return FailedPreconditionError("the meeting has begun: it keeps its time");
  }
  return out;
}

Result<RequestView> EventService::ProposeTime(const Principal& who, std::string_view request_id, const json::object& body) {
  BB_RETURN_IF_ERROR(RequireSignedIn(who, "propose another time"));
  BB_RETURN_IF_ERROR(UnknownFields(body, {"slot", "version"}));
  BB_ASSIGN_OR_RETURN(MovableMeeting m, MovableMeetingOf(who, request_id));
  BB_ASSIGN_OR_RETURN(std::string slot, Text(body, "slot", true, 64));
  BB_ASSIGN_OR_RETURN(std::int64_t version, RequiredVersion(body));
  const domain::Meeting* shown = FindMeeting(m.schedule.published_meetings, m.request.id);
  if (slot == shown->slot_id) return InvalidArgumentError("slot", fmt::format("the meeting is in slot {} already", slot));
  BB_RETURN_IF_ERROR(FreeTableFor(m.event, m.schedule, m.request, slot, shown->table).status());
  m.request.proposed_slot = slot;
  m.request.proposed_by = m.me.id;
  storage::WriteContext write = Context(who);
  const std::string other_id = m.request.from == m.me.id ? m.request.to : m.request.from;
  if (Result<domain::Delegate> other = context_.store.GetDelegate(other_id); other.ok() && !other->user_id.empty()) {
    write.notices.push_back(notices::ToUser(
        notices::Make("meeting_time_proposed", "meeting_request", m.request.id, "/events/" + m.event.id,
                      {{"by", notices::PersonAt(context_.store, m.me.name, m.me.organization_id)},
                       {"event", notices::EventName(context_.store, m.event.id)},
                       {"when", SlotTime(m.event, *domain::FindSlot(m.event, slot))}}),
        other->user_id, who.actor()));
  }
  BB_ASSIGN_OR_RETURN(domain::MeetingRequest saved, context_.store.UpdateMeetingRequest(std::move(m.request), version, write));
  EventPeople people(context_.store, who.Language());
  return View(std::move(saved), m.me, people);
}

Result<RequestView> EventService::AnswerProposal(const Principal& who, std::string_view request_id, const json::object& body) {
  BB_RETURN_IF_ERROR(RequireSignedIn(who, "answer a proposed time"));
  BB_RETURN_IF_ERROR(UnknownFields(body, {"decision", "version"}));
  BB_ASSIGN_OR_RETURN(MovableMeeting m, MovableMeetingOf(who, request_id));
  BB_ASSIGN_OR_RETURN(std::string decision, Text(body, "decision", true, 20));
  BB_ASSIGN_OR_RETURN(std::int64_t version, RequiredVersion(body));
  if (m.request.proposed_slot.empty()) return FailedPreconditionError("no other time is proposed for this meeting");
  if (decision != "withdraw" && decision != "accept" && decision != "decline") {
    return InvalidArgumentError("decision", "use \"accept\" or \"decline\" (or \"withdraw\" for your own proposal)");
  }
  const bool proposer = m.request.proposed_by == m.me.id;
  if (decision == "withdraw" && !proposer) return PermissionDeniedError("only the one who proposed a time withdraws it");
  if (decision != "withdraw" && proposer) {
    return PermissionDeniedError("the other side answers your proposal; you may withdraw it");
  }
  const std::string slot = m.request.proposed_slot;
  const std::string proposer_id = m.request.proposed_by;
  m.request.proposed_slot.clear();
  m.request.proposed_by.clear();
  storage::WriteContext write = Context(who);
  if (decision == "accept") {
    domain::Meeting* shown = FindMeeting(m.schedule.published_meetings, m.request.id);
    BB_ASSIGN_OR_RETURN(int table, FreeTableFor(m.event, m.schedule, m.request, slot, shown->table));
    const std::vector<domain::Meeting> before = m.schedule.published_meetings;
    const int sequence = shown->sequence + 1;
    for (std::vector<domain::Meeting>* list : {&m.schedule.published_meetings, &m.schedule.meetings}) {
      domain::Meeting* meeting = FindMeeting(*list, m.request.id);
      if (!meeting || meeting->status != "scheduled") continue;
      meeting->slot_id = slot;
      meeting->table = table;
      meeting->sequence = std::max(meeting->sequence + 1, sequence);
    }
    storage::WriteContext schedule_write = Context(who);
    BB_RETURN_IF_ERROR(NoticesOfPublication(m.event.id, before, m.schedule.published_meetings, who.actor(),
                                            schedule_write.notices));
    const std::int64_t schedule_version = m.schedule.meta.version;
    BB_RETURN_IF_ERROR(context_.store.PutSchedule(std::move(m.schedule), schedule_version, schedule_write).status());
  } else if (decision == "decline") {
    if (Result<domain::Delegate> asker = context_.store.GetDelegate(proposer_id); asker.ok() && !asker->user_id.empty()) {
      write.notices.push_back(notices::ToUser(
          notices::Make("meeting_time_declined", "meeting_request", m.request.id, "/events/" + m.event.id,
                        {{"by", notices::PersonAt(context_.store, m.me.name, m.me.organization_id)},
                         {"event", notices::EventName(context_.store, m.event.id)}}),
          asker->user_id, who.actor()));
    }
  }
  BB_ASSIGN_OR_RETURN(domain::MeetingRequest saved, context_.store.UpdateMeetingRequest(std::move(m.request), version, write));
  EventPeople people(context_.store, who.Language());
  return View(std::move(saved), m.me, people);
}

Result<domain::Delegate> EventService::Unregister(const Principal& who, std::string_view delegate_id, const json::object& body) {
  BB_RETURN_IF_ERROR(RequireSignedIn(who, "unregister"));
  BB_RETURN_IF_ERROR(UnknownFields(body, {"version"}));
  BB_ASSIGN_OR_RETURN(domain::Delegate delegate, context_.store.GetDelegate(delegate_id));
  if (!(who.user() && delegate.user_id == who.user()->id)) {
    // Nobody leaves an event in another's name; to others it is not there.
    return NotFoundError(fmt::format("no delegate has id '{}'", delegate_id));
  }
  BB_ASSIGN_OR_RETURN(domain::Event event, OpenEvent(delegate.event_id));
  BB_ASSIGN_OR_RETURN(std::int64_t version, RequiredVersion(body));
  if (delegate.status != "registered") return FailedPreconditionError("you unregistered from this event already");
  if (delegate.meta.version != version) {
    return AbortedError(fmt::format("your registration changed since version {} (it is at {}): read it again", version,
                                    delegate.meta.version));
  }
  BB_ASSIGN_OR_RETURN(std::vector<domain::MeetingRequest> requests, context_.store.ListMeetingRequests(event.id));
  std::set<std::string, std::less<>> theirs;  // requests whose meeting goes
  for (const domain::MeetingRequest& r : requests) {
    if (r.from == delegate.id || r.to == delegate.id) theirs.insert(r.id);
  }
  // The meetings first, with the other sides told; then the requests; then the registration.
  if (Result<domain::Schedule> schedule = context_.store.GetSchedule(event.id); schedule.ok()) {
    const std::vector<domain::Meeting> before = schedule->published_meetings;
    bool changed = false;
    for (std::vector<domain::Meeting>* list : {&schedule->published_meetings, &schedule->meetings}) {
      for (domain::Meeting& m : *list) {
        if (m.status != "scheduled" || !theirs.contains(m.request_id)) continue;
        m.status = "cancelled";
        ++m.sequence;
        changed = true;
      }
    }
    if (changed) {
      storage::WriteContext write = Context(who);
      BB_RETURN_IF_ERROR(NoticesOfPublication(event.id, before, schedule->published_meetings, who.actor(), write.notices));
      const std::int64_t schedule_version = schedule->meta.version;
      BB_RETURN_IF_ERROR(context_.store.PutSchedule(std::move(*schedule), schedule_version, write).status());
    }
  } else if (schedule.status().code() != StatusCode::kNotFound) {
    return schedule.status();
  }
  for (domain::MeetingRequest& r : requests) {
    const bool live = r.status == "pending" || r.status == "accepted";
    const bool joins = std::find(r.joining.begin(), r.joining.end(), delegate.id) != r.joining.end();
    if (!(theirs.contains(r.id) && live) && !joins) continue;
    if (theirs.contains(r.id) && live) r.status = r.from == delegate.id ? "withdrawn" : "declined";
    std::erase(r.joining, delegate.id);
    r.proposed_slot.clear();
    r.proposed_by.clear();
    const std::int64_t request_version = r.meta.version;
    BB_RETURN_IF_ERROR(context_.store.UpdateMeetingRequest(std::move(r), request_version, Context(who)).status());
  }
  delegate.status = "withdrawn";
  delegate.listed = false;
  return context_.store.UpdateDelegate(std::move(delegate), version, Context(who));
}

Result<CheckIn> EventService::CheckInDelegate(const Principal& who, std::string_view event_id, const json::object& body) {
  BB_ASSIGN_OR_RETURN(domain::Event event, EventForOrganiser(who, event_id, "check delegates in"));
  BB_RETURN_IF_ERROR(UnknownFields(body, {"code"}));
  BB_ASSIGN_OR_RETURN(std::string code, Text(body, "code", true, 300));
  BB_ASSIGN_OR_RETURN(domain::CheckInCodeParts parts, domain::ParseCheckInCode(code));
  if (parts.event_id != event.id) {
    return InvalidArgumentError("code", "this code is for another event: the delegate is not registered here");
  }
  Result<domain::Delegate> found = context_.store.GetDelegate(parts.delegate_id);
  if (!found.ok() && found.status().code() != StatusCode::kNotFound) return found.status();
  const bool genuine = found.ok() && found->event_id == event.id && found->check_in_key.size() == parts.key.size() &&
                       sodium_memcmp(found->check_in_key.data(), parts.key.data(), parts.key.size()) == 0;
  if (!genuine) {
    return InvalidArgumentError("code", "this check-in code is not valid for this event: it is forged or damaged");
  }
  domain::Delegate delegate = std::move(*found);
  if (delegate.status != "registered") {
    return FailedPreconditionError(fmt::format("{} unregistered from this event", delegate.name));
  }
  CheckIn out;
  EventPeople people(context_.store, who.Language());
  out.organization_name = people.OrganizationName(delegate.organization_id);
  if (delegate.checked_in_at) {
    out.already = true;
    out.delegate = std::move(delegate);
    return out;
  }
  delegate.checked_in_at = context_.clock.Now();
  const std::int64_t version = delegate.meta.version;
  BB_ASSIGN_OR_RETURN(out.delegate, context_.store.UpdateDelegate(std::move(delegate), version, Context(who)));
  return out;
}

Result<Attendance> EventService::AttendanceOf(const Principal& who, std::string_view event_id, std::string_view language) {
  BB_ASSIGN_OR_RETURN(domain::Event event, EventForOrganiser(who, event_id, "see its attendance"));
  BB_ASSIGN_OR_RETURN(TimeZone zone, TimeZone::Find(event.time_zone));
  Attendance out;
  BB_ASSIGN_OR_RETURN(std::vector<domain::Delegate> delegates, RegisteredDelegates(context_.store, event.id));
  EventPeople people(context_.store, who.Language(language));
  people.Know(delegates);  // those who left are read when a meeting names them
  std::map<std::string, std::size_t, std::less<>> row_of;
  for (const domain::Delegate& d : delegates) {
    row_of.emplace(d.id, out.delegates.size());
    out.delegates.push_back(
        {d.id, d.name, people.OrganizationName(d.organization_id), domain::CheckInCode(d), d.checked_in_at});
  }
  BB_ASSIGN_OR_RETURN(std::vector<domain::MeetingRequest> requests, context_.store.ListMeetingRequests(event.id));
  std::map<std::string, const domain::MeetingRequest*, std::less<>> request_by_id;
  for (const domain::MeetingRequest& r : requests) request_by_id.emplace(r.id, &r);
  Result<domain::Schedule> schedule = context_.store.GetSchedule(event.id);
  if (!schedule.ok() && schedule.status().code() != StatusCode::kNotFound) return schedule.status();
  const Timestamp now = context_.clock.Now();
  if (schedule.ok()) {
    for (const domain::Meeting& m : schedule->published_meetings) {
      if (m.status == "cancelled") continue;
      auto request = request_by_id.find(m.request_id);
      const domain::EventSlot* slot = domain::FindSlot(event, m.slot_id);
      if (request == request_by_id.end() || !slot) continue;
      AttendanceMeeting row;
      row.request_id = m.request_id;
      row.slot_id = m.slot_id;
      row.start = slot->start;
      row.place = MeetingPlace(event, m.table);
      for (const std::string& id : {request->second->from, request->second->to}) {
        if (const domain::Delegate* d = people.Find(id)) {
          row.with.push_back(fmt::format("{} ({})", d->name, people.OrganizationName(d->organization_id)));
        }
      }
      BB_ASSIGN_OR_RETURN(Timestamp start, zone.ToUtc(slot->start));
      row.outcome = m.status == "scheduled" ? (start <= now ? "unrecorded" : "upcoming") : m.status;
      for (const std::string& id : {request->second->from, request->second->to}) {
        auto r = row_of.find(id);
        if (r == row_of.end()) continue;
        AttendanceDelegate& d = out.delegates[r->second];
        ++d.meetings;
        if (m.status == "held") ++d.held;
        if (m.status == "no_show") ++d.no_show;
      }
      out.meetings.push_back(std::move(row));
    }
  }
  return out;
}

}  // namespace biobridge::service
