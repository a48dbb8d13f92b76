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
inline constexpr std::string_view kRequestStatuses[] = {"pending", "accepted", "declined"};

struct EventSlot {
  std::string id;
  LocalDateTime start;
  LocalDateTime end;
  friend bool operator==(const EventSlot&, const EventSlot&) = default;
};

struct Event {
  std::string id;
  LocalizedText name;
  std::string kind = "forum";
  std::string time_zone;      // IANA, e.g. "Europe/Moscow"
  std::string programme_id;   // optional
  int tables = 1;             // meetings a slot holds at once
  int max_meetings = 0;       // per delegate; 0: no cap beyond the slots
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
  json::object extra;
  RecordMeta meta;
  friend bool operator==(const MeetingRequest&, const MeetingRequest&) = default;
};

inline constexpr std::string_view kMeetingStatuses[] = {"scheduled", "cancelled", "held", "no_show"};

struct Meeting {
  std::string request_id;
  std::string slot_id;
  int table = 0;
  std::string status = "scheduled";
  int sequence = 0;  // grows with every change, for calendars
  bool published = false;  // delegates have seen it: a re-run keeps it where it is
  friend bool operator==(const Meeting&, const Meeting&) = default;
};

// One per event: the draft or published schedule and its figures.
struct Schedule {
  std::string event_id;
  std::string state = "draft";  // "draft" or "published"
  std::vector<Meeting> meetings;
  json::object figures;  // weight, bounds, percent of the bound, exact
  std::optional<Timestamp> published_at;
  RecordMeta meta;
  friend bool operator==(const Schedule&, const Schedule&) = default;
};

// --- Validation ---------------------------------------------------------------------------

// A name; a known kind and status; an IANA time zone; tables >= 1; slots
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
json::object ToJson(const Schedule& schedule);
Result<Schedule> ScheduleFromJson(const json::object& object);

}  // namespace biobridge::domain
