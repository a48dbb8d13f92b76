#include "base/time_zone.h"

#include <fmt/format.h>
#include <unicode/gregocal.h>
#include <unicode/timezone.h>
#include <unicode/vtzone.h>

#include <charconv>

namespace biobridge {

struct TimeZone::Zone {
  std::unique_ptr<icu::TimeZone> zone;
};

namespace {

bool Number(std::string_view text, unsigned& out) {
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), out);
  return error == std::errc() && end == text.data() + text.size();
}

// A Gregorian calendar in `zone` (ICU calendars are not shared between threads).
std::unique_ptr<icu::Calendar> CalendarIn(const icu::TimeZone& zone) {
  UErrorCode status = U_ZERO_ERROR;
  auto calendar = std::make_unique<icu::GregorianCalendar>(zone, status);
  if (U_FAILURE(status)) return nullptr;
  // Far back enough that every date BioBridge handles is Gregorian.
  calendar->setGregorianChange(-1e18, status);
  return calendar;
}

}  // namespace

Result<LocalDateTime> ParseLocalDateTime(std::string_view text) {
  std::string_view t = text;
  if (t.size() == 19 && t.substr(16) == ":00") t = t.substr(0, 16);
  LocalDateTime out;
  unsigned year = 0;
  const bool shape = t.size() == 16 && t[4] == '-' && t[7] == '-' && t[10] == 'T' && t[13] == ':';
  if (!shape || !Number(t.substr(0, 4), year) || !Number(t.substr(5, 2), out.month) || !Number(t.substr(8, 2), out.day) ||
      !Number(t.substr(11, 2), out.hour) || !Number(t.substr(14, 2), out.minute)) {
    return InvalidArgumentError("", fmt::format("'{}' is not a local time written YYYY-MM-DDTHH:MM", text));
  }
  out.year = int(year);
  const Result<Date> date = ParseDate(t.substr(0, 10));
  if (!date.ok()) return InvalidArgumentError("", date.status().message());
  if (out.hour > 23 || out.minute > 59) return InvalidArgumentError("", fmt::format("'{}' is not a time of day", text));
  return out;
}

std::string FormatLocalDateTime(const LocalDateTime& t) {
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}", t.year, t.month, t.day, t.hour, t.minute);
}

Result<TimeZone> TimeZone::Find(std::string_view iana_name) {
  const icu::UnicodeString id = icu::UnicodeString::fromUTF8(icu::StringPiece(iana_name.data(), int32_t(iana_name.size())));
  std::unique_ptr<icu::TimeZone> zone(icu::TimeZone::createTimeZone(id));
  icu::UnicodeString found;
  if (zone) zone->getID(found);
  if (!zone || found == UNICODE_STRING_SIMPLE("Etc/Unknown") || iana_name.empty()) {
    return InvalidArgumentError("", fmt::format("'{}' is not an IANA time zone; use a name such as Europe/Moscow, "
                                                "Asia/Shanghai or UTC",
                                                iana_name));
  }
  auto shared = std::make_shared<Zone>();
  shared->zone = std::move(zone);
  return TimeZone(std::move(shared), std::string(iana_name));
}

Result<Timestamp> TimeZone::ToUtc(const LocalDateTime& local) const {
  auto calendar = CalendarIn(*zone_->zone);
  if (!calendar) return InternalError("ICU cannot make a calendar");
  calendar->setRepeatedWallTimeOption(UCAL_WALLTIME_FIRST);
  calendar->setSkippedWallTimeOption(UCAL_WALLTIME_NEXT_VALID);
  calendar->clear();
  calendar->set(local.year, int32_t(local.month) - 1, int32_t(local.day), int32_t(local.hour), int32_t(local.minute), 0);
  UErrorCode status = U_ZERO_ERROR;
  const UDate millis = calendar->getTime(status);
  if (U_FAILURE(status)) return InternalError(fmt::format("ICU cannot place {} in {}", FormatLocalDateTime(local), id_));
  const Timestamp t = FromUnixMillis(std::int64_t(millis));
  if (ToLocal(t) != local) {  // moved to the next valid time: the zone skips this one
    return InvalidArgumentError("", fmt::format("{} does not exist in {} (the clocks go forward then)",
                                                FormatLocalDateTime(local), id_));
  }
  return t;
}

LocalDateTime TimeZone::ToLocal(Timestamp t) const {
  auto calendar = CalendarIn(*zone_->zone);
  UErrorCode status = U_ZERO_ERROR;
  calendar->setTime(UDate(ToUnixMillis(t)), status);
  auto field = [&](UCalendarDateFields f) { return calendar->get(f, status); };
  return LocalDateTime{field(UCAL_YEAR), unsigned(field(UCAL_MONTH) + 1), unsigned(field(UCAL_DATE)),
                       unsigned(field(UCAL_HOUR_OF_DAY)), unsigned(field(UCAL_MINUTE))};
}

int TimeZone::OffsetMinutes(Timestamp t) const {
  int32_t raw = 0, dst = 0;
  UErrorCode status = U_ZERO_ERROR;
  zone_->zone->getOffset(UDate(ToUnixMillis(t)), false, raw, dst, status);
  return (raw + dst) / 60000;
}

std::string TimeZone::VTimeZone(Timestamp from) const {
  const icu::UnicodeString id = icu::UnicodeString::fromUTF8(id_);
  std::unique_ptr<icu::VTimeZone> vtz(icu::VTimeZone::createVTimeZoneByID(id));
  icu::UnicodeString text;
  UErrorCode status = U_ZERO_ERROR;
  vtz->write(UDate(ToUnixMillis(from)), text, status);
  std::string out;
  text.toUTF8String(out);
  return out;
}

}  // namespace biobridge
