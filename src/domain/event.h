// Partnering events: an event (forum, exhibition, conference) with its time
// zone, slots and tables; the delegates registered for it (people of
// organisations) with their availability; and the meeting requests between
// them. The interchange form is DESIGN.md's ("event", "delegate",
// "meeting_request" records), extended with the fields BioBridge needs;
// unknown fields are kept.
//
// Slot times are wall-clock times in the event's IANA time zone.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/json.h"
#include "base/status.h"
#include "base/time_zone.h"
#include "domain/localized_text.h"
#include "domain/record.h"

namespace biobridge::domain {

inline constexpr std::string_view kEventKinds[] = {"forum", "exhibition", "conference"};
inline constexpr std::string_view kEventStatuses[] = {"open", "cancelled"};
inline constexpr std::string_view kMeetingPriorities[] = {"must", "would_like"};
// "withdrawn": the requester took the request back (a scheduled meeting of it
// is cancelled at the next re-run, like one declined after acceptance).
inline constexpr std::string_view kRequestStatuses[] = {"pending", "accepted", "declined", "withdrawn"};
inline constexpr std::string_view kRoomModes[] = {"in_person", "virtual"};
inline constexpr std::string_view kAttendanceModes[] = {"in_person", "virtual"};
// "public": listed and readable by everyone, visitors included, and open to
// registration by any member; "private": seen only by its organisers, its
// delegates and those invited, who register by accepting an invitation.
inline constexpr std::string_view kEventVisibilities[] = {"public", "private"};
// "withdrawn": the delegate unregistered (the record stays, for the history
// of requests and meetings); they may register again.
inline constexpr std::string_view kDelegateStatuses[] = {"registered", "withdrawn"};

struct EventSlot {
  std::string id;
  LocalDateTime start;
  LocalDateTime end;
  std::string session;  // optional label, e.g. "Day 1 morning"
  friend bool operator==(const EventSlot&, const EventSlot&) = default;
};

// A table or room meetings are held at. A virtual room is a video call.
struct MeetingRoom {
  std::string id;
  std::string name;
  int seats = 2;  // people a meeting there may have
  std::string mode = "in_person";
  std::string hall;  // the exhibitor hall it stands in, if any
  // A virtual room's own video-call address (https), when it has a fixed
  // one; organisers and the room's participants see it, no one else.
  std::string link;
  friend bool operator==(const MeetingRoom&, const MeetingRoom&) = default;
};

struct ExhibitorHall {
  std::string id;
  std::string name;
  friend bool operator==(const ExhibitorHall&, const ExhibitorHall&) = default;
};

// An item of the event's public programme (a talk, a panel, the opening),
// in the event's zone; meeting slots are separate.
struct ProgrammeSession {
  LocalizedText title;
  LocalDateTime start;
  LocalDateTime end;
  std::string place;  // optional: hall or room
  friend bool operator==(const ProgrammeSession&, const ProgrammeSession&) = default;
};

struct Event {
  std::string id;
  LocalizedText name;
  LocalizedText description;
  std::string visibility = "public";  // kEventVisibilities
  std::string venue;                  // address; empty: online only
  std::vector<std::string> hosts;     // organisations that host it (ids), shown on its page
  std::vector<ProgrammeSession> sessions;
  std::string kind = "forum";
  std::string time_zone;      // IANA, e.g. "Europe/Moscow"
  std::string programme_id;   // optional
  int tables = 1;             // meetings a slot holds at once (= rooms.size() when rooms are listed)
  std::vector<MeetingRoom> rooms;  // optional: named tables and rooms with seats and mode
  std::vector<ExhibitorHall> halls;
  int max_meetings = 0;       // per delegate; 0: no cap beyond the slots
  // The video-call address of a meeting in a virtual room without a link of
  // its own: https, with "{meeting}" (replaced by the meeting's request id
  // and a random key, so that no one guesses another meeting's call) and
  // optionally "{event}", e.g. "https://meet.example.org/forum-{event}-{meeting}".
  std::string video_link;
  std::vector<EventSlot> slots;  // in time order, not overlapping
  std::string status = "open";
  json::object extra;
  RecordMeta meta;
  friend bool operator==(const Event&, const Event&) = default;
};

struct Delegate {
  std::string id;
  std::string event_id;
  std::string organization_id;
  std::string name;
  std::string user_id;    // the account, when the delegate has one
  std::string time_zone;  // for the delegate's agenda; empty: the event's
  // Slot ids the delegate is free in; empty: every slot.
  std::vector<std::string> available_slots;
  int max_meetings = 0;   // 0: the event's cap
  std::string attendance = "in_person";  // "virtual": meets in virtual rooms only
  std::string hall;       // an exhibitor's hall (id) and stand
  std::string stand;
  // Shown on the event's public page (name, organisation, stand): the
  // delegate's own choice, off unless they turn it on.
  bool listed = false;
  std::string status = "registered";  // kDelegateStatuses
  // Random; with the event and delegate ids it makes the check-in code on
  // their agenda. Only the delegate and organisers ever see it.
  std::string check_in_key;
  std::optional<Timestamp> checked_in_at;
  json::object extra;
  RecordMeta meta;
  friend bool operator==(const Delegate&, const Delegate&) = default;
};

struct MeetingRequest {
  std::string id;
  std::string event_id;
  std::string from;  // delegate ids
  std::string to;
  std::vector<std::string> joining;  // colleagues of either side who join
  std::string priority = "would_like";
  std::string status = "pending";
  std::string message;
  // A new slot one side proposed for the published meeting; the other side
  // accepts or declines it. Empty when nothing is proposed.
  std::string proposed_slot;
  std::string proposed_by;  // delegate id
  json::object extra;
  RecordMeta meta;
  friend bool operator==(const MeetingRequest&, const MeetingRequest&) = default;
};

// After the event a participant records "held" or "no_show"; a held meeting
// is followed up when both sides ask for it (`follow_up` lists the
// organisations that asked), and then names the deal it opened.
inline constexpr std::string_view kMeetingStatuses[] = {"scheduled", "cancelled", "held", "no_show"};

struct Meeting {
  std::string request_id;
  std::string slot_id;
  int table = 0;  // 1-based; the room is rooms[table - 1] when the event lists rooms
  std::string status = "scheduled";
  int sequence = 0;  // grows with every change, for calendars
  bool published = false;  // delegates have seen it: a re-run keeps it where it is
  std::vector<std::string> follow_up;  // organisations whose participants asked to follow up
  std::string deal_id;     // the deal the follow-up opened, once both sides asked
  std::string video_key;   // random: what makes its video link (Event::video_link) unguessable
  friend bool operator==(const Meeting&, const Meeting&) = default;
};

// One per event: the draft or published schedule and its figures.
struct Schedule {
  std::string event_id;
  std::string state = "draft";  // "draft" or "published"
  std::vector<Meeting> meetings;
  // What delegates see: the meetings as last published (agendas and
  // calendars read these, so a draft re-run changes nothing for them until
  // it is published); outcomes are recorded here and in `meetings`.
  std::vector<Meeting> published_meetings;
  json::object figures;  // weight, bounds, percent of the bound, exact
  std::optional<Timestamp> published_at;
  RecordMeta meta;
  friend bool operator==(const Schedule&, const Schedule&) = default;
};

// Slots for days × sessions: each session (a start and end wall-clock time,
// "09:00"–"12:30") is cut into slots of `slot_minutes` with `break_minutes`
// between them; the gap between sessions is the longer break (lunch). Ids
// are "d<day>-<hhmm>". kInvalidArgument naming the field for a bad date or
// time, a session that ends before it starts or holds no slot, sessions
// that overlap, or more than 2000 slots.
struct SessionPlan {
  std::string name;
  std::string start;  // "HH:MM"
  std::string end;
};
struct SlotPlan {
  std::vector<std::string> days;  // "YYYY-MM-DD", in order
  std::vector<SessionPlan> sessions;
  int slot_minutes = 30;
  int break_minutes = 0;
};
Result<std::vector<EventSlot>> PlanSlots(const SlotPlan& plan);
Result<SlotPlan> SlotPlanFromJson(const json::object& object);

// Whether the delegate takes part in the request's meeting: either side or a
// colleague who joins.
bool Involves(const MeetingRequest& request, std::string_view delegate_id);

// The event's slot with that id, or nullptr.
const EventSlot* FindSlot(const Event& event, std::string_view slot_id);

// What the QR code on a delegate's agenda says: "BBCHECKIN:<event>:<delegate>:<key>".
std::string CheckInCode(const Delegate& delegate);
struct CheckInCodeParts {
  std::string event_id, delegate_id, key;
};
// kInvalidArgument naming "code" for text that is not a check-in code.
Result<CheckInCodeParts> ParseCheckInCode(std::string_view code);

// Where the participants of a meeting in a virtual room join it: the room's
// link, or the event's video_link with the meeting filled in (needs the
// meeting's video_key). Empty for a table at the venue, or when the event
// gives no link.
std::string VideoLink(const Event& event, const Meeting& meeting);

// --- Validation ---------------------------------------------------------------------------

// A name; a known kind and status; an IANA time zone; tables >= 1 (as many
// as the rooms when they are listed); rooms and halls with unique ids,
// seats >= 2, a known mode and hall, a link only for a virtual room and
// then an https address; a video_link that is an https address with
// "{meeting}" in it and no other placeholder than "{event}"; slots
// with unique ids, each ending after it starts, existing in the zone (not in
// a daylight-saving gap), in time order without overlapping.
Status ValidateEvent(const Event& event);
// Against its event: the event's id, a name and organisation, known slots
// listed once, a time zone that exists, a cap that is not negative.
Status ValidateDelegate(const Delegate& delegate, const Event& event);
// Against the event's delegates (by id): both parties registered for it,
// not the same person nor colleagues (one organisation), colleagues who
// join from either side, a known priority and status.
Status ValidateMeetingRequest(const MeetingRequest& request, const std::map<std::string, Delegate, std::less<>>& delegates);

// --- Interchange -----------------------------------------------------------------------------

json::object ToJson(const Event& event);
json::object ToJson(const Delegate& delegate);
json::object ToJson(const MeetingRequest& request);
Result<Event> EventFromJson(const json::object& object);
Result<Delegate> DelegateFromJson(const json::object& object);
Result<MeetingRequest> MeetingRequestFromJson(const json::object& object);
json::object ToJson(const Meeting& meeting);
json::object ToJson(const Schedule& schedule);
Result<Schedule> ScheduleFromJson(const json::object& object);

}  // namespace biobridge::domain
