#include "base/time.h"

#include <fmt/format.h>


namespace biobridge {
namespace {

bool ParseDigits(std::string_view text, std::size_t pos, std::size_t count, int& out) {
  if (pos + count > text.size()) return false;
  int value = 0;
  for (std::size_t i = pos; i < pos + count; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    value = value * 10 + (text[i] - '0');
  }
  out = value;
  return true;
}

}  // namespace

std::string FormatTimestamp(Timestamp t) {
  using namespace std::chrono;
  const auto day = floor<days>(t);
  const year_month_day ymd{day};
  const hh_mm_ss<milliseconds> hms{t - day};
  // Written digit by digit: every record of every answer carries two of these.
  const int year = static_cast<int>(ymd.year());
  if (year < 0 || year > 9999) {
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", year, static_cast<unsigned>(ymd.month()),
                       static_cast<unsigned>(ymd.day()), hms.hours().count(), hms.minutes().count(), hms.seconds().count());
  }
  char text[24] = "0000-00-00T00:00:00.000";
  auto put = [&text](int at, long long value, int width) {
    for (int i = at + width - 1; i >= at; --i, value /= 10) text[i] = static_cast<char>('0' + value % 10);
  };
  put(0, year, 4);
  put(5, static_cast<unsigned>(ymd.month()), 2);
  put(8, static_cast<unsigned>(ymd.day()), 2);
  put(11, hms.hours().count(), 2);
  put(14, hms.minutes().count(), 2);
  put(17, hms.seconds().count(), 2);
  std::size_t length = 19;
  if (hms.subseconds().count() != 0) {
    put(20, hms.subseconds().count(), 3);
    length = 23;
  }
  std::string out(text, length);
  out += 'Z';
  return out;
}

Result<Timestamp> ParseTimestamp(std::string_view text) {
  using namespace std::chrono;
  auto bad = [&] {
    return InvalidArgumentError("", fmt::format("'{}' is not a UTC timestamp; write it as "
                                                "YYYY-MM-DDTHH:MM:SSZ", text));
  };
  if (text.size() < 20 || text[10] != 'T' || text.back() != 'Z') return bad();
  auto date = ParseDate(text.substr(0, 10));
  if (!date.ok()) return bad();
  int h, m, s, ms = 0;
  if (!ParseDigits(text, 11, 2, h) || text[13] != ':' || !ParseDigits(text, 14, 2, m) ||
      text[16] != ':' || !ParseDigits(text, 17, 2, s)) {
    return bad();
  }
  if (text.size() == 24) {
    if (text[19] != '.' || !ParseDigits(text, 20, 3, ms)) return bad();
  } else if (text.size() != 20) {
    return bad();
  }
  if (h > 23 || m > 59 || s > 59) return bad();
  const sys_days day{year{date->year} / month{date->month} / std::chrono::day{date->day}};
  return Timestamp{day + hours{h} + minutes{m} + seconds{s} + milliseconds{ms}};
}

std::int64_t ToUnixMillis(Timestamp t) { return t.time_since_epoch().count(); }
Timestamp FromUnixMillis(std::int64_t millis) { return Timestamp{std::chrono::milliseconds{millis}}; }

std::string FormatDate(const Date& date) {
  return fmt::format("{:04}-{:02}-{:02}", date.year, date.month, date.day);
}

Result<Date> ParseDate(std::string_view text) {
  int y, m, d;
  if (text.size() != 10 || text[4] != '-' || text[7] != '-' || !ParseDigits(text, 0, 4, y) ||
      !ParseDigits(text, 5, 2, m) || !ParseDigits(text, 8, 2, d)) {
    return InvalidArgumentError("", fmt::format("'{}' is not a date; write it as YYYY-MM-DD", text));
  }
  const std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{unsigned(m)},
                                        std::chrono::day{unsigned(d)}};
  if (!ymd.ok()) {
    return InvalidArgumentError("", fmt::format("'{}' is not a calendar date", text));
  }
  return Date{y, unsigned(m), unsigned(d)};
}

Timestamp SystemClock::Now() const {
  return std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
}

Timestamp ManualClock::Now() const {
  std::lock_guard lock(mutex_);
  return now_;
}

void ManualClock::Advance(std::chrono::milliseconds by) {
  std::lock_guard lock(mutex_);
  now_ += by;
}

void ManualClock::Set(Timestamp t) {
  std::lock_guard lock(mutex_);
  now_ = t;
}

Date DateOf(Timestamp t) {
  const std::chrono::year_month_day ymd{std::chrono::floor<std::chrono::days>(t)};
  return {static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day())};
}

}  // namespace biobridge

namespace biobridge {

int DaysBetween(const Date& from, const Date& to) {
  using namespace std::chrono;
  const sys_days a{year{from.year} / month{from.month} / day{from.day}};
  const sys_days b{year{to.year} / month{to.month} / day{to.day}};
  return static_cast<int>((b - a).count());
}

}  // namespace biobridge
