#include "base/time_zone.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cctype>

namespace biobridge {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

LocalDateTime L(int y, unsigned mo, unsigned d, unsigned h, unsigned mi) { return {y, mo, d, h, mi}; }

TEST(TimeZoneTest, ParsesAndFormatsLocalTimes) {
  EXPECT_EQ(*ParseLocalDateTime("2026-06-16T09:30"), L(2026, 6, 16, 9, 30));
  EXPECT_EQ(*ParseLocalDateTime("2026-06-16T09:30:00"), L(2026, 6, 16, 9, 30));
  EXPECT_EQ(FormatLocalDateTime(L(2026, 6, 16, 9, 5)), "2026-06-16T09:05");
  EXPECT_FALSE(ParseLocalDateTime("2026-06-16 09:30").ok());
  EXPECT_FALSE(ParseLocalDateTime("2026-02-30T09:30").ok());
  EXPECT_FALSE(ParseLocalDateTime("2026-06-16T24:00").ok());
  EXPECT_FALSE(ParseLocalDateTime("2026-06-16T09:30:15").ok());
}

TEST(TimeZoneTest, ConvertsBetweenLocalAndUtc) {
  const TimeZone moscow = *TimeZone::Find("Europe/Moscow");  // UTC+3, no daylight saving
  EXPECT_EQ(FormatTimestamp(*moscow.ToUtc(L(2026, 6, 16, 9, 0))), "2026-06-16T06:00:00Z");
  const TimeZone shanghai = *TimeZone::Find("Asia/Shanghai");
  const Timestamp t = *moscow.ToUtc(L(2026, 6, 16, 9, 0));
  EXPECT_EQ(shanghai.ToLocal(t), L(2026, 6, 16, 14, 0));
  EXPECT_EQ(shanghai.OffsetMinutes(t), 480);
  const TimeZone berlin = *TimeZone::Find("Europe/Berlin");
  EXPECT_EQ(berlin.OffsetMinutes(t), 120);                                          // summer time
  EXPECT_EQ(berlin.OffsetMinutes(*berlin.ToUtc(L(2026, 12, 1, 12, 0))), 60);        // winter time
}

TEST(TimeZoneTest, DaylightSavingGapsAndRepeats) {
  const TimeZone berlin = *TimeZone::Find("Europe/Berlin");
  // 2026-03-29: the clocks go from 02:00 to 03:00; 02:30 does not exist.
  EXPECT_THAT(berlin.ToUtc(L(2026, 3, 29, 2, 30)).status().message(), HasSubstr("does not exist in Europe/Berlin"));
  // 2026-10-25: 02:30 happens twice; the first (summer time, UTC+2) is taken.
  EXPECT_EQ(FormatTimestamp(*berlin.ToUtc(L(2026, 10, 25, 2, 30))), "2026-10-25T00:30:00Z");
}

TEST(TimeZoneTest, UnknownZonesAreRefusedWithAnExample) {
  EXPECT_THAT(TimeZone::Find("Mars/Olympus").status().message(), HasSubstr("not an IANA time zone"));
  EXPECT_FALSE(TimeZone::Find("").ok());
  EXPECT_TRUE(TimeZone::Find("UTC").ok());
}

// tzdata 2024a: Kazakhstan unified on UTC+5 on 1 March 2024. ICU's
// embedded copy was older and kept Almaty at UTC+6.
TEST(TimeZoneTest, AlmatyIsUtcPlusFiveFromMarch2024) {
  const TimeZone almaty = *TimeZone::Find("Asia/Almaty");
  const TimeZone moscow = *TimeZone::Find("Europe/Moscow");
  EXPECT_EQ(almaty.OffsetMinutes(*ParseTimestamp("2024-02-29T12:00:00Z")), 360);
  EXPECT_EQ(almaty.OffsetMinutes(*ParseTimestamp("2024-03-01T12:00:00Z")), 300);
  // A 10:00 Moscow meeting is at 12:00 in Almaty now, 13:00 before the change.
  EXPECT_EQ(almaty.ToLocal(*moscow.ToUtc(L(2026, 6, 16, 10, 0))), L(2026, 6, 16, 12, 0));
  EXPECT_EQ(almaty.ToLocal(*moscow.ToUtc(L(2024, 2, 20, 10, 0))), L(2024, 2, 20, 13, 0));
  const std::string v = almaty.VTimeZone(*ParseTimestamp("2023-06-01T00:00:00Z"), *ParseTimestamp("2027-01-01T00:00:00Z"));
  EXPECT_THAT(v, HasSubstr("TZOFFSETFROM:+0600\r\nTZOFFSETTO:+0500\r\n"));
  // Written in the wall time before the change: 00:00 on 1 March at UTC+6.
  EXPECT_THAT(v, HasSubstr("DTSTART:20240301T000000\r\nTZOFFSETFROM:+0600"));
  const std::string now = almaty.VTimeZone(*ParseTimestamp("2026-06-01T00:00:00Z"), *ParseTimestamp("2027-01-01T00:00:00Z"));
  EXPECT_THAT(now, HasSubstr("TZOFFSETTO:+0500"));
  EXPECT_THAT(now, Not(HasSubstr("TZOFFSETTO:+0600")));
}

// A zone name becomes a path under the zoneinfo directory: only IANA-shaped
// names get that far.
TEST(TimeZoneTest, NamesThatAreNotZoneNamesNeverReachTheFileSystem) {
  for (const char* name : {"/etc/passwd", "../../etc/passwd", "Europe/../../etc/passwd", "file:/etc/passwd",
                           "Europe//Moscow", "Europe/Moscow/", "/Europe/Moscow", "Europe/Mos cow", "Europe\\Moscow",
                           "./UTC", "-UTC"}) {
    EXPECT_THAT(TimeZone::Find(name).status().message(), HasSubstr("not an IANA time zone")) << name;
  }
  EXPECT_TRUE(TimeZone::Find("America/Argentina/Buenos_Aires").ok());
  EXPECT_TRUE(TimeZone::Find("Etc/GMT+5").ok());
  EXPECT_TRUE(TimeZone::Find("Asia/Tashkent").ok());
}

TEST(TimeZoneTest, SaysWhichTzdataItReads) {
  const std::string version = TimeZone::DataVersion();
  // The system's tzdata ("2025b"): four digits and a letter.
  ASSERT_EQ(version.size(), 5u) << version;
  EXPECT_TRUE(std::isdigit(static_cast<unsigned char>(version[0])) && std::isalpha(static_cast<unsigned char>(version[4])));
  EXPECT_GE(version, "2024a") << "Kazakhstan's change came with 2024a";
}

TEST(TimeZoneTest, WritesAVTimeZone) {
  const TimeZone berlin = *TimeZone::Find("Europe/Berlin");
  const std::string v = berlin.VTimeZone(*berlin.ToUtc(L(2026, 1, 1, 0, 0)), *berlin.ToUtc(L(2027, 1, 1, 0, 0)));
  EXPECT_THAT(v, HasSubstr("BEGIN:VTIMEZONE"));
  EXPECT_THAT(v, HasSubstr("TZID:Europe/Berlin"));
  EXPECT_THAT(v, HasSubstr("BEGIN:DAYLIGHT"));
  EXPECT_THAT(v, HasSubstr("END:VTIMEZONE"));
  EXPECT_THAT(v, HasSubstr("\r\n"));
}

}  // namespace
}  // namespace biobridge
