// Writes sample calendars for the independent parser check
// (tests/calendar/parse_ics.mjs): an agenda in Moscow time with a
// cancelled meeting, one in Berlin time across the end of summer time, and
// one in Almaty time on both sides of Kazakhstan's move from UTC+6 to UTC+5
// (1 March 2024).
// Usage: ics_sample moscow|berlin|almaty
#include <iostream>
#include <string>

#include "domain/icalendar.h"

using namespace biobridge;

int main(int argc, char** argv) {
  const std::string which = argc > 1 ? argv[1] : "moscow";
  const TimeZone zone =
      *TimeZone::Find(which == "berlin" ? "Europe/Berlin" : which == "almaty" ? "Asia/Almaty" : "Europe/Moscow");
  domain::Calendar c{"Agenda, \"health-care week\"; day 1", zone, *ParseTimestamp("2026-06-01T08:00:00Z"), {}};
  if (which == "almaty") {
    // Meetings set at 10:00 Moscow time, before and after the change.
    const TimeZone moscow = *TimeZone::Find("Europe/Moscow");
    c.entries.push_back({"meeting-a1@biobridge", *moscow.ToUtc({2024, 2, 20, 10, 0}), *moscow.ToUtc({2024, 2, 20, 10, 30}), 0,
                         false, "Before the change", "", ""});
    c.entries.push_back({"meeting-a2@biobridge", *moscow.ToUtc({2026, 6, 16, 10, 0}), *moscow.ToUtc({2026, 6, 16, 10, 30}), 0,
                         false, "After the change", "", "Video room 3",
                         "https://meet.example.org/forum-mr-2-Kq3v9w2m4q7x1AbC"});
  } else if (which == "berlin") {
    // 2026-10-25: clocks go back at 03:00 summer time; meetings either side.
    c.entries.push_back({"meeting-b1@biobridge", *zone.ToUtc({2026, 10, 24, 10, 0}), *zone.ToUtc({2026, 10, 24, 10, 30}), 0,
                         false, "Before the change", "", ""});
    c.entries.push_back({"meeting-b2@biobridge", *zone.ToUtc({2026, 10, 26, 10, 0}), *zone.ToUtc({2026, 10, 26, 10, 30}), 1,
                         false, "After the change", "", ""});
  } else {
    c.entries.push_back({"meeting-mr-1@biobridge", *zone.ToUtc({2026, 6, 16, 9, 0}), *zone.ToUtc({2026, 6, 16, 9, 30}), 0,
                         false, "Meeting: Fourier Intelligence, table 12",
                         "Rehabilitation robots; budget, timeline\nSecond line", "Hall B"});
    c.entries.push_back({"meeting-mr-2@biobridge", *zone.ToUtc({2026, 6, 16, 10, 0}), *zone.ToUtc({2026, 6, 16, 10, 30}), 2,
                         true, std::string(30, '-') + " Встреча: Российско-китайский центр биофармацевтического сотрудничества",
                         "", ""});
  }
  std::cout << domain::ToICalendar(c);
}
