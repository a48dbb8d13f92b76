// Time in BioBridge: UTC timestamps with millisecond precision, calendar dates,
// and a Clock interface so that tests inject time instead of reading it.
#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>

#include "base/status.h"

namespace biobridge {

using Timestamp = std::chrono::sys_time<std::chrono::milliseconds>;

// "2026-11-23T09:30:00.125Z" (milliseconds shown only when non-zero).
std::string FormatTimestamp(Timestamp t);
// Accepts "YYYY-MM-DDTHH:MM:SS[.fff]Z"; kInvalidArgument otherwise.
Result<Timestamp> ParseTimestamp(std::string_view text);
std::int64_t ToUnixMillis(Timestamp t);
Timestamp FromUnixMillis(std::int64_t millis);

// A calendar date without time zone, as used for expiry dates.
struct Date {
  int year = 0;
  unsigned month = 0;
  unsigned day = 0;
  friend auto operator<=>(const Date&, const Date&) = default;
};

// "2027-05-01".
std::string FormatDate(const Date& date);
// Accepts only real dates written YYYY-MM-DD; the message says what is wrong.
Result<Date> ParseDate(std::string_view text);
// The UTC calendar date of a moment.
Date DateOf(Timestamp t);
// Days from `from` to `to` (negative when `to` is earlier).
int DaysBetween(const Date& from, const Date& to);

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Timestamp Now() const = 0;
};

class SystemClock final : public Clock {
 public:
  Timestamp Now() const override;
};

// A clock that moves only when told to; for tests. Thread-safe.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(Timestamp start) : now_(start) {}
  Timestamp Now() const override;
  void Advance(std::chrono::milliseconds by);
  void Set(Timestamp t);

 private:
  mutable std::mutex mutex_;
  Timestamp now_;
};

}  // namespace biobridge
