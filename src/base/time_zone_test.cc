#include "base/time_zone.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace biobridge {
namespace {

using ::testing::HasSubstr;

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

TEST(TimeZoneTest, WritesAVTimeZone) {
  const TimeZone berlin = *TimeZone::Find("Europe/Berlin");
  const std::string v = berlin.VTimeZone(*berlin.ToUtc(L(2026, 1, 1, 0, 0)));
  EXPECT_THAT(v, HasSubstr("BEGIN:VTIMEZONE"));
  EXPECT_THAT(v, HasSubstr("TZID:Europe/Berlin"));
  EXPECT_THAT(v, HasSubstr("BEGIN:DAYLIGHT"));
  EXPECT_THAT(v, HasSubstr("END:VTIMEZONE"));
  EXPECT_THAT(v, HasSubstr("\r\n"));
}

}  // namespace
}  // namespace biobridge
