// IANA time zones, read from the system's tzdata (/usr/share/zoneinfo, or
// $TZDIR) through cctz: an event's slots are local times in its zone;
// agendas and calendars show them in each delegate's own zone. The
// operating system keeps tzdata current (Kazakhstan moved to UTC+5 on
// 1 March 2024); a library's embedded copy would not be. LocalDateTime is a
// wall-clock time without a zone.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "base/status.h"
#include "base/time.h"

namespace biobridge {

struct LocalDateTime {
  int year = 0;
  unsigned month = 0;   // 1-12
  unsigned day = 0;
  unsigned hour = 0;
  unsigned minute = 0;
  friend auto operator<=>(const LocalDateTime&, const LocalDateTime&) = default;
};

// "2026-06-16T09:00" (seconds, if given, must be ":00").
Result<LocalDateTime> ParseLocalDateTime(std::string_view text);
std::string FormatLocalDateTime(const LocalDateTime& time);

class TimeZone {
 public:
  // kInvalidArgument for a name that is not an IANA time zone
  // ("Europe/Moscow", "Asia/Shanghai", "UTC").
  static Result<TimeZone> Find(std::string_view iana_name);

  const std::string& id() const { return id_; }

  // The version of the tzdata in use ("2025b"), or "unknown".
  static std::string DataVersion();

  // The moment a wall-clock time names in this zone. kInvalidArgument for a
  // time the zone skips (a daylight-saving gap); a repeated time (when the
  // clocks go back) is its first occurrence.
  Result<Timestamp> ToUtc(const LocalDateTime& local) const;
  LocalDateTime ToLocal(Timestamp t) const;
  // Minutes east of UTC at `t`.
  int OffsetMinutes(Timestamp t) const;
  // An RFC 5545 VTIMEZONE component for this zone (CRLF line ends): the
  // observance in force at `from`, then each change of offset up to
  // `until`, every one written out (no RRULE: what tzdata says, exactly).
  std::string VTimeZone(Timestamp from, Timestamp until) const;

 private:
  struct Zone;
  explicit TimeZone(std::shared_ptr<const Zone> zone, std::string id) : zone_(std::move(zone)), id_(std::move(id)) {}
  std::shared_ptr<const Zone> zone_;
  std::string id_;
};

}  // namespace biobridge
