// RFC 5545 iCalendar for agendas: one VCALENDAR with the VTIMEZONE of the
// zone its times are written in and one VEVENT per meeting.
//
// What calendar programs need to keep a subscribed or re-imported calendar
// right: a UID per meeting that never changes (so an update replaces the
// entry instead of adding a second one), a SEQUENCE that grows with every
// change, STATUS:CANCELLED for a meeting that no longer takes place (kept in
// the calendar, so the entry is cancelled, not left behind), times with a
// TZID whose VTIMEZONE is in the file, escaped text and lines folded at 75
// octets without splitting a character.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "base/time.h"
#include "base/time_zone.h"

namespace biobridge::domain {

// A person invited to a meeting (iTIP ATTENDEE) or its organiser.
struct CalendarPerson {
  std::string name;
  std::string email;
};

struct CalendarEntry {
  std::string uid;  // stable, e.g. "meeting-<request id>@biobridge"
  Timestamp start{};
  Timestamp end{};
  int sequence = 0;  // grows with every change of the entry
  bool cancelled = false;
  std::string summary;
  std::string description;
  std::string location;
  // A video call to join (URL, and RFC 7986 CONFERENCE with FEATURE=VIDEO);
  // an https address checked on the way in (domain::ValidateEvent).
  std::string url;
  std::vector<CalendarPerson> attendees;  // iTIP: who the invitation is to
};

struct Calendar {
  std::string name;  // X-WR-CALNAME, as TEXT
  TimeZone zone;     // the times are written in this zone
  Timestamp stamp{}; // DTSTAMP: when the calendar was made
  std::vector<CalendarEntry> entries;
  // "PUBLISH" for an agenda to subscribe to; "REQUEST" or "CANCEL" for an
  // iTIP (RFC 5546) invitation of one meeting, mailed, which then names
  // its organiser and attendees.
  std::string method = "PUBLISH";
  CalendarPerson organizer;
};

std::string ToICalendar(const Calendar& calendar);

// RFC 5545 TEXT escaping (backslash, semicolon, comma, line breaks).
std::string EscapeCalendarText(std::string_view text);

}  // namespace biobridge::domain
