// EventService: agendas, calendars and what happened at each meeting.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <map>
#include <tuple>

#include "base/random.h"
#include "domain/validation.h"
#include "service/authorization.h"
#include "service/event_service.h"
#include "service/request_body.h"
#include "storage/store.h"

namespace biobridge::service {
namespace {

constexpr std::string_view kOutcomes[] = {"held", "no_show"};


// The words of calendar entries, in the calendar's language.
struct CalendarWords {
  const char* meeting_with;  // "{}" the others
  const char* meeting_at;    // "{}" the event
  const char* description;   // "{}" the event
  const char* must_meet;
};
const CalendarWords& WordsFor(std::string_view language) {
  static const CalendarWords en{"Meeting with {}", "Meeting at {}", "{}: partnering meeting", " (must meet)"};
  static const CalendarWords zh{"会见：{}", "洽谈：{}", "{}：合作洽谈", "（必须会见）"};
  static const CalendarWords ru{"Встреча: {}", "Встреча на мероприятии {}", "{}: партнёрская встреча", " (обязательная)"};
  return language == "zh" ? zh : language == "ru" ? ru : en;
}

}  // namespace

std::string MeetingUid(std::string_view request_id) { return fmt::format("meeting-{}@biobridge", request_id); }

std::string MeetingPlace(const domain::Event& event, int table, bool* virtual_room) {
  if (event.rooms.empty() || table < 1 || std::size_t(table) > event.rooms.size()) {
    if (virtual_room) *virtual_room = false;
    return fmt::format("Table {}", table);
  }
  const domain::MeetingRoom& room = event.rooms[std::size_t(table - 1)];
  if (virtual_room) *virtual_room = room.mode == "virtual";
  for (const domain::ExhibitorHall& h : event.halls) {
    if (h.id == room.hall) return fmt::format("{}, {}", room.name, h.name);
  }
  return room.name;
}

Result<Agenda> EventService::AgendaOf(const domain::Event& event, const domain::Delegate* delegate,
                                      std::string_view language) {
  Agenda agenda;
  if (delegate) agenda.delegate = *delegate;
  agenda.event_name = std::string(event.name.Best({language, "en"}));
  agenda.time_zone = delegate && !delegate->time_zone.empty() ? delegate->time_zone : event.time_zone;
  BB_ASSIGN_OR_RETURN(TimeZone event_zone, TimeZone::Find(event.time_zone));
  BB_ASSIGN_OR_RETURN(TimeZone zone, TimeZone::Find(agenda.time_zone));
  Result<domain::Schedule> schedule = context_.store.GetSchedule(event.id);
  if (!schedule.ok()) {
    if (schedule.status().code() == StatusCode::kNotFound) return agenda;
    return schedule.status();
  }
  agenda.published = schedule->published_at.has_value();
  // The event's requests in one read; the people named, each once (all of
  // them at once for the whole event's agenda).
  std::map<std::string, domain::MeetingRequest, std::less<>> requests;
  BB_ASSIGN_OR_RETURN(std::vector<domain::MeetingRequest> request_list, context_.store.ListMeetingRequests(event.id));
  for (domain::MeetingRequest& r : request_list) requests.emplace(r.id, std::move(r));
  EventPeople people(context_.store, std::string(language));
  if (!delegate) BB_RETURN_IF_ERROR(people.LoadAll(event.id));
  std::map<std::string, const domain::EventSlot*, std::less<>> slots;
  for (const domain::EventSlot& s : event.slots) slots.emplace(s.id, &s);
  for (const domain::Meeting& m : schedule->published_meetings) {
    auto request = requests.find(m.request_id);
    if (request == requests.end() || (delegate && !domain::Involves(request->second, delegate->id))) continue;
    auto slot = slots.find(m.slot_id);
    if (slot == slots.end()) continue;
    AgendaItem item;
    item.meeting = m;
    item.request_id = m.request_id;
    item.priority = request->second.priority;
    item.slot_id = m.slot_id;
    BB_ASSIGN_OR_RETURN(item.start_utc, event_zone.ToUtc(slot->second->start));
    BB_ASSIGN_OR_RETURN(item.end_utc, event_zone.ToUtc(slot->second->end));
    item.start = zone.ToLocal(item.start_utc);
    item.end = zone.ToLocal(item.end_utc);
    item.place = MeetingPlace(event, m.table, &item.virtual_room);
    item.video_link = domain::VideoLink(event, m);
    std::vector<std::string> participants{request->second.from, request->second.to};
    participants.insert(participants.end(), request->second.joining.begin(), request->second.joining.end());
    for (const std::string& id : participants) {
      if (delegate && id == delegate->id) continue;
      const domain::Delegate* other = people.Find(id);
      if (!other) continue;
      item.with.push_back(fmt::format("{} ({})", other->name, people.OrganizationName(other->organization_id)));
      item.with_organizations.push_back(other->organization_id);
    }
    agenda.items.push_back(std::move(item));
  }
  std::sort(agenda.items.begin(), agenda.items.end(), [](const AgendaItem& a, const AgendaItem& b) {
    return std::tie(a.start_utc, a.meeting.table) < std::tie(b.start_utc, b.meeting.table);
  });
  return agenda;
}

Result<std::pair<domain::Event, domain::Delegate>> EventService::AgendaSubject(const Principal& who,
                                                                               std::string_view event_id,
                                                                               std::string_view delegate_id) {
  BB_RETURN_IF_ERROR(RequireSignedIn(who, "see agendas"));
  BB_ASSIGN_OR_RETURN(domain::Event event, VisibleEvent(who, event_id));
  if (delegate_id.empty()) {
    BB_ASSIGN_OR_RETURN(std::optional<domain::Delegate> me, DelegateOfUser(who, event_id));
    if (!me) return NotFoundError(fmt::format("you are not registered for event {}", event_id));
    return std::pair{std::move(event), std::move(*me)};
  }
  Result<domain::Delegate> found = context_.store.GetDelegate(delegate_id);
  const bool self = found.ok() && who.user() && found->user_id == who.user()->id;
  if (!found.ok() || found->event_id != event.id || (!self && !IsOrganiser(who, event))) {
    return NotFoundError(fmt::format("event {} has no delegate '{}' you may see", event_id, delegate_id));
  }
  return std::pair{std::move(event), std::move(*found)};
}

Result<Agenda> EventService::DelegateAgenda(const Principal& who, std::string_view event_id, std::string_view delegate_id,
                                            std::string_view language) {
  BB_ASSIGN_OR_RETURN(auto subject, AgendaSubject(who, event_id, delegate_id));
  BB_ASSIGN_OR_RETURN(Agenda agenda, AgendaOf(subject.first, &subject.second, who.Language(language)));
  // The subject is the viewer or an organiser asked: the code is theirs to see.
  if (subject.second.status == "registered") agenda.check_in_code = domain::CheckInCode(subject.second);
  return agenda;
}

Result<domain::Calendar> EventService::CalendarOf(const domain::Event& event, const std::vector<AgendaItem>& items,
                                                  std::string name, std::string_view zone, std::string_view language) {
  BB_ASSIGN_OR_RETURN(TimeZone calendar_zone, TimeZone::Find(zone));
  domain::Calendar calendar{std::move(name), std::move(calendar_zone), context_.clock.Now(), {}};
  const std::string event_name(event.name.Best({language, "en"}));
  const CalendarWords& words = WordsFor(language);
  for (const AgendaItem& item : items) {
    domain::CalendarEntry entry;
    entry.uid = MeetingUid(item.request_id);
    entry.start = item.start_utc;
    entry.end = item.end_utc;
    entry.sequence = item.meeting.sequence;
    entry.cancelled = item.meeting.status == "cancelled";
    entry.summary = item.with.empty() ? fmt::format(fmt::runtime(words.meeting_at), event_name)
                                      : fmt::format(fmt::runtime(words.meeting_with), fmt::join(item.with, ", "));
    entry.description = fmt::format(fmt::runtime(words.description), event_name) +
                        (item.priority == "must" ? words.must_meet : "");
    entry.location = item.place;
    entry.url = item.video_link;
    calendar.entries.push_back(std::move(entry));
  }
  return calendar;
}

Result<std::string> EventService::DelegateCalendar(const Principal& who, std::string_view event_id,
                                                   std::string_view delegate_id, std::string_view language) {
  BB_ASSIGN_OR_RETURN(auto subject, AgendaSubject(who, event_id, delegate_id));
  const std::string words = who.Language(language);
  BB_ASSIGN_OR_RETURN(Agenda agenda, AgendaOf(subject.first, &subject.second, words));
  BB_ASSIGN_OR_RETURN(domain::Calendar calendar,
                      CalendarOf(subject.first, agenda.items, fmt::format("{} — {}", agenda.event_name, agenda.delegate.name),
                                 agenda.time_zone, words));
  return domain::ToICalendar(calendar);
}

Result<std::string> EventService::EventCalendar(const Principal& who, std::string_view event_id) {
  BB_ASSIGN_OR_RETURN(domain::Event event, EventForOrganiser(who, event_id, "download its calendar"));
  BB_ASSIGN_OR_RETURN(Agenda all, AgendaOf(event, nullptr, "en"));
  BB_ASSIGN_OR_RETURN(domain::Calendar calendar, CalendarOf(event, all.items, all.event_name, event.time_zone, "en"));
  return domain::ToICalendar(calendar);
}

namespace {

// The request's meeting as delegates were shown it, unless cancelled.
Result<domain::Meeting*> PublishedMeeting(domain::Schedule& schedule, const std::string& request_id) {
  for (domain::Meeting& m : schedule.published_meetings) {
    if (m.request_id == request_id && m.status != "cancelled") return &m;
  }
  return FailedPreconditionError("the request has no meeting in the published schedule");
}

// The deal a meeting's follow-up opens once both sides asked: an expression
// of interest from the side that asked for the meeting, accepted by the
// other, in the event's programme. Its id.
Result<std::string> OpenFollowUpDeal(const ServiceContext& context, const Principal& who, const domain::Event& event,
                                     const domain::EventSlot& slot, const std::string& from_organization,
                                     const std::string& to_organization) {
  const storage::WriteContext at{who.actor(), context.clock.Now()};
  domain::Interest interest;
  interest.id = NewId(context.random, "int_");
  interest.from_organization = from_organization;
  interest.to_organization = to_organization;
  interest.programme_id = event.programme_id;
  interest.message = fmt::format("Follow-up of the partnering meeting at {} ({} {}).", event.name.Best({"en"}),
                                 FormatLocalDateTime(slot.start), event.time_zone);
  interest.created_by = who.actor();
  BB_ASSIGN_OR_RETURN(domain::Interest created, context.store.CreateInterest(std::move(interest), at));
  domain::Deal deal;
  deal.id = NewId(context.random, "deal_");
  deal.programme_id = event.programme_id;
  deal.moves.push_back(domain::DealMove{std::nullopt, domain::DealStage::kContact, who.actor(), at.at, created.message, ""});
  BB_ASSIGN_OR_RETURN(domain::Deal opened, context.store.AcceptInterest(created.id, created.meta.version, std::move(deal), at));
  return opened.id;
}

}  // namespace

Result<domain::Meeting> EventService::RecordOutcome(const Principal& who, std::string_view request_id,
                                                    const json::object& body) {
  BB_RETURN_IF_ERROR(RequireSignedIn(who, "record how meetings went"));
  BB_RETURN_IF_ERROR(UnknownFields(body, {"outcome", "follow_up"}));
  BB_ASSIGN_OR_RETURN(domain::MeetingRequest request, context_.store.GetMeetingRequest(request_id));
  BB_ASSIGN_OR_RETURN(domain::Event event, context_.store.GetEvent(request.event_id));
  BB_ASSIGN_OR_RETURN(std::optional<domain::Delegate> me, DelegateOfUser(who, request.event_id));
  const bool participant = me && domain::Involves(request, me->id);
  if (!participant && !IsOrganiser(who, event)) {
    return PermissionDeniedError("only the meeting's participants or the event's organisers may record how it went");
  }
  BB_ASSIGN_OR_RETURN(std::string outcome, Text(body, "outcome", true, 20));
  BB_RETURN_IF_ERROR(domain::CheckOneOf("outcome", outcome, "outcome", kOutcomes));
  BB_ASSIGN_OR_RETURN(bool follow_up, Flag(body, "follow_up"));
  if (follow_up && outcome != "held") return InvalidArgumentError("follow_up", "only a meeting that was held is followed up");
  // A follow-up opens a deal between two organisations: each side asks for
  // it itself; an organiser records attendance, not their intentions.
  if (follow_up && !participant) {
    return PermissionDeniedError("only the meeting's participants ask to follow it up, each for their organisation");
  }

  BB_ASSIGN_OR_RETURN(domain::Schedule schedule, context_.store.GetSchedule(event.id));
  BB_ASSIGN_OR_RETURN(const domain::Meeting* shown, PublishedMeeting(schedule, request.id));
  const domain::EventSlot* slot = domain::FindSlot(event, shown->slot_id);
  if (!slot) return FailedPreconditionError("the meeting's slot is no longer in the event");
  BB_ASSIGN_OR_RETURN(TimeZone zone, TimeZone::Find(event.time_zone));
  BB_ASSIGN_OR_RETURN(Timestamp starts, zone.ToUtc(slot->start));
  if (context_.clock.Now() < starts) {
    return FailedPreconditionError(fmt::format("the meeting has not begun yet (it starts {} {})",
                                               FormatLocalDateTime(slot->start), event.time_zone));
  }

  BB_ASSIGN_OR_RETURN(domain::Delegate from, context_.store.GetDelegate(request.from));
  BB_ASSIGN_OR_RETURN(domain::Delegate to, context_.store.GetDelegate(request.to));
  std::string opened_deal;
  // The outcome goes into the schedule as it is now: another change (the
  // other side's follow-up, say) may have come first, and is kept.
  for (int attempt = 0;; ++attempt) {
    BB_ASSIGN_OR_RETURN(domain::Meeting* published, PublishedMeeting(schedule, request.id));
    std::vector<std::string> asked = published->follow_up;
    if (follow_up && std::find(asked.begin(), asked.end(), me->organization_id) == asked.end()) {
      asked.push_back(me->organization_id);
    }
    const auto asked_by = [&](const std::string& organization) {
      return std::find(asked.begin(), asked.end(), organization) != asked.end();
    };
    std::string deal_id = !published->deal_id.empty() ? published->deal_id : opened_deal;
    if (deal_id.empty() && asked_by(from.organization_id) && asked_by(to.organization_id)) {
      BB_ASSIGN_OR_RETURN(opened_deal, OpenFollowUpDeal(context_, who, event, *slot, from.organization_id,
                                                        to.organization_id));
      deal_id = opened_deal;
    }
    domain::Meeting result;
    for (std::vector<domain::Meeting>* list : {&schedule.meetings, &schedule.published_meetings}) {
      for (domain::Meeting& m : *list) {
        if (m.request_id != request.id || m.status == "cancelled") continue;
        m.status = outcome;
        m.follow_up = asked;
        m.deal_id = deal_id;
        result = m;
      }
    }
    const std::int64_t version = schedule.meta.version;
    Result<domain::Schedule> saved = context_.store.PutSchedule(std::move(schedule), version, Context(who));
    if (saved.ok()) return result;
    if (saved.status().code() != StatusCode::kAborted || attempt == 2) return saved.status();
    BB_ASSIGN_OR_RETURN(schedule, context_.store.GetSchedule(event.id));
  }
}

}  // namespace biobridge::service
