// EventService: partnering events, from the organiser's plan to the
// meetings' outcomes.
//
//   organiser: creates the event (slots planned from days and sessions,
//              tables and rooms, exhibitor halls), drafts the schedule,
//              reviews it against its bound, publishes it, cancels the event;
//   delegate:  registers for their organisation with their availability,
//              asks others for meetings (must meet / would like), is offered
//              delegates to meet from matching, accepts or declines what
//              others ask, reads their agenda in their own time zone and
//              downloads it as an iCalendar file, and after a meeting says
//              whether it was held and whether to follow up (which opens a
//              deal in the pipeline).
//
// A re-run of the schedule keeps every published meeting that still holds
// where it is (it is locked), so a cancellation or a new request changes
// only what must change; a published meeting that no longer holds stays in
// the schedule, cancelled, so that calendars cancel it too. Delegates see
// the schedule as last published; a draft changes nothing for them.
//
// Organisers (service/roles.h): platform admins, users a platform admin
// made event organisers, and, for an event of a programme, the members of
// the programme's operator. Organisers schedule; they do not speak for
// delegates: registering someone is an invitation that person accepts, and
// meeting requests, answers and follow-ups are the delegates' own.
// Delegates of an event see its delegates (to choose whom to meet); other
// signed-in users see the event itself. A cancelled event refuses every
// change but reading.
//
// Errors (beyond service/context.h's): kPermissionDenied for someone who is
// not an organiser (creating events, inviting others, drafting schedules) or
// not the delegate concerned (answering, withdrawing, following up);
// kFailedPrecondition for what the event's state forbids (a cancelled event,
// a published schedule, an answered or withdrawn request, an unregistered
// delegate, a meeting that has begun or not yet); kAlreadyExists for a
// second registration or a request asked already (either way round);
// kAborted for an event or registration changed since the version sent.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/event.h"
#include "domain/icalendar.h"
#include "domain/invitation.h"
#include "service/context.h"
#include "service/event_people.h"
#include "solve/scheduler.h"
#include "service/match_service.h"
#include "service/principal.h"

namespace biobridge::service {

struct EventHost {
  std::string id, name;  // the organisation, named in the viewer's language
};

struct EventView {
  domain::Event event;
  bool organiser = false;                   // the viewer organises it
  std::optional<domain::Delegate> me;       // the viewer's registration
  std::vector<EventHost> hosts;
  int delegates = 0;                        // registered now
  int listed = 0;                           // of them, on the public list
  std::string schedule_state;               // "", "draft" or "published"
};

// A meeting request with the names a reader needs.
struct RequestView {
  domain::MeetingRequest request;
  std::string from_name, from_organization;  // organisation names
  std::string to_name, to_organization;
  // For a delegate: "outgoing" (theirs), "incoming" (theirs to answer) or
  // "joining" (a colleague's they join); "" for an organiser.
  std::string direction;
};

// One meeting on a delegate's agenda, in the delegate's time zone.
struct AgendaItem {
  domain::Meeting meeting;
  std::string request_id;
  std::string priority;
  std::string slot_id;
  LocalDateTime start, end;  // in the agenda's zone
  Timestamp start_utc{}, end_utc{};
  std::string place;         // table or room, with its hall
  bool virtual_room = false;
  std::string video_link;    // where to join, for a virtual room that has one (domain::VideoLink)
  std::vector<std::string> with;  // "Name (Organisation)" of the others
  std::vector<std::string> with_organizations;  // their organisation ids
};

struct Agenda {
  domain::Delegate delegate;
  std::string event_name;  // in the viewer's language when given
  std::string time_zone;   // the delegate's, or the event's
  bool published = false;  // false: no schedule published yet
  std::vector<AgendaItem> items;  // in time order
  // What the QR code on the agenda says (domain::CheckInCode): for the
  // delegate and organisers only; empty for one who unregistered.
  std::string check_in_code;
};

// What registering did: the viewer's own registration, or an invitation to
// the person an organiser named.
struct Registration {
  std::optional<domain::Delegate> delegate;
  std::optional<domain::Invitation> invitation;
};

// A delegate worth meeting, from matching their organisation with the
// viewer's.
struct DelegateSuggestion {
  domain::Delegate delegate;
  std::string organization_name;
  double score = 0;
  std::vector<MatchReason> reasons;
};

// Browsing an event's participants: text (names, organisations, stands and,
// for the visible page, what they offer and seek), the organisation's
// country and kind, and a therapeutic area.
struct ParticipantQuery {
  std::string q;
  std::string country;
  std::string kind;
  std::string area;
  std::string language;
  int page = 1;
  int per_page = 50;
};

// A participant as the viewer may see them. Visitors and other outsiders of
// a public event see the delegates who chose to be listed, with their name,
// organisation and stand; delegates and organisers see every registered
// delegate, the matcher's suggestions first with their reasons, and the
// viewer's own request with each.
struct Participant {
  domain::Delegate delegate;
  std::string organization_name;
  domain::LocalizedText organization_names;  // in every language it has, for text search (not shown)
  std::string country, kind;
  std::vector<std::string> therapeutic_areas;
  std::vector<std::string> offers, seeks;  // titles of opportunities the viewer may see
  bool posts_read = false;                 // offers and seeks are filled (AddOpportunities ran)
  std::string description;                 // the organisation's, on a profile only
  bool colleague = false;                  // of the viewer's organisation
  bool suggested = false;
  double score = 0;
  std::vector<MatchReason> reasons;
  std::string request_id, request_status;  // the viewer's request with them, if any
};

struct ParticipantPage {
  std::vector<Participant> items;
  std::int64_t total = 0;
  int page = 1;
  int per_page = 50;
  bool full = false;  // the viewer sees every delegate (a delegate or organiser), not the public list
};

// What scanning a check-in code did: the delegate, and whether they had
// checked in before (then nothing changed).
struct CheckIn {
  domain::Delegate delegate;
  std::string organization_name;
  bool already = false;
};

// Attendance at an event, for its organisers: every registered delegate
// with their check-in and meetings, and every published meeting with its
// outcome ("upcoming", "unrecorded" once begun, "held", "no_show"), so that
// each figure can be opened into the list behind it.
struct AttendanceDelegate {
  std::string id, name, organization_name;
  std::string check_in_code;  // for printed agendas and badges
  std::optional<Timestamp> checked_in_at;
  int meetings = 0, held = 0, no_show = 0;
};
struct AttendanceMeeting {
  std::string request_id, slot_id;
  LocalDateTime start;  // in the event's zone
  std::string place;
  std::vector<std::string> with;  // "Name (Organisation)" of both sides
  std::string outcome;
};
struct Attendance {
  std::vector<AttendanceDelegate> delegates;
  std::vector<AttendanceMeeting> meetings;  // in schedule order
};

// The calendar UID of the meeting a request asked for: the same in every
// agenda, feed and invitation, so that calendar programs update in place.
std::string MeetingUid(std::string_view request_id);

// Where a meeting at `table` is held: the room (and its hall) when the event
// lists rooms, "Table N" otherwise; `virtual_room` says whether it is a call.
std::string MeetingPlace(const domain::Event& event, int table, bool* virtual_room = nullptr);

class EventService {
 public:
  explicit EventService(const ServiceContext& context) : context_(context) {}

  // --- Events (organisers) ---
  // The body is the event record (DESIGN.md) with, optionally, "plan": a
  // SlotPlan (days, sessions, slot_minutes, break_minutes) that makes the
  // slots. An update names the version it read and may not drop a slot
  // that a delegate's availability or a published meeting uses.
  Result<domain::Event> CreateEvent(const Principal& who, const json::object& body);
  Result<domain::Event> UpdateEvent(const Principal& who, std::string_view id, const json::object& body);
  // The event stops taking changes; every published meeting is cancelled
  // (so calendars cancel them).
  Result<domain::Event> CancelEvent(const Principal& who, std::string_view id, std::int64_t version);
  // Host organisations are named in `language` (empty: the viewer's preferred one).
  Result<EventView> GetEvent(const Principal& who, std::string_view id, std::string_view language = "");
  Result<std::vector<EventView>> ListEvents(const Principal& who, std::string_view language = "");

  // --- Delegates ---
  // A signed-in member registers themselves for one of their organisations
  // (once per event). An organiser who names someone else ("user": an
  // account that belongs to the organisation) invites them: the
  // registration is made when that person accepts.
  Result<Registration> Register(const Principal& who, std::string_view event_id, const json::object& body);
  // Whether `delegate` (for an account) may be registered for `event` as it
  // is now: kAlreadyExists when the account is registered already,
  // kInvalidArgument naming the field for a registration the event does not
  // allow. Register and the acceptance of an organiser's invitation check it.
  Status CheckRegistration(const domain::Event& event, const domain::Delegate& delegate);
  // The delegate changes their registration; an organiser only the hall and
  // stand. Names the version read.
  Result<domain::Delegate> UpdateDelegate(const Principal& who, std::string_view delegate_id, const json::object& body);
  Result<std::vector<domain::Delegate>> ListDelegates(const Principal& who, std::string_view event_id);
  Result<domain::Delegate> MyDelegate(const Principal& who, std::string_view event_id);
  // Delegates of other organisations the viewer's organisation complements,
  // best first, leaving out those already asked.
  Result<std::vector<DelegateSuggestion>> Suggestions(const Principal& who, std::string_view event_id,
                                                      std::string_view language);

  // --- Participants ---
  Result<ParticipantPage> Participants(const Principal& who, std::string_view event_id, const ParticipantQuery& query);
  // One participant, with their organisation's description; kNotFound for
  // one the viewer may not see.
  Result<Participant> GetParticipant(const Principal& who, std::string_view event_id, std::string_view delegate_id,
                                     std::string_view language);

  // --- Meeting requests ---
  // From the viewer's delegate, never in another's name: {"to", "priority",
  // "message", "joining"} ("from", when given, must be the viewer's own).
  Result<RequestView> RequestMeeting(const Principal& who, std::string_view event_id, const json::object& body);
  // The one asked, and nobody for them: {"decision": "accept"|"decline", "version"}.
  // An accepted request may still be declined (the meeting is cancelled).
  Result<RequestView> AnswerRequest(const Principal& who, std::string_view request_id, const json::object& body);
  // The one who asked takes it back: {"version"}.
  Result<RequestView> WithdrawRequest(const Principal& who, std::string_view request_id, const json::object& body);
  // An organiser sees all; a delegate those they are part of. Organisation
  // names in `language` (empty: the viewer's preferred one).
  Result<std::vector<RequestView>> ListRequests(const Principal& who, std::string_view event_id,
                                                std::string_view language = "");

  // --- The schedule (organisers) ---
  // The schedule a draft would hold now; not saved.
  // `seconds`: the most the scheduler may take (solve::ScheduleProblem::seconds).
  Result<domain::Schedule> PreviewSchedule(const Principal& who, std::string_view event_id,
                                           double seconds = solve::kDefaultSeconds);
  Result<domain::Schedule> DraftSchedule(const Principal& who, std::string_view event_id,
                                         double seconds = solve::kDefaultSeconds);
  Result<domain::Schedule> PublishSchedule(const Principal& who, std::string_view event_id, std::int64_t version);
  Result<domain::Schedule> GetSchedule(const Principal& who, std::string_view event_id);

  // --- Agendas and calendars ---
  // The published meetings of a delegate (the viewer's own when
  // delegate_id is empty; an organiser may read anyone's).
  Result<Agenda> DelegateAgenda(const Principal& who, std::string_view event_id, std::string_view delegate_id,
                                std::string_view language);
  // RFC 5545: the delegate's agenda in their zone; the event's published
  // meetings in the event's zone (organisers).
  // Entries are worded in `language` (empty: the viewer's preferred one).
  Result<std::string> DelegateCalendar(const Principal& who, std::string_view event_id, std::string_view delegate_id,
                                       std::string_view language = "");
  Result<std::string> EventCalendar(const Principal& who, std::string_view event_id);

  // --- Exports (organisers) ---
  // One of the event's tables for a spreadsheet, the header row first:
  // "delegates", "requests" or "meetings" (the current schedule, draft or
  // published, with outcomes). Names of organisations in `language`.
  // kInvalidArgument naming "table" for another name.
  Result<std::vector<std::vector<std::string>>> ExportTable(const Principal& who, std::string_view event_id,
                                                            std::string_view table, std::string_view language = "");

  // --- Self-service changes (delegates) ---
  // One side of a published, scheduled meeting that has not begun proposes
  // another slot: {"slot", "version"} (the request's). kInvalidArgument
  // naming "slot" when it has begun, when either side or a colleague who
  // joins is not available or has another meeting then, or when no table or
  // room fits; the other side is told.
  Result<RequestView> ProposeTime(const Principal& who, std::string_view request_id, const json::object& body);
  // {"decision": "accept"|"decline", "version"} by the other side, or
  // "withdraw" by the one who proposed. Accepting checks the slot again and
  // moves the meeting there (both sides get the calendar update).
  Result<RequestView> AnswerProposal(const Principal& who, std::string_view request_id, const json::object& body);
  // The delegate leaves the event ({"version"} of their registration):
  // their meetings are cancelled (the other sides told), their requests
  // withdrawn and those to them declined, and they leave the public list.
  // They may register again. Only the delegate themself: kNotFound for
  // anyone else.
  Result<domain::Delegate> Unregister(const Principal& who, std::string_view delegate_id, const json::object& body);

  // --- At the venue (organisers) ---
  // {"code": what the QR code on a delegate's agenda says}. kInvalidArgument
  // naming "code" for text that is no check-in code, a code of another
  // event, or one whose key does not match (forged).
  Result<CheckIn> CheckInDelegate(const Principal& who, std::string_view event_id, const json::object& body);
  Result<Attendance> AttendanceOf(const Principal& who, std::string_view event_id, std::string_view language = "");

  // --- After the meeting ---
  // A participant (or an organiser, who records attendance), once the
  // meeting's slot has begun: {"outcome": "held"|"no_show", "follow_up":
  // bool}. A participant's follow-up asks for a deal on their
  // organisation's behalf; once both organisations asked, it opens (once).
  Result<domain::Meeting> RecordOutcome(const Principal& who, std::string_view request_id, const json::object& body);

 private:
  // Who writes and when, for the store's audit (defined where the store's header is).
  storage::WriteContext Context(const Principal& who) const;
  // What publishing tells delegates, going from the meetings they were shown
  // (`before`) to `after`: new meetings, moved ones, cancelled ones.
  Status NoticesOfPublication(std::string_view event_id, const std::vector<domain::Meeting>& before,
                              const std::vector<domain::Meeting>& after, const std::string& actor,
                              std::vector<domain::Notice>& out);
  bool IsOrganiser(const Principal& who, const domain::Event& event) const;
  Result<domain::Event> EventForOrganiser(const Principal& who, std::string_view event_id, std::string_view to_do);
  // The same, for a change: kFailedPrecondition when the event is cancelled.
  Result<domain::Event> OpenEventForOrganiser(const Principal& who, std::string_view event_id, std::string_view to_do);
  // The event, when it still takes changes.
  Result<domain::Event> OpenEvent(std::string_view event_id);
  // The event, when `who` may know of it: a public event for everyone; a
  // private one for its organisers, delegates and those invited;
  // kNotFound, as for no event at all, for anyone else.
  Result<domain::Event> VisibleEvent(const Principal& who, std::string_view event_id);
  // Whether `who` may know of `event` (VisibleEvent's rule, for an event in hand).
  Result<bool> CanSee(const Principal& who, const domain::Event& event);
  // VisibleEvent, when it still takes changes (kFailedPrecondition when cancelled).
  Result<domain::Event> OpenVisibleEvent(const Principal& who, std::string_view event_id);
  Result<bool> InvitedTo(const Principal& who, std::string_view event_id);
  // The organisations of `delegates` that matching ranks for `me`'s, best first.
  Result<std::vector<MatchItem>> MatchedOrganizations(const Principal& who, const domain::Delegate& me,
                                                      const std::vector<domain::Delegate>& delegates,
                                                      std::string_view language);
  // Participants of the event as `who` sees them (without opportunities or
  // descriptions); `full` says whether that is every delegate.
  Result<std::vector<Participant>> ParticipantsOf(const Principal& who, const domain::Event& event,
                                                  std::string_view language, bool& full);
  // The titles of what the participant's organisation offers and seeks that
  // `who` may see; with `every_language`, every variant of each title is
  // appended to it (for text search).
  void AddOpportunities(const Principal& who, Participant& participant, std::string_view language,
                        std::string* every_language = nullptr);
  // The event and the delegate whose agenda `who` asks for (their own when
  // delegate_id is empty); kNotFound for one they may not see.
  Result<std::pair<domain::Event, domain::Delegate>> AgendaSubject(const Principal& who, std::string_view event_id,
                                                                   std::string_view delegate_id);
  // The event with what the viewer sees of it (counts, their registration).
  Result<EventView> ViewOf(const Principal& who, domain::Event event, std::string_view language = "");
  Result<std::optional<domain::Delegate>> DelegateOfUser(const Principal& who, std::string_view event_id);
  static RequestView View(domain::MeetingRequest request, const std::optional<domain::Delegate>& me, EventPeople& people);
  Result<domain::Event> EventFromBody(const json::object& body, domain::Event base);
  // The published meetings of `delegate`, in their zone; of everyone in the
  // event's zone when null (each meeting once, `with` naming all its people).
  Result<Agenda> AgendaOf(const domain::Event& event, const domain::Delegate* delegate, std::string_view language);
  Result<domain::Calendar> CalendarOf(const domain::Event& event, const std::vector<AgendaItem>& items,
                                      std::string name, std::string_view zone, std::string_view language);

  // A request's published meeting that its viewer (one side) may move.
  struct MovableMeeting {
    domain::MeetingRequest request;
    domain::Event event;
    domain::Delegate me;
    domain::Schedule schedule;
  };
  Result<MovableMeeting> MovableMeetingOf(const Principal& who, std::string_view request_id);
  // The table (1-based) the request's meeting can have in `slot_id`, the
  // current one when it is free there; kInvalidArgument naming "slot" when
  // the slot is past, someone is not free or busy, or nothing fits.
  Result<int> FreeTableFor(const domain::Event& event, const domain::Schedule& schedule,
                           const domain::MeetingRequest& request, const std::string& slot_id, int current_table);

  ServiceContext context_;
};

}  // namespace biobridge::service
