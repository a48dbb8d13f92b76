#include "base/time.h"

#include <gtest/gtest.h>

namespace biobridge {
namespace {

TEST(TimeTest, TimestampsRoundTrip) {
  for (const char* text : {"2026-11-23T09:30:00Z", "2024-02-29T23:59:59.125Z", "1970-01-01T00:00:00Z",
                           "2026-12-06T04:05:06.007Z", "0999-01-02T03:04:05Z"}) {
    auto t = ParseTimestamp(text);
    ASSERT_TRUE(t.ok()) << text;
    EXPECT_EQ(FormatTimestamp(*t), text);
  }
  EXPECT_EQ(ToUnixMillis(*ParseTimestamp("1970-01-01T00:00:01.500Z")), 1500);
}

TEST(TimeTest, RefusesMalformedTimestamps) {
  for (const char* text : {"2026-11-23 09:30:00Z", "2026-11-23T25:00:00Z", "2026-02-30T00:00:00Z",
                           "2026-11-23T09:30:00", "2026-11-23T09:30:00+03:00"}) {
    EXPECT_FALSE(ParseTimestamp(text).ok()) << text;
  }
}

TEST(TimeTest, DatesAreCalendarDates) {
  auto d = ParseDate("2027-05-01");
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(FormatDate(*d), "2027-05-01");
  EXPECT_TRUE(ParseDate("2028-02-29").ok());
  EXPECT_FALSE(ParseDate("2027-02-29").ok());
  EXPECT_FALSE(ParseDate("2027-13-01").ok());
  EXPECT_FALSE(ParseDate("1 May 2027").ok());
  EXPECT_LT(*ParseDate("2026-12-31"), *ParseDate("2027-01-01"));
}

TEST(TimeTest, ManualClockMovesOnlyWhenTold) {
  ManualClock clock(*ParseTimestamp("2026-01-01T00:00:00Z"));
  EXPECT_EQ(FormatTimestamp(clock.Now()), "2026-01-01T00:00:00Z");
  clock.Advance(std::chrono::hours(25));
  EXPECT_EQ(FormatTimestamp(clock.Now()), "2026-01-02T01:00:00Z");
}

}  // namespace
TEST(DateOfTest, IsTheUtcCalendarDate) {
  EXPECT_EQ(DateOf(*ParseTimestamp("2026-11-23T23:59:59Z")), (Date{2026, 11, 23}));
  EXPECT_EQ(DateOf(*ParseTimestamp("2024-02-29T00:00:00Z")), (Date{2024, 2, 29}));
}

}  // namespace biobridge
