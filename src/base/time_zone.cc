#include "base/time_zone.h"

#include <cctz/civil_time.h>
#include <cctz/time_zone.h>
#include <fmt/format.h>

#include <charconv>
#include <cstdlib>
#include <fstream>
#include <string>

namespace biobridge {

struct TimeZone::Zone {
  cctz::time_zone zone;
};

namespace {

bool Number(std::string_view text, unsigned& out) {
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), out);
  return error == std::errc() && end == text.data() + text.size();
}

// An IANA name is letters, digits, '_', '-' and '+' in '/'-separated parts
// ("America/Argentina/Buenos_Aires", "Etc/GMT+5"). Anything else — an
// absolute path, "..", cctz's "file:" prefix — is refused before the name
// becomes a path under the zoneinfo directory.
bool IsZoneName(std::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  std::size_t part = 0;
  for (const char c : name) {
    if (c == '/') {
      if (part == 0) return false;
      part = 0;
      continue;
    }
    const bool letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    const bool other = (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '+';
    if (!letter && !(other && part > 0)) return false;
    ++part;
  }
  return part > 0;
}

cctz::time_point<cctz::seconds> Seconds(Timestamp t) {
  return std::chrono::floor<std::chrono::seconds>(t);
}

std::string Offset(int seconds) {
  const char sign = seconds < 0 ? '-' : '+';
  const int s = std::abs(seconds);
  return fmt::format("{}{:02}{:02}{}", sign, s / 3600, s / 60 % 60, s % 60 ? fmt::format("{:02}", s % 60) : "");
}

std::string IcsLocal(const cctz::civil_second& t) {
  return fmt::format("{:04}{:02}{:02}T{:02}{:02}{:02}", t.year(), t.month(), t.day(), t.hour(), t.minute(), t.second());
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
  auto shared = std::make_shared<Zone>();
  if (!IsZoneName(iana_name) || !cctz::load_time_zone(std::string(iana_name), &shared->zone)) {
    return InvalidArgumentError("", fmt::format("'{}' is not an IANA time zone; use a name such as Europe/Moscow, "
                                                "Asia/Shanghai or UTC",
                                                iana_name));
  }
  return TimeZone(std::move(shared), std::string(iana_name));
}

std::string TimeZone::DataVersion() {
  const char* dir = std::getenv("TZDIR");  // where cctz reads the zones from, as it does
  std::ifstream in(std::string(dir != nullptr && *dir != '\0' ? dir : "/usr/share/zoneinfo") + "/tzdata.zi");
  std::string line;
  if (in && std::getline(in, line) && line.starts_with("# version ")) return line.substr(10);
  return "unknown";
}

Result<Timestamp> TimeZone::ToUtc(const LocalDateTime& local) const {
  const cctz::civil_second wall(local.year, int(local.month), int(local.day), int(local.hour), int(local.minute), 0);
  const cctz::time_zone::civil_lookup found = zone_->zone.lookup(wall);
  if (found.kind == cctz::time_zone::civil_lookup::SKIPPED) {
    return InvalidArgumentError("", fmt::format("{} does not exist in {} (the clocks go forward then)",
                                                FormatLocalDateTime(local), id_));
  }
  // UNIQUE: the one moment; REPEATED: the first of the two (before the clocks go back).
  return Timestamp(std::chrono::duration_cast<std::chrono::milliseconds>(found.pre.time_since_epoch()));
}

LocalDateTime TimeZone::ToLocal(Timestamp t) const {
  const cctz::civil_second c = zone_->zone.lookup(Seconds(t)).cs;
  return LocalDateTime{int(c.year()), unsigned(c.month()), unsigned(c.day()), unsigned(c.hour()), unsigned(c.minute())};
}

int TimeZone::OffsetMinutes(Timestamp t) const { return zone_->zone.lookup(Seconds(t)).offset / 60; }

std::string TimeZone::VTimeZone(Timestamp from, Timestamp until) const {
  const cctz::time_zone& zone = zone_->zone;
  std::string out = fmt::format("BEGIN:VTIMEZONE\r\nTZID:{}\r\n", id_);
  auto observance = [&](const cctz::civil_second& onset, const cctz::time_zone::absolute_lookup& before,
                        const cctz::time_zone::absolute_lookup& after) {
    const char* kind = after.is_dst ? "DAYLIGHT" : "STANDARD";
    out += fmt::format("BEGIN:{0}\r\nDTSTART:{1}\r\nTZOFFSETFROM:{2}\r\nTZOFFSETTO:{3}\r\nTZNAME:{4}\r\nEND:{0}\r\n", kind,
                       IcsLocal(onset), Offset(before.offset), Offset(after.offset), after.abbr);
  };
  // The observance in force at `from` (from its last change, or from 1970
  // for a zone that never changed), then every change up to `until`.
  const auto start = Seconds(from);
  cctz::time_zone::civil_transition change;
  if (zone.prev_transition(start + cctz::seconds(1), &change)) {
    const auto at = zone.lookup(change.to).trans;
    observance(change.from, zone.lookup(at - cctz::seconds(1)), zone.lookup(at));
  } else {
    const cctz::time_zone::absolute_lookup now = zone.lookup(start);
    observance(cctz::civil_second(1970, 1, 1, 0, 0, 0), now, now);
  }
  for (auto t = start; zone.next_transition(t, &change);) {
    const auto at = zone.lookup(change.to).trans;
    if (at > Seconds(until)) break;
    observance(change.from, zone.lookup(at - cctz::seconds(1)), zone.lookup(at));
    t = at;
  }
  out += "END:VTIMEZONE\r\n";
  return out;
}

}  // namespace biobridge
