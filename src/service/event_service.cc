// EventService: events, delegates and meeting requests (the schedule is in
// event_schedule.cc; agendas, calendars and outcomes in event_agenda.cc).
#include "service/event_service.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "base/random.h"
#include "service/authorization.h"
#include "service/notices.h"
#include "service/invitation_service.h"
#include "service/request_body.h"
#include "service/roles.h"
#include "storage/store.h"

namespace biobridge::service {
namespace {

using DelegateMap = std::map<std::string, domain::Delegate, std::less<>>;

DelegateMap ByIdMap(std::vector<domain::Delegate> delegates) {
  DelegateMap out;
  for (domain::Delegate& d : delegates) out.emplace(d.id, std::move(d));
  return out;
}

// `base` with the members of `body` put over it (an update names only what
// changes), less the members a caller may not change.
json::object Overlay(json::object base, const json::object& body, std::initializer_list<std::string_view> fixed) {
  for (const auto& [key, value] : body) {
    if (std::find(fixed.begin(), fixed.end(), std::string_view(key)) == fixed.end()) base[key] = value;
  }
  return base;
}

}  // namespace

bool EventService::IsOrganiser(const Principal& who, const domain::Event& event) const {
  return IsEventOrganiser(who, event, context_.store);
}

Result<domain::Event> EventService::EventForOrganiser(const Principal& who, std::string_view event_id,
                                                      std::string_view to_do) {
  BB_RETURN_IF_ERROR(RequireSignedIn(who, to_do));
  BB_ASSIGN_OR_RETURN(domain::Event event, context_.store.GetEvent(event_id));
  if (!IsOrganiser(who, event)) {
    BB_ASSIGN_OR_RETURN(bool visible, CanSee(who, event));
    if (!visible) return NotFoundError(fmt::format("no event has id '{}'", event_id));  // unknown to outsiders
    return PermissionDeniedError(fmt::format("only the organisers of event '{}' may {}", event_id, to_do));
  }
  return event;
}

namespace {

Result<domain::Event> OnlyOpen(domain::Event event) {
  if (event.status == "cancelled") {
    return FailedPreconditionError(fmt::format("event '{}' is cancelled: it takes no more changes", event.id));
  }
  return event;
}

}  // namespace

Result<domain::Event> EventService::OpenEventForOrganiser(const Principal& who, std::string_view event_id,
                                                          std::string_view to_do) {
  BB_ASSIGN_OR_RETURN(domain::Event event, EventForOrganiser(who, event_id, to_do));
  return OnlyOpen(std::move(event));
}

Result<domain::Event> EventService::OpenEvent(std::string_view event_id) {
  BB_ASSIGN_OR_RETURN(domain::Event event, context_.store.GetEvent(event_id));
  return OnlyOpen(std::move(event));
}

namespace {

// The viewer's registration among an event's delegates.
std::optional<domain::Delegate> OfUser(const Principal& who, const std::vector<domain::Delegate>& delegates) {
  if (!who.user()) return std::nullopt;
  for (const domain::Delegate& d : delegates) {
    if (d.user_id == who.user()->id) return d;
  }
  return std::nullopt;
}

}  // namespace

Result<std::optional<domain::Delegate>> EventService::DelegateOfUser(const Principal& who, std::string_view event_id) {
  if (!who.user()) return std::optional<domain::Delegate>();
  BB_ASSIGN_OR_RETURN(std::vector<domain::Delegate> delegates, RegisteredDelegates(context_.store, event_id));
  return OfUser(who, delegates);
}

Result<bool> EventService::InvitedTo(const Principal& who, std::string_view event_id) {
  if (!who.user()) return false;
  storage::InvitationFilter filter;
  filter.users = {who.user()->id};
  filter.pending_at = context_.clock.Now();
  BB_ASSIGN_OR_RETURN(std::vector<domain::Invitation> invitations, context_.store.ListInvitations(filter));
  return std::any_of(invitations.begin(), invitations.end(), [&](const domain::Invitation& i) {
    return i.kind == "delegate" && i.target == event_id && i.invitee_user == who.user()->id;
  });
}

Result<bool> EventService::CanSee(const Principal& who, const domain::Event& event) {
  if (event.visibility == "public" || IsOrganiser(who, event)) return true;
  BB_ASSIGN_OR_RETURN(std::optional<domain::Delegate> me, DelegateOfUser(who, event.id));
  BB_ASSIGN_OR_RETURN(bool invited, InvitedTo(who, event.id));
  return me.has_value() || invited;
}

Result<domain::Event> EventService::VisibleEvent(const Principal& who, std::string_view id) {
  Result<domain::Event> event = context_.store.GetEvent(id);
  if (!event.ok()) {
    if (event.status().code() != StatusCode::kNotFound) return event.status();
    // No event: the reads a private one costs, so that the time of the
    // answer does not tell an outsider which it was.
    BB_RETURN_IF_ERROR(DelegateOfUser(who, id).status());
    BB_RETURN_IF_ERROR(InvitedTo(who, id).status());
  } else {
    BB_ASSIGN_OR_RETURN(bool visible, CanSee(who, *event));
    if (visible) return event;
  }
  // The same answer as for an event that does not exist.
  return NotFoundError(fmt::format("no event has id '{}'", id));
}

Result<domain::Event> EventService::OpenVisibleEvent(const Principal& who, std::string_view event_id) {
  BB_ASSIGN_OR_RETURN(domain::Event event, VisibleEvent(who, event_id));
  return OnlyOpen(std::move(event));
}

// --- Events -------------------------------------------------------------------------------

Result<domain::Event> EventService::EventFromBody(const json::object& body, domain::Event base) {
  json::object record = Overlay(domain::ToJson(base), body, {"id", "type", "version", "plan", "status"});
  // The zone first, as forms ask for it before the days.
  if (const json::value* zone = body.if_contains("time_zone"); zone && zone->is_string()) {
    if (Result<TimeZone> found = TimeZone::Find(zone->get_string()); !found.ok()) {
      return InvalidArgumentError("time_zone", found.status().message());
    }
  }
  std::optional<std::vector<domain::EventSlot>> planned;
  if (const json::value* plan = body.if_contains("plan"); plan && !plan->is_null()) {
    if (!plan->is_object()) return InvalidArgumentError("plan", "must be an object: days, sessions, slot_minutes, break_minutes");
    Result<domain::SlotPlan> parsed = domain::SlotPlanFromJson(plan->get_object());
    if (!parsed.ok()) return parsed.status().WithFieldPrefix("plan");
    Result<std::vector<domain::EventSlot>> slots = domain::PlanSlots(*parsed);
    if (!slots.ok()) return slots.status().WithFieldPrefix("plan");
    planned = std::move(*slots);
    record.erase("slots");  // the plan's slots replace any listed
  }
  // Listing rooms sets the tables; changing the rooms drops a stale count.
  if (body.contains("rooms") && !body.contains("tables")) record.erase("tables");
  BB_ASSIGN_OR_RETURN(domain::Event event, domain::EventFromJson(record));
  if (planned) event.slots = std::move(*planned);
  event.id = base.id;
  event.status = base.status;
  event.meta = base.meta;
  BB_RETURN_IF_ERROR(domain::ValidateEvent(event));
  BB_ASSIGN_OR_RETURN(std::vector<domain::Organization> hosts, context_.store.GetOrganizations(event.hosts));
  for (std::size_t i = 0; i < event.hosts.size(); ++i) {
    if (std::none_of(hosts.begin(), hosts.end(), [&](const domain::Organization& o) { return o.id == event.hosts[i]; })) {
      return InvalidArgumentError(fmt::format("hosts[{}]", i), fmt::format("no organisation has id '{}'", event.hosts[i]));
    }
  }
  return event;
}

Result<domain::Event> EventService::CreateEvent(const Principal& who, const json::object& body) {
  BB_RETURN_IF_ERROR(RequireSignedIn(who, "create events"));
  domain::Event base;
  BB_ASSIGN_OR_RETURN(base.id, Text(body, "id", false, 64));
  if (base.id.empty()) base.id = NewId(context_.random, "evt_");
  base.time_zone = "UTC";
  BB_ASSIGN_OR_RETURN(domain::Event event, EventFromBody(body, base));
  if (!IsOrganiser(who, event)) {
    return PermissionDeniedError("only event organisers (or the operator of the event's programme) may create events");
  }
  if (!event.programme_id.empty()) {
    if (Result<domain::Programme> p = context_.store.GetProgramme(event.programme_id); !p.ok()) {
      return InvalidArgumentError("programme", p.status().message());
    }
  }
  return context_.store.CreateEvent(std::move(event), Context(who));
}

Result<domain::Event> EventService::UpdateEvent(const Principal& who, std::string_view id, const json::object& body) {
  BB_ASSIGN_OR_RETURN(domain::Event current, OpenEventForOrganiser(who, id, "change it"));
  BB_ASSIGN_OR_RETURN(std::int64_t version, RequiredVersion(body));
  BB_ASSIGN_OR_RETURN(domain::Event event, EventFromBody(body, current));
  // A slot still in use stays.
  std::set<std::string_view> kept;
  for (const domain::EventSlot& s : event.slots) kept.insert(s.id);
  BB_ASSIGN_OR_RETURN(std::vector<domain::Delegate> delegates, RegisteredDelegates(context_.store, id));
  for (const domain::Delegate& d : delegates) {
    for (const std::string& slot : d.available_slots) {
      if (!kept.contains(slot)) {
        return FailedPreconditionError(fmt::format("slot {} cannot go: delegate {} ({}) is free in it; change their "
                                                   "availability first",
                                                   slot, d.name, d.id));
      }
    }
  }
  if (Result<domain::Schedule> schedule = context_.store.GetSchedule(id); schedule.ok()) {
    for (const domain::Meeting& m : schedule->published_meetings) {
      if (m.status != "cancelled" && !kept.contains(m.slot_id)) {
        return FailedPreconditionError(fmt::format("slot {} cannot go: a published meeting is in it", m.slot_id));
      }
    }
  }
  return context_.store.UpdateEvent(std::move(event), version, Context(who));
}

Result<domain::Event> EventService::CancelEvent(const Principal& who, std::string_view id, std::int64_t version) {
  BB_ASSIGN_OR_RETURN(domain::Event event, OpenEventForOrganiser(who, id, "cancel it"));
  if (event.meta.version != version) {
    return AbortedError(fmt::format("event {} changed since version {} (it is at {}): read it again", id, version,
                                    event.meta.version));
  }
  // The meetings first: if this fails, the event is still open and can be
  // cancelled again.
  if (Result<domain::Schedule> schedule = context_.store.GetSchedule(id); schedule.ok()) {
    bool changed = false;
    for (std::vector<domain::Meeting>* list : {&schedule->meetings, &schedule->published_meetings}) {
      for (domain::Meeting& m : *list) {
        if (m.status != "scheduled") continue;
        m.status = "cancelled";
        ++m.sequence;
        changed = true;
      }
    }
    if (changed) {
      const std::int64_t schedule_version = schedule->meta.version;
      BB_RETURN_IF_ERROR(context_.store.PutSchedule(std::move(*schedule), schedule_version, Context(who)).status());
    }
  } else if (schedule.status().code() != StatusCode::kNotFound) {
    return schedule.status();
  }
  event.status = "cancelled";
  return context_.store.UpdateEvent(std::move(event), version, Context(who));
}

Result<EventView> EventService::GetEvent(const Principal& who, std::string_view id, std::string_view language) {
  BB_ASSIGN_OR_RETURN(domain::Event event, VisibleEvent(who, id));
  return ViewOf(who, std::move(event), language);
}

Result<EventView> EventService::ViewOf(const Principal& who, domain::Event event, std::string_view language) {
  const std::string id = event.id;
  EventView view;
  view.event = std::move(event);
  view.organiser = IsOrganiser(who, view.event);
  if (!view.organiser) {  // video links are for organisers and each meeting's participants (agendas)
    view.event.video_link.clear();
    for (domain::MeetingRoom& room : view.event.rooms) room.link.clear();
  }
  BB_ASSIGN_OR_RETURN(std::vector<domain::Delegate> delegates, RegisteredDelegates(context_.store, id));
  view.delegates = int(delegates.size());
  view.listed = int(std::count_if(delegates.begin(), delegates.end(), [](const domain::Delegate& d) { return d.listed; }));
  view.me = OfUser(who, delegates);
  EventPeople people(context_.store, who.Language(language));
  for (const std::string& host : view.event.hosts) view.hosts.push_back({host, people.OrganizationName(host)});
  if (Result<domain::Schedule> schedule = context_.store.GetSchedule(id); schedule.ok()) {
    view.schedule_state = schedule->state;
  }
  return view;
}

Result<std::vector<EventView>> EventService::ListEvents(const Principal& who, std::string_view language) {
  std::vector<EventView> out;
  storage::PageRequest page{1, 100};
  for (;;) {
    BB_ASSIGN_OR_RETURN(storage::Page<domain::Event> events, context_.store.ListEvents(page));
    for (domain::Event& e : events.items) {
      BB_ASSIGN_OR_RETURN(bool visible, CanSee(who, e));
      if (!visible) continue;
      BB_ASSIGN_OR_RETURN(EventView view, ViewOf(who, std::move(e), language));
      out.push_back(std::move(view));
    }
    if (std::int64_t(page.page) * page.per_page >= events.total) break;
    ++page.page;
  }
  return out;
}

// --- Delegates ----------------------------------------------------------------------------

Result<Registration> EventService::Register(const Principal& who, std::string_view event_id, const json::object& body) {
  BB_RETURN_IF_ERROR(RequireSignedIn(who, "register for events"));
  BB_ASSIGN_OR_RETURN(domain::Event event, OpenVisibleEvent(who, event_id));
  BB_RETURN_IF_ERROR(UnknownFields(body, {"organization", "name", "user", "time_zone", "available_slots", "max_meetings",
                                          "attendance", "hall", "stand", "listed"}));
  json::object record = body;
  record["type"] = "delegate";
  record["id"] = NewId(context_.random, "dlg_");
  record["event"] = event.id;
  BB_ASSIGN_OR_RETURN(domain::Delegate delegate, domain::DelegateFromJson(record));
  delegate.check_in_key = NewCheckInKey(context_.random);
  const bool self = delegate.user_id.empty() || (who.user() && delegate.user_id == who.user()->id);
  if (!self) {
    // Someone else: an organiser invites them, to represent an organisation
    // they belong to; they register by accepting.
    if (!IsOrganiser(who, event)) {
      return PermissionDeniedError("only organisers invite someone else; leave \"user\" out to register yourself");
    }
    Result<domain::User> user = context_.store.GetUser(delegate.user_id);
    if (!user.ok()) return InvalidArgumentError("user", fmt::format("no account has id '{}'", delegate.user_id));
    BB_ASSIGN_OR_RETURN(std::vector<domain::Membership> memberships, context_.store.ListMembershipsOfUser(delegate.user_id));
    if (std::none_of(memberships.begin(), memberships.end(),
                     [&](const domain::Membership& m) { return m.organization_id == delegate.organization_id; })) {
      return InvalidArgumentError("organization", fmt::format("{} is not a member of organisation '{}'", user->display_name,
                                                              delegate.organization_id));
    }
    if (delegate.name.empty()) delegate.name = user->display_name;
    if (body.contains("listed")) {
      return PermissionDeniedError("whether a delegate is listed publicly is theirs to choose: leave \"listed\" out");
    }
    BB_RETURN_IF_ERROR(CheckRegistration(event, delegate));
    domain::Invitation invitation;
    invitation.kind = "delegate";
    invitation.target = event.id;
    invitation.invitee_user = delegate.user_id;
    json::object proposed = domain::ToJson(delegate);
    for (std::string_view key : {"type", "id", "event", "user"}) proposed.erase(key);
    invitation.delegate = std::move(proposed);
    BB_ASSIGN_OR_RETURN(domain::Invitation sent, SendInvitation(context_, who, std::move(invitation)));
    return Registration{std::nullopt, std::move(sent)};
  }
  if (!who.user()) return PermissionDeniedError("register with a person's account");
  if (event.visibility == "private" && !IsOrganiser(who, event)) {
    return PermissionDeniedError(fmt::format("event {} is by invitation: accept the invitation its organisers sent you",
                                             event.id));
  }
  if (!who.MemberOf(delegate.organization_id)) {
    return PermissionDeniedError(fmt::format("you are not a member of organisation '{}': register for one of yours",
                                             delegate.organization_id));
  }
  delegate.user_id = who.user()->id;
  if (delegate.name.empty()) delegate.name = who.user()->display_name;
  BB_RETURN_IF_ERROR(CheckRegistration(event, delegate));
  BB_ASSIGN_OR_RETURN(domain::Delegate created, context_.store.CreateDelegate(std::move(delegate), Context(who)));
  return Registration{std::move(created), std::nullopt};
}

Status EventService::CheckRegistration(const domain::Event& event, const domain::Delegate& delegate) {
  BB_ASSIGN_OR_RETURN(std::vector<domain::Delegate> delegates, RegisteredDelegates(context_.store, event.id));
  for (const domain::Delegate& d : delegates) {
    if (d.user_id == delegate.user_id) {
      return AlreadyExistsError(
          fmt::format("{} is registered for event {} already (delegate {})", delegate.name, event.id, d.id));
    }
  }
  return domain::ValidateDelegate(delegate, event);
}

Result<domain::Delegate> EventService::UpdateDelegate(const Principal& who, std::string_view delegate_id,
                                                      const json::object& body) {
  BB_RETURN_IF_ERROR(RequireSignedIn(who, "change registrations"));
  BB_ASSIGN_OR_RETURN(domain::Delegate current, context_.store.GetDelegate(delegate_id));
  BB_ASSIGN_OR_RETURN(domain::Event event, OpenEvent(current.event_id));
  const bool self = who.user() && current.user_id == who.user()->id;
  if (!self && !IsOrganiser(who, event)) {
    return PermissionDeniedError("only the delegate or the event's organisers may change a registration");
  }
  if (current.status != "registered") {
    return FailedPreconditionError(fmt::format("delegate {} unregistered from event {}: register again instead",
                                               current.id, current.event_id));
  }
  if (self) {
    BB_RETURN_IF_ERROR(UnknownFields(body, {"version", "name", "time_zone", "available_slots", "max_meetings",
                                            "attendance", "hall", "stand", "listed"}));
  } else {
    // Organisers place exhibitors; what a delegate can do and when is theirs to say.
    Status placing = UnknownFields(body, {"version", "hall", "stand"});
    if (!placing.ok()) {
      return PermissionDeniedError(fmt::format("organisers change only a delegate's hall and stand; '{}' is the "
                                               "delegate's to change",
                                               placing.field()));
    }
  }
  BB_ASSIGN_OR_RETURN(std::int64_t version, RequiredVersion(body));
  json::object record = Overlay(domain::ToJson(current), body, {"version"});
  BB_ASSIGN_OR_RETURN(domain::Delegate delegate, domain::DelegateFromJson(record));
  delegate.meta = current.meta;
  BB_RETURN_IF_ERROR(domain::ValidateDelegate(delegate, event));
  return context_.store.UpdateDelegate(std::move(delegate), version, Context(who));
}

Result<std::vector<domain::Delegate>> EventService::ListDelegates(const Principal& who, std::string_view event_id) {
  BB_RETURN_IF_ERROR(RequireSignedIn(who, "see delegates"));
  BB_ASSIGN_OR_RETURN(domain::Event event, VisibleEvent(who, event_id));
  BB_ASSIGN_OR_RETURN(std::vector<domain::Delegate> delegates, RegisteredDelegates(context_.store, event_id));
  if (!OfUser(who, delegates) && !IsOrganiser(who, event)) {
    return PermissionDeniedError(fmt::format("register for event {} to see who else comes", event_id));
  }
  return delegates;
}

Result<domain::Delegate> EventService::MyDelegate(const Principal& who, std::string_view event_id) {
  BB_RETURN_IF_ERROR(RequireSignedIn(who, "see your registration"));
  BB_RETURN_IF_ERROR(VisibleEvent(who, event_id).status());
  BB_ASSIGN_OR_RETURN(std::optional<domain::Delegate> me, DelegateOfUser(who, event_id));
  if (!me) return NotFoundError(fmt::format("you are not registered for event {}", event_id));
  return *me;
}

Result<std::vector<DelegateSuggestion>> EventService::Suggestions(const Principal& who, std::string_view event_id,
                                                                  std::string_view language) {
  BB_RETURN_IF_ERROR(RequireSignedIn(who, "see whom to meet"));
  BB_RETURN_IF_ERROR(VisibleEvent(who, event_id).status());
  BB_ASSIGN_OR_RETURN(std::vector<domain::Delegate> delegates, RegisteredDelegates(context_.store, event_id));
  const std::optional<domain::Delegate> mine = OfUser(who, delegates);
  if (!mine) return NotFoundError(fmt::format("you are not registered for event {}", event_id));
  const domain::Delegate& me = *mine;
  BB_ASSIGN_OR_RETURN(std::vector<domain::MeetingRequest> requests, context_.store.ListMeetingRequests(event_id));
  std::set<std::string, std::less<>> asked;  // delegates already in a request with me
  for (const domain::MeetingRequest& r : requests) {
    if (r.from == me.id) asked.insert(r.to);
    if (r.to == me.id) asked.insert(r.from);
  }
  BB_ASSIGN_OR_RETURN(std::vector<MatchItem> matches, MatchedOrganizations(who, me, delegates, language));
  std::vector<DelegateSuggestion> out;
  for (const MatchItem& item : matches) {
    for (const domain::Delegate& d : delegates) {
      if (d.organization_id != item.record.organization_id || d.organization_id == me.organization_id ||
          asked.contains(d.id)) {
        continue;
      }
      out.push_back({d, item.record.title, item.score, item.reasons});
    }
  }
  return out;
}

Result<std::vector<MatchItem>> EventService::MatchedOrganizations(const Principal& who, const domain::Delegate& me,
                                                                  const std::vector<domain::Delegate>& delegates,
                                                                  std::string_view language) {
  // Matching ranks the organisations the event's other delegates represent.
  MatchParams params{std::string(language), "organization", MatchService::kMaxTop, {}};
  std::set<std::string_view> seen{me.organization_id};
  for (const domain::Delegate& d : delegates) {
    if (seen.insert(d.organization_id).second) params.among_organizations.push_back(d.organization_id);
  }
  if (params.among_organizations.empty()) return std::vector<MatchItem>{};
  BB_ASSIGN_OR_RETURN(MatchResult matches, MatchService(context_).ForOrganization(who, me.organization_id, params));
  return std::move(matches.items);
}

// --- Meeting requests ---------------------------------------------------------------------

RequestView EventService::View(domain::MeetingRequest request, const std::optional<domain::Delegate>& me,
                               EventPeople& people) {
  RequestView view;
  auto describe = [&](const std::string& delegate_id, std::string& name, std::string& organization) {
    const domain::Delegate* d = people.Find(delegate_id);
    if (!d) return;
    name = d->name;
    organization = people.OrganizationName(d->organization_id);
  };
  describe(request.from, view.from_name, view.from_organization);
  describe(request.to, view.to_name, view.to_organization);
  if (me) {
    view.direction = request.from == me->id ? "outgoing" : request.to == me->id ? "incoming" : "joining";
  }
  view.request = std::move(request);
  return view;
}

Result<RequestView> EventService::RequestMeeting(const Principal& who, std::string_view event_id, const json::object& body) {
  BB_RETURN_IF_ERROR(RequireSignedIn(who, "ask for meetings"));
  BB_ASSIGN_OR_RETURN(domain::Event event, OpenVisibleEvent(who, event_id));
  BB_RETURN_IF_ERROR(UnknownFields(body, {"from", "to", "priority", "message", "joining"}));
  BB_ASSIGN_OR_RETURN(std::vector<domain::Delegate> list, RegisteredDelegates(context_.store, event_id));
  const std::optional<domain::Delegate> me = OfUser(who, list);
  json::object record = body;
  record["type"] = "meeting_request";
  record["id"] = NewId(context_.random, "mrq_");
  record["event"] = event.id;
  record["status"] = "pending";
  if (!me) return FailedPreconditionError(fmt::format("register for event {} before asking for meetings", event_id));
  if (body.contains("from") && body.at("from") != json::value(me->id)) {
    return PermissionDeniedError("you ask for meetings as yourself, never in another's name: leave \"from\" out");
  }
  record["from"] = me->id;
  BB_ASSIGN_OR_RETURN(domain::MeetingRequest request, domain::MeetingRequestFromJson(record));
  if (request.to.empty()) return InvalidArgumentError("to", "name the delegate you would like to meet");
  const DelegateMap delegates = ByIdMap(std::move(list));
  BB_RETURN_IF_ERROR(domain::ValidateMeetingRequest(request, delegates));
  BB_ASSIGN_OR_RETURN(std::vector<domain::MeetingRequest> existing, context_.store.ListMeetingRequests(event_id));
  for (const domain::MeetingRequest& r : existing) {
    const bool live = r.status == "pending" || r.status == "accepted";
    if (live && r.from == request.to && r.to == request.from) {
      return AlreadyExistsError(fmt::format("{} asked to meet you already (request {}): accept it instead",
                                            delegates.find(request.to)->second.name, r.id));
    }
    if (r.from == request.from && r.to == request.to) {
      return AlreadyExistsError(fmt::format("you asked {} already (request {}, {})", delegates.find(request.to)->second.name,
                                            r.id, r.status));
    }
  }
  storage::WriteContext write = Context(who);
  if (const domain::Delegate& asked = delegates.find(request.to)->second; !asked.user_id.empty()) {
    write.notices.push_back(notices::ToUser(
        notices::Make("meeting_requested", "meeting_request", request.id, "/events/" + event.id,
                      {{"from", notices::PersonAt(context_.store, me->name, me->organization_id)},
                       {"event", notices::EventName(context_.store, event.id)}}),
        asked.user_id, who.actor()));
  }
  BB_ASSIGN_OR_RETURN(domain::MeetingRequest created, context_.store.CreateMeetingRequest(std::move(request), write));
  EventPeople people(context_.store, who.Language());
  return View(std::move(created), me, people);
}

Result<RequestView> EventService::AnswerRequest(const Principal& who, std::string_view request_id, const json::object& body) {
  BB_RETURN_IF_ERROR(RequireSignedIn(who, "answer meeting requests"));
  BB_RETURN_IF_ERROR(UnknownFields(body, {"decision", "version"}));
  BB_ASSIGN_OR_RETURN(domain::MeetingRequest request, context_.store.GetMeetingRequest(request_id));
  BB_RETURN_IF_ERROR(OpenEvent(request.event_id).status());  // a cancelled event takes no changes
  BB_ASSIGN_OR_RETURN(std::optional<domain::Delegate> me, DelegateOfUser(who, request.event_id));
  if (!(me && me->id == request.to)) {
    return PermissionDeniedError("only the delegate asked may answer this request");
  }
  BB_ASSIGN_OR_RETURN(std::string decision, Text(body, "decision", true, 20));
  BB_ASSIGN_OR_RETURN(std::int64_t version, RequiredVersion(body));
  if (request.status == "withdrawn") return FailedPreconditionError("the request was withdrawn by the one who asked");
  if (decision == "accept") {
    if (request.status == "accepted") return FailedPreconditionError("the request is accepted already");
    request.status = "accepted";
  } else if (decision == "decline") {
    if (request.status == "declined") return FailedPreconditionError("the request is declined already");
    request.status = "declined";
  } else {
    return InvalidArgumentError("decision", "use \"accept\" or \"decline\"");
  }
  storage::WriteContext write = Context(who);
  if (Result<domain::Delegate> asking = context_.store.GetDelegate(request.from);
      asking.ok() && !asking->user_id.empty()) {
    write.notices.push_back(notices::ToUser(
        notices::Make("meeting_answered", "meeting_request", request.id, "/events/" + request.event_id,
                      {{"by", notices::PersonAt(context_.store, me->name, me->organization_id)},
                       {"answer", request.status},
                       {"event", notices::EventName(context_.store, request.event_id)}}),
        asking->user_id, who.actor()));
  }
  BB_ASSIGN_OR_RETURN(domain::MeetingRequest saved, context_.store.UpdateMeetingRequest(std::move(request), version, write));
  EventPeople people(context_.store, who.Language());
  return View(std::move(saved), me, people);
}

Result<RequestView> EventService::WithdrawRequest(const Principal& who, std::string_view request_id, const json::object& body) {
  BB_RETURN_IF_ERROR(RequireSignedIn(who, "withdraw meeting requests"));
  BB_RETURN_IF_ERROR(UnknownFields(body, {"version"}));
  BB_ASSIGN_OR_RETURN(domain::MeetingRequest request, context_.store.GetMeetingRequest(request_id));
  BB_RETURN_IF_ERROR(OpenEvent(request.event_id).status());  // a cancelled event takes no changes
  BB_ASSIGN_OR_RETURN(std::optional<domain::Delegate> me, DelegateOfUser(who, request.event_id));
  if (!(me && me->id == request.from)) {
    return PermissionDeniedError("only the delegate who asked may withdraw this request");
  }
  BB_ASSIGN_OR_RETURN(std::int64_t version, RequiredVersion(body));
  if (request.status == "withdrawn" || request.status == "declined") {
    return FailedPreconditionError(fmt::format("the request is {} already", request.status));
  }
  request.status = "withdrawn";
  BB_ASSIGN_OR_RETURN(domain::MeetingRequest saved, context_.store.UpdateMeetingRequest(std::move(request), version, Context(who)));
  EventPeople people(context_.store, who.Language());
  return View(std::move(saved), me, people);
}

Result<std::vector<RequestView>> EventService::ListRequests(const Principal& who, std::string_view event_id,
                                                           std::string_view language) {
  BB_RETURN_IF_ERROR(RequireSignedIn(who, "see meeting requests"));
  BB_ASSIGN_OR_RETURN(domain::Event event, VisibleEvent(who, event_id));
  const bool organiser = IsOrganiser(who, event);
  BB_ASSIGN_OR_RETURN(std::optional<domain::Delegate> me, DelegateOfUser(who, event_id));
  if (!organiser && !me) return PermissionDeniedError(fmt::format("register for event {} to ask for meetings", event_id));
  BB_ASSIGN_OR_RETURN(std::vector<domain::MeetingRequest> requests, context_.store.ListMeetingRequests(event_id));
  EventPeople people(context_.store, who.Language(language));
  if (organiser) BB_RETURN_IF_ERROR(people.LoadAll(event_id));  // every request: everyone, in one read
  std::vector<RequestView> out;
  for (domain::MeetingRequest& r : requests) {
    const bool mine = me && domain::Involves(r, me->id);
    if (!mine && !organiser) continue;
    out.push_back(View(std::move(r), mine ? me : std::nullopt, people));
  }
  return out;
}

storage::WriteContext EventService::Context(const Principal& who) const { return {who.actor(), context_.clock.Now()}; }

}  // namespace biobridge::service
