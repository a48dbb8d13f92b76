#include "domain/icalendar.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>

namespace biobridge::domain {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

Calendar Agenda() {
  const TimeZone moscow = *TimeZone::Find("Europe/Moscow");
  Calendar c{"Health-care week: Anna's meetings", moscow, *ParseTimestamp("2026-06-01T08:00:00Z"), {}};
  c.entries.push_back({"meeting-mr-1@biobridge", *moscow.ToUtc({2026, 6, 16, 9, 0}), *moscow.ToUtc({2026, 6, 16, 9, 30}), 0,
                       false, "Meeting: Fourier Intelligence, table 12", "Rehabilitation robots; budget, timeline", "Hall B"});
  c.entries.push_back({"meeting-mr-2@biobridge", *moscow.ToUtc({2026, 6, 16, 10, 0}), *moscow.ToUtc({2026, 6, 16, 10, 30}), 2,
                       true, "Встреча: Биокад", "", ""});
  return c;
}

TEST(ICalendarTest, WritesStableEntriesInTheZoneWithItsDefinition) {
  const std::string ics = ToICalendar(Agenda());
  EXPECT_THAT(ics, HasSubstr("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
  EXPECT_THAT(ics, HasSubstr("BEGIN:VTIMEZONE\r\nTZID:Europe/Moscow\r\n"));
  EXPECT_THAT(ics, HasSubstr("DTSTART;TZID=Europe/Moscow:20260616T090000\r\n"));
  EXPECT_THAT(ics, HasSubstr("DTEND;TZID=Europe/Moscow:20260616T093000\r\n"));
  EXPECT_THAT(ics, HasSubstr("UID:meeting-mr-1@biobridge\r\n"));
  EXPECT_THAT(ics, HasSubstr("DTSTAMP:20260601T080000Z\r\n"));
  EXPECT_THAT(ics, HasSubstr("SEQUENCE:2\r\nSTATUS:CANCELLED\r\n"));  // the cancelled meeting stays, cancelled
  EXPECT_THAT(ics, HasSubstr("DESCRIPTION:Rehabilitation robots\\; budget\\, timeline\r\n"));
  EXPECT_THAT(ics, HasSubstr("END:VCALENDAR\r\n"));
  // Every line ends CRLF and none is longer than 75 octets.
  std::istringstream lines(ics);
  for (std::string line; std::getline(lines, line);) {
    ASSERT_FALSE(line.empty());
    EXPECT_EQ(line.back(), '\r');
    EXPECT_LE(line.size() - 1, 75u) << line;
  }
  EXPECT_THAT(ics, Not(HasSubstr("\n\n")));
}

TEST(ICalendarTest, FoldsLongLinesWithoutSplittingCharacters) {
  Calendar c = Agenda();
  c.entries.resize(1);
  c.entries[0].summary = std::string(40, 'x') + "Российско-китайский центр биофармацевтического сотрудничества";
  const std::string ics = ToICalendar(c);
  // Unfolded (CRLF + space removed), the summary is whole again.
  std::string unfolded = ics;
  for (std::size_t at; (at = unfolded.find("\r\n ")) != std::string::npos;) unfolded.erase(at, 3);
  EXPECT_THAT(unfolded, HasSubstr("SUMMARY:" + c.entries[0].summary + "\r\n"));
  EXPECT_NE(ics.find("\r\n "), std::string::npos);
}

TEST(ICalendarTest, EscapesText) {
  EXPECT_EQ(EscapeCalendarText("a;b,c\\d\ne\r\nf"), "a\\;b\\,c\\\\d\\ne\\nf");
}

}  // namespace
}  // namespace biobridge::domain
