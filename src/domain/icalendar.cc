#include "domain/icalendar.h"

#include <fmt/format.h>

#include <algorithm>

namespace biobridge::domain {
namespace {

std::string Local(const TimeZone& zone, Timestamp t) {
  const LocalDateTime l = zone.ToLocal(t);
  return fmt::format("{:04}{:02}{:02}T{:02}{:02}00", l.year, l.month, l.day, l.hour, l.minute);
}

std::string Utc(Timestamp t) {
  std::string iso = FormatTimestamp(std::chrono::floor<std::chrono::seconds>(t));  // 2026-11-23T12:00:00Z
  std::erase(iso, '-');
  std::erase(iso, ':');
  return iso;
}

// Folds a content line at 75 octets (continuations start with a space),
// never inside a UTF-8 sequence, and ends it with CRLF.
void AppendLine(std::string& out, std::string_view line) {
  std::size_t limit = 75;
  while (line.size() > limit) {
    std::size_t cut = limit;
    while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
    out.append(line.substr(0, cut));
    out.append("\r\n ");
    line.remove_prefix(cut);
    limit = 74;  // the leading space counts
  }
  out.append(line);
  out.append("\r\n");
}

}  // namespace

std::string EscapeCalendarText(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    switch (c) {
      case '\\': out += "\\\\"; break;
      case ';': out += "\\;"; break;
      case ',': out += "\\,"; break;
      case '\r':
        if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
        out += "\\n";
        break;
      case '\n': out += "\\n"; break;
      default: out += c;
    }
  }
  return out;
}

namespace {

// A parameter value (RFC 5545 3.2): quoted, without the characters a quoted
// value cannot hold.
std::string ParamValue(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c != '"' && static_cast<unsigned char>(c) >= 0x20 && c != 0x7F) out += c;
  }
  return out + "\"";
}

}  // namespace

std::string ToICalendar(const Calendar& c) {
  std::string out;
  AppendLine(out, "BEGIN:VCALENDAR");
  AppendLine(out, "VERSION:2.0");
  AppendLine(out, "PRODID:-//BioBridge//Partnering agenda//EN");
  AppendLine(out, "CALSCALE:GREGORIAN");
  AppendLine(out, "METHOD:" + c.method);
  if (!c.name.empty()) AppendLine(out, "X-WR-CALNAME:" + EscapeCalendarText(c.name));
  AppendLine(out, "X-WR-TIMEZONE:" + c.zone.id());
  // The zone's rules over the calendar's span, with a year's margin either side.
  Timestamp from = c.stamp;
  Timestamp until = c.stamp;
  for (const CalendarEntry& e : c.entries) from = std::min(from, e.start), until = std::max(until, e.end);
  constexpr auto kYear = std::chrono::hours(24 * 366);
  std::string vtimezone = c.zone.VTimeZone(from - kYear, until + kYear);
  while (!vtimezone.empty() && (vtimezone.back() == '\n' || vtimezone.back() == '\r')) vtimezone.pop_back();
  std::size_t begin = 0;
  while (begin <= vtimezone.size()) {
    std::size_t end = vtimezone.find('\n', begin);
    if (end == std::string::npos) end = vtimezone.size();
    std::string_view line(vtimezone.data() + begin, end - begin);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!line.empty()) AppendLine(out, line);
    begin = end + 1;
  }
  for (const CalendarEntry& e : c.entries) {
    AppendLine(out, "BEGIN:VEVENT");
    AppendLine(out, "UID:" + e.uid);
    AppendLine(out, "DTSTAMP:" + Utc(c.stamp));
    AppendLine(out, fmt::format("DTSTART;TZID={}:{}", c.zone.id(), Local(c.zone, e.start)));
    AppendLine(out, fmt::format("DTEND;TZID={}:{}", c.zone.id(), Local(c.zone, e.end)));
    AppendLine(out, fmt::format("SEQUENCE:{}", e.sequence));
    AppendLine(out, e.cancelled ? "STATUS:CANCELLED" : "STATUS:CONFIRMED");
    AppendLine(out, "SUMMARY:" + EscapeCalendarText(e.summary));
    if (!e.description.empty()) AppendLine(out, "DESCRIPTION:" + EscapeCalendarText(e.description));
    if (!e.location.empty()) AppendLine(out, "LOCATION:" + EscapeCalendarText(e.location));
    if (!e.url.empty()) {  // a URI value: no TEXT escaping (the address was checked when the event was saved)
      AppendLine(out, "URL:" + e.url);
      AppendLine(out, "CONFERENCE;VALUE=URI;FEATURE=VIDEO:" + e.url);
    }
    if (!c.organizer.email.empty()) {
      AppendLine(out, fmt::format("ORGANIZER;CN={}:mailto:{}", ParamValue(c.organizer.name), c.organizer.email));
    }
    for (const CalendarPerson& a : e.attendees) {
      AppendLine(out, fmt::format("ATTENDEE;CN={};ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;RSVP=FALSE:mailto:{}",
                                  ParamValue(a.name), a.email));
    }
    AppendLine(out, "END:VEVENT");
  }
  AppendLine(out, "END:VCALENDAR");
  return out;
}

}  // namespace biobridge::domain
